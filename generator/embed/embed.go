// Package embed makes the decision trees embeddable in other sites, such as
// an internal wiki, in two ways, and documents them on each tree's page.
// docs/embedding.md is the user's guide.
//
// A frame. public/embed/ID.html is one self-contained file per tree, made
// for <iframe sandbox="allow-scripts">: the tree's widget (the HTML of
// package decisionui, article links opening in a new tab and relative to the
// file, so they work on the hosted site and from disk), the theme's kb.css
// and decision.js inlined (read through the renderer, so a site's theme
// overrides them here too), and a small script that posts the document's
// height to the parent window whenever it changes:
//
//	{type: "kb-decision-tree:height", tree: "choose-ha-option", height: 412}
//
// The file carries its own Content-Security-Policy in a <meta> element:
// nothing but its one inline script and one inline style, allowed by their
// SHA-256 hashes, and data: images (the empty favicon). It has no inline
// event handler and no style attribute, and it never uses storage or
// cookies, which a sandboxed frame without allow-same-origin does not have.
// Without JavaScript it works as the tree page does, through :target.
//
// A custom element. public/embed/kb-decision-tree.js defines
// <kb-decision-tree tree="ID">, for pages that accept a script tag: it
// carries every tree's widget HTML (as JSON, so no text of a tree can end a
// script), the stylesheet (kb.css with :root read as :host, applied as a
// constructable stylesheet in the element's shadow root) and decision.js,
// whose answers it keeps in memory. It needs no eval, inline script or
// inline style, so it works under script-src 'self'.
//
// oEmbed. public/embed/ID.oembed.json is an oEmbed 1.0 "rich" response
// whose html is the frame snippet; the tree page's head links to it
// (<link rel="alternate" type="application/json+oembed">).
//
// The Embed panel. Tree pages end with the decision-embed directive, which
// renders copy-ready snippets (the frame, the resize listener, the script tag
// and element) as code blocks, to which the theme's kb.js adds Copy buttons.
//
// Every URL these files hold is made by URL: relative to the file that holds
// it, or under Options.Base when the site's address is known.
package embed

import (
	"fmt"
	"slices"

	"kb/generator/article"
	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/diag"
	"kb/generator/site"
)

// Folder is where the embed files go in the output.
const Folder = "embed"

// ElementPath is the custom element's script.
const ElementPath = Folder + "/kb-decision-tree.js"

// FramePath is the embed file of tree t.
func FramePath(t *decision.Tree) string { return Folder + "/" + t.ID + ".html" }

// OEmbedPath is the oEmbed response of tree t.
func OEmbedPath(t *decision.Tree) string { return Folder + "/" + t.ID + ".oembed.json" }

// pagePath is the output path of t's page on the site.
func pagePath(t *decision.Tree) string { return article.PageURL(decisionui.PagePath(t)) }

// Options are the site's settings that the embeds show.
type Options struct {
	SiteTitle string // names the site in the frame's title and its link back
	Language  string // the frame's lang attribute
	// Base is the address where the site is published, such as
	// "https://kb.example.com/", to make every URL absolute (which oEmbed
	// consumers need); "" makes them relative.
	Base string
}

// Set is the embeds of a site's trees.
type Set struct {
	trees []*decision.Tree
	opts  Options
}

// New returns the embeds of trees.
func New(trees []*decision.Tree, opts Options) *Set {
	return &Set{trees: trees, opts: opts}
}

// url is URL with the site's base.
func (s *Set) url(from, target string) string { return URL(s.opts.Base, from, target) }

// Paths lists the files Files writes, sorted.
func (s *Set) Paths() []string {
	if len(s.trees) == 0 {
		return nil
	}
	out := []string{ElementPath}
	for _, t := range s.trees {
		out = append(out, FramePath(t), OEmbedPath(t))
	}
	slices.Sort(out)
	return out
}

// Check reports content that would be written where an embed file goes.
func (s *Set) Check(st *site.Site, diags *diag.List) {
	taken := map[string]bool{}
	for _, p := range s.Paths() {
		taken[p] = true
	}
	report := func(file, out string) {
		diags.Add(diag.Diagnostic{Path: file, Line: 1, Col: 1, Severity: diag.Error, Rule: diag.RulePageDuplicate,
			Message: fmt.Sprintf("kb writes %s, an embed of a decision tree (see docs/embedding.md); rename or move yours", out)})
	}
	for _, p := range st.Pages {
		if p.Article != nil && !p.Fragment && taken[p.URL] {
			report(p.Article.SourcePath(), p.URL)
		}
	}
	for _, f := range st.Static {
		if taken[f] {
			report(st.SourcePath(f), f)
		}
	}
}
