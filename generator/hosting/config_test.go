package hosting

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"kb/generator/config"
	"kb/generator/diag"
	"kb/generator/site"
	"kb/generator/source"
)

// countingFS counts the times each file is opened.
type countingFS struct {
	fs.FS
	opens map[string]int
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.opens[name]++
	return c.FS.Open(name)
}

// TestConfigReadOnce: config.toml is read by config.Load only; Redirects
// takes the positions of the [redirects] entries, and the lines they quote,
// from what Load recorded.
func TestConfigReadOnce(t *testing.T) {
	root := countingFS{FS: fstest.MapFS{config.FileName: {Data: []byte(
		"title = \"T\"\n\n[redirects]\n\"old/a.html\" = \"missing.md\"\n  \"https://x.org/b.html\" =   \"b.md\"\n")}}, opens: map[string]int{}}
	var diags diag.List
	cfg := config.Load(root, &diag.Files{}, &diags)
	s := site.New(cfg, nil, nil, "", &diags, site.Options{})
	Redirects(s, nil, nil, &source.Source{Root: root}, func(string) ([]byte, error) { return nil, fs.ErrNotExist }, &diags)
	if n := root.opens[config.FileName]; n != 1 {
		t.Errorf("config.toml opened %d times, want 1", n)
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String()+"\n"+d.Excerpt)
	}
	want := []string{
		"config.toml:4:16: error: redirect target \"missing.md\" is not a page or file of the site (looked for missing.md); fix the path, or remove the redirect [redirect-target]\n\"old/a.html\" = \"missing.md\"",
		"config.toml:5:3: error: old address \"https://x.org/b.html\" is a full URL; write the old page's path from the site root, such as \"old/page.html\" or \"old/folder/\" [redirect-syntax]\n  \"https://x.org/b.html\" =   \"b.md\"",
	}
	if strings.Join(got, "\n\n") != strings.Join(want, "\n\n") {
		t.Errorf("diagnostics:\n%s\n\nwant:\n%s", strings.Join(got, "\n\n"), strings.Join(want, "\n\n"))
	}
}
