package diag

import (
	"errors"
	"testing"
)

// TestYAMLError: the line of a yaml.v3 parser's message is moved down by one
// (it counts from 0), a scanner's is kept, even one that starts as the
// parser's do; a message without a line has line 0.
func TestYAMLError(t *testing.T) {
	for _, c := range []struct {
		err  string
		line int
		msg  string
	}{
		{"yaml: line 3: did not find expected ',' or ']'", 4, "did not find expected ',' or ']'"},
		{"yaml: line 3: did not find expected alphabetic or numeric character", 3, "did not find expected alphabetic or numeric character"},
		{"yaml: line 4: mapping values are not allowed in this context", 4, "mapping values are not allowed in this context"},
		{"yaml: found unexpected end of stream", 0, "found unexpected end of stream"},
		{"yaml: line x: odd", 0, "line x: odd"},
		{"yaml: line 99999999999999999999: odd", 0, "line 99999999999999999999: odd"},
	} {
		line, msg := YAMLError(errors.New(c.err))
		if line != c.line || msg != c.msg {
			t.Errorf("YAMLError(%q) = %d, %q; want %d, %q", c.err, line, msg, c.line, c.msg)
		}
	}
}
