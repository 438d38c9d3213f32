package diag

import "testing"

// A made text: the article's first line, the include's two lines, the
// article's last line. A diagnostic in the include names the include's line
// and a note at the article's [!INCLUDE]; one in the article after the
// include names the article's own line, not the made text's.
func TestMapPlacesIncludedText(t *testing.T) {
	article := []byte("intro\n[!INCLUDE [x](inc.md)]\nend bad\n")
	inc := []byte("one\ntwo bad\n")
	made := []byte("intro\none\ntwo bad\nend bad\n")
	incAt := 6 // of the [!INCLUDE in the article
	spans := []Span{
		{Start: 0, End: 6, Pos: Pos{File: "a.md", Offset: 0}, Linear: true},
		{Start: 6, End: 18, Pos: Pos{File: "inc.md", Offset: 0, Via: &Pos{File: "a.md", Offset: incAt}}, Linear: true},
		{Start: 18, End: 26, Pos: Pos{File: "a.md", Offset: 29}, Linear: true},
	}
	files := map[string]*Lines{"a.md": NewLines(article), "inc.md": NewLines(inc)}
	ls := Map(made, spans, func(f string) (*Lines, bool) { l, ok := files[f]; return l, ok })

	d := ls.At("a.md", 14, Error, "r", "m") // "bad" in "two bad"
	if d.Path != "inc.md" || d.Line != 2 || d.Col != 5 || d.Excerpt != "two bad" {
		t.Errorf("in the include: %s:%d:%d %q, want inc.md:2:5 \"two bad\"", d.Path, d.Line, d.Col, d.Excerpt)
	}
	if len(d.Notes) != 1 || d.Notes[0].Path != "a.md" || d.Notes[0].Line != 2 || d.Notes[0].Message != IncludedFrom {
		t.Errorf("notes = %+v, want one at a.md:2 %q", d.Notes, IncludedFrom)
	}
	d = ls.At("a.md", 22, Error, "r", "m") // "bad" in "end bad"
	if d.Path != "a.md" || d.Line != 3 || d.Col != 5 || len(d.Notes) != 0 {
		t.Errorf("after the include: %s:%d:%d notes %v, want a.md:3:5 and none", d.Path, d.Line, d.Col, d.Notes)
	}
	if p := ls.Pos("a.md", 14); p.File != "inc.md" || p.Offset != 8 || p.Via == nil || p.Via.Offset != incAt {
		t.Errorf("Pos = %+v, want inc.md at 8 via a.md at %d", p, incAt)
	}
	var table Files
	table.Add("a.md", article)
	table.Add("inc.md", inc)
	d = table.At(ls.Pos("a.md", 14), Error, "r", "m")
	if d.Path != "inc.md" || d.Line != 2 || len(d.Notes) != 1 || d.Notes[0].Line != 2 {
		t.Errorf("Files.At = %s:%d notes %+v, want inc.md:2 with a note at a.md:2", d.Path, d.Line, d.Notes)
	}
}
