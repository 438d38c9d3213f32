package tomlpos

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"kb/generator/diag"
)

// unreadable is a folder in which one file cannot be read.
type unreadable struct {
	files fstest.MapFS
	name  string
}

func (u unreadable) Open(name string) (fs.File, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return u.files.Open(name)
}

// TestReadFiles: the files matching the pattern, by name; one that cannot
// be read is an error at the file, and the others are still read.
func TestReadFiles(t *testing.T) {
	fsys := unreadable{files: fstest.MapFS{
		"rules/b.toml":           {Data: []byte("b")},
		"rules/a.toml":           {Data: []byte("a")},
		"rules/c.toml":           {Data: []byte("c")},
		"rules/notes.md":         {Data: []byte("n")},
		"rules/decisions/x.toml": {Data: []byte("x")},
	}, name: "rules/c.toml"}
	for _, tc := range []struct {
		pattern string
		want    string // name=text, ...
		all     bool
		diags   string
	}{
		{"rules/*.toml", "rules/a.toml=a rules/b.toml=b", false, "rules/c.toml: error: open rules/c.toml: permission denied [matrix-read]"},
		{"rules/decisions/*.toml", "rules/decisions/x.toml=x", true, ""},
		{"none/*.toml", "", true, ""},
		{"rules/[", "", true, ""}, // a bad pattern matches nothing
	} {
		var diags diag.List
		files, all := ReadFiles(fsys, tc.pattern, diag.RuleMatrixRead, &diags)
		var got, ds []string
		for _, f := range files {
			got = append(got, f.Name+"="+string(f.Src))
		}
		for _, d := range diags.Items() {
			ds = append(ds, d.String())
		}
		if strings.Join(got, " ") != tc.want || all != tc.all || strings.Join(ds, "\n") != tc.diags {
			t.Errorf("ReadFiles(%q) = %q, %v, diagnostics %q; want %q, %v, %q", tc.pattern, got, all, ds, tc.want, tc.all, tc.diags)
		}
	}
}

// TestDecodeFile: a syntax error is a diagnostic of the rule given at its
// line and column, with the line quoted; a document that parses gives its
// problems and locator, and no diagnostic.
func TestDecodeFile(t *testing.T) {
	var v struct {
		A int `toml:"a"`
	}
	for _, tc := range []struct {
		src      string
		ok       bool
		diag     string
		problems int
	}{
		{"a = 1\n", true, "", 0},
		{"a = 1\nb = 2\n", true, "", 1},
		{"a = \"x\"\n", true, "", 1},
		{"a = 1\nb = \n", false, "f.toml:2:5: error: expected value but found '\\n' instead [tree-syntax]\nb = ", 0},
		{"a = 1\n[x\n", false, "f.toml:2:3: error: expected '.' or ']' to end table name, but got '\\n' instead [tree-syntax]\n[x", 0},
	} {
		var diags diag.List
		loc, problems, ok := DecodeFile("f.toml", []byte(tc.src), diag.NewLines([]byte(tc.src)), &v, diag.RuleTreeSyntax, &diags)
		var ds []string
		for _, d := range diags.Items() {
			ds = append(ds, d.String()+"\n"+d.Excerpt)
		}
		if ok != tc.ok || strings.Join(ds, "\n") != tc.diag || len(problems) != tc.problems || (loc != nil) != tc.ok {
			t.Errorf("DecodeFile(%q) = %v, %d problems, diagnostics %q; want %v, %d, %q", tc.src, ok, len(problems), ds, tc.ok, tc.problems, tc.diag)
		}
	}
}

// TestHints: an unknown key's hint is recorded for its entry only; a key
// without a hint records nothing.
func TestHints(t *testing.T) {
	var v struct {
		Question []struct {
			ID   string `toml:"id"`
			Text string `toml:"text"`
		} `toml:"question"`
		Start string `toml:"start"`
	}
	src := "strat = \"a\"\n[[question]]\nid = \"a\"\n[[question]]\ntxet = \"b\"\nzzzzzz = 1\n"
	_, problems, err := Decode([]byte(src), &v)
	if err != nil || len(problems) != 3 {
		t.Fatalf("%v %v", err, problems)
	}
	var h Hints
	for _, pr := range problems {
		h.Add(pr)
	}
	for _, tc := range []struct {
		entry Path
		key   string
		want  bool
	}{
		{Path{}, "start", true},
		{Path{"question", 1}, "text", true},
		{Path{"question", 0}, "text", false},
		{Path{"question", 1}, "id", false},
		{Path{}, "text", false},
	} {
		if got := h.Meant(tc.entry, tc.key); got != tc.want {
			t.Errorf("Meant(%v, %q) = %v, want %v", tc.entry, tc.key, got, tc.want)
		}
	}
	var zero Hints
	if zero.Meant(Path{}, "start") {
		t.Error("the zero Hints has a hint")
	}
}
