package claims

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/matrix"
)

// doc is the state of one article's analysis.
type doc struct {
	c        *Checker
	a        *article.Article
	source   []byte
	lines    *diag.Lines
	diags    *diag.List
	article  []fact  // the article's own facts: path, monikerRange, description, title, H1
	topic    []topic // the features the article's title, H1 or description names, if exactly one
	headings []heading
	moniker  []fact // of the moniker block being read
	readings []Reading
	scope    []fact // scopeFacts, until the headings or the moniker block change
	scoped   bool
	cited    bool           // some statement of the matrix cites the article
	sourced  []*sourceClaim // its claims, when cited
}

// finiteVerb: a heading with a verb is a sentence, which needs a phrase to
// be a claim; a heading without one ("Windows 8 prerequisites") presents
// what it names.
var finiteVerb = regexp.MustCompile(`(?i)\b(?:is|are|was|were|isn't|aren't|can|can't|cannot|must|will|won't|has|have|does|do|doesn't|don't)\b`)

// heading is one heading of the chain above the text being read.
type heading struct {
	level int
	id    string
	facts []fact
	topic []topic // the one feature it names, if exactly one
}

// sectionTopic is the feature of the nearest heading above that names
// exactly one, else the article's.
func (d *doc) sectionTopic() []topic {
	for i := len(d.headings) - 1; i >= 0; i-- {
		if d.headings[i].topic != nil {
			return d.headings[i].topic
		}
	}
	return d.topic
}

// topic is a feature that the context gives, and where it comes from.
type topic struct {
	feature *matrix.Feature
	origin  string
}

// Analyze is an article.Analyzer: it checks every claim of the article and
// every explicit claim.
func (c *Checker) Analyze(a *article.Article, root ast.Node, source []byte, lines *diag.Lines, diags *diag.List) {
	if len(c.m.Features) == 0 || c.m.Failed() {
		return // no matrix, or one that did not load whole: nothing to hold claims to
	}
	d := &doc{c: c, a: a, source: source, lines: lines, diags: diags}
	_, d.cited = c.cited[a.Path]
	d.context(root)
	d.frontMatter()
	d.walk(root)
	if c.keep {
		c.readings.Store(a.SourcePath(), d.readings)
	}
	if d.cited {
		c.sourced.Store(a.Path, d.sourced)
	}
}

// context collects the article's facts, from the broadest to the most
// specific (later ones win): path patterns, monikerRange, the front matter's
// products and an applies-to banner, description, title, H1.
func (d *doc) context(root ast.Node) {
	var facts []fact
	for _, r := range d.c.scope {
		if matchPath(r.pattern, d.a.Path) {
			facts = override(facts, r.facts)
		}
	}
	if s, ok := d.a.Meta.Params["monikerRange"].(string); ok {
		facts = override(facts, d.monikerFacts(article.RangeMonikers(s), "the monikerRange of the front matter"))
	}
	declared, declaredTopics := d.c.declaredFacts(d.a.Meta.Params)
	facts = override(facts, declared)
	if b, ok := d.bannerOf(root); ok {
		facts = override(facts, []fact{b})
	}
	var topics []topic
	add := func(text, origin string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		facts = override(facts, d.c.namedFacts(text, origin))
		for _, f := range d.c.featuresIn(text) {
			if !hasTopic(topics, f) {
				topics = append(topics, topic{f, origin})
			}
		}
	}
	add(d.a.Meta.Description, "the description")
	add(d.a.Meta.Title, "the title")
	add(d.a.H1, "the H1 heading")
	d.article = facts
	switch {
	case len(declaredTopics) > 0:
		// The front matter's features: the article's topic when it
		// declares one, whatever its title names.
		if len(declaredTopics) == 1 {
			d.topic = declaredTopics
		}
	case len(topics) == 1:
		d.topic = topics
	}
}

// bannerOf finds an applies-to banner among the first blocks of the
// article, before its second heading.
func (d *doc) bannerOf(root ast.Node) (fact, bool) {
	headings, blocks := 0, 0
	for n := root.FirstChild(); n != nil && blocks < 8; n = n.NextSibling() {
		blocks++
		switch n.(type) {
		case *ast.Heading:
			if headings++; headings > 1 {
				return fact{}, false
			}
		case *ast.Paragraph:
			if b, ok := d.c.banner(n, d.source); ok {
				return b, true
			}
		}
	}
	return fact{}, false
}

