package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"kb/generator/diag"
)

// TestXrefHost: [xref] host is read; one that is not an http(s) address is
// an error at its value and is not used; another key of [xref] is unknown.
func TestXrefHost(t *testing.T) {
	var diags diag.List
	cfg := Load(fstest.MapFS{FileName: {Data: []byte("[xref]\nhost = \"https://learn.microsoft.com/en-us/dotnet/api/\"\n")}}, &diag.Files{}, &diags)
	if diags.Len() != 0 || cfg.Xref.Host != "https://learn.microsoft.com/en-us/dotnet/api/" {
		t.Errorf("host %q, diagnostics %v", cfg.Xref.Host, diags.Items())
	}
	for _, c := range []struct{ text, rule, msg string }{
		{"[xref]\nhost = \"javascript:alert(1)\"\n", "config-value", "[xref] host"},
		{"[xref]\nhost = \"https://x/<y>\"\n", "config-value", "[xref] host"},
		{"[xref]\nhots = \"https://x/\"\n", "config-unknown-key", "the setting of [xref] is host"},
	} {
		var diags diag.List
		cfg := Load(fstest.MapFS{FileName: {Data: []byte(c.text)}}, &diag.Files{}, &diags)
		items := diags.Items()
		if len(items) != 1 || items[0].Rule != c.rule || items[0].Line != 2 || !strings.Contains(items[0].Message, c.msg) || cfg.Xref.Host != "" {
			t.Errorf("%q: host %q, %v", c.text, cfg.Xref.Host, items)
		}
	}
}

// TestLearnHostSlash: [docfx] learn_host is kept without its final slash, the
// one form the links written under it expect (a Learn path starts with one).
func TestLearnHostSlash(t *testing.T) {
	var diags diag.List
	cfg := Load(fstest.MapFS{FileName: {Data: []byte("[docfx]\nlearn_host = \"https://learn.example.com/de-de/\"\n")}}, &diag.Files{}, &diags)
	if diags.Len() != 0 || cfg.Docfx.LearnHost != "https://learn.example.com/de-de" {
		t.Errorf("learn_host %q, diagnostics %v", cfg.Docfx.LearnHost, diags.Items())
	}
}
