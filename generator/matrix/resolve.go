package matrix

import (
	"strings"

	"kb/generator/diag"
)

// maxCells bounds the combinations of dimension values, so that a mistaken
// matrix cannot exhaust memory.
const maxCells = 100_000

// resolve gives every cell its status and reports statements that contradict
// or repeat each other, features without statements and cells no statement
// covers.
func (m *Matrix) resolve(diags *diag.List) {
	size := 1
	for _, d := range m.Dimensions {
		size *= len(d.Values)
		if size > maxCells {
			diags.Add(m.At(d.Pos, diag.Error, diag.RuleMatrixTooLarge,
				"the dimensions make more than %d combinations per feature; split the product family into several sites or merge values", maxCells))
			m.Features = nil
			m.failed = true
			return
		}
	}
	if len(m.Dimensions) == 0 {
		size = 0
	}
	type pair struct{ a, b *Statement }
	reported := map[pair]bool{}
	for _, f := range m.Features {
		cells := make([]Cell, size)
		for i := range cells {
			cells[i] = Cell{Feature: f, Values: m.valuesAt(i), Status: Unknown}
		}
		m.cells[f] = cells
	}
	for _, s := range m.Statements {
		for _, f := range s.Features {
			cells := m.cells[f]
			m.eachCell(s.Select, func(idx []int) {
				i, _ := m.cellIndex(idx)
				c := &cells[i]
				if c.Statement == nil {
					c.Status, c.Statement = s.Status, s
					return
				}
				first := c.Statement
				if reported[pair{first, s}] {
					return
				}
				reported[pair{first, s}] = true
				if first.Status != s.Status {
					diags.Add(m.At(s.Pos, diag.Error, diag.RuleMatrixConflict,
						"this statement says %s is %q for %s, but another statement says %q; remove or narrow one of them",
						f.Name, s.Status, m.describe(idx), first.Status).WithNotes(m.Note(first.Pos, "the other statement")))
					return
				}
				diags.Add(m.At(s.Pos, diag.Warning, diag.RuleMatrixRedundant,
					"this statement repeats another for %s (%s, both %s); remove the overlap",
					f.Name, m.describe(idx), s.Status).WithNotes(m.Note(first.Pos, "the statement it repeats")))
			})
		}
	}
	for _, f := range m.Features {
		covered, unknown := 0, []Cell(nil)
		for _, c := range m.cells[f] {
			if c.Statement != nil {
				covered++
			} else {
				unknown = append(unknown, c)
			}
		}
		switch {
		case covered == 0 && size > 0:
			diags.Add(m.At(f.Pos, diag.Error, diag.RuleMatrixFeatureUnused,
				"feature %q has no statements; add [[statement]] entries with feature = %q", f.ID, f.ID))
		case len(unknown) > 0:
			example := m.describe(indexesOf(unknown[0]))
			diags.Add(m.At(f.Pos, diag.Warning, diag.RuleMatrixCoverage,
				"%d of %d combinations of feature %q have no statement and show as unknown, the first being %s",
				len(unknown), size, f.ID, example))
		}
	}
}

// eachCell calls fn with the value indexes of every cell a selection covers.
func (m *Matrix) eachCell(sel [][]int, fn func(idx []int)) {
	idx := make([]int, len(sel))
	var walk func(d int)
	walk = func(d int) {
		if d == len(sel) {
			fn(idx)
			return
		}
		for _, v := range sel[d] {
			idx[d] = v
			walk(d + 1)
		}
	}
	if len(sel) > 0 {
		walk(0)
	}
}

func (m *Matrix) valuesAt(cell int) []*Value {
	out := make([]*Value, len(m.Dimensions))
	for i := len(m.Dimensions) - 1; i >= 0; i-- {
		d := m.Dimensions[i]
		out[i] = d.Values[cell%len(d.Values)]
		cell /= len(d.Values)
	}
	return out
}

func indexesOf(c Cell) []int {
	out := make([]int, len(c.Values))
	for i, v := range c.Values {
		out[i] = v.Index
	}
	return out
}

// describe names a cell's values: "Skype for Business Server 2019, SQL Server
// 2014, Standard Edition".
func (m *Matrix) describe(idx []int) string {
	var parts []string
	for i, d := range m.Dimensions {
		parts = append(parts, d.Values[idx[i]].Name)
	}
	return strings.Join(parts, ", ")
}

// Describe names the values of a cell, for messages and table captions.
func (c Cell) Describe() string {
	var parts []string
	for _, v := range c.Values {
		parts = append(parts, v.Name)
	}
	return strings.Join(parts, ", ")
}
