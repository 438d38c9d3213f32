// Package matrix holds a product family's support matrix: which versions and
// editions support which feature. It is read from the TOML files directly in
// a site's rules/ folder (rules/*.toml, all merged; rules/decisions/ holds
// decision trees, not matrix data) and is the single source of truth that
// articles render as compatibility tables and are checked against.
//
// The format, in full in docs/matrix.md:
//
//	[[dimension]]                  # an axis of the matrix, its values in order
//	id = "sql"
//	name = "SQL Server version"
//	values = [
//	  { id = "sql2012", name = "SQL Server 2012 SP2 CU2", aliases = ["SQL Server 2012"] },
//	  { id = "sql2014", name = "SQL Server 2014" },
//	]
//
//	[[feature]]
//	id = "mirroring"
//	name = "Database mirroring"
//	aliases = ["SQL mirroring"]    # the wordings articles use
//	article = "options/database-mirroring.md"
//
//	[[statement]]                  # the status of a set of cells
//	feature = "mirroring"          # one feature or a list
//	sql = { from = "sql2012" }     # per dimension: a value, a list, or a range;
//	                               # a dimension left out means all its values
//	status = "supported"           # supported, not-supported, limited, deprecated
//	notes = ["..."]                # required for limited
//	source = "options/database-mirroring.md#supported-versions"
//
//	[[requirement]]                # a rule rather than a cell
//	id = "mirror-same-edition"
//	features = ["mirroring"]
//	text = "The primary and the mirror run the same SQL Server edition."
//	source = "options/database-mirroring.md#server-requirements"
//
// Load validates everything that can be validated from the rules alone and
// reports it with file:line:col; the sources' articles and anchors are checked
// by package check, which knows the articles. Every cell of the matrix (a
// feature and one value of each dimension) gets the status of the statement
// that covers it, or Unknown when none does: never blank, never supported.
package matrix

import (
	"slices"

	"kb/generator/diag"
)

// Status is the support status of a cell.
type Status string

// The statuses a statement may give, and Unknown for a cell no statement covers.
const (
	Supported    Status = "supported"
	NotSupported Status = "not-supported"
	Limited      Status = "limited"
	Deprecated   Status = "deprecated"
	Unknown      Status = "unknown"
)

// Statuses lists the statuses in the order legends show them.
var Statuses = []Status{Supported, Limited, Deprecated, NotSupported, Unknown}

// Label is the status in words.
func (s Status) Label() string {
	switch s {
	case Supported:
		return "Supported"
	case NotSupported:
		return "Not supported"
	case Limited:
		return "Limited"
	case Deprecated:
		return "Deprecated"
	}
	return "Unknown"
}

// Symbol is the status as a symbol, shown beside the words (never instead).
func (s Status) Symbol() string {
	switch s {
	case Supported:
		return "✓"
	case NotSupported:
		return "✗"
	case Limited:
		return "◐"
	case Deprecated:
		return "⚠"
	}
	return "?"
}

// Meaning explains the status, for legends.
func (s Status) Meaning() string {
	switch s {
	case Supported:
		return "works and is supported"
	case NotSupported:
		return "is not supported"
	case Limited:
		return "supported with limits; see the note"
	case Deprecated:
		return "still works but is no longer recommended"
	}
	return "no statement in the support matrix covers this combination"
}

// Matrix is the whole support matrix.
type Matrix struct {
	Dimensions   []*Dimension
	Features     []*Feature
	Statements   []*Statement
	Requirements []*Requirement
	cells        map[*Feature][]Cell
	files        *diag.Files // the lines of the rules files, which Pos are in
	failed       bool
}

// Failed reports whether the rules could not be loaded whole: a rules file
// that could not be read or is not valid TOML, a value of the wrong type, a
// misspelt table, a dimension, value or feature that was rejected, features
// without dimensions, or too many combinations. Load has reported why; what
// refers to the matrix (compat tables, trees, front matter, claims) is then
// not checked against it, since every reference to what is missing would be
// reported again, and no table is made from it.
func (m *Matrix) Failed() bool { return m.failed }

// Dimension is an axis of the matrix, such as the SQL Server version.
type Dimension struct {
	ID, Name string
	Aliases  []string
	Values   []*Value
	Pos      diag.Pos
}

