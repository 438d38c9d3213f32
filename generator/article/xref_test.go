package article

import "testing"

func TestXrefHostURL(t *testing.T) {
	host := "https://learn.microsoft.com/en-us/dotnet/api/"
	for _, c := range []struct{ uid, anchor, want, text, query string }{
		{"System.String", "", host + "system.string", "String", ""},
		{"System.Collections.Generic.List`1", "", host + "system.collections.generic.list-1", "System.Collections.Generic.List`1", "displayProperty=fullName"},
		{"System.String.Format*", "", host + "system.string.format", "String.Format", "displayProperty=nameWithType"},
		{"System.String.Format(System.String,System.Object)", "remarks", host + "system.string.format#remarks", "Format", ""},
		{"A B", "", host + "a%20b", "A B", ""},
	} {
		if got := XrefHostURL(host, c.uid, c.anchor); got != c.want {
			t.Errorf("XrefHostURL(%q) = %q, want %q", c.uid, got, c.want)
		}
		if got := xrefDisplay(c.uid, c.query); got != c.text {
			t.Errorf("xrefDisplay(%q, %q) = %q, want %q", c.uid, c.query, got, c.text)
		}
	}
	if got := XrefHostURL("https://x/api", "A", ""); got != "https://x/api/a" {
		t.Errorf("host without a final slash: %q", got)
	}
}

func TestParseXref(t *testing.T) {
	for _, c := range []struct {
		in         string
		uid, query string
		anchor     string
		ok         bool
	}{
		{"xref:a.b", "a.b", "", "", true},
		{"XREF:a.b?displayProperty=fullName#x", "a.b", "displayProperty=fullName", "x", true},
		{"xref:List%601", "List`1", "", "", true},
		{"xref:", "", "", "", false},
		{"https://x", "", "", "", false},
	} {
		r, ok := parseXref(c.in)
		if ok != c.ok || ok && (r.uid != c.uid || r.query != c.query || r.anchor != c.anchor) {
			t.Errorf("parseXref(%q) = %+v, %v", c.in, r, ok)
		}
	}
}
