package render

import (
	"html"
	"html/template"
	"strings"

	"kb/generator/hosting"
	"kb/generator/site"
)

// Data is what a page template gets. Every URL in it is relative to the page.
type Data struct {
	Site        SiteData
	Title       string
	Description string
	IsHome      bool
	Root        string // relative URL of the site root, "" or "../" and so on
	Body        template.HTML
	Updated     *Date
	TOC         []TOCEntry
	Breadcrumbs []Link // from the home page down to the parent of this page (its folders, or its TOC's entries above it)
	Prev, Next  *Link
	Children    []Link // a section's pages and sub-sections
	// Docsets, on the home page kb generates for a DocFX repository, lead
	// to each docset's landing page, with its title and description (a
	// docset without one has its name, and the address out of the site
	// where it moved, if any); Children is then empty.
	Docsets     []Link
	Nav         template.HTML
	Params      map[string]any // the article's front matter, every key
	Canonical   string         // the page's absolute URL, when config.toml sets baseURL
	Base        string         // <base href>: only on the 404 page, which is sent at any address
	H1ID        string         // the id of the article's heading 1, as links to it name it
	TitleSuffix string         // after the title in the title bar (front matter or docfx.json titleSuffix)
	NoIndex     bool           // ask search engines not to index the page (the 404 page, ROBOTS: NOINDEX)
	Alternates  []Alternate    // other forms of the page, for <link rel="alternate">
}

// Href is the link from the page to the page at site path p ("search.html"):
// p after Root. Templates shared with the single file (parts.html) link so.
func (d Data) Href(p string) string { return d.Root + p }

// Alternate is another form of a page, such as a tree page's oEmbed
// response: a <link rel="alternate"> in its head.
type Alternate struct {
	Type  string // media type: "application/json+oembed"
	URL   string // relative to the page, or absolute
	Title string
}

// TypeAttr is the type attribute with its "+" as it is: html/template would
// write "&#43;", which discovery code that does not decode entities (such as
// WordPress's) does not recognise.
func (a Alternate) TypeAttr() template.HTMLAttr {
	return template.HTMLAttr(`type="` + html.EscapeString(a.Type) + `"`)
}

// SiteData is the site-wide part of Data.
type SiteData struct {
	Title    string
	Language string
	Search   bool   // the site has a search index
	Edition  string // which build this is, for offline copies; empty otherwise
}

// Link is a page as other pages link to it.
type Link struct {
	Title       string
	URL         string
	Description string
}

// TOCEntry is one heading in "On this page".
type TOCEntry struct {
	Level int
	ID    string
	Text  string
}

// Date is a page's last-updated date, for humans and for the datetime attribute.
type Date struct {
	Text string // "May 17, 2024"
	ISO  string // "2024-05-17"
}

func (r *Renderer) data(p *site.Page) Data {
	d := Data{
		Site:   SiteData{Title: r.site.Config.Title, Language: r.site.Config.Language, Search: r.site.Config.Search, Edition: r.Edition},
		Title:  p.Title,
		IsHome: p == r.site.Home,
		Root:   strings.Repeat("../", strings.Count(p.URL, "/")),
		Nav:    r.nav(p),
	}
	d.Alternates = r.Alternates[p.URL]
	link := func(q *site.Page) Link {
		l := Link{Title: q.Title, URL: site.Rel(p.URL, q.URL)}
		if q.Article != nil {
			l.Description = q.Article.Meta.Description
		}
		return l
	}
	if a := p.Article; a != nil {
		d.Description = a.Meta.Description
		d.NoIndex = a.Meta.NoIndex
		d.TitleSuffix = a.Meta.TitleSuffix
		d.Body = template.HTML(a.Body) // rendered by goldmark, its raw HTML sanitised (article/rawhtml.go)
		d.Params = a.Meta.Params
		if a.H1 != "" {
			d.Title, d.H1ID = a.H1, a.H1ID
		}
		if !a.Meta.Date.IsZero() {
			d.Updated = &Date{Text: a.Meta.Date.Format("January 2, 2006"), ISO: a.Meta.Date.Format("2006-01-02")}
		}
		for _, h := range a.Headings {
			if h.Level <= 3 {
				d.TOC = append(d.TOC, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
	}
	if base := r.site.Config.BaseURL; base != "" {
		d.Canonical = hosting.PageURL(base, p.URL)
	}
	if d.IsHome && d.Description == "" {
		d.Description = r.site.Config.Description
	}
	for _, a := range p.Crumbs(r.site.Home) {
		d.Breadcrumbs = append(d.Breadcrumbs, link(a))
	}
	if p.Prev != nil {
		l := link(p.Prev)
		d.Prev = &l
	}
	if p.Next != nil {
		l := link(p.Next)
		d.Next = &l
	}
	for _, c := range p.Children {
		d.Children = append(d.Children, link(c))
	}
	if d.IsHome && p.Article == nil && len(r.site.Docsets) > 0 {
		d.Children = nil
		for _, ds := range r.site.Docsets {
			l := Link{Title: ds.Name, URL: ds.URL}
			if ds.Page != nil {
				l = link(ds.Page)
			}
			d.Docsets = append(d.Docsets, l)
		}
	}
	return d
}
