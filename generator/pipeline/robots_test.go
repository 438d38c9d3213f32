package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"kb/generator/foldertest"
)

// A page with ROBOTS: NOINDEX is not in kb's search index: no document file
// or term holds its title, while the other page's does.
func TestNoIndexNotSearched(t *testing.T) {
	dir := foldertest.New(t, map[string]string{
		"content/index.md": "---\ntitle: Home\ndescription: d\n---\n# Home\n\nZebracorn pages: [draft](draft.md).\n",
		"content/draft.md": "---\ntitle: Quasarwidget\ndescription: d\nROBOTS: NOINDEX\n---\n# Quasarwidget\n\nQuasarwidget text.\n",
	})
	dest := filepath.Join(dir, "public")
	res, err := Build(Options{Source: dir, Dest: dest})
	if err != nil || !res.Written {
		t.Fatalf("build: %v, %v", err, res.Diagnostics.Items())
	}
	var index strings.Builder
	for name, body := range foldertest.Read(t, filepath.Join(dest, "search")) {
		index.WriteString(name + "\n" + body + "\n")
	}
	if !strings.Contains(index.String(), "zebracorn") {
		t.Fatalf("the index lacks the home page's words; is this the index?\n%.500s", index.String())
	}
	if s := strings.ToLower(index.String()); strings.Contains(s, "quasarwidget") {
		t.Errorf("the NOINDEX page is in the search index")
	}
}
