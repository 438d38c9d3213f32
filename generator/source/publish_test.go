package source

import (
	"slices"
	"strings"
	"testing"

	"kb/generator/diag"
)

// TestPublish: passive types are published, checked SVGs too; active and
// unknown types only when a [content] publish pattern names them.
func TestPublish(t *testing.T) {
	src := load(t, map[string]string{
		"content/a.md":              "# A\n",
		"content/media/p.PNG":       "png",
		"content/media/ok.svg":      `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"content/media/bad.svg":     `<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>`,
		"content/x.html":            "<script>x()</script>",
		"content/web/y.html":        "<script>x()</script>",
		"content/report.html.gz":    "gz",
		"content/notes.txt":         "text",
		"content/run.ps1":           "Get-Item",
		"content/tools/setup.ps1":   "Get-Item",
		"content/CNAME":             "kb.example.org",
		"content/only/skipped.html": "<script>x()</script>",
	})
	var diags diag.List
	src.Publish([]string{"web/*.html", "*.ps1"}, &diags)
	want := []string{"media/ok.svg", "media/p.PNG", "notes.txt", "run.ps1", "tools/setup.ps1", "web/y.html"}
	if !slices.Equal(src.Static, want) {
		t.Errorf("published %v, want %v", src.Static, want)
	}
	var got []string
	for _, d := range diags.Items() {
		if d.Rule != "content-file-skipped" || d.Severity != diag.Warning {
			t.Errorf("%s", d)
		}
		got = append(got, d.Path)
	}
	// Relative to the source folder, as every diagnostic's path.
	if skipped := []string{"content/CNAME", "content/media/bad.svg", "content/only/skipped.html", "content/report.html.gz", "content/x.html"}; !slices.Equal(got, skipped) {
		t.Errorf("reported %v, want %v", got, skipped)
	}
	// ContentFile maps a diagnostic's path back to the content file, one
	// not published too; other paths name no content file.
	for sourcePath, want := range map[string]string{"content/a.md": "a.md", "content/x.html": "x.html", "content/media/p.PNG": "media/p.PNG",
		"content/none.md": "", "a.md": "", "rules/matrix.toml": "", "config.toml": ""} {
		if got, ok := src.ContentFile(sourcePath); got != want || ok != (want != "") {
			t.Errorf("ContentFile(%q) = %q, %v; want %q", sourcePath, got, ok, want)
		}
	}
	for _, f := range []string{"x.html", "media/bad.svg", "CNAME"} {
		why, ok := src.Unpublished(f)
		if !ok || why == "" || src.File(f) {
			t.Errorf("%s: Unpublished %q %v, File %v", f, why, ok, src.File(f))
		}
	}
	if _, ok := src.Unpublished("notes.txt"); ok || !src.File("notes.txt") {
		t.Error("notes.txt is published")
	}
	if src.Dir("only") || !src.Dir("media") {
		t.Error("a folder that holds only files that are not published still counts as a folder")
	}
	if why, _ := src.Unpublished("report.html.gz"); !strings.Contains(why, "*.html.gz") {
		t.Errorf("report.html.gz: %s", why)
	}
	if d := diags.Items()[1]; d.Line != 1 || d.Col != 41 {
		t.Errorf("the SVG's problem is at %d:%d, want its onload attribute at 1:41", d.Line, d.Col)
	}
}
