package diag

import (
	"reflect"
	"sync"
	"testing"
)

func TestFiles(t *testing.T) {
	var fs Files // the zero value is ready to use
	fs.Add("rules/matrix.toml", []byte("[[feature]]\nid = \"x\"\n"))
	fs.Add("config.toml", []byte("title = \"T\"\nsearch = 1\n"))
	for _, tc := range []struct {
		name   string
		path   string
		offset int
		want   Diagnostic
	}{
		{"first line", "rules/matrix.toml", 0,
			Diagnostic{Path: "rules/matrix.toml", Line: 1, Col: 1, Severity: Error, Rule: "r", Message: "m 1", Excerpt: "[[feature]]"}},
		{"second line", "rules/matrix.toml", 17,
			Diagnostic{Path: "rules/matrix.toml", Line: 2, Col: 6, Severity: Error, Rule: "r", Message: "m 1", Excerpt: "id = \"x\""}},
		{"another file", "config.toml", 21,
			Diagnostic{Path: "config.toml", Line: 2, Col: 10, Severity: Error, Rule: "r", Message: "m 1", Excerpt: "search = 1"}},
		{"offset past the end", "config.toml", 999,
			Diagnostic{Path: "config.toml", Line: 3, Col: 1, Severity: Error, Rule: "r", Message: "m 1"}},
		{"file not added", "rules/trees/a.toml", 5,
			Diagnostic{Path: "rules/trees/a.toml", Severity: Error, Rule: "r", Message: "m 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fs.At(Pos{File: tc.path, Offset: tc.offset}, Error, "r", "m %d", 1); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("At(%q, %d) = %+v, want %+v", tc.path, tc.offset, got, tc.want)
			}
			want := Note{Path: tc.want.Path, Line: tc.want.Line, Col: tc.want.Col, Message: "here", Excerpt: tc.want.Excerpt}
			if got := fs.Note(Pos{File: tc.path, Offset: tc.offset}, "here"); got != want {
				t.Errorf("Note(%q, %d) = %+v, want %+v", tc.path, tc.offset, got, want)
			}
			if line, col := fs.Position(Pos{File: tc.path, Offset: tc.offset}); line != tc.want.Line || col != tc.want.Col {
				t.Errorf("Position(%q, %d) = %d:%d, want %d:%d", tc.path, tc.offset, line, col, tc.want.Line, tc.want.Col)
			}
		})
	}
	if _, ok := fs.Lines("rules/trees/a.toml"); ok {
		t.Error(`Lines("rules/trees/a.toml") found a file that was not added`)
	}
	ls, ok := fs.Lines("config.toml")
	if !ok || ls.LineText(1) != `title = "T"` {
		t.Errorf(`Lines("config.toml") = %v, %v, want the lines of config.toml`, ls, ok)
	}
	// Adding a path again replaces its lines.
	if again := fs.Add("config.toml", []byte("x\n")); again == ls {
		t.Error("Add of a path again returned the old lines")
	}
	if got := fs.At(Pos{File: "config.toml", Offset: 0}, Warning, "r", "m").Excerpt; got != "x" {
		t.Errorf("after a second Add, the excerpt is %q, want %q", got, "x")
	}
}

// TestFilesConcurrent: files are added while others are read (run with
// -race to see a missing lock).
func TestFilesConcurrent(t *testing.T) {
	var fs Files
	fs.Add("rules/matrix.toml", []byte("a\nb\n"))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			fs.Add("rules/trees/t.toml", []byte("x\n"))
		}()
		go func() {
			defer wg.Done()
			if d := fs.At(Pos{File: "rules/matrix.toml", Offset: 2}, Error, "r", "m %d", i); d.Line != 2 {
				t.Errorf("At = line %d, want 2", d.Line)
			}
		}()
	}
	wg.Wait()
}
