// Package site models a knowledge base as readers navigate it: a tree of pages
// that mirrors the content folder, in reading order.
//
// Every folder is a section. Its page is the folder's index.md (or _index.md);
// a folder without one gets a generated page titled after the folder. The
// content folder itself is the home page. Siblings are sorted by their `order`
// front-matter key (pages with one come first, lowest first), then by title,
// then by path, so the order never depends on the file system. Reading order,
// which gives every page its previous and next page, is a depth-first walk of
// that tree.
//
// New builds a Site from parsed articles and does no I/O.
package site

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/config"
	"kb/generator/diag"
)

// Site is the whole knowledge base.
type Site struct {
	Config config.Config
	Home   *Page
	Pages  []*Page // every page: in reading order, Home first; then hidden pages and fragments
	// Navs are the tables of contents that are the navigation, in order;
	// none when the folder tree is.
	Navs []*NavTree
	// Overview, in a DocFX repository with TOCs, is the navigation of the
	// pages no TOC of their folders is for (a generated home page): the
	// root entries of every TOC. nil otherwise.
	Overview *NavTree
	// Docsets are what a DocFX repository's generated home page leads to,
	// one per docset, in order; none for any other site, and none when the
	// repository has an index.md (or index.yml) at its root.
	Docsets []DocsetLink
	Static  []string // other content files (images, downloads), copied as they are
	// ContentPrefix is the content folder's path relative to the source
	// folder ("content/", or "" when the source folder is the content).
	ContentPrefix string
}

// SourcePath is the path relative to the source folder, which diagnostics
// name, of the content file at path (relative to the content folder).
func (s *Site) SourcePath(path string) string { return s.ContentPrefix + path }

// Page is one page of the site: an article, or a generated section page.
type Page struct {
	Article  *article.Article // nil for a generated section page
	Title    string
	URL      string // output path relative to the site root
	Section  bool   // a folder's page, with Children
	Hidden   bool   // left out of the navigation (front matter hidden: true)
	Fragment bool   // an include: checked, not written
	Parent   *Page
	Children []*Page
	Prev     *Page
	Next     *Page
	// NavTree is the TOC the page's navigation shows and Nav the page's
	// entry in it; Nav is nil for a page no TOC lists, and both are nil in
	// a site without TOCs.
	NavTree  *NavTree
	Nav      *NavNode
	order    int
	hasOrder bool
}

// Ancestors returns the pages above p, Home first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// Dir is the folder of the page's output file, "" for the site root.
func (p *Page) Dir() string {
	d := path.Dir(p.URL)
	if d == "." {
		return ""
	}
	return d
}

// New builds the page tree. articles are in source order; static lists the
// other files of the content folder, whose path relative to the source
// folder is prefix; opts gives the TOCs, if the site has any.
func New(cfg config.Config, articles []*article.Article, static []string, prefix string, diags *diag.List, opts Options) *Site {
	s := &Site{Config: cfg, Static: static, ContentPrefix: prefix}
	sections := map[string]*Page{} // by source folder, "." for the root
	var section func(dir string) *Page
	section = func(dir string) *Page {
		if p, ok := sections[dir]; ok {
			return p
		}
		p := &Page{Section: true, URL: path.Join(dir, "index.html"), Title: folderTitle(dir, cfg.Title)}
		sections[dir] = p
		if dir != "." {
			parent := section(path.Dir(dir))
			p.Parent = parent
			parent.Children = append(parent.Children, p)
		}
		return p
	}
	s.Home = section(".")
	var hidden, fragments []*Page
	for _, a := range articles {
		dir, file := path.Split(a.Path)
		dir = path.Clean(dir)
		title := cmp.Or(a.Meta.Title, a.H1, folderTitle(strings.TrimSuffix(file, ".md"), ""))
		if file == "index.md" || file == "_index.md" || file == "index.yml" {
			p := section(dir)
			if p.Article != nil {
				diags.Add(diag.Diagnostic{Path: a.SourcePath(), Line: 1, Col: 1, Severity: diag.Error, Rule: diag.RulePageDuplicate,
					Message: "folder has two section pages (" + path.Base(p.Article.Path) + " and " + file + "); keep one of them"})
				continue
			}
			p.Article, p.Title, p.order, p.hasOrder = a, title, a.Meta.Order, a.Meta.HasOrder
			continue
		}
		if a.Fragment {
			fragments = append(fragments, &Page{Article: a, Title: title, URL: a.URL, Fragment: true})
			continue
		}
		parent := section(dir)
		p := &Page{Article: a, Title: title, URL: a.URL, Parent: parent, order: a.Meta.Order, hasOrder: a.Meta.HasOrder}
		if a.Meta.Hidden {
			p.Hidden = true
			hidden = append(hidden, p)
			continue
		}
		parent.Children = append(parent.Children, p)
	}
	s.order(s.Home)
	s.docsets(opts.Docsets, sections, append(slices.Clone(s.Pages), hidden...))
	if len(opts.TOCs) > 0 {
		s.useTOCs(opts, slices.Clone(s.Pages), hidden, diags)
	} else {
		linkReadingOrder(s.Pages)
	}
	// Hidden pages are built and linked to, but are in no navigation list and
	// in no reading order: they come last, without previous or next.
	s.Pages = append(s.Pages, hidden...)
	// Fragments (includes/) are checked like articles but never written.
	s.Pages = append(s.Pages, fragments...)
	s.checkStatic(diags)
	return s
}

// linkReadingOrder links each page to the one before and after it.
func linkReadingOrder(pages []*Page) {
	for i, p := range pages {
		if i > 0 {
			p.Prev = pages[i-1]
		}
		if i+1 < len(pages) {
			p.Next = pages[i+1]
		}
	}
}

// order sorts every section's children and lists the pages in reading order.
func (s *Site) order(p *Page) {
	s.Pages = append(s.Pages, p)
	slices.SortFunc(p.Children, func(a, b *Page) int {
		if a.hasOrder != b.hasOrder {
			if a.hasOrder {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(a.order, b.order),
			cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)),
			cmp.Compare(a.URL, b.URL),
		)
	})
	for _, c := range p.Children {
		s.order(c)
	}
}

// checkStatic reports content files that would overwrite a page.
func (s *Site) checkStatic(diags *diag.List) {
	pages := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		pages[p.URL] = true
	}
	for _, f := range s.Static {
		if pages[f] {
			diags.Add(diag.Diagnostic{Path: s.SourcePath(f), Severity: diag.Error, Rule: diag.RulePageDuplicate,
				Message: "this file has the same name as a page kb builds from Markdown; rename it"})
		}
	}
}

// folderTitle makes a title from a folder or file name: "high-availability"
// becomes "High availability". The root folder is called fallback.
func folderTitle(dir, fallback string) string {
	if dir == "." || dir == "" {
		return fallback
	}
	name := strings.NewReplacer("-", " ", "_", " ").Replace(path.Base(dir))
	name = strings.TrimSpace(name)
	if name == "" {
		return fallback
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// Rel returns the URL of the site path to, relative to the page at from: from
// "a/b.html", "a/c.html" is "c.html" and "d.html" is "../d.html". Every link kb
// writes is relative, so a site works under any URL prefix and from disk.
func Rel(from, to string) string { return article.Rel(from, to) }
