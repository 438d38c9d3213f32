// Package hosting makes what a site needs once it is published on a web
// server rather than opened from disk: absolute addresses, the files crawlers
// read, the page for missing addresses, and redirects.
//
// Most of it depends on baseURL in config.toml, the address the site is
// published at ("https://example.org/docs/kb/", any sub-path). Pages stay
// linked to each other with relative URLs; only the places that must be
// absolute use baseURL:
//
//	canonical link, og:url   every page's absolute URL (PageURL); a folder's
//	                         index.html is addressed as the folder ("…/options/")
//	sitemap.xml              every page in the navigation, with ms.date as
//	                         <lastmod> (Sitemap); only with baseURL, since a
//	                         sitemap must list absolute URLs
//	robots.txt               allows every crawler, and names the sitemap when
//	                         there is one (Robots)
//	404.html                 the page servers send for any missing address
//	                         (NotFound); it gets <base href=baseURL>, because it
//	                         is sent at every depth
//
// Redirects come from two places. An article whose front matter has
// redirect_url (as Microsoft Docs redirect stubs do) is not a page: Stubs
// takes it out of the page tree, and its address becomes a redirect. A stub
// that is a folder's index.md is the folder's page: its redirect page is
// written in the place of the section page kb makes for the folder (which
// stays in the navigation, and leads readers to the target), and is no
// redirect-conflict with it. The
// [redirects] table of config.toml adds addresses of pages that no longer
// exist; config.Load reads it, with the place of each entry, so config.toml
// is read once. A target is a .md path (relative to the article, or to the content
// folder in config.toml), a path from the site root ("/options/x.md",
// "/options/x.html", "/options/"), or an absolute http(s) URL; it may end in
// an #anchor.
//
// Redirects checks every redirect against the built site (after rendering, so
// that the headings of every article are known): its target must be a page
// or file of the site, with the anchor; it must not lead to another redirect
// (a chain or a loop); its old address must not be a page or file of the site
// too, nor redirected twice. Each redirect is then written twice: as an HTML
// page at the old address (a meta refresh, a canonical link to the target, a
// visible link, noindex, no script) that works on any server and from disk,
// and as a line of _redirects ("/old/page.html /new/page.html 301"), which
// Netlify and Cloudflare Pages turn into real HTTP redirects. Redirect stubs
// are in no navigation, search index or sitemap.
package hosting

import (
	"net/url"
	"strings"
)

// PageURL is the absolute URL of the page at the site path page ("a/b.html",
// "a/index.html") under base, a normalized baseURL. An index.html page is
// addressed as its folder: "https://example.org/kb/a/".
func PageURL(base, page string) string {
	return base + escapePath(folderForm(page))
}

// folderForm drops a final "index.html": the address web servers answer for
// a folder.
func folderForm(p string) string {
	if p == "index.html" {
		return ""
	}
	if strings.HasSuffix(p, "/index.html") {
		return strings.TrimSuffix(p, "index.html")
	}
	return p
}

// escapePath escapes a slash-separated path for a URL: "my file.html"
// becomes "my%20file.html".
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// basePath is the path of a baseURL ("/docs/kb/"), or "/" without one.
func basePath(base string) string {
	if base == "" {
		return "/"
	}
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.EscapedPath()
}
