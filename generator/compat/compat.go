// Package compat renders the support matrix as compatibility tables, at build
// time: plain HTML that needs no JavaScript, prints, and reads in a screen
// reader (header cells with scope; every status as a word and a symbol, never
// colour alone). Filtering rows by a dimension value is left to the theme
// script as an enhancement.
//
// Articles ask for a table with the compat directive:
//
//	:::compat feature="mirroring" rows="sql,edition" columns="server":::
//
//	feature       the feature id (required)
//	columns       one dimension id whose values are the columns
//	              (default: the first dimension not fixed to one value)
//	rows          dimension ids, comma-separated, whose value combinations are
//	              the rows (default: every other dimension)
//	<dimension>   a value id, or several comma-separated, to show only those
//	              values (server="sfb2019"); a dimension fixed to one value may
//	              be left out of rows and columns
//	requirements  "no" to leave out the feature's requirements (default "yes")
//
// Each cell links to the article section its statement cites; notes become
// numbered footnotes under the table, linked both ways; a legend lists the
// statuses present. Cells no statement covers read "Unknown". While the
// matrix has Failed to load, a table is not made and its attributes are not
// checked: the matrix's problems are reported in rules/ instead.
package compat

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/matrix"
	"kb/generator/site"
)

// Directive is the name of the directive Handler renders.
const Directive = "compat"

// Handler returns the compat directive's handler for matrix m.
func Handler(m *matrix.Matrix) article.Handler {
	return func(c article.Call) (string, []article.Problem) {
		if m.Failed() {
			// Why is reported in rules/, once; the table cannot be made and
			// every name in it may be one the matrix lost.
			return `<p class="compat-error">This compatibility table could not be built.</p>` + "\n", nil
		}
		spec, problems := parse(m, c.Attrs, c.Order)
		if len(problems) > 0 {
			return `<p class="compat-error">This compatibility table could not be built.</p>` + "\n", problems
		}
		return Table(m, spec, c.Article.URL, fmt.Sprintf("compat-%s-%d", spec.feature.ID, c.Index)), nil
	}
}

// Spec says what one table shows.
type Spec struct {
	feature      *matrix.Feature
	columns      *matrix.Dimension
	rows         []*matrix.Dimension
	shown        map[*matrix.Dimension][]*matrix.Value // values shown per dimension
	requirements bool
}

func parse(m *matrix.Matrix, attrs map[string]string, order []string) (Spec, []article.Problem) {
	var problems []article.Problem
	bad := func(attr, rule, format string, args ...any) {
		problems = append(problems, article.Problem{Attr: attr, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	spec := Spec{shown: map[*matrix.Dimension][]*matrix.Value{}, requirements: true}
	for _, name := range order {
		switch name {
		case "feature", "rows", "columns":
		case "requirements":
			switch attrs[name] {
			case "yes":
			case "no":
				spec.requirements = false
			default:
				bad(name, diag.RuleCompatAttribute, `requirements=%q: write requirements="yes" or requirements="no"`, attrs[name])
			}
		default:
			d := m.Dimension(name)
			if d == nil {
				bad(name, diag.RuleCompatAttribute, "unknown attribute %q; use feature, rows, columns, requirements or a dimension id (%s)", name, m.DimensionIDs())
				continue
			}
			for _, id := range splitList(attrs[name]) {
				v := d.Value(id)
				if v == nil {
					bad(name, diag.RuleCompatValue, "%q is not a value of dimension %q; the values are %s", id, d.ID, d.ValueIDs())
					continue
				}
				spec.shown[d] = append(spec.shown[d], v)
			}
		}
	}
	id := attrs["feature"]
	if spec.feature = m.Feature(id); spec.feature == nil {
		if id == "" {
			bad("", diag.RuleCompatFeature, "compat needs a feature; add feature=\"id\" with one of %s", m.FeatureIDs())
		} else {
			bad("feature", diag.RuleCompatFeature, "unknown feature %q; the features are %s", id, m.FeatureIDs())
		}
	}
	for _, d := range m.Dimensions {
		if spec.shown[d] == nil {
			spec.shown[d] = d.Values
		}
		slices.SortFunc(spec.shown[d], func(a, b *matrix.Value) int { return a.Index - b.Index })
	}
	used := map[*matrix.Dimension]string{}
	dimension := func(attr, id string) *matrix.Dimension {
		d := m.Dimension(id)
		if d == nil {
			bad(attr, diag.RuleCompatDimension, "unknown dimension %q; the dimensions are %s", id, m.DimensionIDs())
			return nil
		}
		if prev, dup := used[d]; dup {
			bad(attr, diag.RuleCompatDimension, "dimension %q is already in %s; a dimension goes in rows or columns, once", id, prev)
			return nil
		}
		used[d] = attr
		return d
	}
	if c, ok := attrs["columns"]; ok {
		ids := splitList(c)
		if len(ids) != 1 {
			bad("columns", diag.RuleCompatDimension, "columns takes one dimension id, not %q", c)
		} else {
			spec.columns = dimension("columns", ids[0])
		}
	}
	if r, ok := attrs["rows"]; ok {
		for _, id := range splitList(r) {
			if d := dimension("rows", id); d != nil {
				spec.rows = append(spec.rows, d)
			}
		}
	}
	if len(problems) > 0 {
		return spec, problems
	}
	// Defaults: the first dimension with several values shown that is not
	// placed is the columns (unless columns were given); the others are rows
	// (unless rows were given, when leaving one out is an error).
	_, explicitCols := attrs["columns"]
	_, explicitRows := attrs["rows"]
	for _, d := range m.Dimensions {
		switch {
		case used[d] != "" || len(spec.shown[d]) < 2:
		case !explicitCols && spec.columns == nil:
			spec.columns = d
		case explicitRows:
			bad("rows", diag.RuleCompatDimension, "dimension %q shows %d values but is in neither rows nor columns; add it to one, or show one value with %s=\"id\"",
				d.ID, len(spec.shown[d]), d.ID)
		default:
			spec.rows = append(spec.rows, d)
		}
	}
	return spec, problems
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// href is the URL of an article source ("a/b.md#x") from the page at from.
func href(from, source string) string {
	return html.EscapeString(site.Rel(from, article.PageURL(source)))
}
