package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"kb/generator/article"
)

// checkSVG reads an SVG picture with an XML parser, as a browser does when it
// opens the file on its own, and returns the byte offset and a description
// of the first thing in it that could run script or load another file, or
// "" when there is none. It checks and never rewrites: a published SVG is
// byte for byte the file that was checked.
//
// Allowed are: SVG elements but for <script> (svgElements); <foreignObject>
// holding plain XHTML text markup (xhtmlElements, as diagram editors write
// for labels); elements of the editors' metadata namespaces; attributes but
// for event handlers (on*); links (href, xlink:href) to a place in the file
// (#id), pictures in data: URLs (PNG, GIF, JPEG, WebP), and on <a> any URL
// that Markdown links may have (article.UnsafeURL); CSS in style attributes
// and <style> without escapes, @import, or url() other than #id and data:
// pictures or fonts. Not allowed: DOCTYPE declarations (entities), processing
// instructions other than <?xml?> (xml-stylesheet), text in an encoding
// other than UTF-8, and anything the parser cannot read.
func checkSVG(data []byte) (int, string) {
	start := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		start = 3 // a UTF-8 byte order mark, which browsers skip too
	}
	if !utf8.Valid(data) {
		return 0, "is not UTF-8 text (save it as UTF-8)"
	}
	d := xml.NewDecoder(bytes.NewReader(data[start:]))
	d.Strict = true
	var w svgWalk
	for {
		off := start + int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return off, xmlProblem(err)
		}
		// The token's text is data[off:next].
		next := min(start+int(d.InputOffset()), len(data))
		if at, problem := w.token(tok, data[off:next], off); problem != "" {
			return at, problem
		}
	}
	if w.roots == 0 {
		return 0, "has no <svg> element"
	}
	return 0, ""
}

// xmlProblem describes an error of the XML parser.
func xmlProblem(err error) string {
	msg := err.Error()
	var serr *xml.SyntaxError
	if errors.As(err, &serr) {
		msg = serr.Msg
	}
	return "is not well-formed XML (" + strings.TrimPrefix(msg, "xml: ") + ")"
}

// svgWalk is checkSVG's state while it reads the tokens of a file in order.
type svgWalk struct {
	depth   int  // open elements
	foreign int  // depth inside <foreignObject>
	style   bool // inside <style>
	css     strings.Builder
	cssAt   int // offset of the <style> being read
	roots   int
}

// token checks one token, whose text tag starts at offset off, and returns
// where the first problem is and what it is, or "".
func (w *svgWalk) token(tok xml.Token, tag []byte, off int) (int, string) {
	switch t := tok.(type) {
	case xml.ProcInst:
		if t.Target != "xml" {
			return off, fmt.Sprintf("has a processing instruction <?%s?>; a style sheet (xml-stylesheet) can turn the file into a page with scripts", t.Target)
		}
	case xml.Directive:
		// <!DOCTYPE svg PUBLIC "..." "...svg11.dtd">, as editors write,
		// declares nothing: browsers load no external DTD. Declarations
		// in brackets can define entities, which would expand into
		// markup this check never sees.
		if !bytes.HasPrefix(t, []byte("DOCTYPE")) || bytes.ContainsAny(t, "[<") {
			return off, "has a DOCTYPE with declarations, whose entities a browser expands into markup; export the picture without them"
		}
	case xml.CharData:
		if w.style {
			w.css.Write(t)
		}
	case xml.StartElement:
		return w.startElement(t, tag, off)
	case xml.EndElement:
		return w.endElement()
	}
	return 0, ""
}

