package article

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Rows and columns are Microsoft Learn's layout blocks:
//
//	:::row:::
//	   :::column span="2":::
//	      Wide text.
//	   :::column-end:::
//	   :::column:::
//	      Narrow text.
//	   :::column-end:::
//	:::row-end:::
//
// A row is a flexible box whose columns share its width (span="2" takes
// twice the share); on a narrow screen and in print the columns stack. The
// content of a column is Markdown. A row opens only where a :::row-end:::
// follows, a column only inside a row and where a :::column-end::: follows;
// otherwise the line stays text, and Parser.learn warns about it.

// KindRow is the node kind of a Row.
var KindRow = ast.NewNodeKind("Row")

// Row is a :::row::: block; its children are Columns (and whatever else is
// written between them).
type Row struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Row) Kind() ast.NodeKind { return KindRow }

// Dump implements ast.Node.
func (n *Row) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// KindColumn is the node kind of a Column.
var KindColumn = ast.NewNodeKind("Column")

// Column is a :::column::: block inside a Row.
type Column struct {
	ast.BaseBlock
	Span int // 1 to MaxColumnSpan
}

// Kind implements ast.Node.
func (n *Column) Kind() ast.NodeKind { return KindColumn }

// Dump implements ast.Node.
func (n *Column) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Span": strconv.Itoa(n.Span)}, nil)
}

// MaxColumnSpan is the largest span a column takes; a larger one is read
// as this.
const MaxColumnSpan = 4

var (
	rowOpening    = []byte(":::row:::")
	rowEnd        = []byte(":::row-end:::")
	columnOpening = regexp.MustCompile(`^:::column((?:[ \t]+[a-z][a-z0-9-]*="[^"]*")*)[ \t]*:::$`)
	columnEnd     = []byte(":::column-end:::")
)

type rowParser struct{}

func (rowParser) Trigger() []byte { return []byte{':'} }

func (rowParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || tooDeep(parent) || !bytes.Equal(bytes.TrimRight(line[pos:], " \t\r\n"), rowOpening) ||
		!endAfter(pc, reader, rowEndKey, rowEnd, seg.Stop) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &Row{}, parser.HasChildren
}

func (rowParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	return endLine(reader, rowEnd)
}

func (rowParser) Close(ast.Node, text.Reader, parser.Context) {}
func (rowParser) CanInterruptParagraph() bool                 { return true }
func (rowParser) CanAcceptIndentedLine() bool                 { return false }

type columnParser struct{}

func (columnParser) Trigger() []byte { return []byte{':'} }

func (columnParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, inRow := parent.(*Row); !inRow {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || tooDeep(parent) {
		return nil, parser.NoChildren
	}
	m := columnOpening.FindSubmatchIndex(bytes.TrimRight(line[pos:], " \t\r\n"))
	if m == nil || !endAfter(pc, reader, columnEndKey, columnEnd, seg.Stop) {
		return nil, parser.NoChildren
	}
	attrs, _, _ := directiveAttrs(string(line[pos+m[2]:pos+m[3]]), 0)
	span, err := strconv.Atoi(attrs["span"])
	if err != nil || span < 1 {
		span = 1
	}
	reader.AdvanceToEOL()
	return &Column{Span: min(span, MaxColumnSpan)}, parser.HasChildren
}

func (columnParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	return endLine(reader, columnEnd)
}

func (columnParser) Close(ast.Node, text.Reader, parser.Context) {}
func (columnParser) CanInterruptParagraph() bool                 { return true }
func (columnParser) CanAcceptIndentedLine() bool                 { return false }

type rowRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rowRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRow, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="learn-row">` + "\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindColumn, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="learn-column span-` + strconv.Itoa(n.(*Column).Span) + `">` + "\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
