package diag

import (
	"bytes"
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

func TestWrite(t *testing.T) {
	var l List
	ls := NewLines([]byte("a\n\tsee [x](y.md)\n"))
	l.Add(ls.At("b.md", 7, Error, "link-missing-file", "link target %q does not exist", "y.md"))
	l.Add(Diagnostic{Path: "a.md", Severity: Warning, Rule: "r", Message: "whole file"})
	var b bytes.Buffer
	l.Write(&b)
	want := "a.md: warning: whole file [r]\n" +
		"b.md:2:6: error: link target \"y.md\" does not exist [link-missing-file]\n" +
		"  2 |  see [x](y.md)\n" + // the tab is shown as one space
		"    |      ^\n" +
		"1 error, 1 warning\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	var empty List
	b.Reset()
	empty.Write(&b)
	if b.Len() != 0 {
		t.Errorf("an empty list printed %q", b.String())
	}
}
