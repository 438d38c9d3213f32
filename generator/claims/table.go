package claims

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"

	"kb/generator/matrix"
)

// table is a table's cells, row by row; the first row is the header.
type table struct {
	rows [][]prose
}

func gfmTable(n *extast.Table, source []byte) table {
	var t table
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var row []prose
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			row = append(row, proseOf(cell, source))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// htmlBlockText returns the text of an HTML block that holds a table, and
// the file offset of each of its lines' starts (as prose runs); ok is false
// when it holds none.
func htmlBlockText(n ast.Node, source []byte) (p prose, ok bool) {
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		line := seg.Value(source)
		if bytes.Contains(line, []byte("<table")) || bytes.Contains(line, []byte("<TABLE")) {
			ok = true
			break
		}
	}
	if !ok {
		return prose{}, false
	}
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		p.runs = append(p.runs, run{text: b.Len(), file: seg.Start})
		b.Write(seg.Value(source))
	}
	p.text = b.String()
	return p, true
}

// htmlTables reads the tables of raw HTML: rows of <td> and <th> cells, with
// their text (entities decoded; tags such as <li>, <p> and <br> as spaces).
func htmlTables(block prose) []table {
	raw := block.text
	z := html.NewTokenizer(strings.NewReader(raw))
	var out []table
	var cur *table
	var cell *prose
	depth := 0
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		rawTok := z.Raw()
		start := off
		off += len(rawTok)
		place := func(i int) int { return block.offset(min(i, max(len(raw)-1, 0))) }
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "table":
				depth++
				if depth == 1 {
					out = append(out, table{})
					cur = &out[len(out)-1]
				}
			case "tr":
				if cur != nil && depth == 1 {
					cur.rows = append(cur.rows, nil)
					cell = nil
				}
			case "td", "th":
				if cur != nil && depth == 1 && len(cur.rows) > 0 {
					r := &cur.rows[len(cur.rows)-1]
					*r = append(*r, prose{})
					cell = &(*r)[len(*r)-1]
				}
			default:
				if cell != nil {
					cell.add(" ", place(start))
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "table":
				depth--
				if depth == 0 {
					cur, cell = nil, nil
				}
			case "td", "th":
				cell = nil
			default:
				if cell != nil {
					cell.add(" ", place(start))
				}
			}
		case html.TextToken:
			if cell == nil {
				continue
			}
			text := string(rawTok)
			if !strings.Contains(text, "&") {
				// A text token is contiguous in the block; the block's lines
				// may not be in the file: place line by line.
				for len(text) > 0 {
					n := strings.IndexByte(text, '\n') + 1
					if n == 0 {
						n = len(text)
					}
					cell.add(text[:n], place(start))
					start += n
					text = text[n:]
				}
				continue
			}
			// Entities: each decoded piece is placed at the token's start.
			cell.add(html.UnescapeString(text), place(start))
		}
	}
	return out
}

var (
	supportWord   = regexp.MustCompile(`(?i)\bsupports?\b`)
	notApplicable = regexp.MustCompile(`(?i)^\s*(?:n/a|na|-|—|–|none)?\s*$`)
	footnoted     = regexp.MustCompile(`^(.*?\D)\s*(?:\[?\d{1,2}(?:\s*,\s*\d{1,2})*\]?|[*†‡¹²³⁴⁵⁶⁷⁸⁹]+)$`)
	versionWord   = regexp.MustCompile(`(?i)\s*\b(?:versions?|releases?)\s*$`)
)

// featureOf returns the one feature whose status depends on both
// dimensions, or nil.
func (c *Checker) featureOf(a, b *matrix.Dimension) *matrix.Feature {
	var found *matrix.Feature
	for _, f := range c.m.Features {
		rel := c.relevant[f]
		if rel != nil && rel[c.dimIndex[a]] && rel[c.dimIndex[b]] {
			if found != nil {
				return nil
			}
			found = f
		}
	}
	return found
}

