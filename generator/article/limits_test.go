package article

import (
	"fmt"
	"strings"
	"testing"

	"kb/generator/diag"
)

const header = "---\ntitle: A\ndescription: B\n---\n"

// rules returns the rule ids of diags, with their line:col.
func rules(diags diag.List) []string {
	var out []string
	for _, d := range diags.Items() {
		out = append(out, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Rule))
	}
	return out
}

// only fails unless diags are exactly one diagnostic of rule, at line:col.
func only(t *testing.T, what string, diags diag.List, rule string, line, col int) diag.Diagnostic {
	t.Helper()
	items := diags.Items()
	if len(items) != 1 || items[0].Rule != rule || items[0].Line != line || items[0].Col != col {
		t.Fatalf("%s: got %v, want %d:%d %s", what, rules(diags), line, col, rule)
	}
	return items[0]
}

func none(t *testing.T, what string, diags diag.List) {
	t.Helper()
	if diags.Len() != 0 {
		t.Errorf("%s: got %v, want no diagnostics", what, rules(diags))
	}
}

func TestLimitFileSize(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	fill := func(size int) string {
		body := strings.Repeat(strings.Repeat("word ", 15)+"\n\n", size/77+1)
		return (header + body)[:size-1] + "\n"
	}
	_, diags := p.Parse("a.md", []byte(fill(MaxFileSize)))
	none(t, "at the limit", diags)
	a, diags := p.Parse("a.md", []byte(fill(MaxFileSize+1)))
	d := only(t, "one byte over", diags, "limit-file-size", 0, 0)
	if !strings.Contains(d.Message, fmt.Sprint(MaxFileSize+1)) {
		t.Errorf("message does not say the size: %s", d.Message)
	}
	if a.Meta.Title != "A" || !strings.HasPrefix(string(a.Body), "<pre>word word") {
		t.Errorf("title %q, body %.40q: want the front matter read and the body as plain text", a.Meta.Title, a.Body)
	}
}

func TestLimitLineLength(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	line := func(n int) string { return strings.Repeat("x", n) + "\n" }
	_, diags := p.Parse("a.md", []byte(header+"a\n"+line(MaxLineLength)+"b\n"))
	none(t, "at the limit", diags)
	_, diags = p.Parse("a.md", []byte(header+"a\n"+line(MaxLineLength+1)+"b\n"+line(MaxLineLength+5)))
	d := only(t, "over", diags, "limit-line-length", 6, MaxLineLength+1)
	if !strings.Contains(d.Message, "1 more line") || len(d.Excerpt) > 200 {
		t.Errorf("message %q, excerpt of %d bytes", d.Message, len(d.Excerpt))
	}
	// A line that ends the file without a newline counts too.
	_, diags = p.Parse("a.md", []byte(header+strings.Repeat("x", MaxLineLength+1)))
	only(t, "last line", diags, "limit-line-length", 5, MaxLineLength+1)
}

// nestedList is a list nested depth items deep, each item on its own line,
// indented under the one before, as a writer would.
func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

func TestLimitNesting(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	a, diags := p.Parse("a.md", []byte(header+nestedList(MaxNesting)))
	none(t, "list at the limit", diags)
	if got := strings.Count(string(a.Body), "<li>"); got != MaxNesting {
		t.Errorf("%d list items rendered, want %d", got, MaxNesting)
	}
	_, diags = p.Parse("a.md", []byte(header+nestedList(MaxNesting+1)))
	only(t, "list one deeper", diags, "limit-nesting", 5+MaxNesting, 2*MaxNesting+1)
	_, diags = p.Parse("a.md", []byte(header+strings.Repeat("> ", MaxNesting)+"x\n"))
	none(t, "block quotes at the limit", diags)
	a, diags = p.Parse("a.md", []byte(header+strings.Repeat("> ", MaxNesting+1)+"x\n"))
	only(t, "block quotes one deeper", diags, "limit-nesting", 5, 2*MaxNesting+1)
	if !strings.HasPrefix(string(a.Body), "<pre>&gt; &gt;") {
		t.Errorf("body %.40q: want the article as plain text", a.Body)
	}
	_, diags = p.Parse("a.md", []byte(header+strings.Repeat("- > ", MaxNesting/2)+"- x\n"))
	only(t, "list items and block quotes", diags, "limit-nesting", 5, 2*MaxNesting+1)
	// Learn's rows and columns count as levels too: one depth for all.
	_, diags = p.Parse("a.md", []byte(header+":::row:::\n:::column:::\n"+strings.Repeat("> ", MaxNesting-1)+"x\n:::column-end:::\n:::row-end:::\n"))
	only(t, "block quotes in a column", diags, "limit-nesting", 7, 2*(MaxNesting-2)+1)
	// Inputs that took seconds to minutes: each gets one diagnostic.
	_, diags = p.Parse("a.md", []byte(header+nestedList(700))) // 494 KB
	only(t, "700 levels", diags, "limit-nesting", 5+MaxNesting, 2*MaxNesting+1)
	_, diags = p.Parse("a.md", []byte(header+strings.Repeat("- ", 3000)+"x\n"))
	only(t, "3,000 levels on one line", diags, "limit-nesting", 5, 2*MaxNesting+1)
	_, diags = p.Parse("a.md", []byte(header+strings.Repeat("> ", 20000)+"x\n"))
	only(t, "20,000 block quotes", diags, "limit-nesting", 5, 2*MaxNesting+1)
}

