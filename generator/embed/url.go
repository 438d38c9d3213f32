package embed

import (
	"net/url"
	"strings"

	"kb/generator/site"
)

// URL is the address of target, a file's path from the site root
// ("embed/x.html"), as written in the file from: relative to from when base
// is "", else under base, the address the site is published at. Every URL
// in the embed files, the Embed panel and the oEmbed links is made here.
func URL(base, from, target string) string {
	p := (&url.URL{Path: target}).EscapedPath()
	if base != "" {
		return strings.TrimSuffix(base, "/") + "/" + p
	}
	return site.Rel(from, p)
}