// table reads a table: each cell is a claim of the features and values its
// row and column headers (the first cell of its row, its cell in the header
// row) name; a cell that is a mark gives the status, a cell that names
// values presents each as supported.
func (d *doc) table(t table, leadIn string) {
	if len(t.rows) < 2 || len(t.rows[0]) < 2 {
		return
	}
	scope := d.scopeFacts()
	header := t.rows[0]
	// The product of the first column: its header's value, or the context's.
	products := d.c.valuesIn(header[0].text)
	for _, f := range scope {
		products = append(products, f.values...)
	}
	type axis struct {
		facts    []fact
		features []topic
		cue      bool // the header speaks of support
		// outside: the header names versions ("CU3 to RTM") that are no
		// values of the matrix; its cells are about something else.
		outside bool
	}
	cols := make([]axis, len(header))
	for j, h := range header {
		if j == 0 {
			continue
		}
		origin := "the column header \"" + clip(h.text, 60) + "\""
		cols[j].facts = d.c.allFacts(d.c.expandShort(h.text, products), origin)
		cols[j].outside = len(cols[j].facts) == 0 && mayShortName(h.text)
		cols[j].cue = d.c.cue(h.text)
		for _, f := range d.c.featuresIn(h.text) {
			cols[j].features = append(cols[j].features, topic{f, origin})
		}
	}
	// A table introduced as a matrix of support ("verify that your clients
	// and servers support ...") whose row and column headers name values of
	// two dimensions: each cell with text presents its pair as supported, for
	// the one feature that depends on both.
	crossCue := leadIn != "" && (d.c.cue(leadIn) || supportWord.MatchString(leadIn))
	var above []*matrix.Value // the values the rows above name
	// ".NET Framework version": the family of the features its rows number.
	family := header[0].text
	if strings.Contains(asciiLower(family), "version") || strings.Contains(asciiLower(family), "release") {
		family = versionWord.ReplaceAllString(family, "")
	}
	// The first header cell names the feature of the whole table ("AD forest
	// functional level" over rows of Windows versions).
	var corner []topic
	if fs := d.c.featuresIn(header[0].text); len(fs) == 1 {
		corner = []topic{{fs[0], "the table's first header \"" + clip(header[0].text, 60) + "\""}}
	}
	for _, row := range t.rows[1:] {
		if len(row) == 0 {
			continue
		}
		origin := "the row header \"" + clip(row[0].text, 60) + "\""
		rowFacts := d.c.allFacts(d.c.expandShort(row[0].text, products), origin)
		if len(rowFacts) == 0 {
			rowFacts = relativeRow(row[0].text, above, origin)
		}
		for _, f := range rowFacts {
			above = append(above, f.values...)
		}
		rowCue := d.c.cue(row[0].text)
		if len(rowFacts) == 0 && mayShortName(row[0].text) {
			continue // versions the matrix does not have
		}
		var rowFeatures []topic
		for _, f := range d.c.featuresIn(row[0].text) {
			rowFeatures = append(rowFeatures, topic{f, origin})
		}
		if len(rowFeatures) == 0 {
			// ".NET Framework version" over "4.8": the feature ".NET
			// Framework 4.8".
			if family != header[0].text || len(rowFacts) == 0 {
				for _, f := range d.c.featuresIn(family + " " + row[0].text) {
					rowFeatures = append(rowFeatures, topic{f, origin + " under \"" + clip(header[0].text, 60) + "\""})
				}
			}
		}
		for j := 1; j < len(row) && j < len(cols); j++ {
			cell := row[j]
			if strings.TrimSpace(cell.text) == "" || cols[j].outside {
				continue
			}
			features := rowFeatures
			if len(features) == 0 {
				features = cols[j].features
			}
			if len(features) == 0 {
				features = corner
			}
			facts := override(cols[j].facts, rowFacts)
			mark, isMark := d.c.markOf(cell.text)
			if len(features) == 0 && crossCue && len(rowFacts) == 1 && len(cols[j].facts) == 1 && rowFacts[0].dim != cols[j].facts[0].dim {
				if !isMark && !notApplicable.MatchString(cell.text) {
					if f := d.c.featureOf(rowFacts[0].dim, cols[j].facts[0].dim); f != nil {
						origin := "the table of " + rowFacts[0].dim.Name + " and " + cols[j].facts[0].dim.Name + " introduced by \"" + clip(leadIn, 60) + "\""
						d.c.readUnit(d, unit{kind: "a table cell", p: cell, scope: scope, facts: facts,
							topic: []topic{{f, origin}}, implicit: true, status: matrix.Supported, statusFrom: "a cell with text in a table introduced as one of support", mark: true})
						continue
					}
				}
			}
			u := unit{kind: "a table cell", p: cell, scope: scope, facts: facts, topic: features, implicit: true, each: true}
			if isMark {
				if len(features) == 0 && len(rowFacts) == 1 && len(cols[j].facts) == 1 && rowFacts[0].dim != cols[j].facts[0].dim {
					// A mark where a row and a column of two dimensions
					// cross: the one feature that depends on both.
					if f := d.c.featureOf(rowFacts[0].dim, cols[j].facts[0].dim); f != nil {
						features = []topic{{f, "the table of " + rowFacts[0].dim.Name + " and " + cols[j].facts[0].dim.Name}}
						u.topic = features
					}
				}
				if len(features) == 0 {
					continue
				}
				u.status, u.statusFrom, u.mark = mark, "the cell mark \""+strings.TrimSpace(cell.text)+"\"", true
			} else if len(features) == 0 || !rowCue && !cols[j].cue && !d.c.cue(cell.text) {
				// A cell of prose: its sentences, in the context of the table.
				for _, s := range sentences(cell) {
					d.c.readUnit(d, unit{kind: "a sentence", p: s, scope: override(scope, facts), topic: d.sectionTopic()})
				}
				continue
			}
			d.c.readUnit(d, u)
		}
	}
}

// relativeRow reads a row header that names versions relative to the rows
// above ("All earlier versions of Outlook", "Later versions of Contoso"):
// the values of that family before the earliest (or after the latest) one
// the rows above name.
func relativeRow(text string, above []*matrix.Value, origin string) []fact {
	if len(above) == 0 || !strings.Contains(asciiLower(text), "version") {
		return nil
	}
	m := relativeVersions.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return nil
	}
	fam := strings.ToLower(strings.TrimSpace(m[2]))
	var bound *matrix.Value
	earlier := m[1] != "later" && m[1] != "newer"
	for _, v := range above {
		if strings.ToLower(family(v.Name)) != fam {
			continue
		}
		if bound == nil || v.Dimension == bound.Dimension && (earlier && v.Index < bound.Index || !earlier && v.Index > bound.Index) {
			bound = v
		}
	}
	if bound == nil {
		return nil
	}
	var vals []*matrix.Value
	for _, v := range bound.Dimension.Values {
		if strings.ToLower(family(v.Name)) == fam && (earlier && v.Index < bound.Index || !earlier && v.Index > bound.Index) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return nil
	}
	return []fact{{dim: bound.Dimension, values: vals, origin: origin + map[bool]string{true: ", before ", false: ", after "}[earlier] + bound.Name, rng: m[1]}}
}

var relativeVersions = regexp.MustCompile(`(?i)^(?:all\s+)?(?:the\s+)?(earlier|older|previous|prior|later|newer)\s+versions?\s+of\s+(.+?)\s*$`)
