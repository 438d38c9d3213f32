package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"kb/generator/diag"
)

// TestKeysAreCaseSensitive checks that a setting written in another letter
// case is an unknown setting, naming the one meant, and takes no effect
// (BurntSushi/toml alone matches keys ignoring case).
func TestKeysAreCaseSensitive(t *testing.T) {
	src := "baseurl = \"https://example.org/kb/\"\nTITLE = \"Other\"\nSearch = false\n"
	var diags diag.List
	cfg := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, &diag.Files{}, &diags)
	if cfg.BaseURL != "" || cfg.Title != Default().Title || !cfg.Search {
		t.Errorf("keys in another case took effect: baseURL %q, title %q, search %v", cfg.BaseURL, cfg.Title, cfg.Search)
	}
	want := []struct {
		line       int
		key, meant string
	}{{1, "baseurl", "baseURL"}, {2, "TITLE", "title"}, {3, "Search", "search"}}
	items := diags.Items()
	if len(items) != len(want) {
		t.Fatalf("%d diagnostics, want %d: %v", len(items), len(want), items)
	}
	for i, w := range want {
		d := items[i]
		if d.Rule != "config-unknown-key" || d.Line != w.line || d.Col != 1 ||
			!strings.Contains(d.Message, `"`+w.key+`" (did you mean "`+w.meant+`"?`) {
			t.Errorf("diagnostic %d: %d:%d %s [%s], want line %d, unknown %q meaning %q", i, d.Line, d.Col, d.Message, d.Rule, w.line, w.key, w.meant)
		}
	}
}
