package article

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// xssPayloads are the payloads of kb's XSS tests (generator/*/…_test.go),
// collected in testdata/xss-payloads.json, which the browser test reads too.
func xssPayloads(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/xss-payloads.json")
	if err != nil {
		t.Fatal(err)
	}
	var p []string
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// rawHTMLArticle puts s in an article as an HTML block, as inline HTML in a
// paragraph, in a table cell and in a block quote.
func rawHTMLArticle(s string) string {
	return "---\ntitle: A\n---\n" + s + "\n\nText " + s + " end.\n\n| a |\n|---|\n| " + s + " |\n\n> " + s + "\n\nLast.\n"
}

// unsafeHTML parses body, an article's HTML, as the page holds it (inside
// an element, with more of the page after it), and returns what could run
// script or escape the article: a script-capable element, an on* or style
// attribute, a javascript:, vbscript: or non-picture data: URL, or markup
// that closes the article's element or leaves it open.
func unsafeHTML(t *testing.T, body []byte) []string {
	t.Helper()
	page := "<!DOCTYPE html><html><body><div id=kbw>" + string(body) + "<span id=kbend></span></div><p id=kbafter></p></body></html>"
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var wrapper, end, after *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			id := ""
			for _, a := range n.Attr {
				if a.Key == "id" {
					id = a.Val
				}
			}
			switch id {
			case "kbw":
				wrapper = n
			case "kbend":
				end = n
			case "kbafter":
				after = n
			}
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Iframe, atom.Frame, atom.Frameset, atom.Object, atom.Embed, atom.Applet,
				atom.Form, atom.Button, atom.Textarea, atom.Select, atom.Base, atom.Link, atom.Meta, atom.Svg, atom.Math,
				atom.Template, atom.Noscript:
				bad = append(bad, "<"+n.Data+">")
			case atom.Input: // goldmark's task list boxes only
				if typ, dis := attrVal(n, "type"), hasKey(n, "disabled"); typ != "checkbox" || !dis {
					bad = append(bad, "<input>")
				}
			}
			if n.Namespace != "" {
				bad = append(bad, n.Namespace+":"+n.Data)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" || k == "srcdoc" || k == "formaction" || k == "action" {
					bad = append(bad, k+"=")
				}
				if k == "href" || k == "src" || k == "xlink:href" || k == "data" || k == "poster" || k == "background" {
					if unsafeURLValue(a.Val) {
						bad = append(bad, k+"="+a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if wrapper == nil || end == nil || after == nil {
		return append(bad, "markers lost")
	}
	inside := false
	for p := end.Parent; p != nil; p = p.Parent {
		inside = inside || p == wrapper
	}
	if !inside {
		bad = append(bad, "the article's element is closed before its end")
	}
	if after.Parent == nil || after.Parent.DataAtom != atom.Body {
		bad = append(bad, "the article leaves elements open that take in the page after it")
	}
	return bad
}

var safeData = regexp.MustCompile(`^data:image/(png|gif|jpeg|webp)[;,]`)

func unsafeURLValue(v string) bool {
	u := strings.ToLower(BrowserURL(v))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "file:") ||
		(strings.HasPrefix(u, "data:") && !safeData.MatchString(u))
}

func attrVal(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasKey(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// TestRawHTMLPayloads runs every XSS payload of kb's tests through raw HTML:
// nothing unsafe is written, and each page that lost something says so.
func TestRawHTMLPayloads(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	for _, payload := range xssPayloads(t) {
		a, diags := p.Parse("a.md", []byte(rawHTMLArticle(payload)))
		if bad := unsafeHTML(t, a.Body); len(bad) > 0 {
			t.Errorf("%q: %v in\n%s", payload, bad, a.Body)
		}
		removed := 0
		for _, d := range diags.Items() {
			if d.Rule == "html-removed" {
				removed++
			}
		}
		if removed > 1 {
			t.Errorf("%q: %d html-removed warnings, want one per article", payload, removed)
		}
	}
}

// TestAttrOffsets checks that attrOffsets finds each attribute where the
// tokenizer read it.
func TestAttrOffsets(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		keys []string
	}{
		{`<a href="x">`, []string{"href"}},
		{`<a  HREF = 'x' id=y title>`, []string{"HREF", "id", "title"}},
		{"<img\nalt=\"a>b\"\tsrc=p.png/>", []string{"alt", "src"}},
		{`<a =x href="y">`, []string{"=x", "href"}},
		{`<td/colspan=2/>`, []string{"colspan"}},
	} {
		z := html.NewTokenizer(strings.NewReader(tc.tag))
		z.Next()
		raw := string(z.Raw())
		tok := z.Token()
		offs := attrOffsets([]byte(raw), tok.Attr)
		if len(offs) != len(tc.keys) {
			t.Errorf("%q: offsets %v for %d attributes %v", tc.tag, offs, len(tc.keys), tok.Attr)
			continue
		}
		for i, k := range tc.keys {
			if !strings.HasPrefix(raw[offs[i]:], k) {
				t.Errorf("%q: attribute %d at %d reads %q, want %q", tc.tag, i, offs[i], raw[offs[i]:], k)
			}
		}
	}
}

// FuzzRawHTML feeds arbitrary raw HTML to the sanitised path, as a block,
// inline, in a table cell and in a block quote: no panic, nothing unsafe
// written (checked on the HTML as x/net/html parses it), every diagnostic
// inside the file, at most one html-removed warning.
func FuzzRawHTML(f *testing.F) {
	for _, p := range xssPayloads(f) {
		f.Add(p)
	}
	for _, s := range []string{
		`<table><tr><td colspan="2">a<br>b</td></tr></table>`,
		"<details>\n<summary>x</summary>\n\n**md**\n\n</details>",
		`<a name="x"></a> <a href="b.md#c">b</a> <sup>1</sup>`,
		"<div><table><tr><td>\n\n</div></td></tr></table></div></article></main>",
		`<b><i>unclosed <p>para <li>item`,
		`<img src="data:image/png;base64,iVBORw0KGgo=" alt="">`,
		"<pre>\n<code>x</code></pre><!-- kb-disable-line x -->",
	} {
		f.Add(s)
	}
	p := NewParser(noFiles{}, nil)
	f.Fuzz(func(t *testing.T, s string) {
		src := rawHTMLArticle(s)
		a, diags := p.Parse("dir/a.md", []byte(src))
		if bad := unsafeHTML(t, a.Body); len(bad) > 0 {
			t.Fatalf("%v in\n%s", bad, a.Body)
		}
		lines := strings.Count(string(Text([]byte(src))), "\n") + 1
		removed := 0
		for _, d := range diags.Items() {
			if d.Line < 0 || d.Line > lines {
				t.Errorf("diagnostic at line %d of a %d-line file: %s", d.Line, lines, d)
			}
			if d.Rule == "html-removed" {
				removed++
			}
		}
		if removed > 1 {
			t.Errorf("%d html-removed warnings", removed)
		}
	})
}

// TestUnsafeHTMLFinds checks the checker: each of these bodies is unsafe.
func TestUnsafeHTMLFinds(t *testing.T) {
	for _, body := range []string{
		`<script>x</script>`, `<p onclick="x">a</p>`, `<a href=" java&#x09;script:x">a</a>`,
		`<img src="data:text/html,x">`, `</div>`, `<table><tr><td>open`, `<div>open`, `<svg></svg>`,
	} {
		if len(unsafeHTML(t, []byte(body))) == 0 {
			t.Errorf("%q passes as safe", body)
		}
	}
}

// TestRawHTMLSearchText checks that the text of a raw HTML table is in the
// article's sections, for search, with words apart at cells and lines.
func TestRawHTMLSearchText(t *testing.T) {
	p := NewParser(noFiles{}, nil, CollectSections)
	a, _ := p.Parse("a.md", []byte("---\ntitle: A\n---\nIntro.\n\n<table><tr><td>Get-Mailbox<br>Set-Mailbox</td><td><b>Exchange</b>2019</td></tr></table>\n\n<script>secret()</script>\n"))
	var all []string
	for _, s := range a.Sections {
		all = append(all, s.Text)
	}
	got := strings.Join(all, " | ")
	if !strings.Contains(got, "Get-Mailbox Set-Mailbox Exchange2019") || strings.Contains(got, "secret") {
		t.Errorf("sections %q", got)
	}
}
