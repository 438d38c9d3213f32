package site

import (
	"path"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/toc"
)

// Options are what New needs beyond the articles.
type Options struct {
	// TOCs are the tables of contents that are the site's navigation
	// (package toc), in order. With none, the navigation is the folder tree.
	TOCs []*toc.TOC
	// Generated reports whether the article at a content path is a page kb
	// made (the search page, the support matrix page), which no TOC need
	// list. May be nil.
	Generated func(path string) bool
	// Docsets are a DocFX repository's docsets, in the order of its
	// publish configuration; none for any other site. With them, a home
	// page kb generates (no index.md at the root) leads to each docset,
	// and the navigation of a page that no TOC of its folders is for (the
	// home page among them) shows the root entries of every TOC.
	Docsets []Docset
}

// Docset is one docset as the home page leads to it.
type Docset struct {
	Name   string // docset_name, or its folder's name
	Folder string // content path of the docset folder, "" for the root
	// Landing is the content path of its landing page, the page its base
	// path names ("Exchange/Hub/index.yml"), or "" when it has none.
	Landing string
	// URL is, for a docset without a landing page, the address out of the
	// site where its landing page moved (its redirect's target), or "".
	URL string
}

// DocsetLink is a docset on the home page: its landing page, else the
// page of its folder; Page is nil when it has neither (its URL may then
// lead out of the site).
type DocsetLink struct {
	Name string
	Page *Page
	URL  string // with no Page, where the docset moved out of the site, or ""
}

// NavTree is one table of contents as the navigation shows it.
type NavTree struct {
	File  string // the TOC file, relative to the content folder; "" for the Overview
	Items []*NavNode
	// Overview: the tree is the root entries of every TOC (Site.Overview),
	// shown closed; the entries are those of the TOCs' own trees.
	Overview bool
}

// NavNode is one entry of a NavTree.
type NavNode struct {
	Title string
	// Page is the entry's page; nil for a group, an external link, or a
	// target kb makes no page of (a missing or unpublished file, a YAML
	// page of a kind kb does not render).
	Page *Page
	// URL is, for an entry without a Page, the site path of the file it
	// names (a download, a redirect stub's page) or an external address;
	// "" for a group or a target without a page.
	URL      string
	External bool   // URL is an address out of the site
	Fragment string // "#anchor" or "?query" after the page's path, or ""
	Expanded bool   // the entry starts open (expanded: true)
	Parent   *NavNode
	Children []*NavNode
	Tree     *NavTree
}

// Ancestors returns the nodes above n, outermost first.
func (n *NavNode) Ancestors() []*NavNode {
	var out []*NavNode
	for a := n.Parent; a != nil; a = a.Parent {
		out = append([]*NavNode{a}, out...)
	}
	return out
}

// Crumbs returns the pages a breadcrumb trail shows above p, Home first: in
// a site with TOCs, the pages of the entries above p's entry (groups have
// no page and are left out); otherwise, or for a page in no TOC, the
// folders above it (Ancestors).
func (p *Page) Crumbs(home *Page) []*Page {
	if p.Nav == nil {
		return p.Ancestors()
	}
	var out []*Page
	if p != home {
		out = append(out, home)
	}
	for _, a := range p.Nav.Ancestors() {
		if a.Page != nil && a.Page != p && a.Page != home {
			out = append(out, a.Page)
		}
	}
	return out
}

