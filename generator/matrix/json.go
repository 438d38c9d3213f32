package matrix

import (
	"bytes"
	"encoding/json"
)

// JSON is the resolved matrix for other tools, written as public/matrix.json:
// the dimensions and features, then one record per cell (every feature with
// one value of each dimension), Unknown included. pageURL maps an article
// source ("a.md#x") to its built page ("a.html#x").
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
	}
	type requirement struct {
		ID       string   `json:"id"`
		Features []string `json:"features"`
		Text     string   `json:"text"`
		Source   string   `json:"source"`
		Page     string   `json:"page"`
	}
	type doc struct {
		Dimensions   []dimension       `json:"dimensions"`
		Features     []feature         `json:"features"`
		Requirements []requirement     `json:"requirements"`
		Cells        []json.RawMessage `json:"cells"`
	}
	out := doc{Dimensions: []dimension{}, Features: []feature{}, Requirements: []requirement{}, Cells: []json.RawMessage{}}
	for _, d := range m.Dimensions {
		dim := dimension{ID: d.ID, Name: d.Name}
		for _, v := range d.Values {
			dim.Values = append(dim.Values, value{v.ID, v.Name, v.Aliases})
		}
		out.Dimensions = append(out.Dimensions, dim)
	}
	for _, f := range m.Features {
		out.Features = append(out.Features, feature{f.ID, f.Name, f.Aliases, f.Article, pageURL(f.Article)})
	}
	for _, r := range m.Requirements {
		req := requirement{ID: r.ID, Text: r.Text, Source: r.Source, Page: pageURL(r.Source), Features: []string{}}
		for _, f := range r.Features {
			req.Features = append(req.Features, f.ID)
		}
		out.Requirements = append(out.Requirements, req)
	}
	for _, f := range m.Features {
		for _, c := range m.cells[f] {
			rec, err := m.cellJSON(c, pageURL)
			if err != nil {
				return nil, err
			}
			out.Cells = append(out.Cells, rec)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cellJSON writes one cell as an object whose keys are "feature", then each
// dimension id in order, then "status", "notes", "source" and "page".
func (m *Matrix) cellJSON(c Cell, pageURL func(string) string) (json.RawMessage, error) {
	var b bytes.Buffer
	field := func(k string, v any) error {
		if b.Len() > 0 {
			b.WriteByte(',')
		} else {
			b.WriteByte('{')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(v)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
		return err
	}
	_ = field("feature", c.Feature.ID)
	for i, d := range m.Dimensions {
		_ = field(d.ID, c.Values[i].ID)
	}
	_ = field("status", string(c.Status))
	notes, source := []string{}, ""
	if c.Statement != nil {
		notes = append(notes, c.Statement.Notes...)
		source = c.Statement.Source
	}
	_ = field("notes", notes)
	_ = field("source", source)
	page := ""
	if source != "" {
		page = pageURL(source)
	}
	if err := field("page", page); err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
