package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
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
	// Columns are characters both ways: the third character of "sécond"
	// follows the two-byte é.
	if off := ls.Offset(2, 3); off != 9 {
		t.Errorf("Offset(2, 3) = %d, want 9", off)
	}
}

// TestExcerptBounded: a diagnostic keeps only a window of a long line, so that
// many diagnostics on one long line do not each hold a copy of it (20,000
// broken links on one 260 KB line once took over 3 GB).
func TestExcerptBounded(t *testing.T) {
	line := strings.Repeat("[x](gone.md) ", 20000) // 260,000 bytes
	src := []byte("first\n" + line + "\nlast\n")
	ls := NewLines(src)
	total := 0
	for i := 0; i < 20000; i++ {
		d := ls.At("a.md", 6+i*13, Error, "link-missing-file", "gone")
		if len(d.Excerpt) > 2*ExcerptRadius+2*len("…") {
			t.Fatalf("diagnostic %d keeps %d bytes of its line, want at most %d", i, len(d.Excerpt), 2*ExcerptRadius+2*len("…"))
		}
		total += len(d.Excerpt)
	}
	if limit := 20000 * (2*ExcerptRadius + 2*len("…")); total > limit {
		t.Errorf("20,000 diagnostics keep %d bytes of excerpts, want at most %d", total, limit)
	}
}

// TestExcerptWindow: the window is cut on character boundaries, marked with
// "…" where it was cut, and Caret says where the column is in it.
func TestExcerptWindow(t *testing.T) {
	long := strings.Repeat("é", 100) + "TARGET" + strings.Repeat("ü", 100) // 2-byte runes around
	src := []byte("x\n" + long + "\r\n")
	ls := NewLines(src)
	at := 2 + 200 // the T of TARGET
	d := ls.At("a.md", at, Warning, "r", "m")
	if d.Line != 2 || d.Col != 101 {
		t.Fatalf("position %d:%d, want 2:101", d.Line, d.Col)
	}
	if !utf8.ValidString(d.Excerpt) {
		t.Fatalf("excerpt cut inside a character: %q", d.Excerpt)
	}
	if !strings.HasPrefix(d.Excerpt, "…é") || !strings.HasSuffix(d.Excerpt, "ü…") || !strings.Contains(d.Excerpt, "TARGET") {
		t.Errorf("excerpt %q: want …é…TARGET…ü…", d.Excerpt)
	}
	if r := []rune(d.Excerpt); d.Caret < 1 || d.Caret > len(r) || string(r[d.Caret-1:d.Caret-1+6]) != "TARGET" {
		t.Errorf("caret %d does not point at TARGET in %q", d.Caret, d.Excerpt)
	}
	// The same window from a line and column (FillExcerpts).
	if text, caret := ls.Excerpt(2, 101); text != d.Excerpt || caret != d.Caret {
		t.Errorf("Excerpt(2, 101) = %q, %d; want %q, %d", text, caret, d.Excerpt, d.Caret)
	}
	// A short line is kept whole, and Caret is 0: the column is the position.
	short := ls.At("a.md", 0, Warning, "r", "m")
	if short.Excerpt != "x" || short.Caret != 0 {
		t.Errorf("short line: %q, caret %d", short.Excerpt, short.Caret)
	}
	// Cut at the start of the line only at the end, and the reverse.
	head := ls.At("a.md", 2, Warning, "r", "m")
	if strings.HasPrefix(head.Excerpt, "…") || !strings.HasSuffix(head.Excerpt, "…") || head.Caret != 0 {
		t.Errorf("start of a long line: %q, caret %d", head.Excerpt, head.Caret)
	}
	tail := ls.At("a.md", 2+len(long), Warning, "r", "m")
	if !strings.HasPrefix(tail.Excerpt, "…") || strings.HasSuffix(tail.Excerpt, "…") || strings.Contains(tail.Excerpt, "\r") {
		t.Errorf("end of a long line: %q", tail.Excerpt)
	}
	if r := []rune(tail.Excerpt); tail.Caret != len(r)+1 {
		t.Errorf("end of a long line: caret %d, want %d (after the last character)", tail.Caret, len(r)+1)
	}
}

