package article

import (
	"bytes"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

// TestUnsafeURLs: an :::image source or a Markdown link or image whose URL
// could run script (javascript:, vbscript:, file:, data: other than a PNG,
// GIF, JPEG or WebP picture) is an error at the URL's column, and the URL is
// never written.
func TestUnsafeURLs(t *testing.T) {
	const head = "---\ntitle: A\ndescription: B.\n---\n\n"
	p := NewParser(noFiles{}, nil)
	for _, tc := range []struct {
		line string
		col  int
	}{
		{`:::image type="content" source="javascript:alert(1)" alt-text="x":::`, 25},
		{`:::image source="JavaScript:alert(1)" alt-text="x":::`, 10},
		{`:::image source="  javascript:alert(1)" alt-text="x":::`, 10},
		{":::image source=\"java\tscript:alert(1)\" alt-text=\"x\":::", 10},
		{`:::image source="vbscript:msgbox(1)" alt-text="x":::`, 10},
		{`:::image source="data:text/html,<script>alert(1)</script>" alt-text="x":::`, 10},
		{`:::image source="data:image/svg+xml;base64,PHN2Zz4=" alt-text="x":::`, 10},
		{`:::image source="file:///etc/passwd" alt-text="x":::`, 10},
		{`See [x](javascript:alert(1)).`, 5},
		{`See ![x](data:text/html;base64,PHNjcmlwdD4=).`, 5},
	} {
		a, diags := p.Parse("a.md", []byte(head+tc.line+"\n"))
		for _, u := range urls(t, a.Body) {
			if u != "" {
				t.Errorf("%q: %q written: %s", tc.line, u, a.Body)
			}
		}
		var found bool
		for _, d := range diags.Items() {
			if d.Rule == "link-unsafe-url" {
				found = true
				if d.Line != 6 || d.Col != tc.col || d.Severity.String() != "error" {
					t.Errorf("%q: %s at %d:%d, want an error at 6:%d", tc.line, d.Message, d.Line, d.Col, tc.col)
				}
			}
		}
		if !found {
			t.Errorf("%q: no link-unsafe-url error in %v", tc.line, diags.Items())
		}
	}
	// Pictures in data: URLs and https: addresses are fine.
	for _, line := range []string{
		`:::image source="data:image/png;base64,iVBORw0KGgo=" alt-text="x":::`,
		`:::image source="https://example.org/a.png" alt-text="x":::`,
	} {
		a, diags := p.Parse("a.md", []byte(head+line+"\n"))
		if diags.HasErrors() || !strings.Contains(string(a.Body), `<img src="`) {
			t.Errorf("%q: %v %s", line, diags.Items(), a.Body)
		}
	}
}

// urls returns the href and src attributes of an HTML fragment.
func urls(t *testing.T, body []byte) []string {
	t.Helper()
	var out []string
	z := nethtml.NewTokenizer(bytes.NewReader(body))
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		for _, a := range z.Token().Attr {
			if a.Key == "href" || a.Key == "src" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}
