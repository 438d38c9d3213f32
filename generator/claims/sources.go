package claims

import (
	"fmt"
	"slices"
	"strings"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// A statement of the matrix cites its source, "path.md#anchor": the
// section of an article that says it. The checker reads that section with
// the same reader as every other text, while it analyses the article, and
// CheckSources compares what it read with the statements that cite it:
//
//	matrix-source-disagrees  a claim of the section is contradicted by the
//	                         very statement that cites it
//	matrix-source-silent     no claim of the section speaks about the
//	                         statement's feature and cells
//
// A section is its heading and everything under it up to the next heading of
// the same or a higher level; a source without an anchor is the whole
// article.

// sourceClaim is a claim read in a cited article.
type sourceClaim struct {
	sections []string // the ids of the headings above it, outermost first
	cl       claim
	note     diag.Note // the text it was read from
	// against holds the statements that contradict it (verdict's cell).
	against []*matrix.Statement
}

// citedSections returns, per article path, the statements that cite it.
func citedSections(m *matrix.Matrix) map[string][]*matrix.Statement {
	out := map[string][]*matrix.Statement{}
	for _, s := range m.Statements {
		p, _, _ := strings.Cut(s.Source, "#")
		if p != "" {
			out[p] = append(out[p], s)
		}
	}
	return out
}

// cite keeps a claim read in an article some statement cites.
func (d *doc) cite(u unit, cl claim) *sourceClaim {
	if !d.cited {
		return nil
	}
	var ids []string
	for _, h := range d.headings {
		if h.id != "" {
			ids = append(ids, h.id)
		}
	}
	quoted := clip(strings.Join(strings.Fields(u.p.text), " "), 160)
	sc := &sourceClaim{sections: ids, cl: cl, note: d.lines.Note(d.a.SourcePath(), u.p.offset(0), fmt.Sprintf("%s of the source: %q", u.kind, quoted))}
	d.sourced = append(d.sourced, sc)
	return sc
}

// inSection reports whether a claim is in the section anchor ("" is the
// whole article).
func (sc *sourceClaim) inSection(anchor string) bool {
	return anchor == "" || slices.Contains(sc.sections, anchor)
}

// touches reports whether a claim speaks about some cell of a statement: it
// names one of its features and, in every dimension it gives values for,
// one the statement selects.
func (sc *sourceClaim) touches(s *matrix.Statement, dims []*matrix.Dimension) bool {
	named := false
	for _, t := range sc.cl.features {
		if slices.Contains(s.Features, t.feature) {
			named = true
		}
	}
	if !named {
		return false
	}
	for i, d := range dims {
		for _, fa := range sc.cl.facts {
			if fa.dim != d {
				continue
			}
			hit := false
			for _, v := range fa.values {
				if slices.Contains(s.Select[i], v.Index) {
					hit = true
				}
			}
			if !hit {
				return false
			}
		}
	}
	return true
}

// CheckSources reports the statements whose source section contradicts
// them or says nothing about them. Call it after every article has been
// analysed.
func (c *Checker) CheckSources(diags *diag.List) {
	if len(c.cited) == 0 {
		return
	}
	for _, s := range c.m.Statements {
		p, anchor, _ := strings.Cut(s.Source, "#")
		v, ok := c.sourced.Load(p)
		if !ok {
			continue // not an article of the site: matrix-source reports it
		}
		read := v.([]*sourceClaim)
		touched := false
		var against *sourceClaim
		for _, sc := range read {
			if !sc.inSection(anchor) {
				continue
			}
			if sc.touches(s, c.m.Dimensions) {
				touched = true
			}
			if against == nil && slices.Contains(sc.against, s) {
				against = sc
			}
		}
		where := "the section " + s.Source
		if anchor == "" {
			where = "the article " + s.Source
		}
		switch {
		case against != nil:
			diags.Add(c.m.At(s.SourcePos, diag.Error, diag.RuleMatrixSourceDisagrees,
				"the statement says %s for %s, but its source, %s, says otherwise (%s); fix the statement, or the source and then the statement",
				s.Status, c.statementCells(s), where, c.reading(against.cl)).
				WithNotes(against.note, c.m.Note(s.Pos, "the statement")))
		case !touched:
			diags.Add(c.m.At(s.SourcePos, diag.Warning, diag.RuleMatrixSourceSilent,
				"the statement says %s for %s, but kb reads no claim about it in its source, %s; cite the section that states it, or write the statement's wording there (kb check --explain %s shows what kb reads)",
				s.Status, c.statementCells(s), where, p))
		}
	}
}

// statementCells names a statement's features and the values it selects,
// leaving out the dimensions it does not restrict.
func (c *Checker) statementCells(s *matrix.Statement) string {
	var names []string
	for _, f := range s.Features {
		names = append(names, f.Name)
	}
	out := strings.Join(names, " and ")
	for i, d := range c.m.Dimensions {
		if len(s.Select[i]) == len(d.Values) {
			continue
		}
		var vs []*matrix.Value
		for _, j := range s.Select[i] {
			vs = append(vs, d.Values[j])
		}
		out += ", " + valueNames(vs)
	}
	return out
}

// reading says in a few words how a claim was read: "Outlook 2007 is
// supported, read from the phrase "supported"".
func (c *Checker) reading(cl claim) string {
	says := "supported"
	if cl.polarity == matrix.NotSupported {
		says = "not supported"
	}
	if cl.only {
		says += " only"
	}
	var names []string
	for _, t := range cl.features {
		names = append(names, t.feature.Name)
	}
	out := strings.Join(names, " and ") + " " + says + " for " + c.describe(cl.facts)
	if cl.phrase != "" {
		out += ", read from " + phraseNote(cl)
	}
	return out
}
