package diag

import (
	"fmt"
	"sync"
)

// Files is the table of the lines of a build's input files other than
// articles (rules/, config.toml), by path relative to the source folder:
// each file is indexed once, when it is read, and every diagnostic or note
// made later at a byte offset of it is placed through the table, by whichever
// package finds the problem. The zero value is an empty table, ready to use.
//
// Files are added while the inputs are read and looked up afterwards, also
// from the goroutines that render articles (claims' notes point into the
// rules); a Files is safe for concurrent use, as its Lines are.
type Files struct {
	mu    sync.RWMutex
	files map[string]*Lines
}

// Add indexes the contents of the file at path and returns its lines. Adding
// a path again replaces its lines.
func (fs *Files) Add(path string, src []byte) *Lines {
	ls := NewLines(src)
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.files == nil {
		fs.files = map[string]*Lines{}
	}
	fs.files[path] = ls
	return ls
}

// Lines returns the lines of the file at path, and whether it was added.
func (fs *Files) Lines(path string) (*Lines, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	ls, ok := fs.files[path]
	return ls, ok
}

// Pos is a place in an input file: the file, by path relative to the
// source folder ("rules/matrix.toml"), and a byte offset in it. A Pos is
// turned into a line and column only when a diagnostic or note is made at
// it, through the Lines of its file (Files.At, Files.Note, Files.Position).
//
// Via is where File was included, for a place inside an include (an
// article's [!INCLUDE]), and its own Via where that file was included in
// turn; nil elsewhere.
type Pos struct {
	File   string
	Offset int
	Via    *Pos
}

// At makes a diagnostic at a position. Of a file that was not added, it
// concerns the whole file (Line 0).
func (fs *Files) At(p Pos, sev Severity, rule, format string, args ...any) Diagnostic {
	if ls, ok := fs.Lines(p.File); ok {
		d := ls.At(p.File, p.Offset, sev, rule, format, args...)
		m := mapping{files: fs.Lines}
		d.Notes = append(d.Notes, m.via(p.Via)...)
		return d
	}
	return Diagnostic{Path: p.File, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Note makes a note at a position, which names its file (never "": the
// note may belong to a diagnostic of another file). Of a file that was not
// added, it concerns the whole file (Line 0).
func (fs *Files) Note(p Pos, message string) Note {
	if ls, ok := fs.Lines(p.File); ok {
		return ls.Note(p.File, p.Offset, message)
	}
	return Note{Path: p.File, Message: message}
}

// Position returns the 1-based line and column (in characters) of a
// position, for a consumer that compares or prints lines; 0, 0 in a file
// that was not added.
func (fs *Files) Position(p Pos) (line, col int) {
	if ls, ok := fs.Lines(p.File); ok {
		line, col, _ = ls.Position(p.Offset)
	}
	return line, col
}
