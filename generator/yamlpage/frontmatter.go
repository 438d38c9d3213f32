package yamlpage

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"

	"kb/generator/diag"
)

// fmEntry is one key of the front matter: the key and value nodes it comes
// from in the file, and the value to write.
type fmEntry struct {
	name       string
	key, value *yaml.Node // in the file
	out        *yaml.Node // to write
}

// frontMatter writes the page's front matter: title (the page's title),
// description (metadata.description, else the summary), then every other
// metadata key in the file's order, as YAML the encoder escapes. Each key
// maps to its key in the file, each value to its value.
func (w *writer) frontMatter(root, title *yaml.Node) {
	tk, _ := lookup(root, "title")
	entries := []fmEntry{{name: "title", key: tk, value: title, out: strNode(strings.Join(strings.Fields(title.Value), " "))}}
	meta := w.mapping(root, "metadata")
	if dk, dv := lookup(meta, "description"); dv != nil && dv.Kind == yaml.ScalarNode && strings.TrimSpace(dv.Value) != "" {
		entries = append(entries, fmEntry{name: "description", key: dk, value: dv, out: strNode(strings.Join(strings.Fields(dv.Value), " "))})
	} else if sk, sv := lookup(root, "summary"); sv != nil && sv.Kind == yaml.ScalarNode && strings.TrimSpace(sv.Value) != "" {
		entries = append(entries, fmEntry{name: "description", key: sk, value: sv, out: strNode(strings.Join(strings.Fields(sv.Value), " "))})
	}
	seen := map[string]bool{"title": true, "description": true}
	if meta != nil {
		for i := 0; i+1 < len(meta.Content); i += 2 {
			k, v := deref(meta.Content[i]), deref(meta.Content[i+1])
			if k == nil || k.Kind != yaml.ScalarNode || seen[k.Value] {
				continue
			}
			seen[k.Value] = true
			out := w.clean(v, 0)
			if out == nil {
				break // too many nodes, reported
			}
			entries = append(entries, fmEntry{name: k.Value, key: k, value: v, out: out})
		}
	}

	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range entries {
		doc.Content = append(doc.Content, strNode(e.name), e.out)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		// The nodes are made above from scalars, lists and mappings only.
		w.errorAt(w.off(root), "the page's metadata cannot be written as a front matter: %v", err)
		return
	}
	enc.Close()
	fm := buf.Bytes()

	// Read the front matter back for where each key and value starts.
	var back yaml.Node
	if err := yaml.Unmarshal(fm, &back); err != nil || len(back.Content) != 1 || len(back.Content[0].Content) != 2*len(entries) {
		w.errorAt(w.off(root), "the page's metadata cannot be written as a front matter")
		return
	}
	fl := diag.NewLines(fm)
	pairs := back.Content[0].Content
	ctx := w.off(root)
	w.text(ctx, "---\n")
	for i, e := range entries {
		ks := fl.Offset(pairs[2*i].Line, pairs[2*i].Column)
		vs := fl.Offset(pairs[2*i+1].Line, pairs[2*i+1].Column)
		end := len(fm)
		if 2*i+2 < len(pairs) {
			end = fl.Offset(pairs[2*i+2].Line, pairs[2*i+2].Column)
		}
		if i == 0 && ks > 0 {
			w.text(ctx, string(fm[:ks]))
		}
		kat, vat := ctx, ctx
		if e.key != nil {
			kat = w.off(e.key)
			vat = kat
		}
		if e.value != nil && e.value.Line > 0 {
			vat = w.off(e.value)
		}
		w.text(kat, string(fm[ks:vs]))
		w.text(vat, string(fm[vs:end]))
	}
	w.text(ctx, "---\n")
}

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// clean copies a metadata value as plain data: aliases expanded, anchors,
// comments and custom tags dropped. It returns nil, after reporting it,
// past maxNodes nodes.
func (w *writer) clean(n *yaml.Node, depth int) *yaml.Node {
	n = deref(n)
	w.nodes++
	if w.nodes > maxNodes || depth > 100 {
		if w.nodes == maxNodes+1 || depth == 101 {
			w.errorAt(w.off(n), "the page's metadata has more than %d values (are YAML aliases repeating a large part?); make it smaller", maxNodes)
		}
		w.nodes = maxNodes + 2
		return nil
	}
	if n == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	}
	switch n.Kind {
	case yaml.SequenceNode, yaml.MappingNode:
		out := &yaml.Node{Kind: n.Kind, Tag: map[yaml.Kind]string{yaml.SequenceNode: "!!seq", yaml.MappingNode: "!!map"}[n.Kind]}
		for _, c := range n.Content {
			cc := w.clean(c, depth+1)
			if cc == nil {
				return nil
			}
			out.Content = append(out.Content, cc)
		}
		return out
	case yaml.ScalarNode:
		tag := n.ShortTag()
		switch tag {
		case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp":
		default:
			tag = "!!str"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: n.Value}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
}
