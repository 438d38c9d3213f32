package embed

import (
	_ "embed" // the resize listener
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"kb/generator/article"
	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/diag"
)

// ListenerJS is the resize listener that a page framing trees runs: it fits
// each frame to the height its tree posts. The Embed panel shows it in a
// script element; docs/embedding.md lists the hash of that inline script.
//
//go:embed assets/listener.js
var ListenerJS string

// Sandbox is the frame snippet's sandbox: scripts, and new tabs for the
// article links (allow-popups) that are not sandboxed themselves; never
// allow-same-origin.
const Sandbox = "allow-scripts allow-popups allow-popups-to-escape-sandbox"

// snippet is HTML for another site, shown as code: text, with the URLs of
// the site's files marked so that the theme's script can show them in full.
type snippet []piece

type piece struct {
	text string // HTML, or a URL
	url  bool   // text is a URL, to escape in an attribute
}

// String is the snippet as it is pasted.
func (sn snippet) String() string {
	var b strings.Builder
	for _, p := range sn {
		if p.url {
			b.WriteString(html.EscapeString(p.text))
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// HTML is the snippet as the content of a code element: escaped, each URL in
// <span class="embed-url" data-href="URL">.
func (sn snippet) HTML() string {
	var b strings.Builder
	for _, p := range sn {
		if p.url {
			fmt.Fprintf(&b, `<span class="embed-url" data-href="%s">%s</span>`, html.EscapeString(p.text), html.EscapeString(html.EscapeString(p.text)))
		} else {
			b.WriteString(html.EscapeString(p.text))
		}
	}
	return b.String()
}

// frameSnippet is the iframe that shows t, written in the file from.
func (s *Set) frameSnippet(t *decision.Tree, from string) snippet {
	return snippet{
		{text: `<iframe src="`},
		{text: s.url(from, FramePath(t)), url: true},
		{text: `" title="` + html.EscapeString(t.Title) + `" width="100%" height="` + strconv.Itoa(Height(t)) + `" sandbox="` + Sandbox + `"></iframe>`},
	}
}

// ListenerSnippet is the resize listener as an inline script.
func ListenerSnippet() string { return "<script>\n" + ListenerJS + "</script>" }

// elementSnippet is the script tag and element that show t, written in the
// file from.
func (s *Set) elementSnippet(t *decision.Tree, from string) snippet {
	return snippet{
		{text: `<script src="`},
		{text: s.url(from, ElementPath), url: true},
		{text: `" defer></script>` + "\n" + `<kb-decision-tree tree="` + html.EscapeString(t.ID) + `"></kb-decision-tree>`},
	}
}

// Directive is the name of the directive Set.Handler renders.
const Directive = "decision-embed"

// Handler returns the handler of the decision-embed directive, which tree
// pages end with:
//
//	:::decision-embed tree="choose-ha-option":::
//
// It renders the Embed panel: a closed <details> with the snippets as code
// blocks (the theme's kb.js adds their Copy buttons). lost are the ids of
// trees whose files could not be used (decision.Lost): their panel is left
// out without a problem, since the tree's file has its problems reported.
func (s *Set) Handler(lost ...string) article.Handler {
	trees := decisionui.NewTrees(s.trees)
	return func(c article.Call) (string, []article.Problem) {
		if slices.Contains(lost, c.Attrs["tree"]) && !slices.ContainsFunc(s.trees, func(t *decision.Tree) bool { return t.ID == c.Attrs["tree"] }) {
			return `<p class="decision-error">The embed snippets of this decision tree could not be shown.</p>` + "\n", nil
		}
		var problems []article.Problem
		for _, name := range c.Order {
			if name != "tree" {
				problems = append(problems, article.Problem{Attr: name, Rule: diag.RuleDecisionAttribute,
					Message: fmt.Sprintf("unknown attribute %q; decision-embed takes tree only", name)})
			}
		}
		t, missing := trees.Find(c)
		problems = append(problems, missing...)
		if len(problems) > 0 {
			return `<p class="decision-error">The embed snippets of this decision tree could not be shown.</p>` + "\n", problems
		}
		id := t.ID + "--embed" // "--": no node's anchor (ID-node) can be the same
		if c.Index > 1 {
			id = fmt.Sprintf("%s-%d--embed", t.ID, c.Index)
		}
		return s.panel(t, id, c.Article.URL), nil
	}
}

// panel is the Embed panel of t, with the id id, on the page at from.
func (s *Set) panel(t *decision.Tree, id, from string) string {
	esc := html.EscapeString
	code := func(b *strings.Builder, label, html string) {
		fmt.Fprintf(b, "<p>%s</p>\n<div class=\"code\"><pre><code>%s</code></pre></div>\n", label, html)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<details class=\"decision-embed\" id=\"%s\">\n<summary>Embed this tree in another site</summary>\n", esc(id))
	b.WriteString("<p>Show this tree in an internal wiki or any web page. The addresses below lead to this site as you see it; " +
		"opened from disk they are relative, so put the address where the site is published in front of them.</p>\n")
	code(&b, "<strong>In a frame</strong> (Confluence, SharePoint, MediaWiki, any HTML page):", s.frameSnippet(t, from).HTML())
	code(&b, "To fit the frame to the tree as it grows, add this script to the page once. "+
		"Under a Content-Security-Policy, save it as a file of that site and load it with a script tag:", esc(ListenerSnippet()))
	code(&b, "<strong>With a script tag</strong>, where the page accepts scripts (no frame):", s.elementSnippet(t, from).HTML())
	fmt.Fprintf(&b, "<p>The frame alone: <a href=\"%s\">%s</a>; its <a href=\"%s\">oEmbed response</a>.</p>\n</details>\n",
		esc(s.url(from, FramePath(t))), esc(t.ID+".html"), esc(s.url(from, OEmbedPath(t))))
	return b.String()
}
