package decisionui

import (
	"fmt"
	"strings"

	"kb/generator/article"
	"kb/generator/decision"
	"kb/generator/diag"
)

// Trees finds the tree that a directive's tree="ID" attribute names, for the
// directives that take one (decision, and package embed's decision-embed).
type Trees struct {
	byID map[string]*decision.Tree
	ids  []string
}

// NewTrees indexes trees by id.
func NewTrees(trees []*decision.Tree) Trees {
	ts := Trees{byID: map[string]*decision.Tree{}}
	for _, t := range trees {
		ts.byID[t.ID] = t
		ts.ids = append(ts.ids, t.ID)
	}
	return ts
}

// Find returns the tree the call names, or the problem that it names none,
// with the ids there are.
func (ts Trees) Find(c article.Call) (*decision.Tree, []article.Problem) {
	if t, ok := ts.byID[c.Attrs["tree"]]; ok {
		return t, nil
	}
	known := strings.Join(ts.ids, ", ")
	if known == "" {
		known = "none (rules/decisions/ has no trees)"
	}
	attr := "tree"
	if _, given := c.Attrs["tree"]; !given {
		attr = ""
	}
	return nil, []article.Problem{{Attr: attr, Rule: diag.RuleDecisionTree,
		Message: fmt.Sprintf("unknown decision tree %q; the trees are %s", c.Attrs["tree"], known)}}
}
