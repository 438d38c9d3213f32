package site

import (
	"strings"
	"testing"

	"kb/generator/article"
	"kb/generator/config"
	"kb/generator/diag"
	"kb/generator/toc"
)

// entry makes a TOC entry: a page when file is set, else a group.
func entry(name, file string, items ...*toc.Entry) *toc.Entry {
	e := &toc.Entry{Name: name, File: file, Items: items, TOC: "toc.yml", Line: 1, Col: 1}
	if file != "" {
		e.Kind = toc.Page
	}
	return e
}

func titles(pages []*Page) string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Title)
	}
	return strings.Join(out, ", ")
}

// TestTOCNavigation: with TOCs, reading order, each page's entry and its
// breadcrumbs follow the TOC, not the folders and their A-Z order; articles
// in no TOC are built and reported once each (not hidden or generated ones).
func TestTOCNavigation(t *testing.T) {
	hidden := art("hidden.md", "Hidden", 0)
	hidden.Meta.Hidden = true
	articles := []*article.Article{
		art("index.md", "Home", 0),
		art("a.md", "A", 0),
		art("b.md", "B", 0),
		art("guide/z.md", "Z", 0),
		art("guide/y.md", "Y", 0),
		art("orphan.md", "Orphan", 0),
		art("search.md", "Search", 0),
		hidden,
	}
	tocs := []*toc.TOC{{File: "toc.yml", Items: []*toc.Entry{
		entry("Start here", "b.md",
			entry("Zed", "guide/z.md"),
			entry("Group",
				"", entry("Why", "guide/y.md"), entry("B again", "b.md"))),
		entry("Last", "a.md"),
		{Name: "Out", Kind: toc.External, URL: "https://example.org/", TOC: "toc.yml", Line: 1, Col: 1},
	}}}
	var diags diag.List
	s := New(config.Default(), articles, nil, "content/", &diags, Options{TOCs: tocs, Generated: func(p string) bool { return p == "search.md" }})
	if got, want := titles(s.Pages[:5]), "Home, B, Z, Y, A"; got != want {
		t.Errorf("reading order %q, want %q", got, want)
	}
	byTitle := map[string]*Page{}
	for _, p := range s.Pages {
		byTitle[p.Title] = p
	}
	y := byTitle["Y"]
	if y.Prev != byTitle["Z"] || y.Next != byTitle["A"] || byTitle["A"].Next != nil {
		t.Errorf("Y: prev %v next %v; A: next %v", y.Prev, y.Next, byTitle["A"].Next)
	}
	if y.Nav == nil || y.Nav.Title != "Why" || y.Nav.Parent.Title != "Group" {
		t.Errorf("Y's entry: %+v", y.Nav)
	}
	if got := titles(y.Crumbs(s.Home)); got != "Home, B" {
		t.Errorf("Y's breadcrumbs %q, want Home, B (the group has no page)", got)
	}
	if b := byTitle["B"]; b.Nav == nil || b.Nav.Title != "Start here" {
		t.Errorf("B, listed twice, belongs to its first entry: %+v", b.Nav)
	}
	if o := byTitle["Orphan"]; o.NavTree != s.Navs[0] || o.Nav != nil || o.Prev != nil || o.Next != nil {
		t.Errorf("the orphan gets its folder's TOC, no entry, no previous or next: %+v", o)
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Path+" "+d.Rule+" "+d.Severity.String())
	}
	want := "index.md toc-orphan warning\norphan.md toc-orphan warning"
	if strings.Join(got, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestNoTOCKeepsFolders: without TOCs nothing of the TOC model is set.
func TestNoTOCKeepsFolders(t *testing.T) {
	var diags diag.List
	s := New(config.Default(), []*article.Article{art("index.md", "Home", 0), art("a.md", "A", 0)}, nil, "", &diags, Options{})
	if len(s.Navs) != 0 || s.Pages[1].NavTree != nil || s.Pages[1].Nav != nil || diags.Len() != 0 {
		t.Errorf("a site without TOCs: %+v %v", s.Pages[1], diags.Items())
	}
}

// TestOverview: in a DocFX repository, the home page kb generates and a
// page with no TOC in its folders show the root entries of every TOC, a
// root entry that two TOCs share (a copy of a TOC) once; a page in no TOC
// under a folder with one keeps that TOC; the home page lists the docsets
// by their landing pages, else their folders' pages.
func TestOverview(t *testing.T) {
	articles := []*article.Article{
		art("a/index.md", "A home", 0), art("a/one.md", "One", 0), art("a/loose.md", "Loose", 0),
		art("b/two.md", "Two", 0), art("c/three.md", "Three", 0), art("top.md", "Top", 0),
	}
	root := func(file string, e *toc.Entry) *toc.TOC {
		e.TOC = file
		return &toc.TOC{File: file, Items: []*toc.Entry{e}}
	}
	tocs := []*toc.TOC{
		root("a/toc.yml", entry("Alpha", "a/index.md", entry("One", "a/one.md"))),
		root("b/copy/toc.yml", entry("Beta", "b/two.md")),
		root("b/toc.yml", entry("Beta", "b/two.md")),
		root("c/toc.yml", entry("Gamma group", "", entry("Three", "c/three.md"))),
	}
	docsets := []Docset{{Name: "A", Folder: "a", Landing: "a/index.md"}, {Name: "B", Folder: "b"}, {Name: "C", Folder: "c", Landing: "c/gone.md"}, {Name: "D", Folder: "d", URL: "https://example.com/d"}}
	var diags diag.List
	s := New(config.Default(), articles, nil, "", &diags, Options{TOCs: tocs, Docsets: docsets})
	if s.Home.NavTree == nil || s.Home.NavTree != s.Overview {
		t.Fatalf("the home page's navigation is %+v, want the overview", s.Home.NavTree)
	}
	var roots []string
	for _, n := range s.Overview.Items {
		roots = append(roots, n.Title)
	}
	if got, want := strings.Join(roots, ", "), "Alpha, Beta, Gamma group"; got != want {
		t.Errorf("overview %q, want %q", got, want)
	}
	byTitle := map[string]*Page{}
	for _, p := range s.Pages {
		byTitle[p.Title] = p
	}
	if p := byTitle["Top"]; p.NavTree != s.Overview {
		t.Errorf("a page with no TOC in its folders shows %+v, want the overview", p.NavTree)
	}
	if p := byTitle["Loose"]; p.NavTree != s.Navs[0] {
		t.Errorf("a page in no TOC keeps its folder's TOC, got %+v", p.NavTree)
	}
	var links []string
	for _, d := range s.Docsets {
		l := d.Name + ":"
		if d.Page != nil {
			l += d.Page.URL
		}
		links = append(links, l+d.URL)
	}
	if got, want := strings.Join(links, " "), "A:a/index.html B:b/index.html C:c/index.html D:https://example.com/d"; got != want {
		t.Errorf("docsets %q, want %q", got, want)
	}
	// Without docsets (no DocFX repository), nothing of this.
	s = New(config.Default(), articles, nil, "", &diags, Options{TOCs: tocs})
	if s.Overview != nil || s.Docsets != nil || s.Home.NavTree != s.Navs[0] {
		t.Errorf("a site without docsets: overview %v, docsets %v, home's TOC %v", s.Overview, s.Docsets, s.Home.NavTree)
	}
}

// TestNearestTOC: a page listed in several TOCs belongs to the entry of the
// TOC nearest its folder, not to the first TOC's: the one in its own
// folder before the root's, and else the one with the most folders in
// common with it.
func TestNearestTOC(t *testing.T) {
	articles := []*article.Article{
		art("index.md", "Home", 0),
		art("sub/p.md", "P", 0),
		art("deep/x/q.md", "Q", 0),
	}
	in := func(file string, items ...*toc.Entry) *toc.TOC {
		for _, e := range items {
			e.TOC = file
		}
		return &toc.TOC{File: file, Items: items}
	}
	tocs := []*toc.TOC{
		in("toc.yml", entry("Home", "index.md"), entry("P in root", "sub/p.md")),
		in("other/toc.yml", entry("Q in other", "deep/x/q.md")),
		in("sub/toc.yml", entry("P in sub", "sub/p.md")),
		in("deep/y/toc.yml", entry("Q in deep", "deep/x/q.md")),
	}
	var diags diag.List
	s := New(config.Default(), articles, nil, "content/", &diags, Options{TOCs: tocs})
	for _, p := range s.Pages {
		want := map[string]string{"P": "P in sub", "Q": "Q in deep"}[p.Title]
		if want == "" {
			continue
		}
		got := "no entry"
		if p.Nav != nil {
			got = p.Nav.Title
		}
		if got != want {
			t.Errorf("%s belongs to %q; want the entry %q", p.Title, got, want)
		}
	}
}
