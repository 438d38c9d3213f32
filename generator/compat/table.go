package compat

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"kb/generator/matrix"
)

// Table renders the table spec asks for, for the page at pageURL; id is unique
// within the page and prefixes every id the table uses.
func Table(m *matrix.Matrix, spec Spec, pageURL, id string) string {
	t := &table{m: m, spec: spec, pageURL: pageURL, id: id, cols: []*matrix.Value{nil},
		notes: &footnotes{id: id}, present: map[matrix.Status]bool{}}
	if spec.columns != nil {
		t.cols = spec.shown[spec.columns]
	}
	t.opening()
	t.head()
	t.body()
	b := &t.b
	b.WriteString("</tbody>\n</table>\n</div>\n")
	t.notes.write(b)
	writeLegend(b, t.present)
	if spec.requirements {
		writeRequirements(b, m.RequirementsOf(spec.feature), pageURL)
	}
	b.WriteString("</figure>\n")
	return b.String()
}

// table is one table being rendered.
type table struct {
	b       strings.Builder
	m       *matrix.Matrix
	spec    Spec
	pageURL string
	id      string
	cols    []*matrix.Value // the columns' values; one nil without a columns dimension
	notes   *footnotes
	present map[matrix.Status]bool // the statuses of the cells written
}

// caption names the feature and the dimensions of rows and columns; fixed
// dimensions (one value shown, in neither rows nor columns) follow with their
// value, then the dimensions left out, whose every value has the same status.
func (t *table) caption() string {
	spec := t.spec
	var fixed, omitted []string
	for _, d := range t.m.Dimensions {
		switch {
		case slices.Contains(spec.omitted, d):
			omitted = append(omitted, d.Name)
		case d != spec.columns && !slices.Contains(spec.rows, d):
			fixed = append(fixed, spec.shown[d][0].Name)
		}
	}
	caption := spec.feature.Name + ": support"
	var by []string
	if spec.columns != nil {
		by = append(by, spec.columns.Name)
	}
	for _, d := range spec.rows {
		by = append(by, d.Name)
	}
	if len(by) > 0 {
		caption += " by " + joinAnd(by)
	}
	if len(fixed) > 0 {
		caption += ", for " + joinAnd(fixed)
	}
	switch {
	case len(omitted) == 0:
	case len(by) == 0 && len(fixed) == 0:
		caption += " for every " + joinAnd(omitted)
	default:
		caption += ". The status is the same for every " + joinAnd(omitted) + "."
	}
	return caption
}

// opening writes the <figure>, whose data- attributes name the dimensions of
// rows and columns for the theme's filter script, and its caption.
func (t *table) opening() {
	esc := html.EscapeString
	var rowDims []string
	for _, d := range t.spec.rows {
		rowDims = append(rowDims, d.ID)
	}
	colDim, colName := "", ""
	if t.spec.columns != nil {
		colDim, colName = t.spec.columns.ID, t.spec.columns.Name
	}
	fmt.Fprintf(&t.b, `<figure class="compat" id="%s" data-rows="%s" data-columns="%s" data-columns-name="%s">`+"\n",
		esc(t.id), esc(strings.Join(rowDims, " ")), esc(colDim), esc(colName))
	fmt.Fprintf(&t.b, "<figcaption>%s</figcaption>\n", esc(t.caption()))
}

