package article

import (
	"html"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML is omitted from articles, with one exception: a bare anchor such as
// <a name="BKMK_setup"></a> or <a id="setup"/>, which Microsoft Docs articles
// use by the thousand as link targets. It is written as <a id="..."></a>, with
// the id escaped, and counts as an anchor when links are checked. Nothing else
// of the raw HTML reaches the page.
var rawAnchor = regexp.MustCompile(`^\s*<a\s+(?:name|id)\s*=\s*"([^"<>&]+)"\s*/?>\s*(?:</a>\s*)?$`)

// anchorID returns the id of raw HTML that is a bare anchor.
func anchorID(raw []byte) (string, bool) {
	m := rawAnchor.FindSubmatch(raw)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

// RawText returns the source text of a raw HTML node (inline or block).
func RawText(n ast.Node, source []byte) []byte {
	var out []byte
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			out = append(out, seg.Value(source)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			out = append(out, seg.Value(source)...)
		}
		if n.HasClosure() {
			out = append(out, n.ClosureLine.Value(source)...)
		}
	}
	return out
}

type rawHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderRawHTML)
}

func renderRawHTML(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	raw := RawText(n, source)
	if id, ok := anchorID(raw); ok {
		_, _ = w.WriteString(`<a id="` + html.EscapeString(id) + `"></a>`)
	} else if isClosingA(raw) {
		// the end of an anchor opened in an earlier raw HTML node
	} else {
		_, _ = w.WriteString("<!-- raw HTML omitted -->")
	}
	if n.Kind() == ast.KindHTMLBlock {
		_ = w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}

var closingA = regexp.MustCompile(`^\s*</a>\s*$`)

func isClosingA(raw []byte) bool { return closingA.Match(raw) }
