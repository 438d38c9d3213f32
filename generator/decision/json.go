package decision

import (
	"bytes"
	"encoding/json"
)

// JSON is the tree and every path through it, written as
// public/decisions/ID.json for other tools and for embeds. pageURL maps an
// article source ("a.md#x") to its built page ("a.html#x").
func (t *Tree) JSON(pageURL func(string) string) ([]byte, error) {
	type option struct {
		Label string         `json:"label"`
		Slug  string         `json:"slug"`
		Next  string         `json:"next"`
		Set   map[string]any `json:"set"`
	}
	type question struct {
		ID        string   `json:"id"`
		Text      string   `json:"text"`
		Help      string   `json:"help,omitempty"`
		Dimension string   `json:"dimension,omitempty"`
		Covers    bool     `json:"covers,omitempty"`
		Remaining int      `json:"remaining"`
		Options   []option `json:"options"`
	}
	type link struct {
		Text string `json:"text"`
		Href string `json:"href"`
		Page string `json:"page"`
	}
	type outcome struct {
		ID        string   `json:"id"`
		Title     string   `json:"title"`
		Text      string   `json:"text"`
		Recommend []string `json:"recommend"`
		Links     []link   `json:"links"`
	}
	type step struct {
		Question string `json:"question"`
		Option   string `json:"option"`
		Slug     string `json:"slug"`
	}
	type path struct {
		Steps     []step         `json:"steps"`
		Outcome   string         `json:"outcome"`
		Facts     map[string]any `json:"facts"`
		Recommend []string       `json:"recommend"`
	}
	doc := struct {
		ID          string     `json:"id"`
		Title       string     `json:"title"`
		Description string     `json:"description,omitempty"`
		Start       string     `json:"start"`
		Questions   []question `json:"questions"`
		Outcomes    []outcome  `json:"outcomes"`
		Paths       []path     `json:"paths"`
		Longest     int        `json:"longest"`
	}{ID: t.ID, Title: t.Title, Description: t.Description, Start: t.Start.ID, Questions: []question{}, Outcomes: []outcome{},
		Paths: []path{}, Longest: t.Longest()}
	for _, n := range t.Nodes {
		if n.Outcome {
			o := outcome{ID: n.ID, Title: n.Title, Text: n.Body, Recommend: []string{}, Links: []link{}}
			for _, f := range n.Recommend {
				o.Recommend = append(o.Recommend, f.ID)
			}
			for _, l := range n.Links {
				o.Links = append(o.Links, link{l.Text, l.Href, pageURL(l.Href)})
			}
			doc.Outcomes = append(doc.Outcomes, o)
			continue
		}
		q := question{ID: n.ID, Text: n.Text, Help: n.Help, Covers: n.Covers, Remaining: n.Remaining, Options: []option{}}
		if n.Dimension != nil {
			q.Dimension = n.Dimension.ID
		}
		for _, op := range n.Options {
			o := option{Label: op.Label, Slug: op.Slug, Set: map[string]any{}}
			if op.Next != nil {
				o.Next = op.Next.ID
			}
			for _, b := range op.Binds {
				if b.Dimension != nil {
					o.Set[b.Key] = b.Values
				} else {
					o.Set[b.Key] = b.Values[0]
				}
			}
			q.Options = append(q.Options, o)
		}
		doc.Questions = append(doc.Questions, q)
	}
	for _, p := range t.Paths {
		jp := path{Steps: []step{}, Outcome: p.Outcome.ID, Facts: map[string]any{}, Recommend: []string{}}
		for _, s := range p.Steps {
			jp.Steps = append(jp.Steps, step{s.Question.ID, s.Option.Label, s.Option.Slug})
		}
		for d, vals := range p.Values {
			jp.Facts[d.ID] = vals
		}
		for k, v := range p.Facts {
			jp.Facts[k] = v
		}
		for _, f := range p.Outcome.Recommend {
			jp.Recommend = append(jp.Recommend, f.ID)
		}
		doc.Paths = append(doc.Paths, jp)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