func TestLimitParagraph(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	refs := func(n int) string { return strings.Repeat("[a]: b\n", n) }
	_, diags := p.Parse("a.md", []byte(header+"intro\n\n"+refs(MaxParagraphLines)))
	none(t, "at the limit", diags)
	_, diags = p.Parse("a.md", []byte(header+"intro\n\n"+refs(MaxParagraphLines+1)))
	d := only(t, "one line more", diags, "limit-paragraph", 7, 1)
	if !strings.Contains(d.Message, fmt.Sprint(MaxParagraphLines+1)) {
		t.Errorf("message does not say the length: %s", d.Message)
	}
	// A table is a paragraph to the parser until it is found to be a table.
	table := "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", MaxParagraphLines)
	_, diags = p.Parse("a.md", []byte(header+table))
	only(t, "table", diags, "limit-paragraph", 5, 1)
}

// TestLimitHighlight: code is highlighted up to HighlightBudget bytes per
// article; the blocks after are written plain, with one warning.
func TestLimitHighlight(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	block := func(size int) string {
		return "```go\n" + strings.Repeat("x := 1 // a\n", size/12) + "```\n\n"
	}
	a, diags := p.Parse("a.md", []byte(header+block(HighlightBudget-100)+"text\n\n"+block(200)+block(200)))
	only(t, "over the budget", diags, "limit-code-highlight", 10+(HighlightBudget-100)/12, 1)
	if got := strings.Count(string(a.Body), `<span class="nx">x</span>`); got != (HighlightBudget-100)/12 {
		t.Errorf("%d lines highlighted, want those of the first block, %d", got, (HighlightBudget-100)/12)
	}
	if got := strings.Count(string(a.Body), "x := 1 // a\n"); got != 2*(200/12) {
		t.Errorf("%d lines plain, want those of the last two blocks, %d", got, 2*(200/12))
	}
	_, diags = p.Parse("a.md", []byte(header+block(HighlightBudget/2-50)+block(HighlightBudget/2-50)))
	none(t, "within the budget", diags)
	// Code chroma cannot highlight costs nothing.
	unknown := strings.Replace(block(HighlightBudget), "```go", "```no-such-language", 1)
	a, diags = p.Parse("a.md", []byte(header+unknown+block(200)))
	none(t, "an unknown language first", diags)
	if !strings.Contains(string(a.Body), `<span class="nx">x</span>`) {
		t.Error("the Go block after a long block in an unknown language is not highlighted")
	}
}

// TestManyDiagnosticsOneLine: the diagnostics of one long line keep a window
// of it each, not the line (20,000 broken links on one 260 KB line took over
// 3 GB): here 7,690 links on a line just under MaxLineLength.
func TestManyDiagnosticsOneLine(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	line := strings.Repeat("[x](gone.md) ", MaxLineLength/13)
	_, diags := p.Parse("a.md", []byte(header+line+"\n"))
	if diags.Len() != MaxLineLength/13 {
		t.Fatalf("%d diagnostics, want %d", diags.Len(), MaxLineLength/13)
	}
	total := 0
	for _, d := range diags.Items() {
		total += len(d.Excerpt) + len(d.Message)
	}
	if limit := diags.Len() * 300; total > limit {
		t.Errorf("the diagnostics hold %d bytes of text, want at most %d", total, limit)
	}
}
