package article

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the one goldmark set-up kb uses. It is safe to share
// between goroutines: per-document state lives in the parser context and in
// the AST, never on the extensions.
//
// Raw HTML is not enabled in goldmark's renderer: goldmark drops
// javascript: and similar URLs from links and images, and rawHTMLRenderer
// writes raw HTML as the sanitiser (htmlpolicy.go, rawhtml.go) left it.
func newMarkdown(directives map[string]Handler) goldmark.Markdown {
	names := map[string]bool{"image": true, "code": true} // Microsoft Docs' :::image and :::code, built in
	for name := range directives {
		names[name] = true
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify,
			extension.Strikethrough,
			extension.TaskList,
			// GitHub's tables with align="center" rather than style="text-align:center": no inline
			// styles, so pages work under a strict Content-Security-Policy.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			// Before lists, block quotes and goldmark's paragraph transformers:
			// see limits.go.
			parser.WithBlockParsers(util.Prioritized(depthGuard{}, 50),
				util.Prioritized(fenceParser{parser.NewFencedCodeBlockParser()}, 699), // before goldmark's own (700)
				util.Prioritized(selectMarkerParser{}, 190)),                          // ::: zone and ::: moniker lines (select.go)
			parser.WithParagraphTransformers(util.Prioritized(paragraphGuard{}, 50)),
			parser.WithASTTransformers(
				util.Prioritized(alertTransformer{}, 100),
				util.Prioritized(directiveTransformer{names: names}, 110),                           // and [!code-lang[](path)] (codeinclude.go)
				util.Prioritized(choiceTransformer{}, 120), util.Prioritized(tabTransformer{}, 130), // select.go, tabs.go
			),
			// Microsoft Learn's blocks, [!VIDEO] and [!div] (learn.go).
			parser.WithBlockParsers(util.Prioritized(rowParser{}, 690), util.Prioritized(columnParser{}, 690),
				util.Prioritized(complexImageParser{}, 690)),
			parser.WithInlineParsers(util.Prioritized(inlineImageParser{}, 500)),
			parser.WithASTTransformers(util.Prioritized(videoTransformer{}, 104), util.Prioritized(divTransformer{}, 105)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(
				util.Prioritized(alertRenderer{}, 100),
				util.Prioritized(codeRenderer{}, 100),
				util.Prioritized(rawHTMLRenderer{}, 100),
				util.Prioritized(directiveRenderer{}, 100),
				util.Prioritized(selectRenderer{}, 100),
				util.Prioritized(videoRenderer{}, 100), util.Prioritized(divRenderer{}, 100), // Microsoft Learn's (learn.go)
				util.Prioritized(imageRenderer{}, 100), util.Prioritized(rowRenderer{}, 100),
			),
		),
	)
}
