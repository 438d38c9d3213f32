package toc

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// parseMarkdown reads a toc.md: one heading per entry, its level the
// entry's depth. "# [Name](href)" has a page, "# Name" is a group. Blank
// lines are skipped; any other line is not a TOC's, as DocFX says too.
func (l *loader) parseMarkdown(f *parsed, data []byte) []*raw {
	var roots []*raw
	type open struct {
		level int
		r     *raw
	}
	var stack []open
	for at := 0; at < len(data); {
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += at
		}
		line := data[at:end]
		start := at
		at = end + 1
		if start == 0 && bytes.HasPrefix(line, []byte("\xef\xbb\xbf")) { // a byte order mark
			line, start = line[3:], 3
		}
		text := strings.TrimRight(string(line), " \t\r")
		trimmed := strings.TrimLeft(text, " ")
		indent := len(text) - len(trimmed)
		if trimmed == "" {
			continue
		}
		if !utf8.ValidString(trimmed) || !strings.HasPrefix(trimmed, "#") || indent > 3 {
			l.syntax(f, start+indent, "this line of a toc.md is not a heading; write each entry as \"# [Name](file.md)\", or \"# Name\" for a group, with one # per level")
			continue
		}
		level := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
		content := strings.TrimLeft(trimmed[level:], " \t")
		contentAt := start + indent + (len(trimmed) - len(content))
		if content == "" {
			l.syntax(f, start+indent, "this heading of a toc.md has no name; write \"# [Name](file.md)\" or \"# Name\"")
			continue
		}
		r := &raw{}
		r.line, r.col, _ = f.lines.Position(contentAt)
		href, hrefAt := "", contentAt
		if name, h, off, ok := mdLink(content); ok {
			r.name, href, hrefAt = name, h, contentAt+off
			r.line, r.col, _ = f.lines.Position(hrefAt)
		} else {
			r.name = content
		}
		l.set(f, r, href, hrefAt, "", 0, false)
		if strings.TrimSpace(r.name) == "" {
			r.name = nameOf(href)
		}
		for len(stack) > 0 && stack[len(stack)-1].level >= level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) >= maxDepth {
			l.syntax(f, start+indent, "entries nest more than %d levels deep here; the deeper ones are left out", maxDepth)
			continue
		}
		if len(stack) == 0 {
			roots = append(roots, r)
		} else {
			parent := stack[len(stack)-1].r
			parent.items = append(parent.items, r)
		}
		stack = append(stack, open{level, r})
	}
	return roots
}

// mdLink reads "[name](href)" or "[name](href "title")": the name, the href
// and the href's byte offset in s.
func mdLink(s string) (name, href string, at int, ok bool) {
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, ")") {
		return "", "", 0, false
	}
	mid := strings.LastIndex(s, "](")
	if mid < 0 {
		return "", "", 0, false
	}
	name = s[1:mid]
	inner := s[mid+2 : len(s)-1]
	lead := len(inner) - len(strings.TrimLeft(inner, " "))
	inner = strings.TrimSpace(inner)
	at = mid + 2 + lead
	if strings.HasPrefix(inner, "<") {
		if end := strings.IndexByte(inner, '>'); end > 0 {
			return name, inner[1:end], at + 1, true
		}
	}
	if i := strings.IndexAny(inner, " \t"); i >= 0 {
		inner = inner[:i] // a title follows
	}
	return name, inner, at, true
}
