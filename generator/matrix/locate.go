package matrix

import (
	"regexp"
	"strings"
)

// BurntSushi/toml decodes but does not say where a key was written, so a
// locator finds positions in the text instead. It knows the layout the format
// asks for: one [[array]] header per entry, "key = value" lines under it. For
// TOML written another way (inline tables, dotted keys) it falls back to the
// nearest thing it can find: the entry's header, or the start of the file.

// block is one [[name]] or [name] table of a file: from its header to the next
// header.
type block struct {
	name       string // "statement", "dimension.values"
	index      int    // which entry of the array of that name, from 0
	start, end int    // byte offsets; start is the header's
}

type locator struct {
	src    string
	blocks []block
}

var tableHeader = regexp.MustCompile(`^[ \t]*\[(\[?)[ \t]*([A-Za-z0-9_.\-"' ]+?)[ \t]*\]\]?[ \t]*(#.*)?$`)

func newLocator(src []byte) *locator {
	l := &locator{src: string(src)}
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
func (l *locator) entry(name string, index int) (block, bool) {
	for _, b := range l.blocks {
		if b.name == name && b.index == index {
			return b, true
		}
	}
	return block{}, false
}

// extent is the text of an entry and its sub-tables ([[dimension]] with the
// [[dimension.values]] under it).
func (l *locator) extent(name string, index int) (start, end int, ok bool) {
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

// header returns the offset of the index-th [[name]] header, or 0.
func (l *locator) header(name string, index int) int {
	if b, ok := l.entry(name, index); ok {
		return b.start + len(l.src[b.start:]) - len(strings.TrimLeft(l.src[b.start:], " \t"))
	}
	return 0
}

// key returns the offset of "key =" in the index-th [[name]] entry, or of the
// entry's header when the key is not written there.
func (l *locator) key(name string, index int, key string) int {
	b, ok := l.entry(name, index)
	if !ok {
		return 0
	}
	re := regexp.MustCompile(`(?m)^[ \t]*("` + regexp.QuoteMeta(key) + `"|` + regexp.QuoteMeta(key) + `)[ \t]*=`)
	if loc := re.FindStringSubmatchIndex(l.src[b.start:b.end]); loc != nil {
		return b.start + loc[2]
	}
	return l.header(name, index)
}

// value returns the offset of the string literal "text" written after key in
// the index-th [[name]] entry (or in its sub-tables when key is ""), falling
// back to the key.
func (l *locator) value(name string, index int, key, text string) int {
	return l.nthValue(name, index, key, text, 0)
}

// nthValue is value for the nth (from 0) occurrence of the literal.
func (l *locator) nthValue(name string, index int, key, text string, nth int) int {
	start, end, ok := l.extent(name, index)
	if !ok {
		return 0
	}
	from := start
	if key != "" {
		from = l.key(name, index, key)
	}
	for _, lit := range []string{`"` + text + `"`, `'` + text + `'`} {
		at := from
		for n := 0; ; n++ {
			i := strings.Index(l.src[at:end], lit)
			if i < 0 {
				break
			}
			if n == nth {
				return at + i
			}
			at += i + len(lit)
		}
	}
	return from
}
