package claims

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"kb/generator/matrix"
)

// An article says what it applies to in two ways kb reads as the context of
// its claims:
//
//   - kb's front matter: products: [value ids] and features: [feature ids];
//   - a Microsoft Docs "applies to" banner, a paragraph (often from an
//     include) such as
//     **APPLIES TO:** ![yes](yes.png)2016 ![yes](yes.png)2019 ![no](no.png)Subscription Edition
//     where each label after a "yes" picture (or ✓, ✔) names a value and each
//     after a "no" picture (or ✗, ✘) a value the article is not about; a
//     banner without marks lists the values ("Applies to: Contoso Server
//     2016, Contoso Server 2019").
//
// What an article applies to is not a scope each value of which its claims
// must hold for (as a path pattern's or a heading's values are): a claim of
// an article about several versions is contradicted only when it holds for
// none of them ("RBS works with SQL Server 2014" in an article for 2013 to
// Subscription Edition holds for 2016).
//
// A label names a value of a dimension when the value's name or an alias is
// the label, or else ends with it ("2016" for "SharePoint Server 2016"); the
// dimension most labels name wins.

// declaredFacts returns the facts of the front matter's products: and the
// topics of its features:.
func (c *Checker) declaredFacts(params map[string]any) ([]fact, []topic) {
	var facts []fact
	for _, id := range idList(params["products"]) {
		for _, d := range c.m.Dimensions {
			if v := d.Value(id); v != nil {
				facts = addValue(facts, v, "the front matter's products")
			}
		}
	}
	var topics []topic
	for _, id := range idList(params["features"]) {
		if f := c.m.Feature(id); f != nil && !hasTopic(topics, f) {
			topics = append(topics, topic{f, "the front matter's features"})
		}
	}
	return facts, topics
}

// addValue adds v to the fact of its dimension, as a scope.
func addValue(facts []fact, v *matrix.Value, origin string) []fact {
	for i := range facts {
		if facts[i].dim == v.Dimension {
			if !containsValue(facts[i].values, v) {
				facts[i].values = append(facts[i].values, v)
			}
			return facts
		}
	}
	return append(facts, fact{dim: v.Dimension, values: []*matrix.Value{v}, origin: origin})
}

func idList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}

var (
	appliesTo     = regexp.MustCompile(`(?i)^\W*applies\s+to\W*`)
	yesMark       = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:yes|check|checkmark|supported|applies)(?:[^a-z]|$)|[✓✔✅]`)
	listSeparator = regexp.MustCompile(`\s*(?:,|;|\band\b|\bor\b)\s*`)
	noMark        = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:no|cross|not[-_ ]?supported|x)(?:[^a-z]|$)|[✗✘❌]`)
)

// banner reads an "applies to" banner paragraph: the values it marks yes,
// or ok false when n is no banner or names no value.
func (c *Checker) banner(n ast.Node, source []byte) (fact, bool) {
	if n.Lines().Len() == 0 {
		return fact{}, false
	}
	seg := n.Lines().At(0)
	first := seg.Value(source)
	if !bytes.Contains(bytes.ToLower(first[:min(len(first), 40)]), []byte("applies")) {
		return fact{}, false // the common case, without reading the paragraph
	}
	p := proseOf(n, source)
	if !appliesTo.MatchString(p.text) {
		return fact{}, false
	}
	type label struct {
		yes  bool
		text string
	}
	var labels []label
	var yes []string
	mark := 0 // 1 yes, -1 no, 0 none before the label
	var text strings.Builder
	flush := func() {
		if t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text.String()), "*_|,")); t != "" && mark != 0 {
			labels = append(labels, label{mark > 0, t})
			if mark > 0 {
				yes = append(yes, t)
			}
		}
		text.Reset()
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Image:
			flush()
			alt := string(ch.Destination) + " " + plainText(ch, source)
			switch {
			case yesMark.MatchString(alt):
				mark = 1
			case noMark.MatchString(alt):
				mark = -1
			default:
				mark = 0
			}
		case *ast.Text:
			for _, r := range string(ch.Segment.Value(source)) {
				switch {
				case strings.ContainsRune("✓✔✅", r):
					flush()
					mark = 1
				case strings.ContainsRune("✗✘❌", r):
					flush()
					mark = -1
				default:
					text.WriteRune(r)
				}
			}
		default:
			text.WriteString(plainText(ch, source))
		}
	}
	flush()
	if len(labels) == 0 {
		// "Applies to: Contoso Server 2016, Contoso Server 2019": no marks,
		// every label listed applies.
		rest := appliesTo.ReplaceAllString(p.text, "")
		for _, t := range listSeparator.Split(rest, -1) {
			if t = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), "*_|.")); t != "" {
				labels = append(labels, label{true, t})
				yes = append(yes, t)
			}
		}
	}
	// The dimension most labels name; its values marked yes.
	named := map[*matrix.Dimension]int{}
	per := map[*matrix.Dimension][]*matrix.Value{}
	var best *matrix.Dimension
	for _, l := range labels {
		for _, v := range c.labelled(l.text) {
			named[v.Dimension]++
			if l.yes && !containsValue(per[v.Dimension], v) {
				per[v.Dimension] = append(per[v.Dimension], v)
			}
			if best == nil || named[v.Dimension] > named[best] {
				best = v.Dimension
			}
		}
	}
	if best == nil || len(per[best]) == 0 {
		return fact{}, false
	}
	return fact{dim: best, values: per[best], origin: "the applies-to banner (" + clip(strings.Join(yes, ", "), 80) + ")"}, true
}

// labelled returns the values a banner's label names: per dimension, the
// value with a name that is the label, else the newest with a name that ends
// with it.
func (c *Checker) labelled(label string) []*matrix.Value {
	l := asciiLower(strings.TrimSpace(label))
	if l == "" {
		return nil
	}
	exact := map[*matrix.Dimension]*matrix.Value{}
	suffix := map[*matrix.Dimension]*matrix.Value{}
	for _, t := range c.values {
		v := t.value
		switch {
		case t.text == l:
			exact[v.Dimension] = v
		case strings.HasSuffix(t.text, " "+l):
			if w := suffix[v.Dimension]; w == nil || v.Index > w.Index {
				suffix[v.Dimension] = v
			}
		}
	}
	var out []*matrix.Value
	for _, d := range c.m.Dimensions {
		if v := exact[d]; v != nil {
			out = append(out, v)
		} else if v := suffix[d]; v != nil {
			out = append(out, v)
		}
	}
	return out
}

// plainText is the text of a node's Text children.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(source))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