// Value is one value of a dimension. Index is its place in the order.
type Value struct {
	ID, Name  string
	Aliases   []string
	Index     int
	Dimension *Dimension
	Pos       diag.Pos
}

// Feature is something the matrix gives a status for.
type Feature struct {
	ID, Name    string
	Aliases     []string
	Article     string // the article that documents it, content-relative, may have #anchor
	Description string
	Pos         diag.Pos
	ArticlePos  diag.Pos
}

// Statement gives one status to a set of cells.
type Statement struct {
	Features []*Feature
	// Select holds, per dimension (in Matrix.Dimensions order), the indexes of
	// the values selected; every value when the statement leaves it out.
	Select    [][]int
	Status    Status
	Notes     []string
	Source    string
	Pos       diag.Pos // the [[statement]] header
	SourcePos diag.Pos
}

// Requirement is a rule that is not a cell, shown on the pages of its features.
type Requirement struct {
	ID        string
	Features  []*Feature
	Text      string
	Source    string
	Pos       diag.Pos
	SourcePos diag.Pos
}

// Cell is the status of a feature for one value of each dimension.
type Cell struct {
	Feature   *Feature
	Values    []*Value // one per dimension, in Matrix.Dimensions order
	Status    Status
	Statement *Statement // nil when Unknown
}

// Feature returns the feature with id, or nil.
func (m *Matrix) Feature(id string) *Feature {
	for _, f := range m.Features {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// Dimension returns the dimension with id, or nil.
func (m *Matrix) Dimension(id string) *Dimension {
	for _, d := range m.Dimensions {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Value returns the value of d with id, or nil.
func (d *Dimension) Value(id string) *Value {
	for _, v := range d.Values {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// Cells returns every cell of feature f, the last dimension varying fastest.
func (m *Matrix) Cells(f *Feature) []Cell { return m.cells[f] }

// Cell returns the cell of f at one value index per dimension. Indexes
// that name no cell (which Load makes impossible for a matrix that has not
// Failed) give an Unknown cell without values.
func (m *Matrix) Cell(f *Feature, idx []int) Cell {
	cells := m.cells[f]
	if i, ok := m.cellIndex(idx); ok && i < len(cells) {
		return cells[i]
	}
	return Cell{Feature: f, Status: Unknown}
}

func (m *Matrix) cellIndex(idx []int) (int, bool) {
	if len(idx) != len(m.Dimensions) || len(m.Dimensions) == 0 {
		return 0, false
	}
	n := 0
	for i, d := range m.Dimensions {
		if idx[i] < 0 || idx[i] >= len(d.Values) {
			return 0, false
		}
		n = n*len(d.Values) + idx[i]
	}
	return n, true
}

// DependsOn reports, per dimension (in Dimensions order), whether the status
// of feature f depends on it: whether some statement of f selects part of
// its values. A dimension every statement of f leaves at all its values
// gives every cell of f the same status, notes and source whatever its value
// (Unknown cells included), so a table or a list of f's cells can leave it
// out and say so.
func (m *Matrix) DependsOn(f *Feature) []bool {
	out := make([]bool, len(m.Dimensions))
	for _, s := range m.Statements {
		if !slices.Contains(s.Features, f) {
			continue
		}
		for d, sel := range s.Select {
			if d < len(out) && len(sel) < len(m.Dimensions[d].Values) {
				out[d] = true
			}
		}
	}
	return out
}

// RequirementsOf returns the requirements that concern f, in file order.
func (m *Matrix) RequirementsOf(f *Feature) []*Requirement {
	var out []*Requirement
	for _, r := range m.Requirements {
		for _, g := range r.Features {
			if g == f {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// At makes a diagnostic at a position of a rules file, placed through the
// build's table of files that Load was given.
func (m *Matrix) At(p diag.Pos, sev diag.Severity, rule, format string, args ...any) diag.Diagnostic {
	return m.files.At(p, sev, rule, format, args...)
}

// Note makes a note (a diagnostic's second place) at a position of a rules
// file.
func (m *Matrix) Note(p diag.Pos, message string) diag.Note {
	return m.files.Note(p, message)
}
