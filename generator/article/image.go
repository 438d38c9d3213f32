package article

import (
	"bytes"
	"html"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"kb/generator/diag"
)

// Microsoft Learn's image directive comes in three forms:
//
//	:::image type="content" source="media/pool.png" alt-text="A Front End pool" lightbox="media/pool-big.png":::
//
// alone on a line (a Directive, rendered as a block), inside a sentence
// (an InlineImage: select the :::image type="icon" source="media/book.png"::: icon),
// and the complex form, whose long description runs to :::image-end::: and is
// shown in a <details> under the picture (a ComplexImage):
//
//	:::image type="complex" source="media/chart.png" alt-text="Sales by year":::
//	Sales rose every year from 2019 to 2024, fastest in 2021.
//	:::image-end:::
//
// source, and lightbox (a link to the full-size picture), are resolved and
// checked like any image; type="icon" marks a decorative image (empty alt
// text, no border); border="false" drops the border other types have;
// loc-scope and other attributes are ignored.

// image renders the one-line :::image directive.
func (p *Parser) image(a *Article, n *Directive, lines *diag.Lines, diags *diag.List) {
	tag := p.imageTag(a, n.Attrs, n.AttrPos, n.Pos(), lines, diags)
	if tag == "" {
		return
	}
	n.HTML = `<p class="image">` + tag + "</p>\n"
}

// imageTag checks an :::image's attributes and returns its <img>, in a link
// to the full picture with lightbox; "" when it has no source or an unsafe
// one (reported).
func (p *Parser) imageTag(a *Article, attrs map[string]string, attrPos map[string]int, at int, lines *diag.Lines, diags *diag.List) string {
	posOf := func(name string) int {
		if pos, ok := attrPos[name]; ok {
			return pos
		}
		return at
	}
	source, ok := attrs["source"]
	if !ok || source == "" {
		diags.Add(lines.At(a.SourcePath(), at, diag.Error, diag.RuleImageMissing, ":::image has no source; add source=\"media/picture.png\""))
		return ""
	}
	resolved := p.resolve(a, []byte(source), posOf("source"), true, lines, diags)
	if resolved == nil {
		return "" // unsafe (UnsafeURL): reported, and never written
	}
	alt := attrs["alt-text"]
	icon := attrs["type"] == "icon"
	if icon {
		alt = ""
	} else if alt == "" {
		diags.Add(lines.At(a.SourcePath(), at, diag.Warning, diag.RuleImageAlt, ":::image has no alt-text; describe the picture for people who cannot see it"))
	}
	class := ""
	if border, set := attrs["border"]; border == "true" || !set && !icon {
		class = ` class="image-border"`
	}
	tag := `<img src="` + attrURL(resolved) + `" alt="` + html.EscapeString(alt) + `"` + class + ` loading="lazy">`
	if full, ok := attrs["lightbox"]; ok && full != "" {
		href := resolved // most lightboxes name the source again: checked once
		if full != source {
			href = p.resolve(a, []byte(full), posOf("lightbox"), true, lines, diags)
		}
		if href != nil {
			tag = `<a class="image-lightbox" href="` + attrURL(href) + `">` + tag +
				`<span class="visually-hidden"> (full-size picture)</span></a>`
		}
	}
	return tag
}

var (
	imageInline  = regexp.MustCompile(`^:::image((?:[ \t]+[a-z][a-z0-9-]*="[^"]*")*)[ \t]*:::`)
	imageOpening = regexp.MustCompile(`^:::image((?:[ \t]+[a-z][a-z0-9-]*="[^"]*")*)[ \t]*:::[ \t]*$`)
	imageEnd     = []byte(":::image-end:::")
)

// KindInlineImage is the node kind of an InlineImage.
var KindInlineImage = ast.NewNodeKind("InlineImage")

// InlineImage is an :::image inside a line of text.
type InlineImage struct {
	ast.BaseInline
	Attrs   map[string]string
	AttrPos map[string]int
	At      int    // offset of the directive
	HTML    string // filled in by Parser.learn
}

// Kind implements ast.Node.
func (n *InlineImage) Kind() ast.NodeKind { return KindInlineImage }