// useTOCs makes the navigation from the TOCs: each page's NavTree and Nav
// entry, reading order along the TOCs, and a toc-orphan warning for each
// article no TOC lists. visible are the navigable pages in folder order,
// Home first; s.Pages is set from them.
func (s *Site) useTOCs(opts Options, visible, hidden []*Page, diags *diag.List) {
	byPath := byArticlePath(append(visible, hidden...))
	static := map[string]bool{}
	for _, f := range s.Static {
		static[f] = true
	}
	// Every page's entries, in TOC order.
	places := map[*Page][]*NavNode{}
	var order []*NavNode // every node with a page, depth-first
	for _, t := range opts.TOCs {
		tree := &NavTree{File: t.File}
		var build func(entries []*toc.Entry, parent *NavNode) []*NavNode
		build = func(entries []*toc.Entry, parent *NavNode) []*NavNode {
			var nodes []*NavNode
			for _, e := range entries {
				n := &NavNode{Title: e.Name, Expanded: e.Expanded, Parent: parent, Tree: tree}
				switch e.Kind {
				case toc.Page:
					n.Fragment = e.Fragment
					switch p := byPath[e.File]; {
					case p != nil:
						n.Page = p
						places[p] = append(places[p], n)
						order = append(order, n)
					case static[e.File]:
						n.URL = e.File
					case strings.HasSuffix(e.File, ".md"): // a redirect stub: its page redirects
						n.URL = article.OutputPath(e.File)
					}
				case toc.External:
					n.URL, n.External = e.URL, true
				}
				n.Children = build(e.Items, n)
				nodes = append(nodes, n)
			}
			return nodes
		}
		tree.Items = build(t.Items, nil)
		s.Navs = append(s.Navs, tree)
	}
	// A DocFX repository's navigation beyond its docsets' TOCs: the root
	// entries of every TOC; an entry of the same name and link as one
	// before it (a copy of a TOC) once.
	if len(opts.Docsets) > 0 {
		s.Overview = &NavTree{Overview: true}
		seen := map[[2]string]bool{}
		for _, t := range s.Navs {
			for _, n := range t.Items {
				link := n.URL + n.Fragment
				if n.Page != nil {
					link = n.Page.URL + n.Fragment
				}
				if k := [2]string{n.Title, link}; link == "" || !seen[k] {
					seen[k] = true
					s.Overview.Items = append(s.Overview.Items, n)
				}
			}
		}
	}
	// A page listed in several places belongs to the entry of the TOC
	// nearest its own folder, as in DocFX: a TOC in the page's folder or the
	// nearest folder above it, else the TOC with the most folders in common;
	// the first entry of those.
	for p, ns := range places {
		best, score := ns[0], -1
		for _, n := range ns {
			if c := nearness(path.Dir(n.Tree.File), path.Dir(p.Article.Path)); c > score {
				best, score = n, c
			}
		}
		p.Nav = best
	}
	// The tree of a page in no TOC is the one of its nearest folder that has
	// a TOC, or whose pages are in one; else the first.
	byDir := map[string]*NavTree{}
	for _, t := range s.Navs {
		if d := path.Dir(t.File); byDir[d] == nil {
			byDir[d] = t
		}
	}
	for _, n := range order {
		if n.Page.Nav == n {
			if d := path.Dir(n.Page.Article.Path); byDir[d] == nil {
				byDir[d] = n.Tree
			}
		}
	}
	for _, p := range append(visible, hidden...) {
		if p.Nav != nil {
			p.NavTree = p.Nav.Tree
			continue
		}
		dir := p.Dir()
		if p.Article != nil {
			dir = path.Dir(p.Article.Path)
		}
		for ; ; dir = path.Dir(dir) {
			if t := byDir[dir]; t != nil {
				p.NavTree = t
				break
			}
			if dir == "." || dir == "/" || dir == "" {
				break
			}
		}
		if p.NavTree == nil && len(s.Navs) > 0 {
			p.NavTree = s.Navs[0]
			if s.Overview != nil {
				p.NavTree = s.Overview
			}
		}
		if p.Article != nil && !p.Hidden && (opts.Generated == nil || !opts.Generated(p.Article.Path)) {
			diags.Add(diag.Diagnostic{Path: p.Article.SourcePath(), Severity: diag.Warning, Rule: diag.RuleTocOrphan,
				Message: "no toc.yml or toc.md lists this article: it is built, but the navigation does not show it; add it to a TOC, or give it hidden: true"})
		}
	}
	// Reading order: Home, then the TOCs' pages depth-first, each at its own
	// entry; the pages no TOC lists come after, without previous or next.
	s.Pages = s.Pages[:0]
	in := map[*Page]bool{}
	if s.Home.Nav == nil {
		s.Pages, in[s.Home] = append(s.Pages, s.Home), true
	}
	for _, n := range order {
		if p := n.Page; p.Nav == n && !p.Hidden && !in[p] {
			s.Pages, in[p] = append(s.Pages, p), true
		}
	}
	linkReadingOrder(s.Pages)
	for _, p := range visible {
		if !in[p] {
			s.Pages = append(s.Pages, p)
		}
	}
}

// nearness says how near the TOC in folder tocDir is to a page in folder
// dir: more for a TOC in one of the page's folders, the deeper the more,
// than for any other, which counts the folders the two have in common.
func nearness(tocDir, dir string) int {
	if tocDir == "." {
		return 1 << 20
	}
	if dir == tocDir || strings.HasPrefix(dir, tocDir+"/") {
		return 1<<20 + strings.Count(tocDir, "/") + 1
	}
	return common(tocDir, dir)
}

// common counts the leading folders two folder paths share.
func common(a, b string) int {
	if a == "." || b == "." {
		return 0
	}
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}

// docsets makes the home page's links to the docsets, when kb generates the
// home page of a DocFX repository: each docset's landing page, else the page
// of its folder (a generated section page), else its name with where it
// moved, else its name alone.
func (s *Site) docsets(docsets []Docset, sections map[string]*Page, pages []*Page) {
	if len(docsets) == 0 || s.Home.Article != nil {
		return
	}
	byPath := byArticlePath(pages)
	for _, d := range docsets {
		l := DocsetLink{Name: d.Name, Page: byPath[d.Landing], URL: d.URL}
		if l.Page == nil && d.Folder != "" {
			l.Page = sections[d.Folder]
		}
		if l.Page == s.Home {
			l.Page = nil
		}
		if l.Page != nil {
			l.URL = ""
		}
		if l.Page == nil && l.Name == "" {
			continue
		}
		s.Docsets = append(s.Docsets, l)
	}
}

// byArticlePath maps the content path of each page's article (not of a
// fragment) to the page.
func byArticlePath(pages []*Page) map[string]*Page {
	out := map[string]*Page{}
	for _, p := range pages {
		if p.Article != nil && !p.Fragment {
			out[p.Article.Path] = p
		}
	}
	return out
}
