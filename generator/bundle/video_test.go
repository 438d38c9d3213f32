package bundle

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kb/generator/pipeline"
)

// TestVideoNeverEmbedded: a site that opts in to embedded video players
// ([video] embed = true) gets them in its build, but its offline bundles,
// zip and single file, have the link card only, so that they make no
// request.
func TestVideoNeverEmbedded(t *testing.T) {
	src := writeSite(t, map[string]string{
		"config.toml":    "title = \"Videos\"\n[video]\nembed = true\n",
		"content/vid.md": "---\ntitle: Video\ndescription: A video.\n---\n\n> [!VIDEO https://www.youtube.com/watch?v=dQw4w9WgXcQ]\n",
	})
	// The ordinary build embeds: the setting works, so its absence below
	// is the bundle's doing.
	dest := t.TempDir()
	if res, err := pipeline.Build(pipeline.Options{Source: src, Dest: dest}); err != nil || !res.Written {
		t.Fatalf("build: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "vid.html"))
	if err != nil {
		t.Fatal(err)
	}
	built := string(b)
	if !strings.Contains(built, "<iframe") {
		t.Fatalf("the site build has no player although config.toml asks for one:\n%s", built)
	}

	res, err := Make(Options{Source: src, Dest: t.TempDir(), Now: day})
	if err != nil || res.Path == "" {
		t.Fatalf("bundle: %v", err)
	}
	zr, err := zip.OpenReader(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "/vid.html") {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		found = true
		if strings.Contains(string(data), "<iframe") || !strings.Contains(string(data), `class="video-link"`) {
			t.Errorf("zip %s: want the link card and no iframe:\n%s", f.Name, data)
		}
	}
	if !found {
		t.Fatal("no vid.html in the zip")
	}
	single := string(singleFile(t, src))
	if strings.Contains(single, "<iframe") || !strings.Contains(single, "video-link") {
		t.Error("the single file embeds a player, or has no video card")
	}
}
