package check

import (
	"strings"

	"kb/generator/compat"
	"kb/generator/diag"
	"kb/generator/matrix"
	"kb/generator/site"
)

// Matrix checks that every article the support matrix cites exists and has
// the cited anchor: each feature's article, and each statement's and
// requirement's source.
//
//	matrix-feature-article  a feature's article or its anchor does not exist
//	matrix-source           a source's article or its anchor does not exist
//
// When the matrix Failed to load, the support matrix page lacks the sections
// of what was lost, so links to its anchors are not reported missing: the
// matrix's own problems say why.
func Matrix(s *site.Site, m *matrix.Matrix, read Read, diags *diag.List) {
	t := newTargets(s)
	if m.Failed() {
		dropAnchorsInto(s, map[string]bool{compat.PagePath: true}, read, diags)
	}
	cite := func(ref string, pos diag.Pos, rule, what string) {
		if ref == "" {
			return // reported by the matrix loader
		}
		if msg := t.resolve(ref); msg != "" {
			diags.Add(m.At(pos, diag.Error, rule, "%s %q: %s", what, ref, msg))
		}
	}
	for _, f := range m.Features {
		cite(f.Article, f.ArticlePos, diag.RuleMatrixFeatureArticle, "article")
	}
	for _, st := range m.Statements {
		cite(st.Source, st.SourcePos, diag.RuleMatrixSource, "source")
	}
	for _, r := range m.Requirements {
		cite(r.Source, r.SourcePos, diag.RuleMatrixSource, "source")
	}
}

// dropAnchorsInto drops the link-missing-anchor diagnostics of links to the
// generated pages given (content-relative paths), placing the links with
// the articles read again (see Site).
func dropAnchorsInto(s *site.Site, pages map[string]bool, read Read, diags *diag.List) {
	if len(pages) == 0 {
		return
	}
	type at struct {
		path      string
		line, col int
	}
	links := map[at]bool{}
	pl := newPlaces(read)
	for _, p := range s.Pages {
		if a := p.Article; a != nil {
			for _, l := range a.Links {
				if pages[l.Target] && l.Anchor != "" {
					line, col := pl.position(l.Pos)
					links[at{l.Pos.File, line, col}] = true
				}
			}
		}
	}
	diags.Drop(func(d diag.Diagnostic) bool {
		if d.Rule != diag.RuleLinkMissingAnchor {
			return false
		}
		return links[at{d.Path, d.Line, d.Col}]
	})
}

// resolve checks a content-relative "path.md#anchor" and returns what is
// wrong with it, or "".
func (t *targets) resolve(ref string) string {
	p, anchor, hasAnchor := strings.Cut(ref, "#")
	a, ok := t.byPath[p]
	if !ok {
		return "no article " + p + " in the content folder; write the path relative to it, such as options/database-mirroring.md"
	}
	if hasAnchor && !t.has(a, anchor) {
		return anchorMessage(anchor, a)
	}
	return ""
}
