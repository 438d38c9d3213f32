// Package diag holds the diagnostics kb reports about its input: what is wrong,
// where (file, line and column), how bad it is, and which rule found it.
//
// Every stage of the pipeline reports problems by appending a Diagnostic to a
// List instead of returning an error, so that one build shows every problem at
// once. Positions are byte offsets into a file until a diagnostic is made; a
// Lines table turns an offset into line:column once, and remembers the text of
// the line so that the report can show it with a caret under the column.
// A build keeps the Lines of config.toml and of the rules files in one Files
// table, by path, filled as each is read, so that whichever package finds a
// problem in one of them later places it through the table.
//
// The text form is the one compilers use, so editors and CI logs can jump to it:
//
//	content/a.md:12:7: error: link target "b.md" does not exist [link-missing-file]
//	  12 | See [the other article](b.md) for details.
//	     |      ^
//
// A second place the problem involves (the first of two keys, the statement
// another contradicts) is a Note on the diagnostic, never part of its
// message, so that messages stay the same when lines move and every output
// format can point at the place (SARIF as a related location):
//
//	content/a.md:4:1: error: key "title" is given twice. YAML keys must be unique: keep one [front-matter-syntax]
//	  4 | title: Second
//	    | ^
//	content/a.md:2:1: note: the first is here
//	  2 | title: First
//	    | ^
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build; it is also a rule's
// level (its default in the catalog, or what config.toml sets), where Off
// means the rule reports nothing. One type for both, so that a level becomes
// a diagnostic's severity as it is.
type Severity int

const (
	// Warning is reported but does not stop the build.
	Warning Severity = iota
	// Error stops the build: nothing is written.
	Error
	// Off is a rule's level when it reports nothing; no diagnostic has it.
	Off
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Off:
		return "off"
	}
	return "warning"
}

// Diagnostic is one problem found in one place.
type Diagnostic struct {
	Path     string // slash-separated, relative to the source folder
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based, in characters; 0 when unknown
	Severity Severity
	Message  string // what is wrong and what would be right
	Rule     string // stable id users can search for, such as "link-missing-file"
	// Excerpt is the source line, without its newline; may be empty. Of a
	// line longer than 2*ExcerptRadius bytes it is only the part within
	// ExcerptRadius bytes of the column, cut between characters, with "…"
	// where text was cut, so that many diagnostics on one long line do not
	// each hold a copy of it.
	Excerpt string
	// Caret is the position in Excerpt (1-based, in characters) that Col
	// points at; 0 when Excerpt starts with the line, where it is Col.
	Caret int
	// Notes are the other places the problem involves (the first of two
	// keys, the statement another contradicts), in the order they help.
	Notes []Note
}

// Note is a second place a diagnostic involves, with what is there ("the
// first is here"). Its fields mean what the Diagnostic's of the same name
// do, except Path: relative to the source folder, or "" for the diagnostic's
// own file.
type Note struct {
	Path    string
	Line    int
	Col     int
	Message string
	Excerpt string
	Caret   int
}

// WithNotes returns d with notes added to its Notes.
func (d Diagnostic) WithNotes(notes ...Note) Diagnostic {
	d.Notes = append(slices.Clip(d.Notes), notes...)
	return d
}

// NotePath is the file a note of d is in: its own Path, or d's.
func (d Diagnostic) NotePath(n Note) string {
	if n.Path == "" {
		return d.Path
	}
	return n.Path
}

// ExcerptRadius is how many bytes of a long line an excerpt keeps on each
// side of the column.
const ExcerptRadius = 80

