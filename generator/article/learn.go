package article

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"kb/generator/diag"
)

// learn renders the Microsoft Learn constructs of video.go, div.go,
// image.go and row.go, and warns about Learn syntax left in the text that
// readers will see as written: a [!WORD] marker or a :::name block kb does
// not render there (learn-syntax-unknown). Code is not looked at. It runs
// after walk, which has resolved the links.
func (p *Parser) learn(a *Article, doc ast.Node, source []byte, lines *diag.Lines, diags *diag.List) {
	var alertLine [2]int // the marker line of an unknown alert, which walk reports
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.RawHTML, *ast.HTMLBlock, *ast.AutoLink, *Directive:
			return ast.WalkSkipChildren, nil
		case *ast.Blockquote:
			if _, line, ok := alertMarker(n, source); ok {
				alertLine = [2]int{line.Start, line.Stop}
			}
		case *Video:
			p.video(a, n, lines, diags)
		case *Div:
			p.div(a, n, lines, diags)
		case *InlineImage:
			n.HTML = p.imageTag(a, n.Attrs, n.AttrPos, n.At, lines, diags)
		case *ComplexImage:
			n.Tag = p.imageTag(a, n.Attrs, n.AttrPos, n.Pos(), lines, diags)
		}
		p.unknownSyntax(a, n, source, alertLine, lines, diags)
		return ast.WalkContinue, nil
	})
}

var (
	learnMarker = regexp.MustCompile(`\[!([A-Za-z][A-Za-z0-9_-]*)`)
	learnBlock  = regexp.MustCompile(`:::[ \t]*([A-Za-z][A-Za-z0-9-]*)`)
)

// othersLearnBlocks are the ::: blocks other parts of kb handle (zones,
// monikers, :::code): not reported here.
var othersLearnBlocks = []string{"zone", "zone-end", "moniker", "moniker-end", "code"}

// unknownSyntax reports the Learn markers and blocks in the runs of text
// among n's children.
func (p *Parser) unknownSyntax(a *Article, n ast.Node, source []byte, alertLine [2]int, lines *diag.Lines, diags *diag.List) {
	var run []byte
	start := -1
	flush := func() {
		if start < 0 {
			return
		}
		p.scanRun(a, string(run), start, alertLine, lines, diags)
		run, start = run[:0], -1
	}
	end := -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			flush()
			continue
		}
		if start >= 0 && t.Segment.Start != end {
			flush()
		}
		if start < 0 {
			start = t.Segment.Start
		}
		run = append(run, t.Segment.Value(source)...)
		end = t.Segment.Stop
		if t.SoftLineBreak() || t.HardLineBreak() {
			flush()
		}
	}
	flush()
}

// scanRun reports the Learn markers and blocks in one run of text written
// at offset start.
func (p *Parser) scanRun(a *Article, run string, start int, alertLine [2]int, lines *diag.Lines, diags *diag.List) {
	if !strings.Contains(run, "[!") && !strings.Contains(run, ":::") {
		return
	}
	for _, m := range learnMarker.FindAllStringSubmatchIndex(run, -1) {
		word, at := run[m[2]:m[3]], start+m[0]
		lower := strings.ToLower(word)
		if _, alert := alertTypes[lower]; alert || lower == "include" || strings.HasPrefix(lower, "code-") ||
			at >= alertLine[0] && at < alertLine[1] {
			continue
		}
		hint := "kb does not render it, so readers see it as written; rewrite it in Markdown or remove it"
		switch lower {
		case "video":
			hint = "a video is written alone on its line as [!VIDEO https://address]"
		case "div":
			hint = `a [!div class="..."] marker is the first line of a block quote, the content on the lines after it`
		}
		diags.Add(lines.At(a.SourcePath(), at, diag.Warning, diag.RuleLearnSyntaxUnknown,
			"Learn marker [!%s is shown as text: %s", word, hint))
	}
	for from := 0; from < len(run); {
		m := learnBlock.FindStringSubmatchIndex(run[from:])
		if m == nil {
			break
		}
		name, at := run[from+m[2]:from+m[3]], start+from+m[0]
		// On past the block's closing ::: on this line, if it has one, which
		// no name follows.
		from += m[1]
		if end := strings.Index(run[from:], ":::"); end >= 0 {
			from += end + 3
		}
		lower := strings.ToLower(name)
		if slices.Contains(othersLearnBlocks, lower) {
			continue
		}
		hint := "kb does not render this block, so readers see it as written; rewrite it in Markdown or remove it"
		switch {
		case lower == "image":
			hint = `write it as :::image type="content" source="media/picture.png" alt-text="...":::, every attribute in double quotes`
		case lower == "image-end":
			hint = `it ends an :::image type="complex"::: line written before it, alone on their lines`
		case lower == "row" || lower == "row-end":
			hint = "a row is written :::row::: ... :::row-end:::, each alone on its line"
		case lower == "column" || lower == "column-end":
			hint = "a column is written :::column::: ... :::column-end:::, each alone on its line, inside a :::row::: block"
		case p.directives[lower] != nil:
			hint = "a :::" + lower + " directive is written alone on its line"
		}
		diags.Add(lines.At(a.SourcePath(), at, diag.Warning, diag.RuleLearnSyntaxUnknown,
			"Learn block :::%s is shown as text: %s", name, hint))
	}
}
