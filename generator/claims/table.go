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

// marks are the cell texts that give a status.
var marks = map[string]matrix.Status{
	"x": matrix.Supported, "✓": matrix.Supported, "✔": matrix.Supported, "✔️": matrix.Supported, "yes": matrix.Supported,
	"supported": matrix.Supported, "fully supported": matrix.Supported,
	"limited": matrix.Limited, "supported with limitations": matrix.Limited, "partially supported": matrix.Limited,
	"not supported": matrix.NotSupported, "unsupported": matrix.NotSupported, "no": matrix.NotSupported,
	"✗": matrix.NotSupported, "✘": matrix.NotSupported, "❌": matrix.NotSupported,
	"deprecated": matrix.Deprecated,
}

func markOf(text string) (matrix.Status, bool) {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(text), "*_ ."))
	s, ok := marks[t]
	return s, ok
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
	}
	cols := make([]axis, len(header))
	for j, h := range header {
		if j == 0 {
			continue
		}
		origin := "the column header \"" + clip(h.text, 60) + "\""
		cols[j].facts = d.c.allFacts(h.text, origin)
		cols[j].cue = cueIn(h.text)
		for _, f := range d.c.featuresIn(h.text) {
			cols[j].features = append(cols[j].features, topic{f, origin})
		}
	}
	// A table introduced as a matrix of support ("verify that your clients
	// and servers support ...") whose row and column headers name values of
	// two dimensions: each cell with text presents its pair as supported, for
	// the one feature that depends on both.
	crossCue := leadIn != "" && (cueIn(leadIn) || supportWord.MatchString(leadIn))
	for _, row := range t.rows[1:] {
		if len(row) == 0 {
			continue
		}
		origin := "the row header \"" + clip(row[0].text, 60) + "\""
		rowFacts := d.c.allFacts(d.c.expandShort(row[0].text, products), origin)
		rowCue := cueIn(row[0].text)
		var rowFeatures []topic
		for _, f := range d.c.featuresIn(row[0].text) {
			rowFeatures = append(rowFeatures, topic{f, origin})
		}
		for j := 1; j < len(row) && j < len(cols); j++ {
			cell := row[j]
			if strings.TrimSpace(cell.text) == "" {
				continue
			}
			features := rowFeatures
			if len(features) == 0 {
				features = cols[j].features
			}
			facts := override(cols[j].facts, rowFacts)
			if len(features) == 0 && crossCue && len(rowFacts) == 1 && len(cols[j].facts) == 1 && rowFacts[0].dim != cols[j].facts[0].dim {
				if _, ok := markOf(cell.text); !ok && !notApplicable.MatchString(cell.text) {
					if f := d.c.featureOf(rowFacts[0].dim, cols[j].facts[0].dim); f != nil {
						origin := "the table of " + rowFacts[0].dim.Name + " and " + cols[j].facts[0].dim.Name + " introduced by \"" + clip(leadIn, 60) + "\""
						d.c.readUnit(d, unit{kind: "a table cell", p: cell, scope: scope, facts: facts,
							topic: []topic{{f, origin}}, implicit: true, status: matrix.Supported, statusFrom: "a cell with text in " + origin, mark: true})
						continue
					}
				}
			}
			u := unit{kind: "a table cell", p: cell, scope: scope, facts: facts, topic: features, implicit: true, each: true}
			if s, ok := markOf(cell.text); ok {
				if len(features) == 0 {
					continue
				}
				u.status, u.statusFrom, u.mark = s, "the cell mark \""+strings.TrimSpace(cell.text)+"\"", true
			} else if len(features) == 0 || !rowCue && !cols[j].cue && !cueIn(cell.text) {
				// A cell of prose: its sentences, in the context of the table.
				for _, s := range sentences(cell) {
					d.c.readUnit(d, unit{kind: "a sentence", p: s, scope: override(scope, facts), topic: d.topic})
				}
				continue
			}
			d.c.readUnit(d, u)
		}
	}
}
