package matrix

import (
	"bytes"
	"encoding/json"
)

// JSON is the resolved matrix for other tools, written as public/matrix.json:
// the dimensions and features, then one record per cell, Unknown included:
// every feature with one value of each dimension it depends on (DependsOn,
// listed as the feature's "dimensions"). A dimension a cell leaves out has
// the same status for each of its values, so a feature that depends on the
// Exchange version alone has a cell per version, not one per combination of
// every dimension. pageURL maps an article source ("a.md#x") to its built
// page ("a.html#x").
func (m *Matrix) JSON(pageURL func(source string) string) ([]byte, error) {
	type value struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases,omitempty"`
	}
	type dimension struct {
		ID     string  `json:"id"`
		Name   string  `json:"name"`
		Values []value `json:"values"`
	}
	type feature struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases,omitempty"`
		Article string   `json:"article"`
		Page    string   `json:"page"`
		// Dimensions are the ids of the dimensions the feature's cells
		// have: those its status depends on.
		Dimensions []string `json:"dimensions"`
	}
	type requirement struct {
		ID       string   `json:"id"`
		Features []string `json:"features"`
		Text     string   `json:"text"`
		Source   string   `json:"source"`
		Page     string   `json:"page"`
	}
	type doc struct {
		Dimensions   []dimension   `json:"dimensions"`
		Features     []feature     `json:"features"`
		Requirements []requirement `json:"requirements"`
	}
	out := doc{Dimensions: []dimension{}, Features: []feature{}, Requirements: []requirement{}}
	for _, d := range m.Dimensions {
		dim := dimension{ID: d.ID, Name: d.Name}
		for _, v := range d.Values {
			dim.Values = append(dim.Values, value{v.ID, v.Name, v.Aliases})
		}
		out.Dimensions = append(out.Dimensions, dim)
	}
	depends := map[*Feature][]bool{}
	for _, f := range m.Features {
		depends[f] = m.DependsOn(f)
		dims := []string{}
		for i, d := range m.Dimensions {
			if depends[f][i] {
				dims = append(dims, d.ID)
			}
		}
		out.Features = append(out.Features, feature{f.ID, f.Name, f.Aliases, f.Article, pageURL(f.Article), dims})
	}
	for _, r := range m.Requirements {
		req := requirement{ID: r.ID, Text: r.Text, Source: r.Source, Page: pageURL(r.Source), Features: []string{}}
		for _, f := range r.Features {
			req.Features = append(req.Features, f.ID)
		}
		out.Requirements = append(out.Requirements, req)
	}
	head, err := indented(out)
	if err != nil {
		return nil, err
	}
	// The cells, one object a line: a matrix of a few dimensions has
	// hundreds of thousands, and each is written from values quoted once.
	var b bytes.Buffer
	b.Write(head[:len(head)-2]) // without "}\n"
	b.WriteString(",\n \"cells\": [")
	w := cellWriter{m: m, pageURL: pageURL, quoted: map[string][]byte{}, notes: map[*Statement][]byte{}}
	first := true
	for _, f := range m.Features {
		if len(m.cells[f]) == 0 {
			continue
		}
		var err error
		m.eachCell(m.dependentSelection(depends[f]), func(idx []int) {
			if err != nil {
				return
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			b.WriteString("\n  ")
			err = w.write(&b, m.Cell(f, idx), depends[f])
		})
		if err != nil {
			return nil, err
		}
	}
	if !first {
		b.WriteString("\n ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes(), nil
}

// dependentSelection selects every value of the dimensions depends marks and
// the first value of the others, whose values all have the same cells.
func (m *Matrix) dependentSelection(depends []bool) [][]int {
	sel := make([][]int, len(m.Dimensions))
	for i, d := range m.Dimensions {
		if depends[i] {
			sel[i] = allIndexes(d)
		} else {
			sel[i] = []int{0}
		}
	}
	return sel
}

// indented encodes v as the file is written: indented by one space, HTML
// characters as they are.
func indented(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cellWriter writes cells, quoting each distinct string once.
type cellWriter struct {
	m       *Matrix
	pageURL func(string) string
	quoted  map[string][]byte
	notes   map[*Statement][]byte
}

func (w *cellWriter) quote(s string) ([]byte, error) {
	if q, ok := w.quoted[s]; ok {
		return q, nil
	}
	q, err := compact(s)
	if err != nil {
		return nil, err
	}
	w.quoted[s] = q
	return q, nil
}

// compact encodes v on one line, HTML characters as they are.
func compact(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// write writes one cell as an object whose keys are "feature", then the id of
// each dimension in order that depends marks, then "status", "notes",
// "source" and "page".
func (w *cellWriter) write(b *bytes.Buffer, c Cell, depends []bool) error {
	field := func(k string, v []byte) {
		if k == "feature" {
			b.WriteByte('{')
		} else {
			b.WriteByte(',')
		}
		q, _ := w.quote(k)
		b.Write(q)
		b.WriteByte(':')
		b.Write(v)
	}
	str := func(s string) []byte {
		q, _ := w.quote(s)
		return q
	}
	field("feature", str(c.Feature.ID))
	for i, d := range w.m.Dimensions {
		if depends[i] {
			field(d.ID, str(c.Values[i].ID))
		}
	}
	field("status", str(string(c.Status)))
	notes, source := []byte("[]"), ""
	if c.Statement != nil {
		if len(c.Statement.Notes) > 0 {
			n, ok := w.notes[c.Statement]
			if !ok {
				var err error
				if n, err = compact(c.Statement.Notes); err != nil {
					return err
				}
				w.notes[c.Statement] = n
			}
			notes = n
		}
		source = c.Statement.Source
	}
	field("notes", notes)
	field("source", str(source))
	page := ""
	if source != "" {
		page = w.pageURL(source)
	}
	field("page", str(page))
	b.WriteByte('}')
	return nil
}
