package article

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Directives are Microsoft Docs' triple-colon blocks, written alone on a line:
//
//	:::compat feature="mirroring" rows="sql,edition" columns="server":::
//
// kb renders the ones it has a handler for (see Handler) and leaves any other
// name (:::image, :::zone) as text. The handler gets the attributes and the
// article, returns HTML, and may report problems about single attributes,
// which become diagnostics at that attribute's column.

// Call is one directive as its handler sees it.
type Call struct {
	Name    string
	Attrs   map[string]string
	Order   []string // attribute names in the order written
	Article *Article // the article being rendered (its URL makes links relative)
	Index   int      // 1 for the first directive of this name in the article, then 2, ...
}

// Problem is something wrong with a directive, reported at the attribute
// named (or at the directive when Attr is "").
type Problem struct {
	Attr    string
	Rule    string
	Message string
}

// Handler renders one kind of directive. It must be safe for concurrent use,
// and it must escape everything it writes that comes from the attributes.
type Handler func(c Call) (html string, problems []Problem)

// KindDirective is the node kind of a Directive.
var KindDirective = ast.NewNodeKind("Directive")

// Directive is a triple-colon block kb has a handler for.
type Directive struct {
	ast.BaseBlock
	Name    string
	Attrs   map[string]string
	Order   []string
	AttrPos map[string]int // byte offset of each attribute in the file
	HTML    string         // filled in by Parser.Render from the handler
	// TwoColons: written ::name ... ::: (Learn shows that as text).
	TwoColons bool
}

// Kind implements ast.Node.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (n *Directive) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

var (
	// A known directive opened with two colons (::image ... :::), a slip
	// that Learn shows as text, is read too, with a warning (TwoColons).
	directiveLine = regexp.MustCompile(`^::(:?)([a-z][a-z0-9-]*)((?:[ \t]+[a-z][a-z0-9-]*="[^"]*")*)[ \t]*:::$`)
	directiveAttr = regexp.MustCompile(`([a-z][a-z0-9-]*)="([^"]*)"`)
)

// directiveTransformer replaces one-line paragraphs that are directives of a
// known name, or DocFX code snippets (codeSnippet), by Directive nodes.
type directiveTransformer struct {
	names map[string]bool
}

func (t directiveTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	for _, p := range oneLineParagraphs(doc) {
		seg := p.Lines().At(0)
		line := strings.TrimRight(string(seg.Value(source)), " \t\r\n")
		d := t.directive(line, seg.Start)
		if d == nil {
			d = codeSnippet(line, seg.Start)
		}
		if d != nil {
			p.Parent().ReplaceChild(p.Parent(), p, d)
		}
	}
}

// directive reads a one-line paragraph's line, at offset start, as a
// directive of a known name; nil when it is not one.
func (t directiveTransformer) directive(line string, start int) *Directive {
	m := directiveLine.FindStringSubmatchIndex(line)
	if m == nil || !t.names[line[m[4]:m[5]]] {
		return nil
	}
	d := &Directive{Name: line[m[4]:m[5]], TwoColons: m[2] == m[3]}
	d.SetPos(start)
	d.Attrs, d.Order, d.AttrPos = directiveAttrs(line[m[6]:m[7]], start+m[6])
	return d
}

// directiveAttrs reads the attributes (name="value") of a directive line,
// written at offset start of the source: their values, their names in the
// order written, and the offset of each name. Every directive line is read
// so (:::name, :::image, :::column, ::: zone, ::: moniker). A name given
// twice takes its last value, at the last place, and keeps its first place
// in the order.
func directiveAttrs(attrs string, start int) (map[string]string, []string, map[string]int) {
	values, pos := map[string]string{}, map[string]int{}
	var order []string
	for _, a := range directiveAttr.FindAllStringSubmatchIndex(attrs, -1) {
		name, value := attrs[a[2]:a[3]], attrs[a[4]:a[5]]
		if _, dup := values[name]; !dup {
			order = append(order, name)
		}
		values[name] = value
		pos[name] = start + a[0]
	}
	return values, order, pos
}

// oneLineParagraphs are the paragraphs of doc that are one line, where
// Microsoft Docs' one-line blocks (:::name ...:::, [!code-lang[](path)])
// are written, in document order.
func oneLineParagraphs(doc ast.Node) []*ast.Paragraph {
	var found []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering && p.Lines().Len() == 1 {
			found = append(found, p)
		}
		return ast.WalkContinue, nil
	})
	return found
}

type directiveRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, madeHTML(func(n ast.Node) string { return n.(*Directive).HTML }))
}

// madeHTML renders a node whose HTML was made when it was read (a
// directive, a video card, an inline image): html returns it.
func madeHTML(html func(ast.Node) string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(html(n))
		}
		return ast.WalkSkipChildren, nil
	}
}
