package hosting

import (
	"bytes"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"kb/generator/site"
)

// Files returns the files a web server needs, by site path: robots.txt
// (unless the content folder has its own), sitemap.xml when the site has a
// baseURL, and for the redirects rs a page at each old address and
// _redirects. 404.html is a themed page: see NotFound.
func Files(s *site.Site, rs []*Redirect) (map[string][]byte, error) {
	base := s.Config.BaseURL
	out := map[string][]byte{}
	if !slices.Contains(s.Static, RobotsPath) {
		out[RobotsPath] = Robots(base)
	}
	if base != "" {
		moved := map[string]bool{}
		for _, r := range rs {
			moved[r.From] = true
		}
		out[SitemapPath] = sitemap(s, base, moved)
	}
	if len(rs) == 0 {
		return out, nil
	}
	var lines strings.Builder
	for _, r := range rs {
		page, err := r.page(s)
		if err != nil {
			return nil, err
		}
		out[r.From] = page
		lines.WriteString(r.line(base))
	}
	out[RedirectsPath] = []byte(lines.String())
	return out, nil
}

// line is the redirect in the _redirects format of Netlify and Cloudflare
// Pages: "/old/page.html /new/page.html 301", paths from the host's root.
func (r *Redirect) line(base string) string {
	prefix := basePath(base)
	to := r.External
	if to == "" {
		to = prefix + r.sitePath(folderForm(r.Path))
	}
	return prefix + escapePath(folderForm(r.From)) + " " + to + " 301\n"
}

// sitePath is p, escaped, with the target's query and anchor.
func (r *Redirect) sitePath(p string) string {
	s := escapePath(p)
	if r.Query != "" {
		s += "?" + r.Query
	}
	if r.Anchor != "" {
		s += "#" + (&url.URL{Fragment: r.Anchor}).EscapedFragment()
	}
	return s
}

// relURL is the target as a URL relative to the old page, so that the
// redirect works from disk and under any prefix; or the absolute URL.
func (r *Redirect) relURL() string {
	if r.External != "" {
		return r.External
	}
	u := url.URL{Path: site.Rel(r.From, r.Path), RawQuery: r.Query, Fragment: r.Anchor}
	return u.String()
}

// canonical is the target page's address for rel=canonical: absolute under
// base (relative without one), and without the #anchor, which names a place
// in the page rather than the page.
func (r *Redirect) canonical(base string) string {
	if r.External != "" {
		return r.External
	}
	t := *r
	t.Anchor = ""
	if base == "" {
		return t.relURL()
	}
	return base + t.sitePath(folderForm(r.Path))
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: {{.Title}} | {{.Site}}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Refresh}}">
<link rel="canonical" href="{{.Canonical}}">
<link rel="stylesheet" href="{{.Root}}assets/kb.css">
</head>
<body>
<main id="main">
<h1>This page has moved</h1>
<p>It is now <a href="{{.URL}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

// page is the HTML page written at the old address: a meta refresh (no
// script), a canonical link to the target, and a link for readers whose
// browser does not follow the refresh.
func (r *Redirect) page(s *site.Site) ([]byte, error) {
	title := r.External
	switch {
	case r.Page != nil:
		title = r.Page.Title
	case title == "":
		title = r.Path
	}
	rel := r.relURL()
	data := struct {
		Lang, Site, Title, Root, URL, Refresh, Canonical string
	}{
		Lang: s.Config.Language, Site: s.Config.Title, Title: title,
		Root: strings.Repeat("../", strings.Count(r.From, "/")),
		URL:  rel,
		// A refresh URL that starts with a quote would be read as quoted.
		Refresh:   strings.ReplaceAll(rel, "'", "%27"),
		Canonical: r.canonical(s.Config.BaseURL),
	}
	var b bytes.Buffer
	if err := redirectPage.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
