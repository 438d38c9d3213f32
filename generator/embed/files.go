package embed

import (
	_ "embed" // the scripts and stylesheets below
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/render"
)

var (
	//go:embed assets/frame.js
	frameJS string
	//go:embed assets/frame.css
	frameCSS string
	//go:embed assets/element.js
	elementJS string
	//go:embed assets/element.css
	elementCSS string
)

// Files makes every embed file, by output path: a frame and an oEmbed
// response per tree, and the custom element's script. asset reads a theme
// asset ("kb.css", "decision.js") as the site's theme has it. The output
// depends on nothing but the trees, the options and the theme, so two
// builds write the same bytes.
func (s *Set) Files(asset func(name string) ([]byte, error)) (map[string][]byte, error) {
	if len(s.trees) == 0 {
		return nil, nil
	}
	css, err := asset(render.StyleAsset)
	if err != nil {
		return nil, fmt.Errorf("embeds: %w", err)
	}
	js, err := asset(render.DecisionAsset)
	if err != nil {
		return nil, fmt.Errorf("embeds: %w", err)
	}
	out := map[string][]byte{}
	f := s.frames(string(css), string(js))
	for _, t := range s.trees {
		out[FramePath(t)] = f.document(t)
		if out[OEmbedPath(t)], err = s.OEmbed(t); err != nil {
			return nil, err
		}
	}
	if out[ElementPath], err = s.element(string(css), string(js)); err != nil {
		return nil, err
	}
	return out, nil
}

// frames makes the embed files; every one has the same inline script and
// style, so the same policy.
type frames struct {
	set           *Set
	script, style string // the inline script and style, as written
}

// frames returns the frames' maker, with the theme's stylesheet and tree
// script.
func (s *Set) frames(kbCSS, decisionJS string) frames {
	return frames{set: s, script: render.InlineScript(join(decisionJS, frameJS)), style: render.InlineStyle(join(kbCSS, frameCSS))}
}

// document is the embed file of tree t.
func (f frames) document(t *decision.Tree) []byte {
	s, esc := f.set, html.EscapeString
	var b strings.Builder
	b.WriteString("<!doctype html>\n")
	fmt.Fprintf(&b, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", esc(s.opts.Language))
	// The policy is kb's text and base64 hashes: nothing to escape.
	fmt.Fprintf(&b, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", policy(f.script, f.style))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
	fmt.Fprintf(&b, "<title>%s | %s</title>\n", esc(t.Title), esc(s.opts.SiteTitle))
	b.WriteString("<link rel=\"icon\" href=\"data:,\">\n")
	b.WriteString("<style>" + f.style + "</style>\n</head>\n<body>\n<main class=\"embed\">\n")
	b.WriteString(s.body(t, FramePath(t)))
	b.WriteString("</main>\n<script>" + f.script + "</script>\n</body>\n</html>\n")
	return []byte(b.String())
}

// body is what a frame and the custom element show of tree t, with links
// relative to from: the tree, and a link to its page.
func (s *Set) body(t *decision.Tree, from string) string {
	return decisionui.WidgetWith(t, t.ID, from, decisionui.Options{NewTab: true}) +
		fmt.Sprintf(`<p class="embed-source"><a href="%s" target="_blank" rel="noopener">Open this tree in %s<span class="visually-hidden"> (opens in a new tab)</span></a></p>`+"\n",
			html.EscapeString(s.url(from, pagePath(t))), html.EscapeString(s.opts.SiteTitle))
}

// element is kb-decision-tree.js: the trees' HTML and the stylesheet as
// JSON (encoding/json writes <, > and & as \u003c and so on, so no text of a
// tree can end a script element or open a comment), decision.js, which hands
// its setup to kbDecisionEmbed, and the element.
func (s *Set) element(kbCSS, decisionJS string) ([]byte, error) {
	trees := map[string]string{} // encoding/json writes the keys sorted
	for _, t := range s.trees {
		trees[t.ID] = s.body(t, ElementPath)
	}
	data, err := json.Marshal(trees)
	if err != nil {
		return nil, err
	}
	css, err := json.Marshal(join(strings.ReplaceAll(kbCSS, ":root", ":host"), elementCSS))
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("// kb-decision-tree.js: the custom element <kb-decision-tree tree=\"ID\">, made by kb\n")
	b.WriteString("// from the site's decision trees and theme. See docs/embedding.md in kb.\n")
	b.WriteString("(function () {\n\"use strict\";\nvar trees = ")
	b.Write(data)
	b.WriteString(";\nvar css = ")
	b.Write(css)
	b.WriteString(";\nvar setupTree, memoryState;\nfunction kbDecisionEmbed(setup, memory) { setupTree = setup; memoryState = memory; }\n")
	b.WriteString(join(decisionJS, elementJS))
	b.WriteString("})();\n")
	// An external script may hold "</script>", but this one is also pasted
	// into script elements (Confluence's HTML macro): keep it safe there.
	return []byte(render.InlineScript(b.String())), nil
}

// join puts b after a, on a line of its own.
func join(a, b string) string {
	if a != "" && !strings.HasSuffix(a, "\n") {
		a += "\n"
	}
	return a + b
}
