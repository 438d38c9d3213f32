package article

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html/atom"
)

// newHTMLPolicy returns the one sanitiser policy for the raw HTML of
// articles (see rawhtml.go). It is built once, by NewParser, and only read
// afterwards: bluemonday policies are safe for concurrent use once built.
//
// It allows the HTML that documentation uses for what Markdown cannot say:
// tables with merged cells, line breaks, lists, definition lists, details,
// inline markup, links, pictures and anchors. Nothing that can run script,
// load a page or style one: no script, style, iframe, frame, object, embed,
// form, input, SVG or MathML element, no style, class or on* attribute, and
// only http:, https:, mailto:, tel:, relative and raster data: picture URLs
// (after the links were resolved and checked like Markdown links, which
// refuses javascript: and the like with an error first).
func newHTMLPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "div", "span", "br", "hr", "wbr",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"b", "i", "u", "strong", "em", "code", "pre", "kbd", "samp", "var",
		"sup", "sub", "mark", "small", "s", "del", "ins", "abbr", "cite", "dfn", "q",
		"blockquote", "figure", "figcaption",
		"ul", "ol", "li", "dl", "dt", "dd",
		"details", "summary",
		"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
	)
	p.AllowTables() // colspan, rowspan, scope, headers, align, valign, span, width, height
	p.AllowLists()  // type on ol, ul, li; value on li
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("open").Matching(detailsOpen).OnElements("details")

	// Anchors and link targets: id on every element (kb lists them as the
	// article's anchors), and <a name> is rewritten to <a id> before this.
	p.AllowAttrs("id").Matching(anchorID).Globally()
	p.AllowAttrs("title").Globally() // escaped on output, like every value
	p.AllowAttrs("dir").Matching(bluemonday.Direction).Globally()
	p.AllowAttrs("lang").Matching(langTag).Globally()

	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("target").Matching(blankTarget).OnElements("a") // rel="noopener" is added (rawhtml.go)
	p.AllowNoAttrs().OnElements("a")                             // <a> whose href was refused stays a plain span of text
	p.AllowAttrs("src").OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img")

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowDataURIImages() // after UnsafeURL, which lets through PNG, GIF, JPEG and WebP only
	return p
}

// skipContent reports whether an element's content is removed with it, not
// only its tags: what such elements hold is code, a document or a form,
// never text for the reader.
func skipContent(name string) bool {
	switch atom.Lookup([]byte(name)) {
	case atom.Script, atom.Style, atom.Iframe, atom.Frame, atom.Frameset, atom.Noframes, atom.Noembed,
		atom.Noscript, atom.Object, atom.Embed, atom.Applet, atom.Template, atom.Title, atom.Textarea,
		atom.Xmp, atom.Plaintext, atom.Svg, atom.Math, atom.Select:
		return true
	}
	return false
}

// voidElement reports whether an element has no end tag.
func voidElement(name string) bool {
	switch atom.Lookup([]byte(name)) {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link,
		atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// The values the policy allows for some attributes.
var (
	detailsOpen = regexp.MustCompile(`^(?i:|open)$`)
	anchorID    = regexp.MustCompile(`^[\p{L}\p{N}_:.\-]+$`)
	blankTarget = regexp.MustCompile(`^_blank$`)
	langTag     = regexp.MustCompile(`^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$`)
)
