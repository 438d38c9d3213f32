package decision

import (
	"bytes"
	"encoding/json"
)

// The shapes of public/decisions/ID.json. Field order is the order in the
// file; lists are never null, so that readers need not test for it.
type (
	jsonTree struct {
		ID          string         `json:"id"`
		Title       string         `json:"title"`
		Description string         `json:"description,omitempty"`
		Start       string         `json:"start"`
		Questions   []jsonQuestion `json:"questions"`
		Outcomes    []jsonOutcome  `json:"outcomes"`
		Paths       []jsonPath     `json:"paths"`
		Longest     int            `json:"longest"`
	}
	jsonQuestion struct {
		ID        string       `json:"id"`
		Text      string       `json:"text"`
		Help      string       `json:"help,omitempty"`
		Dimension string       `json:"dimension,omitempty"`
		Covers    bool         `json:"covers,omitempty"`
		Remaining int          `json:"remaining"`
		Options   []jsonOption `json:"options"`
	}
	jsonOption struct {
		Label string         `json:"label"`
		Slug  string         `json:"slug"`
		Next  string         `json:"next"`
		Set   map[string]any `json:"set"`
	}
	jsonOutcome struct {
		ID        string     `json:"id"`
		Title     string     `json:"title"`
		Text      string     `json:"text"`
		Recommend []string   `json:"recommend"`
		Links     []jsonLink `json:"links"`
	}
	jsonLink struct {
		Text string `json:"text"`
		Href string `json:"href"`
		Page string `json:"page"`
	}
	jsonPath struct {
		Steps     []jsonStep     `json:"steps"`
		Outcome   string         `json:"outcome"`
		Facts     map[string]any `json:"facts"`
		Recommend []string       `json:"recommend"`
	}
	jsonStep struct {
		Question string `json:"question"`
		Option   string `json:"option"`
		Slug     string `json:"slug"`
	}
)

// JSON is the tree and every path through it, written as
// public/decisions/ID.json for other tools and for embeds. pageURL maps an
// article source ("a.md#x") to its built page ("a.html#x").
func (t *Tree) JSON(pageURL func(string) string) ([]byte, error) {
	doc := jsonTree{ID: t.ID, Title: t.Title, Description: t.Description, Start: t.Start.ID,
		Questions: []jsonQuestion{}, Outcomes: []jsonOutcome{}, Paths: []jsonPath{}, Longest: t.Longest()}
	for _, n := range t.Nodes {
		if n.Outcome {
			doc.Outcomes = append(doc.Outcomes, outcomeJSON(n, pageURL))
		} else {
			doc.Questions = append(doc.Questions, questionJSON(n))
		}
	}
	for _, p := range t.Paths {
		doc.Paths = append(doc.Paths, pathJSON(p))
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

func outcomeJSON(n *Node, pageURL func(string) string) jsonOutcome {
	o := jsonOutcome{ID: n.ID, Title: n.Title, Text: n.Body, Recommend: featureIDs(n), Links: []jsonLink{}}
	for _, l := range n.Links {
		o.Links = append(o.Links, jsonLink{l.Text, l.Href, pageURL(l.Href)})
	}
	return o
}

// featureIDs lists the ids of the features an outcome recommends, never nil.
func featureIDs(n *Node) []string {
	ids := []string{}
	for _, f := range n.Recommend {
		ids = append(ids, f.ID)
	}
	return ids
}

func questionJSON(n *Node) jsonQuestion {
	q := jsonQuestion{ID: n.ID, Text: n.Text, Help: n.Help, Covers: n.Covers, Remaining: n.Remaining, Options: []jsonOption{}}
	if n.Dimension != nil {
		q.Dimension = n.Dimension.ID
	}
	for _, op := range n.Options {
		q.Options = append(q.Options, optionJSON(op))
	}
	return q
}

// optionJSON writes what an option sets as one object: a dimension's value
// ids as a list, a plain fact's one value as a string.
func optionJSON(op *Option) jsonOption {
	o := jsonOption{Label: op.Label, Slug: op.Slug, Set: map[string]any{}}
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
	return o
}

// pathJSON writes a path with its dimension values and plain facts in one
// object, "facts" (encoding/json sorts its keys).
func pathJSON(p Path) jsonPath {
	jp := jsonPath{Steps: []jsonStep{}, Outcome: p.Outcome.ID, Facts: map[string]any{}, Recommend: featureIDs(p.Outcome)}
	for _, s := range p.Steps {
		jp.Steps = append(jp.Steps, jsonStep{s.Question.ID, s.Option.Label, s.Option.Slug})
	}
	for d, vals := range p.Values {
		jp.Facts[d.ID] = vals
	}
	for k, v := range p.Facts {
		jp.Facts[k] = v
	}
	return jp
}
