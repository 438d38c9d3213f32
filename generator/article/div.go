package article

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"kb/generator/diag"
)

// Divs are Microsoft Learn's styled blocks: a block quote whose first line
// is a [!div class="..."] marker, the rest of it the content.
//
//	> [!div class="nextstepaction"]
//	> [Plan file sync](plan-file-sync.md)
//
// nextstepaction is a next-step button (its links styled as buttons),
// checklist a list with check marks, op_single_selector a compact chooser
// of the versions of an article, mx-imgBorder a bordered picture. Any other
// class gives a plain block and a warning naming the class. Links inside are
// ordinary links, resolved and checked as everywhere.

// KindDiv is the node kind of a Div.
var KindDiv = ast.NewNodeKind("Div")

// Div is a [!div class="..."] block.
type Div struct {
	ast.BaseBlock
	Class    string // as written
	ClassPos int    // offset of the class value in the source
}

// Kind implements ast.Node.
func (n *Div) Kind() ast.NodeKind { return KindDiv }

// Dump implements ast.Node.
func (n *Div) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Class": n.Class}, nil)
}

// divClasses are the classes kb renders: the element and its class.
var divClasses = map[string]struct{ open, close string }{
	"nextstepaction":     {`<nav class="next-step-action" aria-label="Next step">`, "</nav>\n"},
	"checklist":          {`<div class="checklist">`, "</div>\n"},
	"op_single_selector": {`<nav class="version-chooser" aria-label="Versions">`, "</nav>\n"},
	"mx-imgborder":       {`<div class="image-border">`, "</div>\n"},
}

var divLine = regexp.MustCompile(`^\[!(?i:div)[ \t]+class[ \t]*=[ \t]*"([^"]*)"[ \t]*\]$`)

type divTransformer struct{}

// Transform replaces block quotes that start with a [!div class="..."] line
// by Divs holding the rest of them.
func (divTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	for _, bq := range blockquotes(doc) {
		para, ok := bq.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		line := para.Lines().At(0)
		v := strings.TrimRight(string(line.Value(source)), " \t\r\n")
		m := divLine.FindStringSubmatchIndex(v)
		if m == nil {
			continue
		}
		div := &Div{Class: v[m[2]:m[3]], ClassPos: line.Start + m[2]}
		div.SetPos(line.Start)
		dropMarkerLine(bq, para, line)
		replaceBlock(bq, div)
	}
}

// div reports a class kb does not render.
func (p *Parser) div(a *Article, n *Div, lines *diag.Lines, diags *diag.List) {
	if _, ok := divClasses[strings.ToLower(n.Class)]; ok {
		return
	}
	diags.Add(lines.At(a.SourcePath(), n.ClassPos, diag.Warning, diag.RuleDivClassUnknown,
		"[!div class=%q] is shown as a plain block: kb renders the classes nextstepaction, checklist, op_single_selector and mx-imgBorder", n.Class))
}

type divRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (divRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiv, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := divClasses[strings.ToLower(node.(*Div).Class)]
		if !ok {
			c.open, c.close = `<div class="learn-div">`, "</div>\n"
		}
		if entering {
			_, _ = w.WriteString(c.open + "\n")
		} else {
			_, _ = w.WriteString(c.close)
		}
		return ast.WalkContinue, nil
	})
}
