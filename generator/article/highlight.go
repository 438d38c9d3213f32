package article

import (
	"bytes"
	"html"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Chroma's lexers are regular expressions (regexp2), and chroma compiles
// every rule with a match timeout of 250 ms; a rule that times out is taken
// for one that does not match, so on a busy machine the same code block came
// out with other token classes, or as errors: builds of the same input
// differed. Chroma has no option to change it (v2.27: the timeout is set on
// each rule as it is compiled) and regexp2's DefaultMatchTimeout is not
// used for them. regexp2 checks deadlines against a clock that one goroutine
// moves on once per check period: with a period of a century that clock never
// moves, so no deadline is ever reached and lexing depends on the input
// alone. This sets a default of the library once, before any match: no
// lexer has run while packages are initialised.
//
// The work a code block can cost is bounded instead by the size of the code
// that is highlighted (HighlightBudget, limits.go).
func init() { regexp2.SetTimeoutCheckPeriod(100 * 365 * 24 * time.Hour) }

// plainAttr marks a fenced code block not to highlight: Parser.walk sets it
// on the blocks past the HighlightBudget.
const plainAttr = "kb-plain"

// codeRenderer writes fenced code blocks highlighted by chroma, as spans with
// chroma's short CSS class names (the stylesheet comes from the theme). A
// block in an unknown language, or none, is written as plain code.
type codeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
}

func renderCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	lang := string(n.Language(source))
	_, _ = w.WriteString(`<div class="code">`)
	if lang != "" {
		_, _ = w.WriteString(`<pre class="chroma" data-lang="` + html.EscapeString(lang) + `"><code class="language-` + html.EscapeString(lang) + `">`)
	} else {
		_, _ = w.WriteString(`<pre class="chroma"><code>`)
	}
	if _, plain := n.AttributeString(plainAttr); plain || !highlight(w, lang, code.String()) {
		_, _ = w.WriteString(html.EscapeString(code.String()))
	}
	_, _ = w.WriteString("</code></pre></div>\n")
	return ast.WalkSkipChildren, nil
}

// highlightable reports whether chroma has a lexer for lang.
func highlightable(lang string) bool {
	return lang != "" && lexers.Get(lang) != nil
}

// highlight writes code as chroma token spans. It returns false, having
// written nothing, when the language is unknown or the lexer fails.
func highlight(w util.BufWriter, lang, code string) bool {
	if lang == "" {
		return false
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		return false
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return false
	}
	var out bytes.Buffer
	for tok := it(); tok != chroma.EOF; tok = it() {
		cls := tokenClass(tok.Type)
		if cls == "" {
			out.WriteString(html.EscapeString(tok.Value))
			continue
		}
		out.WriteString(`<span class="` + cls + `">`)
		out.WriteString(html.EscapeString(tok.Value))
		out.WriteString(`</span>`)
	}
	_, _ = w.Write(out.Bytes())
	return true
}

// tokenClass is chroma's short class name for a token type, falling back to
// the type's parents as chroma's own HTML formatter does.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return ""
}
