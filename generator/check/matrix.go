package check

import (
	"strings"

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
func Matrix(s *site.Site, m *matrix.Matrix, diags *diag.List) {
	t := newTargets(s)
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
