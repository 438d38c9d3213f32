package theme

import (
	"io/fs"
	"strings"
	"testing"
)

// Every stylesheet's blocks are closed: a rule left open (an @media print
// block without its "}") swallows every rule after it, which no other test
// notices until a page looks wrong. Braces in comments and strings are not
// counted.
func TestStylesheetsBalanced(t *testing.T) {
	sheets, _ := fs.Glob(Files(), "assets/*.css")
	if len(sheets) == 0 {
		t.Fatal("no stylesheet in assets/")
	}
	for _, name := range sheets {
		b, err := fs.ReadFile(Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		depth, line := 0, 1
		s := string(b)
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '\n':
				line++
			case strings.HasPrefix(s[i:], "/*"):
				end := strings.Index(s[i+2:], "*/")
				if end < 0 {
					t.Fatalf("%s:%d: a comment is never closed", name, line)
				}
				line += strings.Count(s[i:i+2+end], "\n")
				i += end + 3
			case c == '"' || c == '\'':
				j := strings.IndexByte(s[i+1:], c)
				if j < 0 {
					t.Fatalf("%s:%d: a string is never closed", name, line)
				}
				i += j + 1
			case c == '{':
				depth++
			case c == '}':
				depth--
				if depth < 0 {
					t.Fatalf("%s:%d: a } closes nothing", name, line)
				}
			}
		}
		if depth != 0 {
			t.Errorf("%s: %d blocks are never closed", name, depth)
		}
	}
}
