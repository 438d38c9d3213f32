package yamlpage

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// charRef is an HTML character reference (&amp; &#38; &#x26;), which Learn
// shows as its character: YAML pages write "Security &amp; Compliance".
var charRef = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// escape makes s literal inline Markdown text on one line: white space runs
// (newlines included) become one space, every character that could start
// Markdown or HTML gets a backslash, and character references are kept, so
// that the renderer shows them as their character.
func escape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for s != "" {
		loc := charRef.FindStringIndex(s)
		part := s
		if loc != nil {
			part = s[:loc[0]]
		}
		for _, r := range part {
			if strings.ContainsRune("\\`*_{}[]()#+-.!<>|~&:\"'=$^@", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		if loc == nil {
			break
		}
		b.WriteString(s[loc[0]:loc[1]])
		s = s[loc[1]:]
	}
	return b.String()
}

// destination writes a URL as a Markdown link destination in <...> form:
// < > and \ are escaped, so the article parser reads back exactly the URL.
// A URL with a line break cannot be one.
func destination(u string) (string, bool) {
	if strings.ContainsAny(u, "\n\r") {
		return "", false
	}
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range u {
		if r == '<' || r == '>' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('>')
	return b.String(), true
}

// labels are the names Learn shows for a link list's linkListType and a
// Hub item's itemType.
var labels = map[string]string{
	"architecture": "Architecture",
	"concept":      "Concept",
	"deploy":       "Deploy",
	"download":     "Download",
	"get-started":  "Get started",
	"how-to-guide": "How-to guide",
	"learn":        "Training",
	"overview":     "Overview",
	"quickstart":   "Quickstart",
	"reference":    "Reference",
	"sample":       "Code sample",
	"tutorial":     "Tutorial",
	"video":        "Video",
	"whats-new":    "What's new",
}

func label(kind string) string {
	if l, ok := labels[kind]; ok {
		return l
	}
	return kind
}

// inline writes the text of a scalar, escaped, on one line.
func (w *writer) inline(n *yaml.Node) {
	w.text(w.off(n), escape(n.Value))
}

// heading writes "## text" for the scalar n at a level; nothing for no text.
func (w *writer) heading(level int, n *yaml.Node, url *yaml.Node, ctx int) {
	if (n == nil || strings.TrimSpace(n.Value) == "") && (url == nil || strings.TrimSpace(url.Value) == "") {
		return
	}
	w.text(ctx, strings.Repeat("#", level)+" ")
	if url != nil {
		w.link(n, url, ctx)
	} else {
		w.inline(n)
	}
	w.text(ctx, "\n\n")
}

// paragraph writes the text of a scalar as a paragraph of escaped text.
func (w *writer) paragraph(n *yaml.Node, ctx int) {
	if n == nil || strings.TrimSpace(n.Value) == "" {
		return
	}
	w.inline(n)
	w.text(ctx, "\n\n")
}

// link writes [text](<url>). The "[" maps to the URL, where the article
// parser reports a broken link. With no text the URL is the text; with no
// URL, only the text is written.
func (w *writer) link(text, url *yaml.Node, ctx int) {
	if url == nil || strings.TrimSpace(url.Value) == "" {
		if text != nil {
			w.inline(text)
		}
		return
	}
	u := strings.TrimSpace(url.Value)
	dest, ok := destination(u)
	if !ok {
		w.errorAt(w.off(url), "a url must be on one line")
		if text != nil {
			w.inline(text)
		}
		return
	}
	at := w.off(url)
	w.text(at, "[")
	if text != nil && strings.TrimSpace(text.Value) != "" {
		w.inline(text)
	} else {
		w.text(at, escape(u))
	}
	w.text(at, "](")
	w.text(at, dest)
	w.text(at, ")")
}

// links writes the links ({text, url}) at key of m as a list, each item
// prefixed by its itemType's label when it has one.
func (w *writer) links(m *yaml.Node, key string) {
	items := w.seq(m, key)
	for _, l := range items {
		ctx := w.off(l)
		w.text(ctx, "- ")
		if t := w.str(l, "itemType"); t != nil && strings.TrimSpace(t.Value) != "" {
			w.text(w.off(t), "*"+escape(label(strings.TrimSpace(t.Value)))+"*: ")
		}
		text, url := w.str(l, "text"), w.str(l, "url")
		if url == nil {
			w.errorAt(ctx, "a link needs a url: add url: followed by the link's target")
		}
		w.link(text, url, ctx)
		w.text(ctx, "\n")
	}
	if len(items) > 0 {
		w.text(w.off(m), "\n")
	}
}

// markdown copies a Markdown value (an FAQ answer) as a block. Lines of a
// literal block scalar (answer: |) and a value on one line are mapped byte
// for byte; other lines map to the value.
func (w *writer) markdown(n *yaml.Node, ctx int) {
	if n == nil {
		return
	}
	v := strings.TrimRight(n.Value, " \t\r\n")
	v = strings.TrimLeft(v, "\r\n")
	if strings.TrimSpace(v) == "" {
		return
	}
	at := w.off(n)
	vlines := strings.Split(v, "\n")
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		line := n.Line + 1
		// Skip the blank lines TrimLeft removed.
		for lead := len(n.Value) - len(strings.TrimLeft(n.Value, "\r\n")); lead > 0; lead-- {
			line++
		}
		for _, vl := range vlines {
			w.sourceLine(line, vl, at)
			w.text(at, "\n")
			line++
		}
	case len(vlines) == 1 && w.copyAt(at, v):
		w.verbatim(at, v)
		w.text(at, "\n")
	case len(vlines) == 1 && w.copyAt(at+1, v): // "quoted" or 'quoted'
		w.verbatim(at+1, v)
		w.text(at, "\n")
	default:
		for _, vl := range vlines {
			w.text(at, vl)
			w.text(at, "\n")
		}
	}
	w.text(ctx, "\n")
}

// copyAt reports whether the file holds s at offset at.
func (w *writer) copyAt(at int, s string) bool {
	return at >= 0 && at+len(s) <= len(w.src) && string(w.src[at:at+len(s)]) == s
}

// sourceLine writes vl, a line of a literal block scalar, which is the
// file's 1-based line (after its indentation) when the file holds it there.
func (w *writer) sourceLine(line int, vl string, at int) {
	if vl == "" {
		return
	}
	start := w.lines.Offset(line, 1)
	text := w.lines.LineText(line)
	if ind := len(text) - len(vl); ind >= 0 && text[ind:] == vl && strings.Trim(text[:ind], " ") == "" {
		w.verbatim(start+ind, vl)
		return
	}
	w.text(at, vl)
}

// landing writes a Landing page: each landingContent card is a heading 2,
// with its link lists, each under its linkListType's label.
func (w *writer) landing(root, title *yaml.Node) {
	ctx := w.off(root)
	w.heading(1, title, nil, ctx)
	w.paragraph(w.str(root, "summary"), ctx)
	for _, card := range w.seq(root, "landingContent") {
		cctx := w.off(card)
		w.heading(2, w.str(card, "title"), nil, cctx)
		for _, list := range w.seq(card, "linkLists") {
			lctx := w.off(list)
			if t := w.str(list, "linkListType"); t != nil && strings.TrimSpace(t.Value) != "" {
				w.text(w.off(t), "*"+escape(label(strings.TrimSpace(t.Value)))+"*")
				w.text(lctx, "\n\n")
			}
			w.links(list, "links")
		}
	}
}

// hub writes a Hub page: highlighted links, then the product directory,
// conceptual content, tools and additional content, each a heading 2 with
// its cards as headings 3.
func (w *writer) hub(root, title *yaml.Node) {
	ctx := w.off(root)
	w.heading(1, title, nil, ctx)
	w.paragraph(w.str(root, "summary"), ctx)
	if h := w.mapping(root, "highlightedContent"); h != nil {
		items := w.seq(h, "items")
		for _, it := range items {
			ictx := w.off(it)
			w.text(ictx, "- ")
			if t := w.str(it, "itemType"); t != nil && strings.TrimSpace(t.Value) != "" {
				w.text(w.off(t), "*"+escape(label(strings.TrimSpace(t.Value)))+"*: ")
			}
			w.link(w.str(it, "title"), w.str(it, "url"), ictx)
			w.text(ictx, "\n")
		}
		if len(items) > 0 {
			w.text(w.off(h), "\n")
		}
	}
	for _, key := range []string{"productDirectory", "conceptualContent", "tools"} {
		s := w.mapping(root, key)
		if s == nil {
			continue
		}
		sctx := w.off(s)
		w.heading(2, w.str(s, "title"), nil, sctx)
		w.paragraph(w.str(s, "summary"), sctx)
		if key == "tools" { // tools are logos with a link each: a list
			items := w.seq(s, "items")
			for _, it := range items {
				w.text(w.off(it), "- ")
				w.link(w.str(it, "title"), w.str(it, "url"), w.off(it))
				w.text(w.off(it), "\n")
			}
			if len(items) > 0 {
				w.text(sctx, "\n")
			}
			continue
		}
		w.cards(s)
	}
	if a := w.mapping(root, "additionalContent"); a != nil {
		for _, s := range w.seq(a, "sections") {
			sctx := w.off(s)
			w.heading(2, w.str(s, "title"), nil, sctx)
			w.paragraph(w.str(s, "summary"), sctx)
			w.cards(s)
		}
		w.markdown(w.str(a, "footer"), w.off(a))
	}
}

// cards writes the items of a Hub section: a heading 3 each (a link when
// the card has a url), its summary, its links and its footer link.
func (w *writer) cards(s *yaml.Node) {
	for _, card := range w.seq(s, "items") {
		cctx := w.off(card)
		w.heading(3, w.str(card, "title"), w.str(card, "url"), cctx)
		w.paragraph(w.str(card, "summary"), cctx)
		w.links(card, "links")
		if f := w.mapping(card, "footerLink"); f != nil {
			w.link(w.str(f, "text"), w.str(f, "url"), w.off(f))
			w.text(w.off(f), "\n\n")
		}
	}
}

// faq writes an FAQ page: each section a heading 2, each question a
// heading 3 followed by its answer.
func (w *writer) faq(root, title *yaml.Node) {
	ctx := w.off(root)
	w.heading(1, title, nil, ctx)
	w.markdown(w.str(root, "summary"), ctx)
	for _, s := range w.seq(root, "sections") {
		sctx := w.off(s)
		w.heading(2, w.str(s, "name"), nil, sctx)
		w.markdown(w.str(s, "summary"), sctx)
		for _, q := range w.seq(s, "questions") {
			qctx := w.off(q)
			question := w.str(q, "question")
			if question == nil || strings.TrimSpace(question.Value) == "" {
				w.errorAt(qctx, "an FAQ entry needs a question: add question: followed by its text")
				continue
			}
			w.heading(3, question, nil, qctx)
			w.markdown(w.str(q, "answer"), qctx)
		}
	}
	w.markdown(w.str(root, "additionalContent"), ctx)
}
