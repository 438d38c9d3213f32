package article

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"kb/generator/diag"
)

// Raw HTML in an article (an HTML block, or an inline tag) goes through the
// sanitiser (htmlpolicy.go) tag by tag, while the body is walked:
//
//   - href of <a> and src of <img> are resolved and checked exactly like
//     Markdown links and images (Parser.resolve), at the attribute's offset:
//     a missing target is an error at its line, a.md becomes a.html;
//   - <a name="x"> becomes <a id="x">, and every id kept is one of the
//     article's Anchors, which links can name;
//   - each tag is then sanitised on its own by the policy; what the policy
//     drops (an element, with its content for script, style, iframe and the
//     like; an attribute) is counted and reported once per article, as the
//     warning html-removed at the first place;
//   - comments are dropped silently (kb-disable comments keep working: see
//     suppression);
//   - tags are balanced within their container (the document, a list item or
//     block quote for HTML blocks; the paragraph, heading or table cell for
//     inline tags): an end tag that closes nothing open there is dropped,
//     and what is still open at the container's end is closed there, so
//     that no article can close or leave open the page's own elements.
//
// Markdown between HTML blocks (after a blank line) is Markdown, as
// CommonMark says: a <details> opened in one block holds the paragraphs up
// to the block that closes it.

// htmlAttr holds the sanitised HTML of a raw HTML node, set by rawHTML.node.
const htmlAttr = "kb-html"

// rawHTML is the state of one article's raw HTML while its body is walked.
type rawHTML struct {
	p       *Parser
	a       *Article
	source  []byte
	lines   *diag.Lines
	diags   *diag.List
	open    map[ast.Node][]string // per container, the elements left open, outermost first
	scopes  []ast.Node            // the containers in open, in the order first seen
	removed []string              // what the policy dropped, in the order first seen
	counts  map[string]int
	clean   map[string]string // the sanitiser's output for each tag met so far (<td>, <br>, <p> repeat)
	first   int               // offset of the first removal
}

func newRawHTML(p *Parser, a *Article, source []byte, lines *diag.Lines, diags *diag.List) *rawHTML {
	return &rawHTML{p: p, a: a, source: source, lines: lines, diags: diags, open: map[ast.Node][]string{}, counts: map[string]int{}, clean: map[string]string{}}
}

// RawText returns the source text of a raw HTML node (inline or block).
func RawText(n ast.Node, source []byte) []byte {
	var out []byte
	for _, seg := range rawSegments(n) {
		out = append(out, seg.Value(source)...)
	}
	return out
}

// rawSegments are the pieces of the source a raw HTML node is made of.
func rawSegments(n ast.Node) []text.Segment {
	var segs []text.Segment
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			segs = append(segs, n.Segments.At(i))
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			segs = append(segs, n.Lines().At(i))
		}
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
	}
	return segs
}

// offsetIn maps an offset in the text of segs (as RawText joins them) to an
// offset of the source.
func offsetIn(segs []text.Segment, off int) int {
	for _, seg := range segs {
		n := seg.Padding + seg.Len()
		if off < n {
			return seg.Start + max(0, off-seg.Padding)
		}
		off -= n
	}
	if len(segs) == 0 {
		return 0
	}
	return segs[len(segs)-1].Stop
}

// scope is the container whose tags a raw HTML node's tags balance with.
func scope(n ast.Node) ast.Node {
	if n.Kind() == ast.KindHTMLBlock {
		return n.Parent()
	}
	for c := n.Parent(); c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock || c.Type() == ast.TypeDocument {
			return c
		}
	}
	return n.Parent()
}

// node sanitises one raw HTML node and keeps the result on it.
func (r *rawHTML) node(n ast.Node) {
	segs := rawSegments(n)
	raw := RawText(n, r.source)
	sc := scope(n)
	if _, seen := r.open[sc]; !seen {
		r.open[sc] = nil
		r.scopes = append(r.scopes, sc)
	}
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(raw))
	off := 0
	skip, skipDepth := "", 0 // inside an element removed with its content
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tokRaw := z.Raw()
		start := off
		off += len(tokRaw)
		tokRaw = bytes.Clone(tokRaw)
		tok := z.Token()
		if skip != "" {
			switch {
			case tt == html.StartTagToken && tok.Data == skip:
				skipDepth++
			case tt == html.EndTagToken && tok.Data == skip:
				if skipDepth--; skipDepth == 0 {
					skip = ""
				}
			}
			continue
		}
		switch tt {
		case html.TextToken:
			out.WriteString(tok.String())
		case html.CommentToken: // dropped silently
		case html.DoctypeToken:
			r.remove("<!DOCTYPE>", offsetIn(segs, start))
		case html.StartTagToken, html.SelfClosingTagToken:
			kept := r.tag(&tok, tokRaw, segs, start)
			if kept == "" {
				r.remove("<"+tok.Data+">", offsetIn(segs, start))
				if tt == html.StartTagToken && skipContent(tok.Data) {
					skip, skipDepth = tok.Data, 1
				}
				break
			}
			out.WriteString(kept)
			switch {
			case voidElement(tok.Data):
			case tt == html.SelfClosingTagToken: // <a id="x"/>: a browser would leave it open
				out.WriteString("</" + tok.Data + ">")
			default:
				r.open[sc] = append(r.open[sc], tok.Data)
			}
		case html.EndTagToken:
			out.WriteString(r.end(sc, tok.Data))
		}
	}
	n.SetAttributeString(htmlAttr, out.Bytes())
}

