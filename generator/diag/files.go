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

// At makes a diagnostic at a byte offset of the file at path. Of a file that
// was not added, it concerns the whole file (Line 0).
func (fs *Files) At(path string, offset int, sev Severity, rule, format string, args ...any) Diagnostic {
	if ls, ok := fs.Lines(path); ok {
		return ls.At(path, offset, sev, rule, format, args...)
	}
	return Diagnostic{Path: path, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Note makes a note at a byte offset of the file at path, which it names
// (never "": the note may belong to a diagnostic of another file). Of a
// file that was not added, it concerns the whole file (Line 0).
func (fs *Files) Note(path string, offset int, message string) Note {
	if ls, ok := fs.Lines(path); ok {
		return ls.Note(path, offset, message)
	}
	return Note{Path: path, Message: message}
}