// startElement checks an element's name and attributes and enters it.
func (w *svgWalk) startElement(t xml.StartElement, tag []byte, off int) (int, string) {
	if w.depth == 0 {
		if problem := w.root(t.Name); problem != "" {
			return off, problem
		}
	}
	if w.style {
		return off, "has an element inside <style>"
	}
	if problem := element(t.Name, w.foreign > 0); problem != "" {
		return off, problem
	}
	for i, a := range t.Attr {
		if problem := attribute(t.Name, a); problem != "" {
			return off + attrOffset(tag, i), problem
		}
	}
	w.depth++
	if t.Name.Space == svgNS && t.Name.Local == "foreignObject" || w.foreign > 0 {
		w.foreign++
	}
	if t.Name.Space == svgNS && t.Name.Local == "style" {
		w.style, w.cssAt = true, off
		w.css.Reset()
	}
	return 0, ""
}

// root checks a top-level element: there is one, SVG's <svg>.
func (w *svgWalk) root(n xml.Name) string {
	w.roots++
	if w.roots > 1 {
		return "has more than one root element"
	}
	if n.Space != svgNS || n.Local != "svg" {
		if n.Space == "" {
			return fmt.Sprintf("has a root element <%s> without xmlns=%q", n.Local, svgNS)
		}
		return fmt.Sprintf("has a root element <%s> that is not SVG's <svg>", n.Local)
	}
	return ""
}

// endElement leaves an element; at the end of a <style> it checks the CSS
// the element held.
func (w *svgWalk) endElement() (int, string) {
	w.depth--
	if w.foreign > 0 {
		w.foreign--
	}
	if w.style {
		w.style = false
		if problem := cssProblem(w.css.String()); problem != "" {
			return w.cssAt, "has a <style> element with " + problem
		}
	}
	return 0, ""
}

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

// svgElements are SVG's elements that cannot run script or embed a page.
var svgElements = setOf("a", "animate", "animateColor", "animateMotion", "animateTransform", "circle", "clipPath",
	"defs", "desc", "ellipse", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
	"feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
	"feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
	"fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "filter", "font", "font-face",
	"font-face-format", "font-face-name", "font-face-src", "font-face-uri", "foreignObject", "g", "glyph", "glyphRef",
	"hkern", "image", "line", "linearGradient", "marker", "mask", "metadata", "missing-glyph", "mpath", "path",
	"pattern", "polygon", "polyline", "radialGradient", "rect", "set", "stop", "style", "svg", "switch", "symbol",
	"text", "textPath", "title", "tref", "tspan", "use", "view", "vkern")

// xhtmlElements are the XHTML elements a <foreignObject> may hold: text
// markup, as diagram editors (draw.io) write for labels.
var xhtmlElements = setOf("div", "span", "p", "br", "b", "i", "u", "s", "strong", "em", "font", "sub", "sup",
	"small", "big", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "blockquote", "hr",
	"table", "thead", "tbody", "tr", "td", "th")

// xhtmlAttributes are the attributes those XHTML elements may have.
var xhtmlAttributes = setOf("style", "class", "dir", "lang", "align", "color", "face", "size", "colspan", "rowspan", "title")

