package hosting

import (
	"html"

	"kb/generator/article"
	"kb/generator/site"
)

// NotFound is the page servers send for addresses the site does not have,
// written at 404.html: a page of the site, under the home page, with the
// header, search and navigation of every page. It is no page of s.Pages, so
// it is in no navigation, search index or sitemap.
//
// A server sends it at any address, at any depth, so its links are relative
// to the site root, and the renderer gives it <base href=baseURL>
// (render.Renderer.NotFound). Without a baseURL they work only for missing
// addresses in the root folder.
func NotFound(s *site.Site) *site.Page {
	body := `<p>There is no page at this address. It may have moved, or the link that led here may be mistyped.</p>` + "\n" +
		`<ul>` + "\n" +
		`<li>Start again from <a href="index.html">the home page of ` + html.EscapeString(s.Config.Title) + `</a>.</li>` + "\n"
	if s.Config.Search {
		body += `<li>Search the knowledge base with the box at the top of this page.</li>` + "\n"
	}
	body += `<li>Browse every page in the navigation.</li>` + "\n" + `</ul>` + "\n"
	a := &article.Article{
		Path: "404.md",
		URL:  NotFoundPath,
		Meta: article.Meta{Title: "Page not found", Description: "There is no page at this address."},
		Body: []byte(body),
	}
	return &site.Page{Article: a, Title: a.Meta.Title, URL: NotFoundPath, Hidden: true, Parent: s.Home}
}