func hasTopic(ts []topic, f *matrix.Feature) bool {
	for _, t := range ts {
		if t.feature == f {
			return true
		}
	}
	return false
}

// monikerFacts are the values config.toml maps the monikers to, merged per
// dimension.
func (d *doc) monikerFacts(ids []string, origin string) []fact {
	var out []fact
	for _, id := range ids {
		for _, f := range d.c.monikers[id] {
			merged := false
			for i := range out {
				if out[i].dim == f.dim {
					for _, v := range f.values {
						if !containsValue(out[i].values, v) {
							out[i].values = append(out[i].values, v)
						}
					}
					merged = true
				}
			}
			if !merged {
				g := f
				g.values = append([]*matrix.Value(nil), f.values...)
				g.origin = origin + ", " + f.origin
				out = append(out, g)
			}
		}
	}
	return out
}

// override returns base with the facts of top replacing those of the same
// dimension.
func override(base, top []fact) []fact {
	var out []fact
	for _, b := range base {
		replaced := false
		for _, t := range top {
			if t.dim == b.dim {
				replaced = true
			}
		}
		if !replaced {
			out = append(out, b)
		}
	}
	return append(out, top...)
}

// scopeFacts is the context of text being read: the article's facts, the
// moniker block's, and the heading chain's (nearest last, so it wins).
func (d *doc) scopeFacts() []fact {
	if d.scoped {
		return d.scope
	}
	facts := override(nil, d.article)
	facts = override(facts, d.moniker)
	for _, h := range d.headings {
		facts = override(facts, h.facts)
	}
	d.scope, d.scoped = facts, true
	return facts
}

// frontMatter reads the description (and the title when there is no H1) as
// claims, at their front matter lines.
func (d *doc) frontMatter() {
	read := func(key, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		at := d.a.Meta.At(key)
		p := flatProse(text, at) // the whole value is reported at its key's line
		d.c.readUnit(d, unit{kind: "the " + key, p: p, scope: override(nil, d.article), topic: d.topic})
	}
	read("description", d.a.Meta.Description)
	if d.a.H1 == "" {
		read("title", d.a.Meta.Title)
		return
	}
	// The H1 is not in the body's tree: find its line.
	body, h1 := d.source, []byte(d.a.H1)
	for at := 0; at < len(body); {
		i := bytes.Index(body[at:], h1)
		if i < 0 {
			return
		}
		i += at
		line := body[bytes.LastIndexByte(body[:i], '\n')+1 : i]
		if len(bytes.TrimSpace(bytes.TrimLeft(line, "#"))) == 0 && bytes.Contains(line, []byte("#")) {
			var p prose
			p.add(d.a.H1, i)
			d.c.readUnit(d, unit{kind: "a heading", p: p, scope: override(nil, d.article), topic: d.topic})
			return
		}
		at = i + len(d.a.H1)
	}
}

// walk reads the blocks under n.
func (d *doc) walk(n ast.Node) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		d.block(ch)
	}
}