// metadataNS are the namespaces of the editors' own elements (Inkscape,
// Sodipodi, Visio, Sketch, RDF and Dublin Core metadata), which browsers
// neither show nor run.
var metadataNS = setOf("http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
	"http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd", "http://schemas.microsoft.com/visio/2003/SVGExtensions/",
	"http://www.bohemiancoding.com/sketch/ns", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/", "http://creativecommons.org/ns#", "http://web.resource.org/cc/")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// element says what is wrong with an element, if anything.
func element(n xml.Name, inForeign bool) string {
	switch {
	case n.Space == svgNS && n.Local == "script":
		return "has a <script> element"
	case n.Space == svgNS && !svgElements[n.Local]:
		return fmt.Sprintf("has an element <%s>, which kb does not know to be passive", n.Local)
	case n.Space == svgNS, metadataNS[n.Space]:
		return ""
	case n.Space == xhtmlNS && inForeign && xhtmlElements[n.Local]:
		return ""
	case n.Space == xhtmlNS && inForeign:
		return fmt.Sprintf("has an XHTML element <%s> in a <foreignObject>, where only text markup (div, span, p, br, b, i, ...) is allowed", n.Local)
	case n.Space == xhtmlNS:
		return fmt.Sprintf("has an XHTML element <%s> outside a <foreignObject>", n.Local)
	case n.Space == "":
		return fmt.Sprintf("has an element <%s> in no namespace", n.Local)
	}
	return fmt.Sprintf("has an element <%s> of the namespace %q, which kb does not know to be passive", n.Local, n.Space)
}

// attribute says what is wrong with an attribute of element el, if anything.
func attribute(el xml.Name, a xml.Attr) string {
	if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
		return "" // a namespace declaration: the elements it names are checked
	}
	name := a.Name.Local
	lower := strings.ToLower(name)
	value := article.BrowserURL(a.Value)
	lv := strings.ToLower(value)
	switch {
	case strings.HasPrefix(lower, "on"):
		return fmt.Sprintf("has an event handler attribute %s, which runs script", name)
	case el.Space == xhtmlNS && !xhtmlAttributes[lower] && !strings.HasPrefix(lower, "data-"):
		return fmt.Sprintf("has an XHTML attribute %s, where only style, class and text formatting are allowed", name)
	case lower == "href":
		if el.Space == svgNS && el.Local == "a" {
			if article.UnsafeURL(value) {
				return fmt.Sprintf("has a link to %q, which could run script", short(a.Value))
			}
			return ""
		}
		if value == "" || strings.HasPrefix(value, "#") || strings.HasPrefix(lv, "data:") && !article.UnsafeURL(value) {
			return ""
		}
		return fmt.Sprintf("refers to another file (%s=%q); embed it, or refer to an element of this file (#id)", name, short(a.Value))
	case lower == "attributename":
		target := lv[strings.LastIndex(lv, ":")+1:]
		if target == "href" || strings.HasPrefix(target, "on") {
			return fmt.Sprintf("animates the attribute %s, which could make it run script", a.Value)
		}
	}
	if strings.Contains(lv, "javascript:") || strings.Contains(lv, "vbscript:") {
		return fmt.Sprintf("has a script URL in the attribute %s", name)
	}
	problem := urlProblem(a.Value) // fill="url(#g)"
	if lower == "style" {
		problem = cssProblem(a.Value)
	}
	if problem != "" {
		return fmt.Sprintf("has an attribute %s with %s", name, problem)
	}
	return ""
}

// cssURL finds url(...) in CSS, with its argument.
var cssURL = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))`)

// cssProblem says what in CSS text could run script or load another file.
func cssProblem(css string) string {
	lower := strings.ToLower(css)
	// url() is checked below; behavior: and -moz-binding need one.
	for _, bad := range []string{`\`, "<", "@import", "expression(", "javascript:", "vbscript:", "image-set(", "src("} {
		if strings.Contains(lower, bad) {
			return fmt.Sprintf("%q in its CSS", bad)
		}
	}
	return urlProblem(css)
}

// urlProblem says which url(...) in a value loads another file. A place in
// the file (#id), a picture or a font in a data: URL are fine.
func urlProblem(css string) string {
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		u := article.BrowserURL(m[1] + m[2] + m[3])
		lu := strings.ToLower(u)
		if strings.HasPrefix(u, "#") || strings.HasPrefix(lu, "data:") && !article.UnsafeURL(u) || strings.HasPrefix(lu, "data:font/") {
			continue
		}
		return fmt.Sprintf("url(%s), which loads another file; refer to an element of this file (#id)", short(u))
	}
	return ""
}

// attrSyntax finds the attributes of a start tag, in order.
var attrSyntax = regexp.MustCompile(`\s([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')`)

// attrOffset is the offset in a start tag of its i-th attribute's name, or 0
// when it cannot be found.
func attrOffset(tag []byte, i int) int {
	m := attrSyntax.FindAllSubmatchIndex(tag, i+1)
	if len(m) <= i {
		return 0
	}
	return m[i][2]
}

// short cuts a value to quote in a message.
func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
