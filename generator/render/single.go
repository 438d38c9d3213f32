package render

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"sync"

	"kb/generator/site"
)

// The single-file bundle (package bundle) is rendered from the site with its
// own layout, templates/single.html, overridable like the other templates:
// its "single-page" template renders the part of each page the file shows
// in turn (the main content and "On this page", with the "main" block of
// article.html or section.html), and the file itself is single.html with
// those parts in it. Nothing of it depends on the classes page.html uses.

// SinglePage is one page of the single-file bundle.
type SinglePage struct {
	Path  string        // the page's output path: "guide/article.html"
	Title string        // the document title while it shows: as page.html's <title>
	HTML  template.HTML // its part: links are as rendered, relative to the page
}

// SingleData is what templates/single.html gets: the start page's Data, and
// the file's parts. The bundle has made every link of them a link inside
// the file (#/path.html) or a data: URL, .Nav's too.
type SingleData struct {
	Data
	Start   SinglePage
	Pages   []SinglePage // the other pages, by path
	Styles  []template.CSS
	Scripts []template.JS // made safe to put inside <script> (InlineScript)
}

// Href is the link inside the file to the page at site path p:
// "#/search.html".
func (SingleData) Href(p string) string { return "#/" + p }

// Singles collects the part of every page for the single-file bundle as the
// pages are rendered (Renderer.Singles): the bodies of articles are let go
// once their page is written.
type Singles struct {
	mu    sync.Mutex
	pages []SinglePage
}

// Pages returns the parts collected, by path.
func (s *Singles) Pages() []SinglePage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.pages)
	slices.SortFunc(out, func(a, b SinglePage) int { return strings.Compare(a.Path, b.Path) })
	return out
}

func (s *Singles) add(p SinglePage) {
	s.mu.Lock()
	s.pages = append(s.pages, p)
	s.mu.Unlock()
}

// single renders the part of page p for the single file, from the data d its
// page was rendered with.
func (r *Renderer) single(p *site.Page, d Data) (SinglePage, error) {
	t := r.singleArticle
	if p.Section {
		t = r.singleSection
	}
	title := d.Site.Title
	if !d.IsHome {
		title = d.Title + " | " + d.Site.Title
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "single-page", d); err != nil {
		return SinglePage{}, r.templateError(err, p.URL)
	}
	return SinglePage{Path: p.URL, Title: title, HTML: template.HTML(b.String())}, nil
}

// StartData is the start page's Data, as single.html gets it before the
// bundle fills in the rest of SingleData.
func (r *Renderer) StartData() Data { return r.data(r.site.Home) }

// SingleFile renders templates/single.html.
func (r *Renderer) SingleFile(d SingleData) ([]byte, error) {
	var b bytes.Buffer
	if err := r.singleSection.ExecuteTemplate(&b, "single.html", d); err != nil {
		return nil, r.templateError(err, "the single file")
	}
	return b.Bytes(), nil
}