func (d *doc) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		p := proseOf(n, d.source)
		for len(d.headings) > 0 && d.headings[len(d.headings)-1].level >= n.Level {
			d.headings = d.headings[:len(d.headings)-1]
		}
		d.scoped = false
		scope := d.scopeFacts()
		d.c.readUnit(d, unit{kind: "a heading", p: p, scope: scope, topic: d.sectionTopic()})
		id, _ := n.AttributeString("id")
		idText, _ := id.([]byte)
		origin := "the heading \"" + clip(p.text, 80) + "\""
		h := heading{level: n.Level, id: string(idText), facts: d.c.namedFacts(p.text, origin)}
		if fs := d.c.featuresIn(p.text); len(fs) == 1 {
			h.topic = []topic{{fs[0], origin}}
		}
		d.headings = append(d.headings, h)
		d.scoped = false
	case *ast.Paragraph, *ast.TextBlock:
		d.paragraph(n)
	case *ast.List:
		d.list(n, d.leadIn(n))
	case *extast.Table:
		lead := ""
		if prev := n.PreviousSibling(); prev != nil && (prev.Kind() == ast.KindParagraph) {
			if ss := sentences(proseOf(prev, d.source)); len(ss) > 0 {
				lead = ss[len(ss)-1].text
			}
		}
		d.table(gfmTable(n, d.source), lead)
	case *ast.HTMLBlock:
		if block, ok := htmlBlockText(n, d.source); ok {
			for _, t := range htmlTables(block) {
				d.table(t, "")
			}
		}
		if n.Lines().Len() > 0 {
			d.c.explicit(d.a, string(article.RawText(n, d.source)), n.Lines().At(0).Start, d.lines, d.diags)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *article.Directive:
		// Code is not prose.
	case *article.Choice:
		saved := d.moniker
		var ids []string
		for _, w := range n.When {
			if w.Selector == article.MonikerSelector {
				ids = append(ids, w.Option)
			}
		}
		if len(ids) > 0 {
			d.moniker = d.monikerFacts(ids, "the moniker block")
		}
		d.scoped = false
		d.walk(n)
		d.moniker = saved
		d.scoped = false
	default:
		d.walk(n) // blockquotes (alerts), list items, ...
	}
}

// paragraph reads each sentence of a paragraph, and the explicit claims of
// its raw HTML.
func (d *doc) paragraph(n ast.Node) {
	p := proseOf(n, d.source)
	scope := d.scopeFacts()
	for _, s := range sentences(p) {
		d.c.readUnit(d, unit{kind: "a sentence", p: s, scope: scope, topic: d.sectionTopic()})
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if r, ok := ch.(*ast.RawHTML); ok {
			d.c.explicit(d.a, string(article.RawText(r, d.source)), r.Segments.At(0).Start, d.lines, d.diags)
		}
	}
}

// lead is what a list's lead-in gives its items.
type lead struct {
	features []topic
	facts    []fact
	negative bool
	text     string
}

// leadIn returns the lead-in of a list: the paragraph just before it when it
// ends with a colon, or the heading just before it.
func (d *doc) leadIn(n *ast.List) lead {
	prev := n.PreviousSibling()
	if prev == nil {
		return lead{}
	}
	var text string
	switch prev.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		p := proseOf(prev, d.source)
		if !strings.HasSuffix(strings.TrimSpace(p.text), ":") {
			return lead{}
		}
		ss := sentences(p)
		text = ss[len(ss)-1].text
	case *ast.Heading:
		text = proseOf(prev, d.source).text
	default:
		return lead{}
	}
	// "One of the following operating systems:" names no feature: under a
	// section about one, it is the section's.
	_, isHeading := prev.(*ast.Heading)
	var section []topic
	if len(d.c.featuresIn(text)) == 0 {
		if section = d.sectionTopic(); isHeading || len(section) == 0 {
			return lead{}
		}
	}
	if condition.MatchString(asciiLower(text)) || !d.c.cue(text) {
		return lead{} // "If you want to ...:" or a lead-in that does not speak of support
	}
	l := d.c.leadOf(text)
	if len(l.features) == 0 {
		l.features = section
	}
	return l
}

// leadOf reads a lead-in: its features, values and polarity.
func (c *Checker) leadOf(text string) lead {
	l := lead{text: text}
	origin := "the lead-in \"" + clip(text, 80) + "\""
	for _, f := range c.featuresIn(text) {
		l.features = append(l.features, topic{f, origin})
	}
	l.facts = c.namedFacts(text, origin)
	l.negative = c.negative(asciiLower(text))
	return l
}

// list reads the items of a list: with a lead-in, each value of an item is
// a claim of the lead-in's feature and polarity.
func (d *doc) list(n *ast.List, l lead) {
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		for ch := item.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if len(l.features) == 0 {
					d.paragraph(ch)
					continue
				}
				p := proseOf(ch, d.source)
				scope := override(d.scopeFacts(), l.facts)
				for _, s := range sentences(p) {
					u := unit{kind: "a list item", p: s, scope: scope, topic: l.features, implicit: true, each: true}
					if l.negative {
						u.status = matrix.NotSupported
						u.statusFrom = "the lead-in \"" + clip(l.text, 80) + "\""
					}
					d.c.readUnit(d, u)
				}
			case *ast.List:
				d.list(ch, d.leadIn(ch))
			default:
				d.block(ch)
			}
		}
	}
}