// head opens the table and writes its header row: a cell per rows dimension,
// then one per column (or "Status").
func (t *table) head() {
	esc := html.EscapeString
	b := &t.b
	b.WriteString(`<div class="compat-scroll">` + "\n<table>\n<thead>\n<tr>")
	for _, d := range t.spec.rows {
		fmt.Fprintf(b, `<th scope="col">%s</th>`, esc(d.Name))
	}
	for _, v := range t.cols {
		if v == nil {
			b.WriteString(`<th scope="col">Status</th>`)
			continue
		}
		fmt.Fprintf(b, `<th scope="col" data-value="%s">%s</th>`, esc(v.ID), esc(v.Name))
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
}

// body writes a row for every combination of the rows dimensions' values.
func (t *table) body() {
	// idx is the cell being written: per dimension of the matrix, the index
	// of its value. Fixed dimensions keep their one shown value.
	idx := make([]int, len(t.m.Dimensions))
	for i, d := range t.m.Dimensions {
		idx[i] = t.spec.shown[d][0].Index
	}
	forEachRow(t.spec.rows, t.spec.shown, func(row []*matrix.Value) { t.row(row, idx) })
}

// row writes the row of the values row: its header cells, then a cell per
// column.
func (t *table) row(row []*matrix.Value, idx []int) {
	esc := html.EscapeString
	b := &t.b
	b.WriteString("<tr")
	for _, v := range row {
		fmt.Fprintf(b, ` data-%s="%s"`, esc(v.Dimension.ID), esc(v.ID))
	}
	b.WriteString(">")
	for _, v := range row {
		idx[slices.Index(t.m.Dimensions, v.Dimension)] = v.Index
		fmt.Fprintf(b, `<th scope="row">%s</th>`, esc(v.Name))
	}
	for _, col := range t.cols {
		if col != nil {
			idx[slices.Index(t.m.Dimensions, col.Dimension)] = col.Index
		}
		c := t.m.Cell(t.spec.feature, idx)
		t.present[c.Status] = true
		writeCell(b, c, col, t.pageURL, t.notes)
	}
	b.WriteString("</tr>\n")
}

func writeCell(b *strings.Builder, c matrix.Cell, col *matrix.Value, pageURL string, notes *footnotes) {
	esc := html.EscapeString
	attr := ""
	if col != nil {
		attr = fmt.Sprintf(` data-value="%s"`, esc(col.ID))
	}
	fmt.Fprintf(b, `<td class="status status-%s"%s><span class="status-symbol" aria-hidden="true">%s</span> %s`,
		c.Status, attr, c.Status.Symbol(), c.Status.Label())
	if c.Statement != nil {
		for _, n := range c.Statement.Notes {
			num, ref := notes.cite(n)
			fmt.Fprintf(b, `<sup class="note-ref"><a href="#%s-note-%d" id="%s" aria-label="Note %d">%d</a></sup>`,
				esc(notes.id), num, esc(ref), num, num)
		}
		fmt.Fprintf(b, ` <a class="cell-source" href="%s"><span aria-hidden="true">§</span><span class="visually-hidden">Source</span></a>`,
			href(pageURL, c.Statement.Source))
	}
	b.WriteString("</td>")
}

// footnotes numbers the notes of one table, once per distinct text, and
// remembers every reference so that each note links back to each.
type footnotes struct {
	id    string
	texts []string
	refs  [][]string // per note, the ids of its references
}

func (n *footnotes) cite(text string) (num int, ref string) {
	i := 0
	for i < len(n.texts) && n.texts[i] != text {
		i++
	}
	if i == len(n.texts) {
		n.texts = append(n.texts, text)
		n.refs = append(n.refs, nil)
	}
	ref = fmt.Sprintf("%s-ref-%d-%d", n.id, i+1, len(n.refs[i])+1)
	n.refs[i] = append(n.refs[i], ref)
	return i + 1, ref
}

func (n *footnotes) write(b *strings.Builder) {
	if len(n.texts) == 0 {
		return
	}
	esc := html.EscapeString
	b.WriteString(`<ol class="compat-notes">` + "\n")
	for i, t := range n.texts {
		fmt.Fprintf(b, `<li id="%s-note-%d">%s`, esc(n.id), i+1, esc(t))
		for j, ref := range n.refs[i] {
			fmt.Fprintf(b, ` <a class="note-back" href="#%s" aria-label="Back to reference %d of note %d"><span aria-hidden="true">↩</span>%s</a>`,
				esc(ref), j+1, i+1, backLabel(j, len(n.refs[i])))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n")
}

// backLabel tells back links apart when a note is cited more than once.
func backLabel(j, n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf(`<span aria-hidden="true">%d</span>`, j+1)
}

func writeLegend(b *strings.Builder, present map[matrix.Status]bool) {
	b.WriteString(`<dl class="compat-legend">` + "\n")
	for _, s := range matrix.Statuses {
		if present[s] {
			fmt.Fprintf(b, `<div class="status-%s"><dt><span class="status-symbol" aria-hidden="true">%s</span> %s</dt><dd>%s</dd></div>`+"\n",
				s, s.Symbol(), s.Label(), s.Meaning())
		}
	}
	b.WriteString("</dl>\n")
}

func writeRequirements(b *strings.Builder, reqs []*matrix.Requirement, pageURL string) {
	if len(reqs) == 0 {
		return
	}
	b.WriteString(`<div class="compat-requirements">` + "\n<p><strong>Requirements</strong></p>\n<ul>\n")
	for _, r := range reqs {
		fmt.Fprintf(b, `<li id="req-%s">%s <a class="cell-source" href="%s"><span aria-hidden="true">§</span><span class="visually-hidden">Source</span></a></li>`+"\n",
			html.EscapeString(r.ID), html.EscapeString(r.Text), href(pageURL, r.Source))
	}
	b.WriteString("</ul>\n</div>\n")
}

// forEachRow calls fn with every combination of the shown values of dims, the
// last dimension varying fastest; with no dims, once with none.
func forEachRow(dims []*matrix.Dimension, shown map[*matrix.Dimension][]*matrix.Value, fn func([]*matrix.Value)) {
	row := make([]*matrix.Value, len(dims))
	var walk func(i int)
	walk = func(i int) {
		if i == len(dims) {
			fn(row)
			return
		}
		for _, v := range shown[dims[i]] {
			row[i] = v
			walk(i + 1)
		}
	}
	walk(0)
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
