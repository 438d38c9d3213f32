// Package yamlpage turns the YAML pages of a Microsoft Docs repository into
// Markdown articles, so that kb renders and checks them as it does every
// other article.
//
// A YAML page is a .yml file whose first line names its kind, its "mime":
//
//	### YamlMime:Landing
//	title: SharePoint Server
//	summary: Plan, deploy and manage SharePoint Server.
//	metadata:
//	  ms.topic: landing-page
//	landingContent:
//	  - title: Install
//	    linkLists:
//	      - linkListType: deploy
//	        links:
//	          - text: Installation overview
//	            url: install/overview.md
//
// Microsoft Learn draws these as pages of cards. kb knows three kinds:
// Landing (cards of link lists), Hub (sections of cards, highlighted links,
// tools) and FAQ (sections of questions with Markdown answers). Convert
// writes such a page as Markdown: a front matter with the page's title,
// description and metadata, a heading 1 with the title, the summary, a
// heading 2 per section or card, a heading 3 per card of a section, and the
// links as lists. Nothing else is needed downstream: the Markdown goes
// through kb's article parser, so its links are resolved and checked like
// any article's, and it gets an "On this page" from its headings.
//
// Everything taken from the YAML as text (titles, summaries, link texts) is
// escaped so that it stays text: no YAML value can open a Markdown construct
// or write HTML. Link URLs are written as Markdown link destinations in
// <...> form, which the article parser then checks (unsafe schemes
// included). FAQ summaries and answers are Markdown by definition and are
// copied as Markdown.
//
// Diagnostics found later in the Markdown (a broken link, an unknown alert
// in an answer) must point at the .yml file, so Convert also returns spans
// (diag.Span): every byte of the Markdown belongs to one span, which names
// the place in the .yml file it came from, the value itself for what was
// written from a value, the enclosing key for the markup around it. An
// answer copied line by line is mapped byte for byte (Span.Linear).
//
// A page of another kind (ContentPage, YamlDocument, ...) is a warning
// (yaml-page-unknown) and is not converted; a file that is not valid YAML,
// lacks its title or has a value of the wrong kind is an error (yaml-page)
// at the line and column of the problem. Keys kb does not know are ignored.
package yamlpage

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kb/generator/diag"
)

// maxMarkdown bounds the Markdown of one page: YAML aliases can make a
// small file stand for a huge tree, and no real page comes near it.
const maxMarkdown = 4 << 20

// maxItems bounds the list items of one page that are walked, for the same
// reason: aliases in a Landing page's cards, link lists and links multiply.
const maxItems = 100000

// maxNodes bounds the metadata nodes copied into the front matter, for the
// same reason.
const maxNodes = 10000

var mimeLine = regexp.MustCompile(`^### YamlMime:([A-Za-z][A-Za-z0-9.]*)[ \t]*\r?$`)

