package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// TestDocsetHome builds testdata/docfx-home.txtar, a DocFX repository of
// four docsets without an index.md at its root: the home page leads to
// each docset's landing page with that page's title and description (not to
// the folders), and its navigation shows the root entry of every TOC,
// closed, not the first TOC only.
func TestDocsetHome(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/docfx-home.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeArchive(t, ar)
	_, dest := buildWritten(t, dir)
	b, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	article, nav := findEl(doc, "article", ""), findEl(doc, "nav", "site-nav")
	if article == nil || nav == nil {
		t.Fatalf("home page without <article> or site navigation:\n%s", b)
	}
	// The docsets, in the order of the publish configuration, each by its
	// landing page: a Landing index.yml, an index.md, the page the
	// redirect of an index.md leads to, and the address out of the site where two redirects
	// lead.
	want := []struct{ href, title, desc string }{
		{"alpha/index.html", "Alpha documentation", "Plan, set up and run Alpha."},
		{"beta/index.html", "Beta", "Beta for administrators."},
		{"gamma/start.html", "Start with Gamma", "Gamma in five minutes."},
		{"https://example.com/delta", "Delta-Docs", ""},
	}
	var got []string
	for _, li := range allEl(article, "li") {
		if a := findEl(li, "a", ""); a != nil {
			got = append(got, attr(a, "href")+" "+words(a)+" | "+strings.TrimSpace(strings.TrimPrefix(words(li), words(a))))
		}
	}
	var wantLines []string
	for _, w := range want {
		wantLines = append(wantLines, w.href+" "+w.title+" | "+w.desc)
	}
	if strings.Join(got, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("home page lists\n%s\nwant the docsets' landing pages\n%s", strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
	}
	// The navigation: the home page, then each TOC's root entry, closed.
	var entries []string
	for _, li := range childEls(findEl(nav, "ul", ""), "li") {
		label := ""
		if a := findEl(li, "a", ""); a != nil && a.Parent == li {
			label = words(a)
		} else if s := findEl(li, "summary", ""); s != nil {
			label = words(s)
		}
		if d := findEl(li, "details", ""); d != nil && hasAttr(d, "open") {
			label += " (open)"
		}
		if a := findEl(li, "a", ""); a != nil && a.Parent == li && findEl(li, "ul", "") != nil {
			label += " (open)"
		}
		entries = append(entries, label)
	}
	if got, want := strings.Join(entries, ", "), "Knowledge base, Alpha, Beta guides, Gamma start"; got != want {
		t.Errorf("home navigation shows %q, want %q", got, want)
	}
	// No JavaScript needed: a closed group still has its entries.
	if !strings.Contains(words(nav), "Beta install") {
		t.Errorf("the closed group Beta guides lost its entries: %s", words(nav))
	}
}

// findEl returns the first element named tag below n (with id, when id
// is not empty), or nil.
func findEl(n *html.Node, tag, id string) *html.Node {
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == tag && (id == "" || attr(c, "id") == id) {
			return c
		}
	}
	return nil
}

// allEl returns the elements named tag below n, in document order.
func allEl(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
	}
	return out
}

// childEls returns the child elements of n named tag.
func childEls(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	if n == nil {
		return nil
	}
	for c := range n.ChildNodes() {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
	}
	return out
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// words is the text below n, its white space collapsed.
func words(n *html.Node) string { return strings.Join(strings.Fields(text(n)), " ") }