// tag resolves, rewrites and sanitises one start tag, whose text is raw, at
// offset start of the node's text. It returns the tag to write, or "" when
// the policy removes the element.
func (r *rawHTML) tag(tok *html.Token, raw []byte, segs []text.Segment, start int) string {
	offs := attrOffsets(raw, tok.Attr)
	attrPos := func(i int) int {
		if offs == nil {
			return offsetIn(segs, start)
		}
		return offsetIn(segs, start+offs[i])
	}
	hasID := false
	for _, at := range tok.Attr {
		hasID = hasID || at.Key == "id"
	}
	attrs := tok.Attr[:0:0]
	var from []int       // for each of attrs, its index in the tag as written
	var written []string // and its name as written
	for i, at := range tok.Attr {
		key := at.Key
		if tok.Data == "a" && at.Key == "name" && !hasID {
			at.Key, hasID = "id", true // the anchors of Microsoft Docs articles
		}
		if (tok.Data == "a" && at.Key == "href") || (tok.Data == "img" && at.Key == "src") {
			resolved := r.p.resolve(r.a, escapeDestination(at.Val), attrPos(i), tok.Data == "img", r.lines, r.diags)
			if resolved == nil {
				continue // unsafe: reported as link-unsafe-url, and never written
			}
			at.Val = destination(resolved)
		}
		attrs = append(attrs, at)
		from = append(from, i)
		written = append(written, key)
	}
	tok.Attr = attrs
	in := tok.String()
	out, done := r.clean[in]
	if !done {
		out = r.p.html.Sanitize(in)
		r.clean[in] = out
	}
	kept, ok := firstTag(out)
	if !ok || kept.Data != tok.Data {
		return ""
	}
	for i, at := range tok.Attr {
		if !hasAttr(kept.Attr, at.Key) {
			r.remove(written[i]+"=", attrPos(from[i]))
		}
	}
	for _, at := range kept.Attr {
		if at.Key == "id" {
			r.a.Anchors = append(r.a.Anchors, at.Val)
		}
	}
	if hasAttr(kept.Attr, "target") { // _blank: the page opened cannot reach this one
		kept.Attr = append(kept.Attr, html.Attribute{Key: "rel", Val: "noopener noreferrer"})
	}
	if kept.Type == html.SelfClosingTagToken {
		kept.Type = html.StartTagToken // written <x>, with an end tag for all but void elements
	}
	return kept.String()
}

// end closes the element name if it is open in the container sc, with the
// elements opened inside it, and returns the end tags to write. An end tag
// that closes nothing open there is dropped: it could close an element of
// the page around the article.
func (r *rawHTML) end(sc ast.Node, name string) string {
	open := r.open[sc]
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] != name {
			continue
		}
		var b strings.Builder
		for j := len(open) - 1; j >= i; j-- {
			b.WriteString("</" + open[j] + ">")
		}
		r.open[sc] = open[:i]
		return b.String()
	}
	return ""
}

func (r *rawHTML) remove(what string, pos int) {
	if len(r.removed) == 0 {
		r.first = pos
	}
	if r.counts[what] == 0 {
		r.removed = append(r.removed, what)
	}
	r.counts[what]++
}

