package decisionui

import (
	"fmt"
	"strconv"
	"strings"

	"kb/generator/article"

	"kb/generator/decision"
)

// Folder is where tree pages and their JSON go among the content.
const Folder = "decisions"

// PagePath is the generated article of tree t; JSONPath its paths for tools.
func PagePath(t *decision.Tree) string { return Folder + "/" + t.ID + ".md" }

// JSONPath is where t's JSON export is written.
func JSONPath(t *decision.Tree) string { return Folder + "/" + t.ID + ".json" }

// PageMarkdown is the page of tree t as an article: its description, the tree
// and its diagram, a pointer to its JSON, and the Embed panel (the
// decision-embed directive of package embed).
func PageMarkdown(t *decision.Tree) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\ndescription: %s\n---\n\n", strconv.Quote(t.Title), strconv.Quote(t.Description))
	if t.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", article.EscapeMarkdown(t.Description))
	}
	fmt.Fprintf(&b, ":::%s tree=%q:::\n\n", Directive, t.ID)
	fmt.Fprintf(&b, "Every path through this tree, with the facts it binds and the features it recommends, is in [%s.json](%s.json).\n\n", t.ID, t.ID)
	fmt.Fprintf(&b, ":::decision-embed tree=%q:::\n", t.ID) // embed.Directive (package embed imports this one)
	return []byte(b.String())
}

// LostPath is the page of the tree with id, which could not be loaded.
func LostPath(id string) string { return Folder + "/" + id + ".md" }

// LostPageMarkdown is the page of a tree that could not be loaded (its
// problems are reported), so that links to it are not reported as well. It
// is never published: the build fails on those problems.
func LostPageMarkdown(id string) []byte {
	return []byte(fmt.Sprintf("---\ntitle: %s\ndescription: \"\"\n---\n\n:::%s tree=%q:::\n", strconv.Quote("Decision tree "+id), Directive, id))
}

// IndexPath is the section page that lists the trees (IndexMarkdown).
const IndexPath = Folder + "/index.md"

// IndexMarkdown is the section page that lists the trees.
func IndexMarkdown(trees []*decision.Tree) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Decision trees\"\ndescription: \"Guided questions that end in a recommendation, checked against the support matrix.\"\n---\n\n")
	b.WriteString("Each tree asks a few questions and ends in an outcome. Every path is checked against the support matrix when the site is built, so no path recommends a feature that is not supported for the answers given.\n")
	return []byte(b.String())
}
