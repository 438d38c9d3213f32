package article

import (
	"strings"
	"testing"
)

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

// FuzzCodeXref renders an article with code includes of a fuzzed code file
// and cross references to known uids: no input may panic, and every
// diagnostic names a line of the article.
func FuzzCodeXref(f *testing.F) {
	f.Add("---\ntitle: A\n---\n:::code source=\"c.cs\" id=\"m\" highlight=\"1\":::\n\n[!code-csharp[](c.cs#L1-L2)]\n\nSee @b.page, <xref:b.page#x>, [t](xref:nope).\n", "#region m\nx\n#endregion\n")
	f.Add("[!code[](c.cs?range=2-&highlight=1,2)] @\"b.page\" a@b.page\n", "// <m>\n\ty\n// </m>\n")
	f.Fuzz(func(t *testing.T, src, code string) {
		files := mapFiles{"a.md": src, "c.cs": code, "b.md": "---\ntitle: B\n---\n# B\n"}
		p := NewParser(files, nil)
		p.SetXrefs(&Xrefs{Uids: map[string]XrefTarget{"b.page": {Path: "b.md", Title: "B <&>"}}})
		a, _ := ReadHeader("", "a.md", []byte(src))
		diags := p.Render(a, []byte(src))
		for _, d := range diags.Items() {
			if d.Path != "a.md" || d.Line < 0 {
				t.Fatalf("diagnostic %+v", d)
			}
		}
		if strings.Contains(string(a.Body), "<&>") {
			t.Fatal("a title written unescaped")
		}
	})
}
