package tomlpos

import "testing"

// TestSyntaxErrorAtLineStart: BurntSushi/toml gives an error at the start of
// a line the column of the line before ("0" on line 2 got column 3).
func TestSyntaxErrorAtLineStart(t *testing.T) {
	for _, src := range []string{" \n0", "0=\"\"\n0", "a = 1\nb = \n", "a = \"x"} {
		var v struct{}
		_, _, err := Decode([]byte(src), &v)
		off, msg, ok := SyntaxError(err, []byte(src))
		if !ok || msg == "" {
			t.Fatalf("%q: no syntax error from %v", src, err)
		}
		if off < 0 || off > len(src) {
			t.Errorf("%q: offset %d outside the %d-byte file", src, off, len(src))
		}
	}
}
