package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"kb/generator/diag"
)

// TestContentPublish: [content] publish is read, and a pattern path.Match
// cannot use (or an empty or site-absolute one) is an error at the key.
func TestContentPublish(t *testing.T) {
	var diags diag.List
	cfg := Load(fstest.MapFS{FileName: {Data: []byte("[content]\npublish = [\"*.html\", \"downloads/*.ps1\"]\n")}}, &diag.Files{}, &diags)
	if diags.Len() != 0 || !slices.Equal(cfg.Content.Publish, []string{"*.html", "downloads/*.ps1"}) {
		t.Errorf("publish %v, diagnostics %v", cfg.Content.Publish, diags.Items())
	}
	for _, bad := range []string{`"[x"`, `""`, `"/abs/*.html"`} {
		var diags diag.List
		Load(fstest.MapFS{FileName: {Data: []byte("title = \"T\"\n[content]\npublish = [" + bad + "]\n")}}, &diag.Files{}, &diags)
		items := diags.Items()
		if len(items) != 1 || items[0].Rule != "config-value" || items[0].Line != 3 || !strings.Contains(items[0].Message, "[content] publish") {
			t.Errorf("publish = [%s]: %v", bad, items)
		}
	}
}
