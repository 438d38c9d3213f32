package embed_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kb/generator/embed"
	"kb/generator/pipeline"
)

// TestDocHashes builds the default site and compares the hashes of its
// embeds' inline scripts and styles, and of the resize listener, with the
// table in docs/embedding.md, which users copy into their policies.
func TestDocHashes(t *testing.T) {
	doc, err := os.ReadFile("../../docs/embedding.md")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Build(pipeline.Options{Source: "../..", Dest: dest})
	if err != nil || !res.Written {
		t.Fatalf("building the default site: %v", err)
	}
	want := map[string]string{"the resize listener, inline script": embed.Hash("\n" + embed.ListenerJS)}
	frames, _ := filepath.Glob(filepath.Join(dest, "embed", "*.html"))
	if len(frames) != len(res.Trees) || len(frames) == 0 {
		t.Fatalf("%d embed files for %d trees", len(frames), len(res.Trees))
	}
	for _, f := range frames {
		in := parseFrame(t, f, read(t, filepath.Dir(f), filepath.Base(f)))
		name := "`embed/" + filepath.Base(f) + "`"
		want[name+" script"] = strings.Join(directive(in.policy, "script-src"), " ")
		want[name+" style"] = strings.Join(directive(in.policy, "style-src"), " ")
	}
	row := regexp.MustCompile("(?m)^\\| (`embed/[^`]+`|the resize listener, inline) \\| (script|style) \\| `([^`]+)` \\|$")
	got := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		got[m[1]+" "+m[2]] = m[3]
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("docs/embedding.md, Hashes: %s is %q; the build writes %q. Update the table.", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("docs/embedding.md, Hashes: %s is not written by the build; remove the row", k)
		}
	}
	if !strings.Contains(string(doc), embed.ListenerSnippet()) {
		t.Error("docs/embedding.md does not show the resize listener as the Embed panel has it (embed.ListenerSnippet)")
	}
}
