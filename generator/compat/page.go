package compat

import (
	"fmt"
	"strconv"
	"strings"

	"kb/generator/article"

	"kb/generator/matrix"
)

// PagePath is where the generated support matrix page lives among the
// articles, and JSONPath where the resolved matrix is written for other tools.
const (
	PagePath = "support-matrix.md"
	JSONPath = "matrix.json"
)

// PageMarkdown is the support matrix page as an article: one section per
// feature with its description, a link to its article and its table. It goes
// through the same pipeline as any article, so its links and anchors are
// checked and it gets a table of contents.
func PageMarkdown(m *matrix.Matrix) []byte {
	var b strings.Builder
	var dims []string
	for _, d := range m.Dimensions {
		dims = append(dims, d.Name)
	}
	fmt.Fprintf(&b, "---\ntitle: %s\ndescription: %s\n---\n\n", strconv.Quote("Support matrix"),
		strconv.Quote("Which "+joinAnd(dims)+" support each feature, from the support matrix."))
	fmt.Fprintf(&b, "Every feature of the support matrix, with its status for each combination of %s; "+
		"a table leaves out the dimensions the feature's status does not depend on, and its caption names them. "+
		"Each cell links to the article section it comes from. "+
		"The same data is in [matrix.json](%s) for other tools.\n\n", article.EscapeMarkdown(joinAnd(dims)), JSONPath)
	for _, f := range m.Features {
		fmt.Fprintf(&b, "## %s\n\n", article.EscapeMarkdown(f.Name))
		if f.Description != "" {
			fmt.Fprintf(&b, "%s\n\n", article.EscapeMarkdown(f.Description))
		}
		if f.Article != "" {
			fmt.Fprintf(&b, "Read more in [%s](<%s>).\n\n", article.EscapeMarkdown(f.Name), f.Article)
		}
		fmt.Fprintf(&b, ":::%s feature=%q:::\n\n", Directive, f.ID)
	}
	return []byte(b.String())
}
