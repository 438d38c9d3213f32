package diag

import (
	"testing"
)

func TestPosition(t *testing.T) {
	src := []byte("first\nsécond line\r\n\nlast")
	ls := NewLines(src)
	for _, tc := range []struct {
		offset, line, col int
		text              string
	}{
		{0, 1, 1, "first"},
		{5, 1, 6, "first"},
		{6, 2, 1, "sécond line"},
		{9, 2, 3, "sécond line"}, // after the two-byte é: the third character
		{20, 3, 1, ""},
		{21, 4, 1, "last"},
		{999, 4, 5, "last"},
		{-3, 1, 1, "first"},
	} {
		line, col, text := ls.Position(tc.offset)
		if line != tc.line || col != tc.col || text != tc.text {
			t.Errorf("Position(%d) = %d:%d %q, want %d:%d %q", tc.offset, line, col, text, tc.line, tc.col, tc.text)
		}
	}
	if off := ls.Offset(2, 3); off != 8 {
		t.Errorf("Offset(2, 3) = %d, want 8", off)
	}
}
