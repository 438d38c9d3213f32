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
// The dimensions placed by default are those the feature's status depends on
// (matrix.DependsOn): a dimension that every statement of the feature leaves
// at all its values, and that no attribute names, is left out of the table,
// and the caption says that the status is the same for every value of it. A
// feature that depends on no dimension gets a table of one cell.
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
	omitted      []*matrix.Dimension                   // left out: the status is the same for every value
	requirements bool
}

// parse reads a compat directive's attributes, given in order, into a Spec,
// and says what is wrong with them.
func parse(m *matrix.Matrix, attrs map[string]string, order []string) (Spec, []article.Problem) {
	p := &specParser{m: m, attrs: attrs, used: map[*matrix.Dimension]string{}, filtered: map[*matrix.Dimension]bool{},
		spec: Spec{shown: map[*matrix.Dimension][]*matrix.Value{}, requirements: true}}
	for _, name := range order {
		p.option(name)
	}
	p.feature()
	p.showAll()
	p.placed()
	if len(p.problems) > 0 {
		return p.spec, p.problems
	}
	p.defaults()
	return p.spec, p.problems
}

// specParser is parse's state: the Spec so far, the problems found, and
// which dimensions rows and columns have placed.
type specParser struct {
	m        *matrix.Matrix
	attrs    map[string]string
	spec     Spec
	problems []article.Problem
	used     map[*matrix.Dimension]string // dimension -> "rows" or "columns"
	filtered map[*matrix.Dimension]bool   // dimensions an attribute shows some values of
}

// bad records a problem with attribute attr ("" for the directive).
func (p *specParser) bad(attr, rule, format string, args ...any) {
	p.problems = append(p.problems, article.Problem{Attr: attr, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// option reads the attributes other than feature, rows and columns:
// requirements, and dimensions whose values to show.
func (p *specParser) option(name string) {
	switch name {
	case "feature", "rows", "columns":
	case "requirements":
		switch p.attrs[name] {
		case "yes":
		case "no":
			p.spec.requirements = false
		default:
			p.bad(name, diag.RuleCompatAttribute, `requirements=%q: write requirements="yes" or requirements="no"`, p.attrs[name])
		}
	default:
		d := p.m.Dimension(name)
		if d == nil {
			p.bad(name, diag.RuleCompatAttribute, "unknown attribute %q; use feature, rows, columns, requirements or a dimension id (%s)", name, p.m.DimensionIDs())
			return
		}
		p.filtered[d] = true
		for _, id := range splitList(p.attrs[name]) {
			v := d.Value(id)
			if v == nil {
				p.bad(name, diag.RuleCompatValue, "%q is not a value of dimension %q; the values are %s", id, d.ID, d.ValueIDs())
				continue
			}
			p.spec.shown[d] = append(p.spec.shown[d], v)
		}
	}
}

// feature reads the feature attribute, which is required.
func (p *specParser) feature() {
	id := p.attrs["feature"]
	if p.spec.feature = p.m.Feature(id); p.spec.feature == nil {
		if id == "" {
			p.bad("", diag.RuleCompatFeature, "compat needs a feature; add feature=\"id\" with one of %s", p.m.FeatureIDs())
		} else {
			p.bad("feature", diag.RuleCompatFeature, "unknown feature %q; the features are %s", id, p.m.FeatureIDs())
		}
	}
}

// showAll shows every value of a dimension no attribute filtered, and puts
// each dimension's shown values in the matrix's order.
func (p *specParser) showAll() {
	for _, d := range p.m.Dimensions {
		if p.spec.shown[d] == nil {
			p.spec.shown[d] = d.Values
		}
		slices.SortFunc(p.spec.shown[d], func(a, b *matrix.Value) int { return a.Index - b.Index })
	}
}

// placed reads the columns and rows attributes.
func (p *specParser) placed() {
	if c, ok := p.attrs["columns"]; ok {
		ids := splitList(c)
		if len(ids) != 1 {
			p.bad("columns", diag.RuleCompatDimension, "columns takes one dimension id, not %q", c)
		} else {
			p.spec.columns = p.dimension("columns", ids[0])
		}
	}
	if r, ok := p.attrs["rows"]; ok {
		for _, id := range splitList(r) {
			if d := p.dimension("rows", id); d != nil {
				p.spec.rows = append(p.spec.rows, d)
			}
		}
	}
}

// dimension returns dimension id, named in attribute attr, and marks it
// placed; nil when it is unknown or already placed.
func (p *specParser) dimension(attr, id string) *matrix.Dimension {
	d := p.m.Dimension(id)
	if d == nil {
		p.bad(attr, diag.RuleCompatDimension, "unknown dimension %q; the dimensions are %s", id, p.m.DimensionIDs())
		return nil
	}
	if prev, dup := p.used[d]; dup {
		p.bad(attr, diag.RuleCompatDimension, "dimension %q is already in %s; a dimension goes in rows or columns, once", id, prev)
		return nil
	}
	p.used[d] = attr
	return d
}

// defaults places the dimensions not placed: a dimension the feature's status
// does not depend on, which no attribute filters, is left out; of the others
// with several values shown, the first is the columns (unless columns were
// given) and the rest are rows (unless rows were given, when leaving one out
// is an error).
func (p *specParser) defaults() {
	_, explicitCols := p.attrs["columns"]
	_, explicitRows := p.attrs["rows"]
	depends := p.m.DependsOn(p.spec.feature)
	for i, d := range p.m.Dimensions {
		switch {
		case p.used[d] != "" || len(p.spec.shown[d]) < 2:
		case !depends[i] && !p.filtered[d]:
			p.spec.omitted = append(p.spec.omitted, d)
		case !explicitCols && p.spec.columns == nil:
			p.spec.columns = d
		case explicitRows:
			p.bad("rows", diag.RuleCompatDimension, "dimension %q shows %d values but is in neither rows nor columns; add it to one, or show one value with %s=\"id\"",
				d.ID, len(p.spec.shown[d]), d.ID)
		default:
			p.spec.rows = append(p.spec.rows, d)
		}
	}
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
