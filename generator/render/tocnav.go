package render

import (
	"html"
	"html/template"
	"strings"

	"kb/generator/site"
)

// tocNavKey is what the navigation of a page of a site with TOCs depends
// on: the folder of its output file (links are relative to it), its TOC and
// the entry whose ancestors, and itself, are open.
type tocNavKey struct {
	dir  string
	tree *site.NavTree
	open *site.NavNode
}

// tocNav is one cached navigation tree, with where to mark each entry's
// link as the current page.
type tocNav struct {
	html  string
	marks map[*site.NavNode]int // byte offset of the ">" that ends the entry's <a ...>
	home  int                   // the same for the link to the home page; -1 when there is none
	// closed: the tree is the site's Overview, whose entries are all shown
	// closed, expanded: true or not (while it is built)
	closed bool
}

// navTOC returns the navigation of page p of a site with TOCs: its TOC,
// with the entries above p's entry open, p's own entry open when it has
// entries below it, the entries marked expanded: true open, and p's link
// marked with aria-current. Groups (entries without a page) are
// <details> elements, which open and close without script; below an
// entry with a page that is not open nothing is written, as for a closed
// folder: following its link opens it. A page no TOC lists gets the TOC of
// its nearest folder, nothing marked; in a DocFX repository, a page with no
// TOC in its folders (the generated home page) gets the site's Overview,
// every TOC's root entries, all closed.
func (r *Renderer) navTOC(p *site.Page) template.HTML {
	key := tocNavKey{dir: p.Dir(), tree: p.NavTree}
	if n := p.Nav; n != nil {
		key.open = n
		if len(n.Children) == 0 {
			key.open = n.Parent
		}
	}
	cached, ok := r.navs.Load(key)
	if !ok {
		cached, _ = r.navs.LoadOrStore(key, r.buildTOCNav(p, key))
	}
	nav := cached.(*tocNav)
	at := -1
	if p.Nav != nil {
		if i, ok := nav.marks[p.Nav]; ok {
			at = i
		}
	} else if p == r.site.Home {
		at = nav.home
	}
	if at < 0 {
		return template.HTML(nav.html)
	}
	return template.HTML(nav.html[:at] + ` aria-current="page"` + nav.html[at:])
}

func (r *Renderer) buildTOCNav(p *site.Page, key tocNavKey) *tocNav {
	open := map[*site.NavNode]bool{}
	for n := key.open; n != nil; n = n.Parent {
		open[n] = true
	}
	nav := &tocNav{marks: map[*site.NavNode]int{}, home: -1, closed: key.tree != nil && key.tree.Overview}
	var b strings.Builder
	b.WriteString(`<ul class="nav-tree">`)
	// The home page comes first, unless a TOC lists it.
	if home := r.site.Home; home.Nav == nil {
		b.WriteString(`<li><a href="` + href(site.Rel(p.URL, home.URL)) + `"`)
		nav.home = b.Len()
		b.WriteString(`>` + html.EscapeString(home.Title) + `</a></li>` + "\n")
	}
	if key.tree != nil {
		r.tocList(&b, p, key.tree.Items, open, nav)
	}
	b.WriteString(`</ul>`)
	nav.html = b.String()
	return nav
}

func (r *Renderer) tocList(b *strings.Builder, p *site.Page, nodes []*site.NavNode, open map[*site.NavNode]bool, nav *tocNav) {
	for _, n := range nodes {
		isOpen := open[n] || n.Expanded && !nav.closed
		name := html.EscapeString(n.Title)
		link := ""
		switch {
		case n.Page != nil:
			link = href(site.Rel(p.URL, n.Page.URL)) + html.EscapeString(n.Fragment)
		case n.External:
			link = html.EscapeString(n.URL)
		case n.URL != "":
			link = href(site.Rel(p.URL, n.URL)) + html.EscapeString(n.Fragment)
		}
		if link == "" {
			if len(n.Children) == 0 {
				b.WriteString(`<li><span class="nav-label">` + name + "</span></li>\n")
				continue
			}
			// A group: a label that opens and closes, with or without script.
			b.WriteString(`<li class="nav-group"><details`)
			if isOpen {
				b.WriteString(` open`)
			}
			b.WriteString(`><summary>` + name + `</summary><ul>` + "\n")
			r.tocList(b, p, n.Children, open, nav)
			b.WriteString("</ul></details></li>\n")
			continue
		}
		cls := ""
		if len(n.Children) > 0 {
			cls = ` class="nav-section"`
			if isOpen {
				cls = ` class="nav-section open"`
			}
		}
		b.WriteString(`<li` + cls + `><a href="` + link + `"`)
		if n.External {
			b.WriteString(` class="nav-external"`)
		} else {
			nav.marks[n] = b.Len()
		}
		b.WriteString(`>` + name + `</a>`)
		if len(n.Children) > 0 && isOpen {
			b.WriteString("<ul>\n")
			r.tocList(b, p, n.Children, open, nav)
			b.WriteString(`</ul>`)
		}
		b.WriteString("</li>\n")
	}
}
