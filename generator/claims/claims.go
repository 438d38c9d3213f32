// Package claims finds support claims in the prose of articles and checks them
// against the support matrix.
//
// A claim is a sentence (or a clause of one, split at ";" and at "but",
// "while", "whereas", "however") that names
//
//   - a feature of the matrix, by name or alias ("Database mirroring", "SQL
//     mirroring"); a clause that names none takes the feature of the clause
//     before it in the same sentence ("... in 2015 but is no longer supported
//     in 2019");
//   - one or more dimension values, by name or alias ("Skype for Business
//     Server 2019", "SQL Server 2014", "Standard Edition"); values of one
//     dimension are alternatives, values of different dimensions combine;
//   - a support phrase: negative ("is not supported", "is no longer
//     supported", "isn't supported", "does not support", "not available",
//     "unsupported") or positive ("is supported", "supported on", "supports",
//     "is available", "works with", "requires", "is recommended", "preferred";
//     "only on", "supported only" and "requires" make it an "only" claim).
//     The noun "support" is no support phrase.
//
// A positive claim is contradicted when every cell it selects is not
// supported; a negative one when every cell it selects is supported (or
// limited). An "only" or "requires" claim is also contradicted when a value it
// leaves out is supported. Cells the matrix does not cover never raise an
// alarm. So a claim that is true for some of its cells ("Availability Groups
// are supported with SQL Server 2014", true for Enterprise Edition only) is
// not reported: the checker prefers silence to a false alarm.
//
// Authors can state a claim explicitly, checked strictly (every selected cell
// must have the status):
//
//	<!-- kb-claim mirroring server=sfb2019 status=not-supported -->
//
// and silence one sentence with <!-- kb-disable-next-line claim-contradiction -->.
package claims

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/matrix"
)

// Checker checks claims against one matrix. It is safe for concurrent use.
type Checker struct {
	m     *matrix.Matrix
	terms []term // longest first
}

// term is a name or alias, lower case, and what it names.
type term struct {
	text    string
	feature *matrix.Feature
	value   *matrix.Value
}

// New returns a checker for m.
func New(m *matrix.Matrix) *Checker {
	c := &Checker{m: m}
	for _, f := range m.Features {
		for _, t := range append([]string{f.Name}, f.Aliases...) {
			c.terms = append(c.terms, term{text: strings.ToLower(t), feature: f})
		}
	}
	for _, d := range m.Dimensions {
		for _, v := range d.Values {
			for _, t := range append([]string{v.Name}, v.Aliases...) {
				c.terms = append(c.terms, term{text: strings.ToLower(t), value: v})
			}
		}
	}
	slices.SortStableFunc(c.terms, func(a, b term) int { return len(b.text) - len(a.text) })
	return c
}

