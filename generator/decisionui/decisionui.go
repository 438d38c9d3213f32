// Package decisionui renders decision trees (package decision) as HTML that
// works in three ways:
//
//   - Without JavaScript, every question and outcome is its own anchor
//     (#TREE-NODE) and every option is a plain link to the next one; the
//     theme's stylesheet shows only the node in the URL fragment (:target),
//     the start when there is none, in the manner of GOV.UK's one-question
//     pages.
//   - With JavaScript (theme/assets/decision.js), one question at a time with
//     "Question n of at most m", the answers so far with a link to change
//     each, "Start over", focus moved to each new question and announced
//     politely; the answers live in the fragment (#TREE/q=option/...), so a
//     position can be shared as a link.
//   - Printed, or as a picture: the whole tree as an inline SVG diagram laid
//     out at build time, each node linking to its place in the tree.
//
// Articles show a tree with the decision directive:
//
//	:::decision tree="choose-ha-option":::
//
// (diagram="no" leaves out the diagram). Each tree also gets a page,
// decisions/ID.html, and its paths as decisions/ID.json. Package embed makes
// the same widget into files for other sites (public/embed/) and adds the
// page's Embed panel.
package decisionui

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/decision"
	"kb/generator/diag"
	"kb/generator/site"
)

// Directive is the name of the directive Handler renders.
const Directive = "decision"

// Handler returns the decision directive's handler for trees. lost are the
// ids of trees whose files could not be used (decision.Lost): a directive
// that shows one is left empty without a problem, since the tree's file has
// its problems reported.
func Handler(trees []*decision.Tree, lost ...string) article.Handler {
	known := NewTrees(trees)
	return func(c article.Call) (string, []article.Problem) {
		if slices.Contains(lost, c.Attrs["tree"]) && known.byID[c.Attrs["tree"]] == nil {
			return `<p class="decision-error">This decision tree could not be shown.</p>` + "\n", nil
		}
		var problems []article.Problem
		for _, name := range c.Order {
			if name != "tree" && name != "diagram" {
				problems = append(problems, article.Problem{Attr: name, Rule: diag.RuleDecisionAttribute,
					Message: fmt.Sprintf("unknown attribute %q; use tree and diagram", name)})
			}
		}
		diagram := true
		switch c.Attrs["diagram"] {
		case "", "yes":
		case "no":
			diagram = false
		default:
			problems = append(problems, article.Problem{Attr: "diagram", Rule: diag.RuleDecisionAttribute,
				Message: fmt.Sprintf(`diagram=%q: write diagram="yes" or diagram="no"`, c.Attrs["diagram"])})
		}
		t, missing := known.Find(c)
		problems = append(problems, missing...)
		if len(problems) > 0 {
			return `<p class="decision-error">This decision tree could not be shown.</p>` + "\n", problems
		}
		prefix := t.ID
		if c.Index > 1 {
			prefix = fmt.Sprintf("%s-%d", t.ID, c.Index)
		}
		out := Widget(t, prefix, c.Article.URL)
		if diagram {
			out += Diagram(t, prefix)
		}
		return out, nil
	}
}

// Widget renders the questions and outcomes of t. prefix starts every id and
// fragment (the tree id, unless the tree is shown twice on a page); pageURL
// is the page's own path, for links to articles.
func Widget(t *decision.Tree, prefix, pageURL string) string {
	return WidgetWith(t, prefix, pageURL, Options{})
}

// Options change how WidgetWith renders a tree.
type Options struct {
	// NewTab opens the outcomes' links to articles in a new tab
	// (target="_blank" rel="noopener"), as embeds do, so that the frame
	// keeps the tree.
	NewTab bool
}

// WidgetWith is Widget with options.
func WidgetWith(t *decision.Tree, prefix, pageURL string, o Options) string {
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<section class="decision" id="%s" data-tree="%s" aria-labelledby="%s-title">`+"\n", esc(prefix), esc(t.ID), esc(prefix))
	fmt.Fprintf(&b, `<p class="decision-title" id="%s-title">%s</p>`+"\n", esc(prefix), esc(t.Title))
	for _, n := range t.Nodes {
		cls := "decision-node"
		if n.Outcome {
			cls += " decision-outcome"
		} else {
			cls += " decision-question"
		}
		if n == t.Start {
			cls += " decision-start"
		}
		fmt.Fprintf(&b, `<div class="%s" id="%s" data-node="%s" data-remaining="%d">`+"\n", cls, nodeID(prefix, n), esc(n.ID), n.Remaining)
		if n.Outcome {
			writeOutcome(&b, t, n, prefix, pageURL, o)
		} else {
			writeQuestion(&b, n, prefix)
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
	return b.String()
}

func nodeID(prefix string, n *decision.Node) string {
	return html.EscapeString(prefix + "-" + n.ID)
}

func writeQuestion(b *strings.Builder, n *decision.Node, prefix string) {
	esc := html.EscapeString
	fmt.Fprintf(b, `<h3 class="decision-heading" tabindex="-1">%s</h3>`+"\n", esc(n.Text))
	if n.Help != "" {
		fmt.Fprintf(b, `<p class="decision-help">%s</p>`+"\n", esc(n.Help))
	}
	b.WriteString(`<ul class="decision-options">` + "\n")
	for _, op := range n.Options {
		next := op.Next.Text
		if op.Next.Outcome {
			next = "Result: " + op.Next.Title
		}
		fmt.Fprintf(b, `<li><a class="decision-option" href="#%s" data-option="%s" data-next="%s" data-next-text="%s">%s</a></li>`+"\n",
			nodeID(prefix, op.Next), esc(op.Slug), esc(op.Next.ID), esc(next), esc(op.Label))
	}
	b.WriteString("</ul>\n")
}

func writeOutcome(b *strings.Builder, t *decision.Tree, n *decision.Node, prefix, pageURL string, o Options) {
	esc := html.EscapeString
	target, note := "", ""
	if o.NewTab {
		target, note = ` target="_blank" rel="noopener"`, `<span class="visually-hidden"> (opens in a new tab)</span>`
	}
	fmt.Fprintf(b, `<h3 class="decision-heading" tabindex="-1"><span class="decision-label">Result:</span> %s</h3>`+"\n", esc(n.Title))
	if n.Body != "" {
		fmt.Fprintf(b, "<p>%s</p>\n", esc(n.Body))
	}
	if len(n.Recommend) > 0 {
		b.WriteString(`<p class="decision-recommend">Recommended: `)
		for i, f := range n.Recommend {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, `<a href="%s"%s>%s%s</a>`, href(pageURL, f.Article), target, esc(f.Name), note)
		}
		b.WriteString("</p>\n")
	}
	if len(n.Links) > 0 {
		b.WriteString(`<ul class="decision-links">` + "\n")
		for _, l := range n.Links {
			fmt.Fprintf(b, `<li><a href="%s"%s>%s%s</a></li>`+"\n", href(pageURL, l.Href), target, esc(l.Text), note)
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, `<p class="decision-restart"><a href="#%s">Start over</a></p>`+"\n", nodeID(prefix, t.Start))
}

// href is the URL of an article source ("a/b.md#x") from the page at from.
func href(from, source string) string {
	return html.EscapeString(site.Rel(from, article.PageURL(source)))
}