// excerpt returns the window of line (its text, without the newline) around
// the byte offset at, and the caret position in it (0 when the window starts
// with the line).
func excerpt(line []byte, at int) (text string, caret int) {
	if len(line) <= 2*ExcerptRadius {
		return string(line), 0
	}
	at = max(0, min(at, len(line)))
	from := max(0, at-ExcerptRadius)
	for from > 0 && from < len(line) && !utf8.RuneStart(line[from]) {
		from++
	}
	to := min(len(line), at+ExcerptRadius)
	for to < len(line) && to > from && !utf8.RuneStart(line[to]) {
		to--
	}
	var b strings.Builder
	b.Grow(to - from + 2*len("…"))
	if from > 0 {
		b.WriteString("…")
		caret = 1 + utf8.RuneCount(line[from:max(from, at)]) + 1
	}
	b.Write(line[from:to])
	if to < len(line) {
		b.WriteString("…")
	}
	return b.String(), caret
}

// String formats the diagnostic's first line, without the excerpt.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s [%s]", d.Severity, d.Message, d.Rule)
	return b.String()
}

// List collects diagnostics. The zero value is ready to use. A List is not safe
// for concurrent use: give each goroutine its own and Merge them in input order.
type List struct {
	items []Diagnostic
}

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Merge appends every diagnostic of other.
func (l *List) Merge(other List) { l.items = append(l.items, other.items...) }

// FillExcerpts quotes the source line (around the column) of every diagnostic
// that has a line but no excerpt yet, and of each such note in the
// diagnostic's own file, reading each file at most once.
func (l *List) FillExcerpts(read func(path string) ([]byte, error)) {
	files := map[string]*Lines{}
	lines := func(path string) *Lines {
		ls, ok := files[path]
		if !ok {
			if b, err := read(path); err == nil {
				ls = NewLines(b)
			}
			files[path] = ls
		}
		return ls
	}
	for i := range l.items {
		d := &l.items[i]
		if d.Excerpt == "" && d.Line > 0 {
			if ls := lines(d.Path); ls != nil {
				d.Excerpt, d.Caret = ls.Excerpt(d.Line, d.Col)
			}
		}
		for j := range d.Notes {
			n := &d.Notes[j]
			if n.Path == "" && n.Excerpt == "" && n.Line > 0 {
				if ls := lines(d.Path); ls != nil {
					n.Excerpt, n.Caret = ls.Excerpt(n.Line, n.Col)
				}
			}
		}
	}
}

// SetSeverity replaces each diagnostic's severity with what level returns.
func (l *List) SetSeverity(level func(Diagnostic) Severity) {
	for i := range l.items {
		l.items[i].Severity = level(l.items[i])
	}
}

// Drop removes the diagnostics for which drop returns true.
func (l *List) Drop(drop func(Diagnostic) bool) {
	l.items = slices.DeleteFunc(l.items, drop)
}

// Items returns the diagnostics sorted by path, line, column and rule.
func (l *List) Items() []Diagnostic {
	slices.SortStableFunc(l.items, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return l.items
}

// Len is the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Count returns the number of errors and of warnings.
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// Lines maps byte offsets of one file to lines and columns. It is safe for
// concurrent use.
type Lines struct {
	src    []byte
	starts []int // byte offset of the start of each line
	// last is the last position found. Columns count characters, so finding
	// one means counting from the start of the line, or from here: the
	// diagnostics of a long line are mostly made in order along it, and each
	// then costs the distance from the one before, not the whole prefix.
	last atomic.Pointer[mark]
	// mapped, of a text made of other files' parts (Map), places its
	// offsets in those files.
	mapped *mapping
}

// mark is a byte offset of the file and the column it is at.
type mark struct{ offset, col int }

// column returns the 1-based column of offset, on the line that starts at
// start.
func (ls *Lines) column(start, offset int) int {
	col := 0
	if m := ls.last.Load(); m != nil && start <= m.offset && m.offset <= offset {
		col = m.col + utf8.RuneCount(ls.src[m.offset:offset])
	} else {
		col = utf8.RuneCount(ls.src[start:offset]) + 1
	}
	ls.last.Store(&mark{offset, col})
	return col
}

// offsetOf returns the byte offset of a 1-based column (in characters) of
// the line that starts at start and ends at end.
func (ls *Lines) offsetOf(start, end, col int) int {
	at, n := start, 1
	if m := ls.last.Load(); m != nil && start <= m.offset && m.offset <= end && m.col <= col {
		at, n = m.offset, m.col
	}
	for ; n < col && at < end; n++ {
		_, size := utf8.DecodeRune(ls.src[at:end])
		at += size
	}
	ls.last.Store(&mark{at, n})
	return at
}

// NewLines indexes src. It is cheap: one pass over the bytes.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, 64)
	for at := 0; ; {
		i := bytes.IndexByte(src[at:], '\n') // vectorised: files are read whole
		if i < 0 {
			break
		}
		at += i + 1
		starts = append(starts, at)
	}
	return &Lines{src: src, starts: starts}
}