// TestPositionAnyOrder: columns are the same whatever order positions are
// asked in (Lines remembers the last one to count on from it).
func TestPositionAnyOrder(t *testing.T) {
	src := []byte("aé\tb\r\nüüx\n\nlast é line")
	ls := NewLines(src)
	want := func(offset int) (int, int) {
		line := 1 + strings.Count(string(src[:offset]), "\n")
		start := strings.LastIndexByte(string(src[:offset]), '\n') + 1
		return line, utf8.RuneCount(src[start:offset]) + 1
	}
	for _, order := range [][]int{{0, 1, 3, 4, 5, 6, 7, 9, 11, 12, 13, 20}, {20, 13, 12, 11, 9, 7, 6, 5, 4, 3, 1, 0}, {5, 1, 20, 3, 13, 0, 12, 4}} {
		for _, off := range order {
			line, col, _ := ls.Position(off)
			if wl, wc := want(off); line != wl || col != wc {
				t.Errorf("Position(%d) = %d:%d, want %d:%d", off, line, col, wl, wc)
			}
			if text, caret := ls.Excerpt(line, col); text != ls.LineText(line) || caret != 0 {
				t.Errorf("Excerpt(%d, %d) = %q, %d", line, col, text, caret)
			}
		}
	}
}

// TestExcerptAnyOrder: Excerpt finds the same window whatever was asked before.
func TestExcerptAnyOrder(t *testing.T) {
	src := []byte("x\n" + strings.Repeat("aé", 300) + "\ny\n")
	ls := NewLines(src)
	for _, col := range []int{500, 20, 600, 601, 1, 300, 299, 450} {
		text, caret := ls.Excerpt(2, col)
		fresh, freshCaret := NewLines(src).Excerpt(2, col)
		if text != fresh || caret != freshCaret {
			t.Errorf("Excerpt(2, %d) = %q, %d; from a fresh table %q, %d", col, text, caret, fresh, freshCaret)
		}
		d := NewLines(src).At("a.md", 2+len(string([]rune(strings.Repeat("aé", 300))[:col-1])), Warning, "r", "m")
		if d.Col != col || d.Excerpt != text || d.Caret != caret {
			t.Errorf("At column %d: %d %q %d; Excerpt: %q %d", col, d.Col, d.Excerpt, d.Caret, text, caret)
		}
	}
}

// TestNotes: a note made from an offset has its line, column and excerpt;
// one in the diagnostic's own file names the diagnostic's path and gets its
// excerpt from FillExcerpts; a note in another file keeps its path.
func TestNotes(t *testing.T) {
	ls := NewLines([]byte("a = 1\nb = 2\na = 3\n"))
	n := ls.Note("rules/x.toml", 6, "the first is here")
	if n != (Note{Path: "rules/x.toml", Line: 2, Col: 1, Message: "the first is here", Excerpt: "b = 2"}) {
		t.Errorf("note %+v", n)
	}
	d := Diagnostic{Path: "content/a.md", Line: 3, Col: 1, Rule: "r", Message: "m"}
	with := d.WithNotes(Note{Line: 1, Col: 3, Message: "own file"})
	with2 := with.WithNotes(n)
	other := with.WithNotes(Note{Path: "c.md", Message: "another"})
	if len(d.Notes) != 0 || len(with.Notes) != 1 || with2.Notes[1] != n || other.Notes[1].Path != "c.md" {
		t.Errorf("WithNotes changed a diagnostic it did not return: %+v %+v %+v", with, with2, other)
	}
	var l List
	l.Add(with2)
	l.FillExcerpts(func(p string) ([]byte, error) {
		if p != "content/a.md" {
			t.Errorf("read %s", p)
		}
		return []byte("one\ntwo\nthree\n"), nil
	})
	got := l.Items()[0]
	if got.Excerpt != "three" || got.Notes[0].Excerpt != "one" || got.NotePath(got.Notes[0]) != "content/a.md" ||
		got.NotePath(got.Notes[1]) != "rules/x.toml" || got.Notes[1].Excerpt != "b = 2" {
		t.Errorf("after FillExcerpts: %+v", got)
	}
}