// IsPage reports whether src is a YAML page (its first line "### YamlMime:X")
// and its mime.
func IsPage(src []byte) (mime string, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	line, _, _ := bytes.Cut(src, []byte("\n"))
	m := mimeLine.FindSubmatch(line)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

// Known reports whether kb renders YAML pages of mime.
func Known(mime string) bool {
	switch mime {
	case "Landing", "Hub", "FAQ":
		return true
	}
	return false
}

// Convert makes the Markdown of a YAML page: a front matter (title,
// description, and the page's metadata: ms.*, ROBOTS, etc., YAML-escaped)
// and a body; spans map every part of the Markdown back to the position in
// the .yml file it came from, in Markdown order, without overlaps, covering
// the whole Markdown. path names the file in spans and diagnostics. md is nil
// when the page is not converted (an unknown mime, or an error).
func Convert(path string, src []byte) (md []byte, spans []diag.Span, diags diag.List) {
	w := &writer{path: path, src: src, lines: diag.NewLines(src)}
	mime, ok := IsPage(src)
	if !ok {
		w.errorAt(0, `not a YAML page: its first line must be "### YamlMime:" and the kind, such as Landing, Hub or FAQ`)
		return nil, nil, w.diags
	}
	if !Known(mime) {
		at := bytes.Index(src, []byte("YamlMime:")) + len("YamlMime:")
		w.diags.Add(w.lines.At(path, at, diag.Warning, diag.RuleYamlPageUnknown,
			"kb does not render YAML pages of kind %q; it renders Landing, Hub and FAQ pages. The file is not published as a page", mime))
		return nil, nil, w.diags
	}
	root, ok := w.parse()
	if !ok {
		return nil, nil, w.diags
	}
	title := w.str(root, "title")
	if title == nil || strings.TrimSpace(title.Value) == "" {
		at := w.off(root)
		if title != nil {
			at = w.off(title)
		}
		w.errorAt(at, "a %s page needs a title: add title: followed by the page's title", mime)
	}
	if w.failed() {
		return nil, nil, w.diags
	}
	w.frontMatter(root, title)
	w.text(w.off(root), "\n")
	switch mime {
	case "Landing":
		w.landing(root, title)
	case "Hub":
		w.hub(root, title)
	case "FAQ":
		w.faq(root, title)
	}
	if w.tooLarge {
		w.errorAt(w.off(root), "the page is too large: more than %d MiB of Markdown or %d list items (are YAML aliases repeating a large part?); make it smaller", maxMarkdown>>20, maxItems)
		return nil, nil, w.diags
	}
	// Other errors (a link without url, a value of the wrong kind) leave the
	// rest of the page to be published and checked.
	return w.md.Bytes(), w.spans, w.diags
}

// writer builds the Markdown of one page and its spans.
type writer struct {
	path     string
	src      []byte
	lines    *diag.Lines
	md       bytes.Buffer
	spans    []diag.Span
	diags    diag.List
	errors   int
	tooLarge bool
	nodes    int // metadata nodes copied
	items    int // list items walked
	reported map[string]bool
}

func (w *writer) failed() bool { return w.errors > 0 }

// errorAt reports an error at an offset of the file, once: a part of the
// file that aliases repeat is reported at its one place.
func (w *writer) errorAt(at int, format string, args ...any) {
	w.errors++
	d := w.lines.At(w.path, at, diag.Error, diag.RuleYamlPage, format, args...)
	key := strconv.Itoa(at) + " " + d.Message
	if w.reported[key] {
		return
	}
	if w.reported == nil {
		w.reported = map[string]bool{}
	}
	w.reported[key] = true
	w.diags.Add(d)
}

// off is the byte offset of a node in the file.
func (w *writer) off(n *yaml.Node) int {
	if n == nil || n.Line == 0 {
		return 0
	}
	return w.lines.Offset(n.Line, n.Column)
}

// text appends s, written from the YAML at offset at (not a copy of it).
func (w *writer) text(at int, s string) { w.add(s, at, false) }

// verbatim appends s, a copy of the file's bytes from offset at.
func (w *writer) verbatim(at int, s string) { w.add(s, at, true) }

func (w *writer) add(s string, at int, linear bool) {
	if s == "" || w.tooLarge {
		return
	}
	if w.md.Len()+len(s) > maxMarkdown {
		w.tooLarge = true
		return
	}
	start := w.md.Len()
	w.md.WriteString(s)
	end := w.md.Len()
	if n := len(w.spans); n > 0 {
		last := &w.spans[n-1]
		if !linear && !last.Linear && last.Pos.Offset == at {
			last.End = end
			return
		}
		if linear && last.Linear && last.Pos.Offset+(last.End-last.Start) == at {
			last.End = end
			return
		}
	}
	w.spans = append(w.spans, diag.Span{Start: start, End: end, Pos: diag.Pos{File: w.path, Offset: at}, Linear: linear})
}

// parse reads the file as YAML and returns its top-level mapping.
func (w *writer) parse() (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(w.src, &doc); err != nil {
		line, msg := diag.YAMLError(err)
		at := 0
		if line > 0 {
			at = w.lines.Offset(line, 1)
		}
		w.errorAt(at, "the page is not valid YAML: %s", msg)
		return nil, false
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		w.errorAt(w.off(root), "a YAML page must be a set of key: value lines after its first line")
		return nil, false
	}
	return root, true
}

// deref follows aliases.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// lookup returns the key and value nodes of key in mapping m (the first, if
// it is given twice), or nils.
func lookup(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if kn := deref(m.Content[i]); kn != nil && kn.Kind == yaml.ScalarNode && kn.Value == key {
			return kn, deref(m.Content[i+1])
		}
	}
	return nil, nil
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// str returns the scalar value of key in m, or nil when it is absent or
// null; a value that is not a scalar is an error.
func (w *writer) str(m *yaml.Node, key string) *yaml.Node {
	_, v := lookup(m, key)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		w.errorAt(w.off(v), "%s must be text, not a list or a set of keys", key)
		return nil
	}
	return v
}

// seq returns the items of the list at key in m; a value that is not a list
// is an error.
func (w *writer) seq(m *yaml.Node, key string) []*yaml.Node {
	_, v := lookup(m, key)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		w.errorAt(w.off(v), "%s must be a list (lines that start with \"- \")", key)
		return nil
	}
	if w.tooLarge {
		return nil
	}
	if w.items += len(v.Content); w.items > maxItems {
		w.tooLarge = true
		return nil
	}
	var out []*yaml.Node
	for _, it := range v.Content {
		it = deref(it)
		if isNull(it) {
			continue
		}
		if it.Kind != yaml.MappingNode {
			w.errorAt(w.off(it), "each item of %s must be a set of key: value lines", key)
			continue
		}
		out = append(out, it)
	}
	return out
}

// mapping returns the mapping at key in m; a value that is not one is an
// error.
func (w *writer) mapping(m *yaml.Node, key string) *yaml.Node {
	_, v := lookup(m, key)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		w.errorAt(w.off(v), "%s must be a set of key: value lines", key)
		return nil
	}
	return v
}
