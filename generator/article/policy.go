package article

import (
	"strings"

	"github.com/yuin/goldmark/renderer/html"

	"kb/generator/diag"
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

// unsafeLink reports an unsafe URL (UnsafeURL) of a link or image of article a,
// as an error at pos.
func unsafeLink(a *Article, raw string, pos int, image bool, lines *diag.Lines, diags *diag.List) bool {
	if !UnsafeURL(raw) {
		return false
	}
	what := "link"
	if image {
		what = "image source"
	}
	diags.Add(lines.At(a.SourcePath(), pos, diag.Error, diag.RuleLinkUnsafeUrl,
		"%s %q could run script; kb writes no javascript:, vbscript:, file: or data: URL but for PNG, GIF, JPEG and WebP pictures. Link to a file of the site or an https:// address", what, raw))
	return true
}

// Unpublished is implemented by Files that know which content files are not
// published (source.Source), because their type could run script.
type Unpublished interface {
	Unpublished(path string) (why string, ok bool)
}

// unpublished reports a link or image of article a whose target is a content
// file kb does not publish, as an error at pos that says why.
func (p *Parser) unpublished(a *Article, ref, target string, pos int, image bool, lines *diag.Lines, diags *diag.List) bool {
	u, ok := p.files.(Unpublished)
	if !ok {
		return false
	}
	why, ok := u.Unpublished(target)
	if !ok {
		return false
	}
	what := "link target"
	if image {
		what = "image"
	}
	diags.Add(lines.At(a.SourcePath(), pos, diag.Error, diag.RuleLinkUnpublished,
		"%s %q is not published: %s; link to another file, or see docs/security.md", what, ref, why))
	return true
}
