package claims

import (
	"regexp"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/matrix"
)

var explicitClaim = regexp.MustCompile(`^\s*<!--\s*kb-claim\s+(.*?)\s*-->\s*$`)

// explicit checks an explicit claim written as an HTML comment:
//
//	<!-- kb-claim mirroring server=sfb2019 status=not-supported -->
//
// The first word is a feature id (or several, comma-separated); the others are
// dimension=value[,value] selections and status=STATUS. Every cell it selects
// must have exactly that status.
func (c *Checker) explicit(a *article.Article, raw string, offset int, lines *diag.Lines, diags *diag.List) {
	m := explicitClaim.FindStringSubmatch(raw)
	if m == nil {
		return
	}
	fail := func(rule, format string, args ...any) {
		diags.Add(lines.At(a.SourcePath(), offset, diag.Error, rule, format, args...))
	}
	words := strings.Fields(m[1])
	if len(words) == 0 {
		fail(diag.RuleClaimSyntax, "kb-claim needs a feature id, selections and status=...")
		return
	}
	var features []*matrix.Feature
	for _, id := range strings.Split(words[0], ",") {
		f := c.m.Feature(id)
		if f == nil {
			fail(diag.RuleClaimSyntax, "kb-claim names unknown feature %q; the features are %s", id, c.m.FeatureIDs())
			return
		}
		features = append(features, f)
	}
	values := map[*matrix.Dimension][]*matrix.Value{}
	var status matrix.Status
	for _, w := range words[1:] {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			fail(diag.RuleClaimSyntax, "kb-claim: %q is not key=value", w)
			return
		}
		if k == "status" {
			status = matrix.Status(v)
			if status != matrix.Supported && status != matrix.NotSupported && status != matrix.Limited && status != matrix.Deprecated {
				fail(diag.RuleClaimSyntax, "kb-claim: status %q is not supported, not-supported, limited or deprecated", v)
				return
			}
			continue
		}
		d := c.m.Dimension(k)
		if d == nil {
			fail(diag.RuleClaimSyntax, "kb-claim: %q is not a dimension of the support matrix", k)
			return
		}
		for _, id := range strings.Split(v, ",") {
			val := d.Value(id)
			if val == nil {
				fail(diag.RuleClaimSyntax, "kb-claim: %q is not a value of dimension %q", id, d.ID)
				return
			}
			values[d] = append(values[d], val)
		}
	}
	if status == "" {
		fail(diag.RuleClaimSyntax, "kb-claim needs status=supported, not-supported, limited or deprecated")
		return
	}
	for _, f := range features {
		for _, cell := range c.selectCells(f, values) {
			if cell.Status == status {
				continue
			}
			where := "no statement covers it"
			var notes []diag.Note
			if cell.Statement != nil {
				where = "the support matrix says " + string(cell.Status)
				notes = []diag.Note{c.m.Note(cell.Statement.Pos, "the statement that says "+string(cell.Status))}
			}
			diags.Add(lines.At(a.SourcePath(), offset, diag.Error, diag.RuleClaimExplicit,
				"the claim that %s is %s for %s does not hold for %s: %s", f.Name, status, orAll(c.describeMap(values)), cell.Describe(), where).
				WithNotes(notes...))
			return
		}
	}
}

func orAll(s string) string {
	if s == "" {
		return "every combination"
	}
	return s
}

// describeMap names the values of an explicit claim.
func (c *Checker) describeMap(values map[*matrix.Dimension][]*matrix.Value) string {
	var parts []string
	for _, d := range c.m.Dimensions {
		if vs, ok := values[d]; ok {
			parts = append(parts, valueNames(vs))
		}
	}
	return strings.Join(parts, ", ")
}

// selectCells returns the cells of f whose values are among those given (a
// dimension not given allows all its values).
func (c *Checker) selectCells(f *matrix.Feature, values map[*matrix.Dimension][]*matrix.Value) []matrix.Cell {
	var out []matrix.Cell
	for _, cell := range c.m.Cells(f) {
		keep := true
		for _, v := range cell.Values {
			if given, ok := values[v.Dimension]; ok && !containsValue(given, v) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, cell)
		}
	}
	return out
}
