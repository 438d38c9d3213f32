package article

import (
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"kb/generator/diag"
)

func TestMonikerRange(t *testing.T) {
	order := []string{"v1", "v2", "v3", "v4"}
	for _, c := range []struct{ in, want string }{
		{"v2", "v2"},
		{"=v2", "v2"},
		{">= v2", "v2 v3 v4"},
		{">v2", "v3 v4"},
		{"<= v2", "v1 v2"},
		{"<v2", "v1"},
		{">v1 <v4", "v2 v3"},
		{"=v1 || =v3", "v1 v3"},
		{">=v3 || <v2", "v1 v3 v4"},
		{">v4", ""},
		{">v2 <v2", ""},
	} {
		r, err := parseRange(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := strings.Join(r.selects(order), " "); got != c.want {
			t.Errorf("%q selects %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in string
		at int
	}{{"", 0}, {">=", 2}, {"v1 ||", 5}, {"|| v1", 0}, {"v1 @", 3}, {">= <v2", 3}} {
		_, err := parseRange(c.in)
		e, ok := err.(*RangeError)
		if !ok || e.At != c.at {
			t.Errorf("%q: error %v, want one at %d", c.in, err, c.at)
		}
	}
	r, err := parseRange("v1 || v9")
	if err != nil {
		t.Fatalf("%q: %v", "v1 || v9", err)
	}
	if u, bad := r.unknown(order); !bad || u.id != "v9" || u.at != 6 {
		t.Errorf("unknown: %+v %v", u, bad)
	}
	if got := RangeMonikers("=exchserver-2016 || =exchserver-2019 || exchserver-2016"); !slices.Equal(got, []string{"exchserver-2016", "exchserver-2019"}) {
		t.Errorf("RangeMonikers %v", got)
	}
}

// FuzzMonikerRange: any range text is read or refused at an offset inside
// it, never a panic; what it selects is a subsequence of the order.
func FuzzMonikerRange(f *testing.F) {
	for _, s := range []string{"v1", ">= v2", "=a || =b", ">a <=c", "|| ", ">=", "a  b\t||c", "<<a", "=>a", "a||b||"} {
		f.Add(s)
	}
	order := []string{"a", "b", "c", "v1", "v2"}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRange(s)
		if err != nil {
			e := err.(*RangeError)
			if e.At < 0 || e.At > len(s) {
				t.Fatalf("%q: error at %d, outside the text", s, e.At)
			}
			return
		}
		if len(r) == 0 {
			t.Fatalf("%q read as an empty range", s)
		}
		for _, alt := range r {
			for _, term := range alt {
				if term.at < 0 || term.at >= len(s) || !strings.Contains(s[term.at:], term.id) {
					t.Fatalf("%q: term %+v not at its offset", s, term)
				}
			}
		}
		sel := r.selects(order)
		for i := 1; i < len(sel); i++ {
			if slices.Index(order, sel[i-1]) >= slices.Index(order, sel[i]) {
				t.Fatalf("%q selects %v, out of order", s, sel)
			}
		}
	})
}

// FuzzSelections: any body of zones, monikers and tabs renders without a
// panic, with its diagnostics inside the file, and writes no raw ::: zone or
// ::: moniker line.
func FuzzSelections(f *testing.F) {
	for _, s := range []string{
		"::: zone pivot=\"a\"\nx\n::: zone-end\n",
		"::: moniker range=\">= v1\"\n- a\n::: moniker-end\n",
		"# [A](#tab/a)\nx\n# [B](#tab/b/a)\ny\n---\n",
		"- ::: zone pivot=\"a\"\n::: zone-end\n> ::: moniker range=\"v2\"\n::: moniker-end",
		"::: moniker-end\n::: zone\n# [A](#tab/a)\n::: zone-end\n---\n",
	} {
		f.Add(s)
	}
	p := NewParser(noFiles{}, nil)
	p.SetSelections(Selections{Monikers: []Option{{"v1", "One"}, {"v2", "Two"}}, From: "test"})
	f.Fuzz(func(t *testing.T, body string) {
		src := "---\ntitle: T\nmonikerRange: \">= v1\"\n---\n" + body
		a, diags := p.Parse("a.md", []byte(src))
		for _, d := range diags.Items() {
			if d.Line > strings.Count(src, "\n")+strings.Count(src, "\r")+1 {
				t.Fatalf("diagnostic past the end: %v", d)
			}
		}
		if d := diags.Items(); len(d) > 0 && d[0].Severity == diag.Error {
			return
		}
		for _, line := range strings.Split(string(a.Body), "\n") {
			if m := selectLine.MatchString(strings.TrimSpace(line)); m {
				t.Fatalf("raw marker in the body: %q", line)
			}
		}
	})
}

// An attribute given twice in a ::: moniker or ::: zone line takes its last
// value, as in every other directive line (directiveAttrs), at that value.
func TestSelectMarkerDuplicateAttribute(t *testing.T) {
	src := []byte("::: moniker range=\"v1\" range=\"v2\"\n\nText.\n\n::: moniker-end\n")
	doc := newMarkdown(nil).Parser().Parse(text.NewReader(src))
	var got *Choice
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*Choice); ok && entering && got == nil {
			got = c
		}
		return ast.WalkContinue, nil
	})
	if got == nil {
		t.Fatal("no moniker block")
	}
	if v, at := got.Marker.Attrs["range"], got.Marker.AttrAt["range"]; v != "v2" || at != strings.LastIndex(string(src), "v2") {
		t.Errorf("range = %q at %d, want \"v2\" at %d", v, at, strings.LastIndex(string(src), "v2"))
	}
}