// Analyze is an article.Analyzer: it checks every sentence of the article and
// every explicit claim.
func (c *Checker) Analyze(a *article.Article, doc ast.Node, source []byte, lines *diag.Lines, diags *diag.List) {
	if len(c.m.Features) == 0 || c.m.Failed() {
		return // no matrix, or one that did not load whole: nothing to hold claims to
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *extast.TableCell:
			t := proseOf(n, source)
			for _, s := range sentences(t) {
				c.sentence(a, s, lines, diags)
			}
			// Raw HTML inside the block may hold an explicit claim.
			for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if r, ok := ch.(*ast.RawHTML); ok {
					c.explicit(a, string(article.RawText(r, source)), r.Segments.At(0).Start, lines, diags)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				c.explicit(a, string(article.RawText(n, source)), n.Lines().At(0).Start, lines, diags)
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock, *article.Directive:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// prose is the text of a block with, for each byte, its offset in the file.
type prose struct {
	text string
	at   []int
}

func proseOf(n ast.Node, source []byte) prose {
	var p prose
	var b strings.Builder
	add := func(s string, off int) {
		b.WriteString(s)
		for i := range len(s) {
			p.at = append(p.at, off+i)
		}
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			add(string(c.Segment.Value(source)), c.Segment.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				add(" ", c.Segment.Stop)
			}
		case *ast.String:
			add(string(c.Value), c.Pos())
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	p.text = b.String()
	return p
}

// sentence is one sentence of a block, and where it starts in the file.
type sentence struct {
	text   string
	offset int
}

var abbreviations = []string{"e.g", "i.e", "etc", "vs", "approx", "no", "fig"}

// sentences splits prose at ., ! and ? followed by a space and a capital
// letter, digit or quote, or by the end of the block.
func sentences(p prose) []sentence {
	var out []sentence
	start := 0
	t := p.text
	flush := func(end int) {
		s := strings.TrimSpace(t[start:end])
		if s != "" {
			lead := start + strings.Index(t[start:end], s)
			out = append(out, sentence{text: s, offset: p.at[lead]})
		}
		start = end
	}
	for i := 0; i < len(t); i++ {
		ch := t[i]
		if ch != '.' && ch != '!' && ch != '?' {
			continue
		}
		j := i + 1
		for j < len(t) && (t[j] == '"' || t[j] == ')' || t[j] == '\'') {
			j++
		}
		if j < len(t) && t[j] != ' ' {
			continue
		}
		k := j
		for k < len(t) && t[k] == ' ' {
			k++
		}
		if k < len(t) {
			r, _ := utf8.DecodeRuneInString(t[k:])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' && r != '“' {
				continue
			}
		}
		word := t[strings.LastIndexAny(t[:i], " (")+1 : i]
		if ch == '.' && slices.Contains(abbreviations, strings.ToLower(word)) {
			continue
		}
		flush(j)
	}
	flush(len(t))
	return out
}

var clauseBreak = regexp.MustCompile(`(?i)\s*;\s*|,?\s+\b(?:but|while|whereas|however)\b\s*`)

var (
	negative = regexp.MustCompile(`(?i)\b(?:(?:is|are|was|were|be|been)\s+(?:not|no\s+longer|never)\s+(?:supported|available)|isn't\s+supported|aren't\s+supported|not\s+supported|no\s+longer\s+supported|unsupported|(?:does|do|did)\s+not\s+support|doesn't\s+support|don't\s+support|not\s+available|cannot\s+be\s+used)\b`)
	positive = regexp.MustCompile(`(?i)\b(?:supports|(?:is|are|was|were|be|been)\s+(?:also\s+|still\s+|fully\s+)?supported|supported\s+(?:on|in|with|by|for|only)|(?:is|are)\s+(?:still\s+)?available|available\s+(?:on|in|with|only)|works\s+with|recommended|preferred|requires?)\b`)
	only     = regexp.MustCompile(`(?i)\b(?:supported\s+only|only\s+supported|available\s+only|only\s+available|requires?|only\s+(?:on|with|in|for|as))\b`)
)

// mention is a term found in a clause.
type mention struct {
	term       term
	start, end int
}

// find returns the terms of a clause, longest first at each place, at word
// boundaries, without overlaps.
func (c *Checker) find(clause string) []mention {
	lower := strings.ToLower(clause)
	var out []mention
	for i := 0; i < len(lower); {
		if i > 0 && isWord(lower[i-1]) || !isWord(lower[i]) {
			i++
			continue
		}
		matched := false
		for _, t := range c.terms {
			if strings.HasPrefix(lower[i:], t.text) {
				end := i + len(t.text)
				if end < len(lower) && isWord(lower[end]) {
					continue
				}
				out = append(out, mention{term: t, start: i, end: end})
				i = end
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
	return out
}

func isWord(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b == '_' || b >= 0x80
}

// claim is what one clause says.
type claim struct {
	features []*matrix.Feature
	values   map[*matrix.Dimension][]*matrix.Value
	positive bool
	only     bool
}

func (c *Checker) sentence(a *article.Article, s sentence, lines *diag.Lines, diags *diag.List) {
	var previous []*matrix.Feature
	for _, clause := range clauseBreak.Split(s.text, -1) {
		cl, ok := c.parse(clause)
		if len(cl.features) == 0 {
			cl.features = previous
		} else {
			previous = cl.features
		}
		if !ok || len(cl.features) == 0 || len(cl.values) == 0 {
			continue
		}
		for _, f := range cl.features {
			if msg, notes := c.contradiction(f, cl); msg != "" {
				quoted := s.text
				if len(quoted) > 240 {
					quoted = quoted[:237] + "..."
				}
				diags.Add(lines.At(a.SourcePath(), s.offset, diag.Error, diag.RuleClaimContradiction,
					"%q %s; fix the sentence or the support matrix", quoted, msg).WithNotes(notes...))
				return
			}
		}
	}
}

// parse reads a clause; ok is false when it has no support phrase.
func (c *Checker) parse(clause string) (claim, bool) {
	cl := claim{values: map[*matrix.Dimension][]*matrix.Value{}}
	for _, m := range c.find(clause) {
		switch {
		case m.term.feature != nil:
			if !slices.Contains(cl.features, m.term.feature) {
				cl.features = append(cl.features, m.term.feature)
			}
		case m.term.value != nil:
			d := m.term.value.Dimension
			if !slices.Contains(cl.values[d], m.term.value) {
				cl.values[d] = append(cl.values[d], m.term.value)
			}
		}
	}
	switch {
	case negative.MatchString(clause):
		cl.positive = false
	case positive.MatchString(clause):
		cl.positive = true
		cl.only = only.MatchString(clause)
	default:
		return cl, false
	}
	return cl, true
}

// contradiction returns why the matrix contradicts claim cl about feature f,
// with a note at the statement that says otherwise, or "".
func (c *Checker) contradiction(f *matrix.Feature, cl claim) (string, []diag.Note) {
	cells := c.selectCells(f, cl.values, nil)
	if len(cells) == 0 || anyIs(cells, matrix.Unknown) {
		return "", nil
	}
	says := c.describe(cl.values)
	statement := func(cell matrix.Cell) []diag.Note {
		return []diag.Note{c.m.Note(cell.Statement.Pos, "the statement that says "+string(cell.Status))}
	}
	if !cl.positive {
		if all(cells, matrix.Supported, matrix.Limited) {
			return fmt.Sprintf("says %s is not supported for %s, but the support matrix says %s",
				f.Name, says, cells[0].Status), statement(cells[0])
		}
		return "", nil
	}
	if all(cells, matrix.NotSupported) {
		return fmt.Sprintf("says %s is supported for %s, but the support matrix says not-supported",
			f.Name, says), statement(cells[0])
	}
	if !cl.only {
		return "", nil
	}
	// "Only" and "requires": a value the claim leaves out must not be supported.
	for _, d := range c.m.Dimensions {
		if _, given := cl.values[d]; !given {
			continue
		}
		for _, cell := range c.selectCells(f, cl.values, d) {
			if cell.Status == matrix.Supported || cell.Status == matrix.Limited {
				return fmt.Sprintf("says %s is supported only for %s, but the support matrix says %s for %s too",
					f.Name, says, cell.Status, cell.Describe()), statement(cell)
			}
		}
	}
	return "", nil
}

// all reports whether every cell has one of the statuses.
func all(cells []matrix.Cell, statuses ...matrix.Status) bool {
	for _, c := range cells {
		if !slices.Contains(statuses, c.Status) {
			return false
		}
	}
	return true
}

// anyIs reports whether some cell has the status.
func anyIs(cells []matrix.Cell, status matrix.Status) bool {
	for _, c := range cells {
		if c.Status == status {
			return true
		}
	}
	return false
}

// selectCells returns the cells of f whose values are among those given (a
// dimension not given allows all its values). With except set, it returns the
// cells whose value of except is not among those given instead.
func (c *Checker) selectCells(f *matrix.Feature, values map[*matrix.Dimension][]*matrix.Value, except *matrix.Dimension) []matrix.Cell {
	var out []matrix.Cell
	for _, cell := range c.m.Cells(f) {
		keep := true
		for _, v := range cell.Values {
			given, ok := values[v.Dimension]
			in := ok && slices.Contains(given, v)
			if v.Dimension == except {
				in = !in
			} else if !ok {
				in = true
			}
			if !in {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, cell)
		}
	}
	return out
}

// describe names the values of a claim: "Skype for Business Server 2019, SQL
// Server 2014 or SQL Server 2012 SP2 CU2".
func (c *Checker) describe(values map[*matrix.Dimension][]*matrix.Value) string {
	var parts []string
	for _, d := range c.m.Dimensions {
		if _, ok := values[d]; !ok {
			continue
		}
		var names []string
		for _, v := range values[d] {
			names = append(names, v.Name)
		}
		parts = append(parts, strings.Join(names, " or "))
	}
	return strings.Join(parts, ", ")
}
