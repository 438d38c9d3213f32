package article

import (
	"bytes"
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"kb/generator/diag"
)

// Limits on what one article may hold. goldmark and chroma take more than
// linear time on some inputs (lists nested 1,000 deep took 7 s, 3,000 deep
// over 150 s; a run of 57,000 link reference definitions 4 s), and content is
// untrusted, so an article past a limit gets an error (rules limit-*) instead
// of minutes of work. Measured here (a shared 2-core machine), the most
// expensive Markdown found takes about 1 s per MB to parse (a paragraph of
// "[a]" or of "[" , a table, headings), plain prose 50 ms; the largest
// articles of the Microsoft Docs corpora in ../shared/corpora are 139 KB, with
// lines up to 6 KB, 781 lines without a blank line, nesting under 15 and at
// most 48 KB of code. docs/writing.md lists the limits for writers.
const (
	// MaxFileSize is the largest article, in bytes: about half a second of
	// the most expensive Markdown.
	MaxFileSize = 512 << 10
	// MaxLineLength is the longest line, in bytes.
	MaxLineLength = 100_000
	// MaxNesting is how deep lists and block quotes may nest (counting each
	// list item and each block quote), as markdown-it allows.
	MaxNesting = 100
	// MaxParagraphLines is the most lines a paragraph (or table) may have:
	// goldmark takes time quadratic in it for link reference definitions.
	MaxParagraphLines = 5_000
	// HighlightBudget is how many bytes of code an article's code blocks are
	// highlighted for, in order; blocks past it are written plain. Chroma
	// lexes 150 to 650 KB a second here, and without its match timeout
	// (see highlight.go) nothing else bounds its time.
	HighlightBudget = 64 << 10
)

// checkSize reports an article too large to parse or with a line too long,
// and reports whether it is within the limits.
func checkSize(path string, src []byte, lines *diag.Lines, diags *diag.List) bool {
	if len(src) > MaxFileSize {
		diags.Add(diag.Diagnostic{Path: path, Severity: diag.Error, Rule: diag.RuleLimitFileSize,
			Message: fmt.Sprintf("the article is %d bytes; kb renders articles up to %d bytes (%d KiB): split it into several", len(src), MaxFileSize, MaxFileSize>>10)})
		return false
	}
	long, first := 0, -1
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src) - start
		}
		if end > MaxLineLength {
			long++
			if first < 0 {
				first = start
			}
		}
		start += end + 1
	}
	if long == 0 {
		return true
	}
	more := ""
	if long > 1 {
		more = fmt.Sprintf(" (and %d more lines)", long-1)
	}
	diags.Add(lines.At(path, first+MaxLineLength, diag.Error, diag.RuleLimitLineLength,
		"this line is longer than %d bytes%s; kb renders lines up to that length: break it, or move what makes it long (an embedded picture) into a file", MaxLineLength, more))
	return false
}

// plainBody is the body of an article past a limit, for when the rule that
// reports it is lowered to a warning: the text as it is, escaped.
func plainBody(src []byte, bodyStart int) []byte {
	return []byte("<pre>" + html.EscapeString(string(src[min(bodyStart, len(src)):])) + "</pre>\n")
}

// KindLimit is the node kind of a Limit.
var KindLimit = ast.NewNodeKind("Limit")

// Limit takes the place of input past a parsing limit: a line that would
// open a list or block quote deeper than MaxNesting, or a paragraph longer
// than MaxParagraphLines. It is never rendered: the article is reported and
// written as plain text (see plainBody).
type Limit struct {
	ast.BaseBlock
	Rule   string // limit-nesting or limit-paragraph
	Length int    // lines of the paragraph
}

// Kind implements ast.Node.
func (n *Limit) Kind() ast.NodeKind { return KindLimit }

// Dump implements ast.Node.
func (n *Limit) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Rule": n.Rule}, nil)
}

// depthGuard is a block parser tried before lists and block quotes. Inside
// MaxNesting list items, block quotes and Learn blocks (tooDeep) it takes the rest of a line that
// could open another one as a Limit, so that goldmark, which takes time
// super-linear in the depth, never nests deeper.
type depthGuard struct{}

func (depthGuard) Trigger() []byte {
	return []byte{'>', '-', '+', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}
}

func (depthGuard) Open(parent ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	if _, list := parent.(*ast.List); list {
		return nil, parser.NoChildren // a list's children are its items
	}
	if !tooDeep(parent) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &Limit{Rule: diag.RuleLimitNesting}, parser.NoChildren
}

func (depthGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (depthGuard) Close(ast.Node, text.Reader, parser.Context)                 {}
func (depthGuard) CanInterruptParagraph() bool                                 { return true }
func (depthGuard) CanAcceptIndentedLine() bool                                 { return false }

// paragraphGuard is a paragraph transformer that runs before goldmark's own
// (link reference definitions, tables): it replaces a paragraph longer than
// MaxParagraphLines by a Limit.
type paragraphGuard struct{}

func (paragraphGuard) Transform(node *ast.Paragraph, _ text.Reader, _ parser.Context) {
	n := node.Lines().Len()
	if n <= MaxParagraphLines {
		return
	}
	limit := &Limit{Rule: diag.RuleLimitParagraph, Length: n}
	limit.SetPos(node.Lines().At(0).Start)
	node.Parent().ReplaceChild(node.Parent(), node, limit)
}

// limitMessage is the message for a Limit node.
func limitMessage(n *Limit) string {
	if n.Rule == diag.RuleLimitParagraph {
		return fmt.Sprintf("this paragraph runs %d lines without a blank line; kb renders paragraphs and tables of up to %d lines: break it with blank lines, or split the table",
			n.Length, MaxParagraphLines)
	}
	return fmt.Sprintf("lists and block quotes nest more than %d levels deep here; kb renders up to %d levels", MaxNesting, MaxNesting)
}