// Dump implements ast.Node.
func (n *InlineImage) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type inlineImageParser struct{}

func (inlineImageParser) Trigger() []byte { return []byte{':'} }

func (inlineImageParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	m := imageInline.FindSubmatchIndex(line)
	if m == nil {
		return nil
	}
	n := &InlineImage{At: seg.Start}
	n.Attrs, _, n.AttrPos = directiveAttrs(string(line[m[2]:m[3]]), seg.Start+m[2])
	block.Advance(m[1])
	return n
}

// KindComplexImage is the node kind of a ComplexImage.
var KindComplexImage = ast.NewNodeKind("ComplexImage")

// ComplexImage is an :::image type="complex"::: with its long description
// (its children) up to :::image-end:::.
type ComplexImage struct {
	ast.BaseBlock
	Attrs   map[string]string
	AttrPos map[string]int
	Tag     string // the <img>, filled in by Parser.learn
}

// Kind implements ast.Node.
func (n *ComplexImage) Kind() ast.NodeKind { return KindComplexImage }

// Dump implements ast.Node.
func (n *ComplexImage) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// complexImageParser opens a ComplexImage on an :::image type="complex":::
// line that an :::image-end::: line follows somewhere; without one the line
// stays a one-line directive.
type complexImageParser struct{}

func (complexImageParser) Trigger() []byte { return []byte{':'} }

func (complexImageParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || tooDeep(parent) {
		return nil, parser.NoChildren
	}
	m := imageOpening.FindSubmatchIndex(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	start := seg.Start + pos
	attrs, _, attrPos := directiveAttrs(string(line[pos+m[2]:pos+m[3]]), start+m[2])
	if attrs["type"] != "complex" || !endAfter(pc, reader, imageEndKey, imageEnd, seg.Stop) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &ComplexImage{Attrs: attrs, AttrPos: attrPos}, parser.HasChildren
}

func (complexImageParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	return endLine(reader, imageEnd)
}

func (complexImageParser) Close(ast.Node, text.Reader, parser.Context) {}
func (complexImageParser) CanInterruptParagraph() bool                 { return true }
func (complexImageParser) CanAcceptIndentedLine() bool                 { return false }

var (
	imageEndKey  = parser.NewContextKey()
	rowEndKey    = parser.NewContextKey()
	columnEndKey = parser.NewContextKey()
)

// endAfter reports whether end is written in the source after offset pos.
// The last place of end is found once per document (kept in pc under key),
// so that many opening lines cost one scan, not one each.
func endAfter(pc parser.Context, reader text.Reader, key parser.ContextKey, end []byte, pos int) bool {
	last, ok := pc.Get(key).(int)
	if !ok {
		last = bytes.LastIndex(reader.Source(), end)
		pc.Set(key, last)
	}
	return last >= pos
}

// endLine closes a container block on a line that holds only end (after up
// to three spaces), and continues it with children on any other, less up to
// three spaces of indentation: Learn indents the content of rows, columns
// and long descriptions, which would otherwise be read as code.
func endLine(reader text.Reader, end []byte) parser.State {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 && bytes.Equal(bytes.TrimRight(line[pos:], " \t\r\n"), end) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	spaces := 0
	for spaces < 3 && spaces < len(line) && line[spaces] == ' ' {
		spaces++
	}
	reader.Advance(spaces)
	return parser.Continue | parser.HasChildren
}

// tooDeep reports whether a container opened in parent would nest deeper
// than MaxNesting list items, block quotes and Learn blocks.
func tooDeep(parent ast.Node) bool {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.ListItem, *ast.Blockquote, *ComplexImage, *Row, *Column:
			depth++
		}
	}
	return depth >= MaxNesting
}

type imageRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInlineImage, madeHTML(func(n ast.Node) string { return n.(*InlineImage).HTML }))
	reg.Register(KindComplexImage, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<figure class="image image-complex">` + n.(*ComplexImage).Tag + "\n" +
				`<details class="image-description"><summary>Description of the picture</summary>` + "\n")
		} else {
			_, _ = w.WriteString("</details></figure>\n")
		}
		return ast.WalkContinue, nil
	})
}
