package check

import (
	"kb/generator/decision"
	"kb/generator/diag"
	"kb/generator/site"
)

// Trees checks that every article a decision tree's outcomes link to exists
// and has the linked anchor.
//
//	tree-link  an outcome links to an article or anchor that does not exist
//
// files is the build's table of files, which holds the trees' lines.
func Trees(s *site.Site, files *diag.Files, trees []*decision.Tree, diags *diag.List) {
	t := newTargets(s)
	for _, tree := range trees {
		for _, n := range tree.Nodes {
			for _, l := range n.Links {
				if msg := t.resolve(l.Href); msg != "" {
					diags.Add(files.At(l.Pos, diag.Error, diag.RuleTreeLink, "outcome %q links to %q: %s", n.ID, l.Href, msg))
				}
			}
		}
	}
}
