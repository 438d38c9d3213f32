package hosting

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"

	"kb/generator/site"
)

// Sitemap returns sitemap.xml (sitemaps.org protocol 0.9) for the pages of s
// under base: every page that is in the navigation (no hidden page, include
// or redirect stub), sorted by address, each with its article's ms.date as
// <lastmod> (W3C date format, YYYY-MM-DD) when it has one.
func Sitemap(s *site.Site, base string) []byte { return sitemap(s, base, nil) }

// sitemap leaves out the pages at the addresses in moved too: the section
// pages of folders whose index.md is a redirect (see isIndex).
func sitemap(s *site.Site, base string, moved map[string]bool) []byte {
	type entry struct{ loc, lastmod string }
	var entries []entry
	for _, p := range s.Pages {
		if p.Hidden || p.Fragment || moved[p.URL] || p.Article != nil && p.Article.Meta.NoIndex {
			continue
		}
		e := entry{loc: PageURL(base, p.URL)}
		if p.Article != nil && !p.Article.Meta.Date.IsZero() {
			e.lastmod = p.Article.Meta.Date.Format("2006-01-02")
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.loc, b.loc) })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, e := range entries {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(e.loc)) // a bytes.Buffer does not fail
		b.WriteString("</loc>")
		if e.lastmod != "" {
			b.WriteString("<lastmod>" + e.lastmod + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// Robots returns robots.txt: every crawler may read every page; with a base,
// the file names the sitemap.
func Robots(base string) []byte {
	s := "User-agent: *\nDisallow:\n"
	if base != "" {
		s += "\nSitemap: " + base + SitemapPath + "\n"
	}
	return []byte(s)
}