// finish closes what each container left open, at its end, and reports
// what the sanitiser removed.
func (r *rawHTML) finish() {
	for _, sc := range r.scopes {
		open := r.open[sc]
		if len(open) == 0 {
			continue
		}
		var b strings.Builder
		for j := len(open) - 1; j >= 0; j-- {
			b.WriteString("</" + open[j] + ">")
		}
		end := &htmlEnd{html: []byte(b.String()), block: sc.Type() != ast.TypeInline && sc.Kind() != ast.KindParagraph &&
			sc.Kind() != ast.KindHeading && sc.Kind() != ast.KindTextBlock}
		sc.AppendChild(sc, end)
	}
	if len(r.removed) == 0 {
		return
	}
	parts := make([]string, len(r.removed))
	for i, what := range r.removed {
		parts[i] = fmt.Sprintf("%s (%d)", printable(what), r.counts[what])
	}
	r.diags.Add(r.lines.At(r.a.SourcePath(), r.first, diag.Warning, diag.RuleHTMLRemoved,
		"removed from raw HTML: %s; readers do not see it. Write it in Markdown (or as `code` if it is a placeholder such as <name>), or with the HTML kb allows (docs/security.md)",
		strings.Join(parts, ", ")))
}

// printable keeps a tag or attribute name from content readable in a message.
func printable(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.Map(func(c rune) rune {
		if c < ' ' || c == 0x7f || c == 0xfffd {
			return '?'
		}
		return c
	}, s)
}

func hasAttr(attrs []html.Attribute, key string) bool {
	for _, at := range attrs {
		if at.Key == key {
			return true
		}
	}
	return false
}

// firstTag reads the tag the sanitiser wrote for one tag, if any.
func firstTag(s string) (html.Token, bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return html.Token{}, false
		case html.StartTagToken, html.SelfClosingTagToken:
			return z.Token(), true
		}
	}
}

// attrOffsets returns the offset in raw, the text of one start tag, of each
// of attrs, the attributes x/net/html's tokenizer read from it. It reads the
// tag as the tokenizer does (readTag, readTagAttrKey, readTagAttrVal), and
// returns nil should the two disagree.
func attrOffsets(raw []byte, attrs []html.Attribute) []int {
	if len(attrs) == 0 {
		return nil
	}
	space := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }
	i := 1 // after '<'
	for i < len(raw) && !space(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	skipSpace := func() {
		for i < len(raw) && space(raw[i]) {
			i++
		}
	}
	skipSpace()
	var offs []int
	for i < len(raw) && raw[i] != '>' {
		// the key
		kStart := i
		for i < len(raw) {
			c := raw[i]
			if c == '=' && i == kStart {
				i++
				continue
			}
			if c == '=' || space(c) || c == '/' || c == '>' {
				break
			}
			i++
		}
		kEnd := i
		// the value
		skipSpace()
		if i < len(raw) && raw[i] == '/' {
			i++
		} else if i < len(raw) && raw[i] == '=' {
			i++
			skipSpace()
			if i < len(raw) {
				switch q := raw[i]; q {
				case '>':
				case '\'', '"':
					i++
					for i < len(raw) && raw[i] != q {
						i++
					}
					if i < len(raw) {
						i++
					}
				default:
					for i < len(raw) && !space(raw[i]) && raw[i] != '>' {
						i++
					}
				}
			}
		}
		if kEnd > kStart {
			offs = append(offs, kStart)
		}
		skipSpace()
	}
	if len(offs) != len(attrs) {
		return nil
	}
	return offs
}

// htmlEnd closes, at the end of a container, the raw HTML elements left open
// in it.
type htmlEnd struct {
	ast.BaseInline
	html  []byte
	block bool // at the end of a block container: written on a line of its own
}

var kindHTMLEnd = ast.NewNodeKind("HTMLEnd")

// Kind implements ast.Node.
func (*htmlEnd) Kind() ast.NodeKind { return kindHTMLEnd }

// Dump implements ast.Node.
func (n *htmlEnd) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type rawHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderRawHTML)
	reg.Register(kindHTMLEnd, renderHTMLEnd)
}

// renderRawHTML writes what rawHTML.node made of a raw HTML node: nothing
// for a node the walk did not sanitise.
func renderRawHTML(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	v, _ := n.AttributeString(htmlAttr)
	out, _ := v.([]byte)
	_, _ = w.Write(out)
	if n.Kind() == ast.KindHTMLBlock && len(out) > 0 && out[len(out)-1] != '\n' {
		_ = w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLEnd(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	e := n.(*htmlEnd)
	_, _ = w.Write(e.html)
	if e.block {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// htmlBlockText appends the text of an HTML block, as sanitised, for search:
// the cells of a raw HTML table are found like those of a Markdown table.
func htmlBlockText(b *spacedText, n *ast.HTMLBlock) {
	v, _ := n.AttributeString(htmlAttr)
	out, _ := v.([]byte)
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			b.Sep()
			return
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "a", "b", "i", "u", "em", "strong", "code", "kbd", "samp", "var", "sup", "sub", "mark", "small", "s", "del", "ins", "span", "abbr", "cite", "dfn", "q":
			default:
				b.Sep() // a cell, a line, a paragraph: a word ends there
			}
		}
	}
}
