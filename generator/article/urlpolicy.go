package article

import (
	"strings"

	"github.com/yuin/goldmark/renderer/html"
)

// UnsafeURL reports whether a URL could run script or open a local file:
// javascript:, vbscript:, file:, or data: other than a PNG, GIF, JPEG or
// WebP picture. It is goldmark's policy for Markdown links and images
// (html.IsDangerousURL), applied to the URL as a browser reads it: tabs and
// line breaks anywhere are dropped and leading spaces and control characters
// trimmed first, so "java\tscript:" is caught as well. kb never writes such
// a URL, from Markdown, from :::image or into the single-file copy.
func UnsafeURL(u string) bool {
	return html.IsDangerousURL([]byte(BrowserURL(u)))
}

// BrowserURL is u as a browser's URL parser sees it before reading its
// scheme: without tabs and line breaks, and without leading and trailing C0
// controls and spaces.
func BrowserURL(u string) string {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	return strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
}
