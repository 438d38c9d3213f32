package tomlpos

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// keyLinePattern is what KeyLine replaced: a pattern compiled for each key.
// The tests use it as the reference.
func keyLinePattern(text, key string, quoted bool) (line, at int, ok bool) {
	q := regexp.QuoteMeta(key)
	alt := q
	if quoted {
		alt = `"` + q + `"|` + q
	}
	loc := regexp.MustCompile(`(?m)^[ \t]*(` + alt + `)[ \t]*=`).FindStringSubmatchIndex(text)
	if loc == nil {
		return 0, 0, false
	}
	return loc[0], loc[2], true
}

func TestKeyLine(t *testing.T) {
	tests := []struct {
		text, key string
		quoted    bool
		line, at  int
		ok        bool
	}{
		{"id = 1", "id", true, 0, 0, true},
		{"x = 1\n  id\t=\t1", "id", true, 6, 8, true},
		{`"id" = 1`, "id", true, 0, 0, true},
		{`"id" = 1`, "id", false, 0, 0, false},
		{"idx = 1\nid = 2", "id", false, 8, 8, true}, // a longer key is another key
		{"x = \"id = 1\"", "id", true, 0, 0, false},  // not at the start of a line
		{"a.id = 1", "id", true, 0, 0, false},        // a dotted key is another key
		{"id\r\nid = 1", "id", false, 4, 4, true},    // a CR does not start a line
		{"  \t = 1", " \t", false, 0, 1, true},       // blanks before the key: as many as leave it whole
		{"\n\n", "", false, 0, 0, false},             // nothing assigned
		{"a\nb = 1", "a\nb", false, 0, 0, true},      // a key holding a line end
		{"key = 1", "k", false, 0, 0, false},
		{"[t]\nkey =", "key", true, 4, 4, true},
		{"  \t\t = 1", "\t", false, 0, 3, true}, // a key of blanks: the last run of it
		{" \t \t x = 1", " \t", false, 0, 0, false},
		{"\t\t  = 1", `"`, true, 0, 0, false},
		{` "" = 1`, "", true, 0, 1, true},
		{" = 1", "", false, 0, 1, true},
	}
	for _, tt := range tests {
		line, at, ok := KeyLine(tt.text, tt.key, tt.quoted)
		if line != tt.line || at != tt.at || ok != tt.ok {
			t.Errorf("KeyLine(%q, %q, %v) = %d, %d, %v; want %d, %d, %v", tt.text, tt.key, tt.quoted, line, at, ok, tt.line, tt.at, tt.ok)
		}
		rl, ra, rok := keyLinePattern(tt.text, tt.key, tt.quoted)
		if line != rl || at != ra || ok != rok {
			t.Errorf("KeyLine(%q, %q, %v) = %d, %d, %v; the pattern finds %d, %d, %v", tt.text, tt.key, tt.quoted, line, at, ok, rl, ra, rok)
		}
	}
}

// FuzzKeyLine checks KeyLine against the pattern it replaced. A pattern reads
// text as UTF-8, so an invalid byte matches a key's U+FFFD there (the keys kb
// looks for come from decoded TOML, which is valid UTF-8), and compiling a key
// that is not UTF-8 panics: such inputs are skipped.
func FuzzKeyLine(f *testing.F) {
	f.Add("x = 1\n  id = 2\n", "id", true)
	f.Add(`"a b" = 1`, "a b", true)
	f.Add(" \t\t = 1", "\t", false)
	f.Add("id\r\nid=", "id", false)
	f.Fuzz(func(t *testing.T, text, key string, quoted bool) {
		if !utf8.ValidString(key) || !utf8.ValidString(text) && strings.ContainsRune(key, utf8.RuneError) {
			t.Skip()
		}
		if len(text)*(len(key)+10) > 1<<20 {
			t.Skip() // the pattern's time grows with both
		}
		line, at, ok := KeyLine(text, key, quoted)
		rl, ra, rok := keyLinePattern(text, key, quoted)
		if line != rl || at != ra || ok != rok {
			t.Errorf("KeyLine(%q, %q, %v) = %d, %d, %v; the pattern finds %d, %d, %v", text, key, quoted, line, at, ok, rl, ra, rok)
		}
	})
}
