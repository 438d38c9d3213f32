package article

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Section is a part of an article as search sees it: the text from one
// heading of level 2 or 3 to the next. The first section, before any such
// heading, has no anchor.
type Section struct {
	Anchor  string
	Heading string
	Text    string
}

// sections splits the body's text at headings of level 2 and 3. Code is kept
// (readers search for cmdlet names); directives (tables and trees built from
// the rules) are left out, since search indexes the rules themselves.
func sections(doc ast.Node, source []byte) []Section {
	out := []Section{{}}
	var b strings.Builder
	flush := func() {
		out[len(out)-1].Text = strings.Join(strings.Fields(b.String()), " ")
		b.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && (h.Level == 2 || h.Level == 3) {
			flush()
			id, _ := h.AttributeString("id")
			idText, _ := id.([]byte)
			out = append(out, Section{Anchor: string(idText), Heading: plainText(h, source)})
			continue
		}
		if _, ok := n.(*Directive); ok {
			continue
		}
		blockText(&b, n, source)
		b.WriteByte(' ')
	}
	flush()
	if out[0].Text == "" && len(out) > 1 {
		out = out[1:]
	}
	return out
}

// blockText appends the text of a block and its descendants.
func blockText(b *strings.Builder, n ast.Node, source []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(c.Segment.Value(source)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock, *Directive:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.ListItem, *ast.Heading:
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
}
