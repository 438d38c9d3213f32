package check

import (
	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/diag"
	"kb/generator/site"
)

// Trees checks that every article a decision tree's outcomes link to exists
// and has the linked anchor.
//
//	tree-link  an outcome links to an article or anchor that does not exist
//
// lost are the trees that could not be loaded (decision.Lost): links to the
// anchors of their pages are not reported missing, since their files'
// problems say why. files is the build's table of files, which holds the
// trees' lines; read reads the articles again to place their links (see
// Site).
func Trees(s *site.Site, files *diag.Files, read Read, trees []*decision.Tree, diags *diag.List, lost ...string) {
	t := newTargets(s)
	pages := map[string]bool{}
	for _, id := range lost {
		pages[decisionui.LostPath(id)] = true
	}
	dropAnchorsInto(s, pages, read, diags)
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
