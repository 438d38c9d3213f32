package toc

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"kb/generator/diag"
)

// parseYAML reads a toc.yml: a list of entries, or a mapping with an items:
// key (in any letter case: Items: is common, and DocFX reads it).
func (l *loader) parseYAML(f *parsed, data []byte) []*raw {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := diag.YAMLError(err)
		l.syntax(f, f.lines.Offset(max(line, 1), 1), "this toc.yml is not valid YAML: %s; its entries are left out of the navigation until it is fixed", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil // an empty file: no entries
	}
	root := doc.Content[0]
	switch root.Kind {
	case yaml.SequenceNode:
		return l.yamlList(f, root, 0)
	case yaml.MappingNode:
		if items := value(root, "items"); items != nil {
			if items.Kind != yaml.SequenceNode {
				l.syntax(f, l.at(f, items), "items: is not a list; write each entry as \"- name: ...\" under it")
				return nil
			}
			return l.yamlList(f, items, 0)
		}
		if value(root, "name") != nil || value(root, "href") != nil {
			l.syntax(f, l.at(f, root), "a toc.yml is a list of entries: write \"- \" before the first key, or put the entries under items:")
			return nil
		}
		return nil // no entries (metadata only)
	case yaml.ScalarNode:
		if root.Tag == "!!null" {
			return nil
		}
	}
	l.syntax(f, l.at(f, root), "a toc.yml is a list of entries, or has them under items:")
	return nil
}

// maxDepth is how deep entries may nest; deeper ones are dropped (reported),
// so that a hostile file cannot make the navigation's recursion deep.
const maxDepth = 64

func (l *loader) yamlList(f *parsed, list *yaml.Node, depth int) []*raw {
	if depth >= maxDepth {
		l.syntax(f, l.at(f, list), "entries nest more than %d levels deep here; the deeper ones are left out", maxDepth)
		return nil
	}
	var out []*raw
	for _, n := range list.Content {
		if n.Kind != yaml.MappingNode {
			if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
				continue // "- " alone
			}
			l.syntax(f, l.at(f, n), "a TOC entry is a mapping with name: and href: keys")
			continue
		}
		out = append(out, l.yamlEntry(f, n, depth))
	}
	return out
}

func (l *loader) yamlEntry(f *parsed, n *yaml.Node, depth int) *raw {
	r := &raw{line: n.Line, col: n.Column}
	var href, topic string
	hrefAt, topicAt := l.at(f, n), 0
	hasTopic := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch strings.ToLower(k.Value) {
		case "name":
			r.name = l.scalar(f, v, "name")
		case "displayname":
			if r.name == "" {
				r.name = l.scalar(f, v, "displayName")
			}
		case "href":
			href, hrefAt = l.scalar(f, v, "href"), l.at(f, v)
			r.line, r.col = v.Line, v.Column
		case "topichref":
			topic, topicAt, hasTopic = l.scalar(f, v, "topicHref"), l.at(f, v), true
		case "expanded":
			r.expanded = v.Kind == yaml.ScalarNode && strings.EqualFold(v.Value, "true")
		case "items":
			switch v.Kind {
			case yaml.SequenceNode:
				r.items = l.yamlList(f, v, depth+1)
			case yaml.ScalarNode:
				if v.Tag != "!!null" {
					l.syntax(f, l.at(f, v), "items: is not a list; write each entry as \"- name: ...\" under it")
				}
			default:
				l.syntax(f, l.at(f, v), "items: is not a list; write each entry as \"- name: ...\" under it")
			}
		}
		// Other keys (uid, tocHref, metadata) do not change the navigation.
	}
	if href == "" && hasTopic && topic != "" {
		// An entry with only a topicHref: its page.
		href, hrefAt, hasTopic = topic, topicAt, false
		r.line, r.col, _ = f.lines.Position(topicAt)
	}
	l.set(f, r, href, hrefAt, topic, topicAt, hasTopic)
	if strings.TrimSpace(r.name) == "" {
		r.name = nameOf(href)
	}
	return r
}

// scalar is a key's text value; another kind is reported.
func (l *loader) scalar(f *parsed, v *yaml.Node, key string) string {
	if v.Kind != yaml.ScalarNode {
		l.syntax(f, l.at(f, v), "%s: is not a single value", key)
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return v.Value
}

// at is the byte offset of a node.
func (l *loader) at(f *parsed, n *yaml.Node) int {
	return f.lines.Offset(n.Line, n.Column)
}

// value returns the value of key (letter case ignored) in mapping m.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, key) {
			return m.Content[i+1]
		}
	}
	return nil
}
