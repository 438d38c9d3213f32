// Package render turns the site model into HTML pages and theme assets.
//
// Templates come from the theme (package theme), overridable file by file by
// the site's own theme/ folder. Every page is rendered by templates/page.html,
// whose "main" block is defined by templates/article.html for articles and by
// templates/section.html for section pages and the home page. The single-file
// bundle has its own layout, templates/single.html (single.go). Both layouts
// use the templates of templates/parts.html (the header with the search box,
// a page's content, the footer): page.html is read after it and may define
// them again for the pages; single.html gets parts.html's. They link to
// pages with Data.Href, which the single file's SingleData.Href makes links
// inside the file.
// Templates get a
// Data value; every URL in it is relative to the page, so the site works from
// any URL prefix and opened from disk (file://).
//
// The navigation tree is the same for every page of one folder, except for the
// mark on the current page, so it is built once per folder and marked per page.
// In a site with tables of contents (site.Options.TOCs) it is the page's TOC,
// built once per folder and open entry (tocnav.go).
//
// A Renderer is safe for concurrent use once made.
package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"sync"

	"kb/generator/site"
	"kb/theme"
)

// AssetsFolder is where the theme's assets go in the output, by the same
// name as in the theme. The asset names below are those kb's own code reads
// (Asset takes them): the page stylesheet, the code stylesheet (generated
// unless the theme has one), and the page, decision tree and search scripts.
const (
	AssetsFolder  = "assets"
	StyleAsset    = "kb.css"
	SyntaxAsset   = "syntax.css"
	ScriptAsset   = "kb.js"
	DecisionAsset = "decision.js"
	SelectAsset   = "select.js" // tabs, zone pivots, monikers
	SearchAsset   = "search.js"
)

// AssetPath is the output path of the asset name ("kb.css": "assets/kb.css").
func AssetPath(name string) string { return AssetsFolder + "/" + name }

// Renderer renders the pages of one site.
type Renderer struct {
	site    *site.Site
	theme   overlay
	article *template.Template
	section *template.Template
	navs    sync.Map // output folder -> nav HTML of that folder's pages; in a site with TOCs, tocNavKey -> *tocNav
	// article and section with templates/single.html, for the single file
	singleArticle, singleSection *template.Template

	// Edition, when set, is shown in every page's footer: kb bundle says
	// there which build of the knowledge base an offline copy is.
	Edition string

	// Alternates are other forms of pages, by page URL (package embed's
	// oEmbed responses); set before the first page is rendered.
	Alternates map[string][]Alternate

	// Singles, when set before the first page is rendered, gets every
	// page's part of the single-file bundle (single.go) as Page renders it.
	Singles *Singles
}

// New parses the templates. siteTheme is the site's theme/ folder, or nil.
func New(s *site.Site, siteTheme fs.FS) (*Renderer, error) {
	r := &Renderer{site: s, theme: overlay{site: siteTheme, base: theme.Files()}}
	files := map[string]string{}
	for _, name := range []string{"parts.html", "page.html", "article.html", "section.html", "single.html"} {
		b, err := r.theme.ReadFile("templates/" + name)
		if err != nil {
			return nil, err
		}
		files[name] = string(b)
	}
	// set returns the templates of the files names, parsed in order, each
	// under its own name, so that errors in it and in the blocks it defines
	// name that file. parts.html comes before page.html, so that page.html
	// may define its templates again.
	set := func(names ...string) (*template.Template, error) {
		t := template.New("theme")
		for _, name := range names {
			if _, err := t.New(name).Parse(files[name]); err != nil {
				return nil, r.templateError(err, "")
			}
		}
		return t.Lookup("page.html"), nil
	}
	var err error
	if r.article, err = set("parts.html", "page.html", "article.html"); err != nil {
		return nil, err
	}
	if r.section, err = set("parts.html", "page.html", "section.html"); err != nil {
		return nil, err
	}
	// The single file's layout gets parts.html's templates again, over
	// page.html's: what a theme's page.html defines anew is for its pages
	// only, and the single file keeps the markup its script expects.
	if r.singleArticle, err = set("parts.html", "page.html", "parts.html", "article.html", "single.html"); err != nil {
		return nil, err
	}
	if r.singleSection, err = set("parts.html", "page.html", "parts.html", "section.html", "single.html"); err != nil {
		return nil, err
	}
	return r, nil
}

// Page renders one page to HTML.
func (r *Renderer) Page(p *site.Page) ([]byte, error) {
	t := r.article
	if p.Section {
		t = r.section
	}
	var b bytes.Buffer
	size := 16 << 10 // the page shell and navigation
	if p.Article != nil {
		size += len(p.Article.Body)
	}
	b.Grow(size)
	d := r.data(p)
	if err := t.Execute(&b, d); err != nil {
		return nil, r.templateError(err, p.URL)
	}
	if r.Singles != nil {
		part, err := r.single(p, d)
		if err != nil {
			return nil, err
		}
		r.Singles.add(part)
	}
	return b.Bytes(), nil
}

// NotFound renders the page servers send for missing addresses (see
// hosting.NotFound). It is sent at any depth, so relative links could not
// work: its links are relative to the site root, and with a baseURL it gets
// <base href=baseURL>. It has no canonical link and is not indexed.
func (r *Renderer) NotFound(p *site.Page) ([]byte, error) {
	d := r.data(p)
	d.Base, d.Canonical, d.NoIndex = r.site.Config.BaseURL, "", true
	var b bytes.Buffer
	if err := r.article.Execute(&b, d); err != nil {
		return nil, r.templateError(err, p.URL)
	}
	return b.Bytes(), nil
}

// Asset reads one theme asset ("kb.css"): the site's own file if its theme
// has one, else the default.
func (r *Renderer) Asset(name string) ([]byte, error) {
	return r.theme.ReadFile(AssetPath(name))
}

// Assets returns the theme's asset files, by output path ("assets/kb.css").
// The code stylesheet, assets/syntax.css, is generated unless the site's
// theme has one.
func (r *Renderer) Assets() (map[string][]byte, error) {
	names, err := r.theme.files(AssetsFolder)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, n := range names {
		if out[n], err = r.theme.ReadFile(n); err != nil {
			return nil, err
		}
	}
	if _, ok := out[AssetPath(SyntaxAsset)]; !ok {
		if out[AssetPath(SyntaxAsset)], err = syntaxCSS(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
