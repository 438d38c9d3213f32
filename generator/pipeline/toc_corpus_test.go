package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"kb/generator/diag"
	"kb/generator/render"
	"kb/generator/site"
	"kb/generator/source"
	"kb/generator/toc"
)

// navItem is one entry of a page's navigation as its HTML shows it.
type navItem struct {
	name     string
	current  bool // its link has aria-current="page"
	children []*navItem
}

// parseNav reads the site navigation (<nav id="site-nav">) of a page.
func parseNav(t *testing.T, page []byte) []*navItem {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.Data == "nav" && attr(n, "id") == "site-nav" {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	nav := find(doc)
	if nav == nil {
		t.Fatal("no <nav id=site-nav>")
	}
	var list func(ul *html.Node) []*navItem
	list = func(ul *html.Node) []*navItem {
		var out []*navItem
		for li := ul.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || li.Data != "li" {
				continue
			}
			it := &navItem{}
			for c := li.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type != html.ElementNode:
				case c.Data == "a" || c.Data == "span":
					it.name, it.current = text(c), attr(c, "aria-current") == "page"
				case c.Data == "ul":
					it.children = list(c)
				case c.Data == "details":
					for d := c.FirstChild; d != nil; d = d.NextSibling {
						if d.Type == html.ElementNode && d.Data == "summary" {
							it.name = text(d)
						} else if d.Type == html.ElementNode && d.Data == "ul" {
							it.children = list(d)
						}
					}
				}
			}
			out = append(out, it)
		}
		return out
	}
	for c := nav.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "ul" {
			return list(c)
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// chain is an entry's place as the names from the top of its TOC down to it.
func chain(names []string) string { return strings.Join(names, "\x00") }

// TestCorpusNavigationIsTheTOCs builds the model of both Microsoft Docs
// corpora, renders each page's navigation, and checks it against the TOCs
// read on their own: every entry of every navigation TOC is in the
// navigation with its name, under its parents' names in order; and every
// entry whose page kb builds is, on that page, the entry marked as current,
// under its parents and among its siblings in TOC order, entries naming YAML
// pages (.yml, built as pages) too.
func TestCorpusNavigationIsTheTOCs(t *testing.T) {
	for _, name := range []string{"sharepoint-docs", "exchange-docs"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "..", "shared", "corpora", name)
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("the corpus is not at %s; skipping the test on real input", dir)
			}
			var r *render.Renderer
			res, err := Build(Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public"), Check: true,
				Renderer: func(rr *render.Renderer) { r = rr }})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Site.Navs) == 0 {
				t.Fatal("no navigation TOCs")
			}
			// The TOCs, read on their own.
			src, err := source.Load(dir, filepath.Join(t.TempDir(), "x"))
			if err != nil {
				t.Fatal(err)
			}
			var roots []string // the site's navigation TOCs, read again
			for _, n := range res.Site.Navs {
				roots = append(roots, n.File)
			}
			var ignored diag.List
			tocs := toc.Load(src, roots, toc.Options{Prefix: src.ContentPrefix}, &ignored)
			// Every TOC file but the breadcrumb ones is a root or included in one.
			listed := map[string]bool{}
			for _, tc := range tocs {
				listed[tc.File] = true
				for _, f := range tc.Includes {
					listed[f] = true
				}
			}
			for _, f := range append(src.Markdown, src.Static...) {
				if toc.IsTOCFile(f) && !inBreadcrumbFolder(f) && !listed[f] {
					t.Errorf("%s is not in the navigation", f)
				}
			}
			pages := map[string]*site.Page{}
			for _, p := range res.Site.Pages {
				if p.Article != nil && !p.Fragment {
					pages[p.Article.Path] = p
				}
			}
			// What the navigation of every page shows, as chains of names,
			// per TOC; and the current entry of each page with its chain
			// and its siblings' names.
			shown := map[*site.NavTree]map[string]bool{}
			type current struct{ chain, siblings string }
			currents := map[*site.Page]current{}
			for _, p := range res.Site.Pages {
				if p.Fragment || p.NavTree == nil {
					continue
				}
				page, err := r.Page(p)
				if err != nil {
					t.Fatal(err)
				}
				items := parseNav(t, page)
				if res.Site.Home.Nav == nil && len(items) > 0 {
					items = items[1:] // the link to the home page, which no TOC lists
				}
				set := shown[p.NavTree]
				if set == nil {
					set = map[string]bool{}
					shown[p.NavTree] = set
				}
				var walk func([]*navItem, []string)
				walk = func(items []*navItem, above []string) {
					var sib []string
					for _, it := range items {
						sib = append(sib, it.name)
					}
					for _, it := range items {
						names := append(above[:len(above):len(above)], it.name)
						set[chain(names)] = true
						if it.current {
							if _, twice := currents[p]; twice {
								t.Errorf("%s: two entries are marked current", p.URL)
							}
							currents[p] = current{chain(names), chain(sib)}
						}
						walk(it.children, names)
					}
				}
				walk(items, nil)
			}
			// The home page (no index.md at the root): every TOC's root
			// entries, closed, one of two alike once; and a link to each
			// docset's landing page.
			home, err := r.Page(res.Site.Home)
			if err != nil {
				t.Fatal(err)
			}
			var roots2, shownRoots []string
			alike := map[string]bool{}
			for _, tc := range tocs {
				for _, e := range tc.Items {
					if k := e.Name + "\x00" + e.File + "\x00" + e.URL; !alike[k] || e.File+e.URL == "" {
						alike[k] = true
						roots2 = append(roots2, e.Name)
					}
				}
			}
			items := parseNav(t, home)
			for _, it := range items[1:] {
				shownRoots = append(shownRoots, it.name)
				for _, c := range it.children {
					if len(c.children) > 0 {
						t.Errorf("home navigation: %q under %q is open", c.name, it.name)
					}
				}
			}
			if got, want := strings.Join(shownRoots, " | "), strings.Join(roots2, " | "); got != want {
				t.Errorf("home navigation shows\n%s\nwant every TOC's root entries\n%s", got, want)
			}
			landings := map[string]string{
				"sharepoint-docs": `href="OneDrive/index.html">OneDrive documentation</a>;href="SharePoint/Hub/index.html">SharePoint documentation</a>;href="migration/migrate-to-sharepoint-online.html">Migrate to Microsoft 365</a>`,
				"exchange-docs":   `href="Exchange/Hub/index.html">Exchange documentation</a>;href="https://learn.microsoft.com/en-us/outlook/troubleshoot/deployment/plan-outlook-2016-deployment">OfficeDocs-OutlookClient</a>`,
			}
			at := 0
			for _, l := range strings.Split(landings[name], ";") {
				i := bytes.Index(home[at:], []byte(l))
				if i < 0 {
					t.Errorf("the home page has no link %s (after the ones before)", l)
					continue
				}
				at += i
			}
			for i, tc := range tocs {
				tree := res.Site.Navs[i]
				if shown[tree] == nil {
					// Outlook/TOC.md: the docset has no article of its own.
					t.Logf("%s: no page has this TOC as its navigation", tc.File)
					continue
				}
				// The site's nodes of this TOC, entry by entry: the same
				// tree, walked alike.
				node := map[*toc.Entry]*site.NavNode{}
				var pair func([]*toc.Entry, []*site.NavNode)
				pair = func(es []*toc.Entry, ns []*site.NavNode) {
					if len(es) != len(ns) {
						t.Fatalf("%s: %d entries, the navigation has %d", tc.File, len(es), len(ns))
					}
					for i, e := range es {
						node[e] = ns[i]
						pair(e.Items, ns[i].Children)
					}
				}
				pair(tc.Items, tree.Items)
				// Open: the entries on the way to the entry of a page whose
				// navigation this is (an entry whose page is another
				// entry's, here or in another TOC, is not on the way).
				open := map[*toc.Entry]bool{}
				toc.Walk(tc.Items, func(e *toc.Entry, parents []*toc.Entry) bool {
					if n := node[e]; n.Page != nil && n.Page.Nav == n {
						open[e] = true
						for _, a := range parents {
							open[a] = true
						}
					}
					return true
				})
				visible := map[*toc.Entry]bool{}
				var entries, groups, withPage, yml, ymlFile, external, depth, elsewhere, broken, included int
				toc.Walk(tc.Items, func(e *toc.Entry, parents []*toc.Entry) bool {
					entries++
					depth = max(depth, len(parents)+1)
					var names []string
					for _, a := range parents {
						names = append(names, a.Name)
					}
					names = append(names, e.Name)
					if node[e].Title != e.Name {
						t.Errorf("%s:%d:%d: entry %q is %q in the navigation", e.TOC, e.Line, e.Col, e.Name, node[e].Title)
					}
					// Shown: the top level, what is below an open entry, and
					// what is below a shown group (which opens in place).
					shownHere := len(parents) == 0
					if len(parents) > 0 {
						up := parents[len(parents)-1]
						group := node[up].Page == nil && node[up].URL == ""
						shownHere = open[up] || group && visible[up]
					}
					visible[e] = shownHere
					switch {
					case shownHere && !shown[tree][chain(names)]:
						t.Errorf("%s:%d:%d: entry %q (under %q) is not in the navigation", e.TOC, e.Line, e.Col, e.Name, names[:len(names)-1])
					case !shownHere:
						elsewhere++
					}
					siblings := tc.Items
					if len(parents) > 0 {
						siblings = parents[len(parents)-1].Items
					}
					var sib []string
					for _, s := range siblings {
						sib = append(sib, s.Name)
					}
					switch n := node[e]; {
					case e.Kind == toc.Group && e.Href == "":
						groups++
					case e.Kind == toc.Group && (toc.IsTOCFile(e.Href) || strings.HasSuffix(e.Href, "/")):
						included++ // a nested TOC
					case e.Kind == toc.Group:
						broken++ // reported; shown as a label
					case e.Kind == toc.External:
						external++
					case n.Page != nil:
						withPage++
						if strings.HasSuffix(e.File, ".yml") {
							yml++ // a YAML page, built as a page
						}
						if n.Page.Nav == n {
							want := current{chain(names), chain(sib)}
							if got := currents[n.Page]; got != want {
								t.Errorf("%s: the entry marked current is %q among %q; want %q among %q", n.Page.URL, got.chain, got.siblings, want.chain, want.siblings)
							}
						}
					case strings.HasSuffix(e.File, ".yml"):
						ymlFile++ // a .yml file that is no YAML page, linked to as it is
					}
					return true
				})
				t.Logf("%s: %d entries (%d with a built page, %d of them YAML pages; %d .yml files that are not pages, %d external, %d groups, %d nested TOCs, %d broken hrefs), %d levels deep; %d not shown, as their page's own entry is elsewhere",
					tc.File, entries, withPage, yml, ymlFile, external, groups, included, broken, depth, elsewhere)
				if tc.File == "SharePoint/SharePointOnline/toc.yml" {
					if got := fmt.Sprint(entries, groups, depth); got != "329 51 5" {
						t.Errorf("SharePointOnline: entries, groups, depth = %s; the issue counts 329 entries in 51 groups, 5 levels deep", got)
					}
				}
			}
		})
	}
}
