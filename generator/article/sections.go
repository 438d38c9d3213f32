package article

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"kb/generator/diag"
)

// Section is a part of an article as search sees it: the text from one
// heading of level 2 or 3 to the next. The first section, before any such
// heading, has no anchor.
type Section struct {
	Anchor  string
	Heading string
	Text    string
}

// CollectSections is an Analyzer that fills in Article.Sections, for search.
func CollectSections(a *Article, doc ast.Node, source []byte, _ *diag.Lines, _ *diag.List) {
	a.Sections = sections(doc, source)
}

// sections splits the body's text at headings of level 2 and 3. Code is kept
// (readers search for cmdlet names); directives (tables and trees built from
// the rules) are left out, since search indexes the rules themselves.
func sections(doc ast.Node, source []byte) []Section {
	out := []Section{{}}
	var b spacedText
	flush := func() {
		out[len(out)-1].Text = b.String()
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
		b.Sep()
	}
	flush()
	if out[0].Text == "" && len(out) > 1 {
		out = out[1:]
	}
	return out
}

// spacedText builds text with every run of white space made one space.
type spacedText struct {
	b     []byte
	space bool // a space is pending
}

func (t *spacedText) Write(p []byte) {
	for len(p) > 0 {
		// A run of white space, then a run of anything else, copied at once.
		i := 0
		for i < len(p) && isSpace(p[i]) {
			i++
		}
		if i > 0 {
			t.space, p = true, p[i:]
			continue
		}
		for i < len(p) && !isSpace(p[i]) {
			i++
		}
		if t.space && len(t.b) > 0 {
			t.b = append(t.b, ' ')
		}
		t.space = false
		t.b, p = append(t.b, p[:i]...), p[i:]
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// Sep separates what comes next from what came before by a space.
func (t *spacedText) Sep()           { t.space = true }
func (t *spacedText) String() string { return string(t.b) }
func (t *spacedText) Reset()         { t.b, t.space = t.b[:0], false }

// blockText appends the text of a block and its descendants.
func blockText(b *spacedText, n ast.Node, source []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if bytes.IndexByte(v, '\\') >= 0 {
				v = util.UnescapePunctuations(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.Sep()
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
		case *ast.HTMLBlock:
			htmlBlockText(b, c) // rawhtml.go
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *Directive:
			return ast.WalkSkipChildren, nil
		}
		if c.Type() == ast.TypeBlock { // table cells, list items, paragraphs
			b.Sep()
		}
		return ast.WalkContinue, nil
	})
}
