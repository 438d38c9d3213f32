package render

import (
	"html"
	"html/template"
	"net/url"
	"strings"

	"kb/generator/site"
)

// nav returns the navigation tree for page p: the home page's children, with
// every section on the way to p opened, and p marked with aria-current.
//
// The tree depends only on the folder of p's output file (a section's page
// lives in its own folder), so it is built once per folder and cached; the
// mark is added per page.
func (r *Renderer) nav(p *site.Page) template.HTML {
	if len(r.site.Navs) > 0 {
		return r.navTOC(p)
	}
	dir := p.Dir()
	cached, ok := r.navs.Load(dir)
	if !ok {
		cached, _ = r.navs.LoadOrStore(dir, r.buildNav(p))
	}
	tree := cached.(string)
	plain := `<a href="` + href(site.Rel(p.URL, p.URL)) + `">`
	marked := `<a href="` + href(site.Rel(p.URL, p.URL)) + `" aria-current="page">`
	return template.HTML(strings.Replace(tree, plain, marked, 1))
}

func (r *Renderer) buildNav(p *site.Page) string {
	open := map[*site.Page]bool{}
	for _, a := range p.Ancestors() {
		open[a] = true
	}
	if p.Section {
		open[p] = true
	}
	var b strings.Builder
	b.WriteString(`<ul class="nav-tree">`)
	home := r.site.Home
	b.WriteString(`<li><a href="` + href(site.Rel(p.URL, home.URL)) + `">` + html.EscapeString(home.Title) + `</a></li>`)
	r.navList(&b, p, home.Children, open)
	b.WriteString(`</ul>`)
	return b.String()
}

func (r *Renderer) navList(b *strings.Builder, p *site.Page, pages []*site.Page, open map[*site.Page]bool) {
	for _, c := range pages {
		cls := ""
		if c.Section {
			cls = ` class="nav-section"`
			if open[c] {
				cls = ` class="nav-section open"`
			}
		}
		b.WriteString(`<li` + cls + `><a href="` + href(site.Rel(p.URL, c.URL)) + `">` + html.EscapeString(c.Title) + `</a>`)
		if c.Section && open[c] && len(c.Children) > 0 {
			b.WriteString(`<ul>`)
			r.navList(b, p, c.Children, open)
			b.WriteString(`</ul>`)
		}
		b.WriteString("</li>\n")
	}
}

// href escapes a relative URL path for an href attribute: "my file.html"
// becomes "my%20file.html".
func href(p string) string {
	return html.EscapeString((&url.URL{Path: p}).EscapedPath())
}