// line returns the byte offsets where the 0-based line i starts and where
// its text ends (before "\n" and any "\r" before it).
func (ls *Lines) line(i int) (start, end int) {
	start = ls.starts[i]
	end = len(ls.src)
	if i+1 < len(ls.starts) {
		end = ls.starts[i+1]
	}
	for end > start && (ls.src[end-1] == '\n' || ls.src[end-1] == '\r') {
		end--
	}
	return start, end
}

// Position returns the 1-based line and column (in characters) of offset, and
// the excerpt of that line around it (see Diagnostic.Excerpt). Offsets outside
// the file are clamped to it.
func (ls *Lines) Position(offset int) (line, col int, text string) {
	_, off, own, _ := ls.origin("", offset)
	line, col, text, _ = own.position(off)
	return line, col, text
}

func (ls *Lines) position(offset int) (line, col int, text string, caret int) {
	offset = max(0, min(offset, len(ls.src)))
	i, found := slices.BinarySearch(ls.starts, offset)
	if !found {
		i--
	}
	start, end := ls.line(i)
	col = ls.column(start, offset)
	text, caret = excerpt(ls.src[start:end], offset-start)
	return i + 1, col, text, caret
}

// LineText returns the whole text of a 1-based line, or "" when out of
// range. For a diagnostic's excerpt use Excerpt, which keeps a long line short.
func (ls *Lines) LineText(line int) string {
	if line < 1 || line > len(ls.starts) {
		return ""
	}
	start, end := ls.line(line - 1)
	return string(ls.src[start:end])
}

// Excerpt returns the excerpt of a 1-based line around a 1-based column (in
// characters) and the caret position in it, as Diagnostic.Excerpt and Caret
// hold them; "" when the line is out of range.
func (ls *Lines) Excerpt(line, col int) (text string, caret int) {
	if line < 1 || line > len(ls.starts) {
		return "", 0
	}
	start, end := ls.line(line - 1)
	return excerpt(ls.src[start:end], ls.offsetOf(start, end, col)-start)
}

// At makes a diagnostic at a byte offset of the indexed file; of a made
// text (Map), in the file its offset comes from, with a note at each file
// that included that one.
func (ls *Lines) At(path string, offset int, sev Severity, rule, format string, args ...any) Diagnostic {
	file, off, own, notes := ls.origin(path, offset)
	line, col, text, caret := own.position(off)
	return Diagnostic{Path: file, Line: line, Col: col, Severity: sev, Rule: rule,
		Message: fmt.Sprintf(format, args...), Excerpt: text, Caret: caret, Notes: notes}
}

// Note makes a note at a byte offset of the indexed file; path is "" when
// the file is the diagnostic's own (see Note). Of a made text (Map), the
// note names the file its offset comes from.
func (ls *Lines) Note(path string, offset int, message string) Note {
	file, off, own, _ := ls.origin(path, offset)
	line, col, text, caret := own.position(off)
	return Note{Path: file, Line: line, Col: col, Message: message, Excerpt: text, Caret: caret}
}

// Offset turns a 1-based line and column back into a byte offset, counting the
// column in characters, as Position does (and as yaml.v3 counts its nodes'
// columns). Positions outside the file are clamped to it; a column past the
// end of its line to the line's end.
func (ls *Lines) Offset(line, col int) int {
	line = max(1, min(line, len(ls.starts)))
	start, end := ls.line(line - 1)
	return ls.offsetOf(start, end, max(col, 1))
}
