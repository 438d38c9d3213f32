// Package check holds the checks that need the whole site: those that compare
// one article with another, and the support matrix and the decision trees
// with the articles. Checks that need one file only run while that file is
// parsed (package article). This package runs after every page is rendered,
// since the checks need the headings, anchors and links that rendering
// collects; the pages are written into a temporary folder that replaces the
// output only when no check found an error, so that a site with errors is
// never published.
//
// Each check appends diagnostics with a stable rule id:
//
//	link-missing-anchor   a link's #anchor names no heading or anchor of its target
package check

import (
	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/site"
)

// Site checks every link with an #anchor against its target's headings.
func Site(s *site.Site, diags *diag.List) {
	anchors(s, diags)
}

// targets knows every article and, once asked, its set of anchors.
type targets struct {
	byPath map[string]*article.Article
	ids    map[*article.Article]map[string]bool
}

func newTargets(s *site.Site) *targets {
	t := &targets{byPath: map[string]*article.Article{}, ids: map[*article.Article]map[string]bool{}}
	for _, p := range s.Pages {
		if p.Article != nil {
			t.byPath[p.Article.Path] = p.Article
		}
	}
	return t
}

// has reports whether a has a heading or raw anchor with id.
func (t *targets) has(a *article.Article, id string) bool {
	set, ok := t.ids[a]
	if !ok {
		set = map[string]bool{}
		for _, h := range a.Headings {
			set[h.ID] = true
		}
		for _, x := range a.Anchors {
			set[x] = true
		}
		t.ids[a] = set
	}
	return set[id]
}

// anchors checks every link with an #anchor against its target's headings.
func anchors(s *site.Site, diags *diag.List) {
	t := newTargets(s)
	for _, p := range s.Pages {
		a := p.Article
		if a == nil {
			continue
		}
		for _, l := range a.Links {
			target, ok := t.byPath[l.Target]
			if !ok || t.has(target, l.Anchor) {
				continue // not an article (the link itself was checked while parsing), or fine
			}
			diags.Add(diag.Diagnostic{Path: a.SourcePath(), Line: l.Line, Col: l.Col, Severity: diag.Error,
				Rule: diag.RuleLinkMissingAnchor, Message: anchorMessage(l.Anchor, target)})
		}
	}
}

func anchorMessage(anchor string, target *article.Article) string {
	msg := `"#` + anchor + `" is not a heading or anchor of ` + target.Path
	if len(target.Headings) == 0 && len(target.Anchors) == 0 {
		return msg + ", which has no headings; link to the page without an anchor"
	}
	best := article.ClosestID(anchor, target.IDs())
	return msg + `; did you mean "#` + best + `"?`
}