// prose is the text of a block and where each of its bytes is in the file,
// as runs: from text offset run.text on, byte i is at file offset
// run.file + (i - run.text), or at run.file for every byte of a flat run.
type prose struct {
	text  string
	lower string // asciiLower(text), when set by proseOf
	runs  []run
}

type run struct {
	text, file int
	flat       bool
}

// add appends s, written at file offset off.
func (p *prose) add(s string, off int) {
	if s == "" {
		return
	}
	if n := len(p.runs); n == 0 || p.runs[n-1].flat || p.runs[n-1].file+(len(p.text)-p.runs[n-1].text) != off {
		p.runs = append(p.runs, run{text: len(p.text), file: off})
	}
	p.text += s
}

// flatProse is text reported at one offset (a front matter value).
func flatProse(text string, off int) prose {
	return prose{text: text, runs: []run{{text: 0, file: off, flat: true}}}
}

// offset returns the file offset of byte i of the text.
func (p prose) offset(i int) int {
	if len(p.runs) == 0 {
		return 0
	}
	k := sort.Search(len(p.runs), func(k int) bool { return p.runs[k].text > i }) - 1
	if k < 0 {
		k = 0
	}
	r := p.runs[k]
	if r.flat {
		return r.file
	}
	return r.file + i - r.text
}

// slice returns the prose of text[a:b].
func (p prose) slice(a, b int) prose {
	out := prose{text: p.text[a:b]}
	if len(p.lower) == len(p.text) {
		out.lower = p.lower[a:b]
	}
	for k, r := range p.runs {
		end := len(p.text)
		if k+1 < len(p.runs) {
			end = p.runs[k+1].text
		}
		if end <= a || r.text >= b {
			continue
		}
		nr := run{text: r.text - a, file: r.file, flat: r.flat}
		if r.text < a {
			nr.text = 0
			if !r.flat {
				nr.file = r.file + a - r.text
			}
		}
		out.runs = append(out.runs, nr)
	}
	return out
}

// proseOf returns the text of a block: code spans and raw HTML are left
// out (raw HTML as a space, so that <br>, <li> and <sup> separate words).
func proseOf(n ast.Node, source []byte) prose {
	var p prose
	var b strings.Builder
	add := func(s []byte, off int) {
		if len(s) == 0 {
			return
		}
		if k := len(p.runs); k == 0 || p.runs[k-1].file+(b.Len()-p.runs[k-1].text) != off {
			p.runs = append(p.runs, run{text: b.Len(), file: off})
		}
		b.Write(s)
	}
	space := []byte(" ")
	last := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			add(c.Segment.Value(source), c.Segment.Start)
			last = c.Segment.Stop
			if c.SoftLineBreak() || c.HardLineBreak() {
				add(space, c.Segment.Stop)
			}
		case *ast.String:
			add(c.Value, c.Pos())
		case *ast.CodeSpan:
			add(space, last)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if c.Segments.Len() > 0 {
				add(space, c.Segments.At(0).Start)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	p.text = b.String()
	p.lower = asciiLower(p.text)
	return p
}

var abbreviations = []string{"e.g", "i.e", "etc", "vs", "approx", "no", "fig"}

// sentences splits prose at ., ! and ? followed by a space and a capital
// letter, digit or quote, or by the end of the block.
func sentences(p prose) []prose {
	var out []prose
	start := 0
	t := p.text
	flush := func(end int) {
		s := strings.TrimSpace(t[start:end])
		if s != "" {
			lead := start + strings.Index(t[start:end], s)
			out = append(out, p.slice(lead, lead+len(s)))
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
		if ch == '.' && contains(abbreviations, strings.ToLower(word)) {
			continue
		}
		flush(j)
	}
	flush(len(t))
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
