// Package tomlpos finds where things are written in a TOML file, so that
// diagnostics about the support matrix and the decision trees can point at a
// line and column. BurntSushi/toml decodes TOML but does not report where a
// key was written; a Locator finds positions in the text instead.
//
// It knows the layout kb's rules files use: one [[array]] header per entry,
// "key = value" lines under it, string literals for ids. For TOML written
// another way (inline tables, dotted keys) it falls back to the nearest thing
// it can find: the entry's header, or the start of the file.
package tomlpos

import (
	"regexp"
	"strings"
)

// block is one [[name]] or [name] table of a file: from its header to the next
// header.
type block struct {
	name       string // "statement", "dimension.values"
	index      int    // which entry of the array of that name, from 0
	start, end int    // byte offsets; start is the header's
}

// Locator finds positions in one TOML file. Offsets are bytes from the start.
type Locator struct {
	src    string
	blocks []block
	spans  map[string]span // by Path.String()
}

var tableHeader = regexp.MustCompile(`^[ \t]*\[(\[?)[ \t]*([A-Za-z0-9_.\-"' ]+?)[ \t]*\]\]?[ \t]*(#.*)?$`)

// New indexes the tables of src.
func New(src []byte) *Locator {
	l := &Locator{src: string(src)}
	l.spans = scan(l.src)
	counts := map[string]int{}
	inMultiline := ""
	off := 0
	for _, line := range strings.SplitAfter(l.src, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if inMultiline == "" {
			if m := tableHeader.FindStringSubmatch(trimmed); m != nil {
				name := strings.ReplaceAll(m[2], " ", "")
				if len(l.blocks) > 0 {
					l.blocks[len(l.blocks)-1].end = off
				}
				l.blocks = append(l.blocks, block{name: name, index: counts[name], start: off, end: len(l.src)})
				counts[name]++
			}
		}
		// Track multi-line strings, so that a line inside one is never
		// taken for a header.
		for _, q := range []string{`"""`, `'''`} {
			if n := strings.Count(trimmed, q); n%2 == 1 {
				if inMultiline == "" {
					inMultiline = q
				} else if inMultiline == q {
					inMultiline = ""
				}
			}
		}
		off += len(line)
	}
	return l
}

// entry returns the block of the index-th [[name]] entry, and whether there
// is one.
func (l *Locator) entry(name string, index int) (block, bool) {
	for _, b := range l.blocks {
		if b.name == name && b.index == index {
			return b, true
		}
	}
	return block{}, false
}

// Extent is the text of an entry and its sub-tables ([[dimension]] with the
// [[dimension.values]] under it).
func (l *Locator) Extent(name string, index int) (start, end int, ok bool) {
	b, ok := l.entry(name, index)
	if !ok {
		return 0, 0, false
	}
	end = b.end
	for _, c := range l.blocks {
		if c.start >= b.end && strings.HasPrefix(c.name, name+".") {
			end = c.end
		} else if c.start >= b.end {
			break
		}
	}
	return b.start, end, true
}

// Header returns the offset of the index-th [[name]] header, or 0.
func (l *Locator) Header(name string, index int) int {
	if b, ok := l.entry(name, index); ok {
		return b.start + len(l.src[b.start:]) - len(strings.TrimLeft(l.src[b.start:], " \t"))
	}
	return 0
}

// Key returns the offset of "key =" in the index-th [[name]] entry, or of the
// entry's header when the key is not written there.
func (l *Locator) Key(name string, index int, key string) int {
	b, ok := l.entry(name, index)
	if !ok {
		return 0
	}
	if _, at, ok := KeyLine(l.src[b.start:b.end], key, true); ok {
		return b.start + at
	}
	// Written another way: a key with escapes, or in an inline table.
	top := Path{}
	for _, k := range strings.Split(name, ".") {
		top = append(top, k)
	}
	for _, p := range []Path{append(top.with(index), key), append(top, key)} {
		if off, ok := l.KeyOf(p); ok && off >= b.start && off < b.end {
			return off
		}
	}
	return l.Header(name, index)
}

// KeyOf returns where the key of path p is written (for an array element,
// the element; for a table, its header), and whether p is in the file.
func (l *Locator) KeyOf(p Path) (int, bool) {
	s, ok := l.spans[p.String()]
	return s.key, ok
}

// ValueOf returns where the value of path p is written, and whether p is in
// the file.
func (l *Locator) ValueOf(p Path) (int, bool) {
	s, ok := l.spans[p.String()]
	return s.value, ok
}

// Value returns the offset of the string literal "text" written after key in
// the index-th [[name]] entry (or in its sub-tables when key is ""), falling
// back to the key.
func (l *Locator) Value(name string, index int, key, text string) int {
	return l.NthValue(name, index, key, text, 0)
}

// NthValue is Value for the nth (from 0) occurrence of the literal. A literal
// is found by what it means, so "a\"b", 'a"b' and "a\u0022b" are all a"b.
func (l *Locator) NthValue(name string, index int, key, text string, nth int) int {
	start, end, ok := l.Extent(name, index)
	if !ok {
		return 0
	}
	from := start
	if key != "" {
		from = l.Key(name, index, key)
	}
	found, n := from, 0
	eachString(l.src, from, end, func(off int, s string) bool {
		if s != text {
			return true
		}
		if n == nth {
			found = off
			return false
		}
		n++
		return true
	})
	return found
}

// String returns the offset of the first string literal meaning text at or
// after offset from, or from when there is none.
func (l *Locator) String(from int, text string) int {
	found := from
	eachString(l.src, from, len(l.src), func(off int, s string) bool {
		if s == text {
			found = off
			return false
		}
		return true
	})
	return found
}

// Text returns the file's text between two offsets.
func (l *Locator) Text(start, end int) string { return l.src[start:end] }

// Len is the length of the file in bytes.
func (l *Locator) Len() int { return len(l.src) }
