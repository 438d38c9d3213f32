package tomlpos

import (
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Path names a key or value of a document: keys (string) and array indexes
// (int), from the top. The second [[dimension]]'s first value's id is
// Path{"dimension", 1, "values", 0, "id"}, whether the values are written as
// an inline array or as [[dimension.values]] tables.
type Path []any

// String writes a path as dimension[1].values[0].id, quoting keys that are
// not bare.
func (p Path) String() string {
	var b strings.Builder
	for _, e := range p {
		switch e := e.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(e) + "]")
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			if bare(e) {
				b.WriteString(e)
			} else {
				b.WriteString(strconv.Quote(e))
			}
		}
	}
	return b.String()
}

// Keys is the path without its indexes: "dimension.values.id".
func (p Path) Keys() string {
	var keys []string
	for _, e := range p {
		if s, ok := e.(string); ok {
			keys = append(keys, s)
		}
	}
	return strings.Join(keys, ".")
}

func (p Path) with(e any) Path {
	q := make(Path, len(p), len(p)+1)
	copy(q, p)
	return append(q, e)
}

func bare(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// span is where a path is written: its key (or table header, or array
// element) and its value.
type span struct{ key, value int }

// scanner records where every key and value of a valid TOML document is
// written. It follows the TOML grammar far enough to know the path of each
// key: tables and arrays of tables, dotted and quoted keys, inline tables and
// arrays (elements get their index), strings of the four kinds, comments. The
// document has been parsed by BurntSushi/toml first, so the scanner need not
// check anything; on text it does not expect it stops, and the paths found so
// far stay.
type scanner struct {
	src   string
	i     int
	spans map[string]span
	// last is the index of the last entry of each array of tables, by the
	// array's path: "dimension" -> 1, "dimension[1].values" -> 0.
	last map[string]int
}

func scan(src string) map[string]span {
	s := &scanner{src: src, spans: map[string]span{}, last: map[string]int{}}
	s.document()
	return s.spans
}

func (s *scanner) record(p Path, key, value int) {
	k := p.String()
	if _, ok := s.spans[k]; !ok {
		s.spans[k] = span{key, value}
	}
}

func (s *scanner) peek(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

// blank skips spaces and tabs, and with newlines also line ends and comments.
func (s *scanner) blank(newlines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case c == '#':
			if nl := strings.IndexByte(s.src[s.i:], '\n'); nl >= 0 {
				s.i += nl
			} else {
				s.i = len(s.src)
			}
		case newlines && (c == '\n' || c == '\r'):
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) document() {
	var table Path
	for {
		s.blank(true)
		if s.i >= len(s.src) {
			return
		}
		start := s.i
		switch {
		case s.peek("[["):
			s.i += 2
			s.blank(false)
			keys, ok := s.key()
			s.blank(false)
			if !ok || !s.peek("]]") {
				return
			}
			s.i += 2
			parent := s.resolve(keys[:len(keys)-1])
			arr := parent.with(keys[len(keys)-1]).String()
			n, seen := s.last[arr]
			if seen {
				n++
			}
			s.last[arr] = n
			table = parent.with(keys[len(keys)-1]).with(n)
			s.record(parent.with(keys[len(keys)-1]), start, start)
			s.record(table, start, start)
		case s.peek("["):
			s.i++
			s.blank(false)
			keys, ok := s.key()
			s.blank(false)
			if !ok || !s.peek("]") {
				return
			}
			s.i++
			table = s.resolve(keys)
			s.record(table, start, start)
		default:
			if !s.keyValue(table) {
				return
			}
		}
		s.blank(false)
		if s.i < len(s.src) && s.src[s.i] != '\n' && s.src[s.i] != '\r' {
			return
		}
	}
}

// resolve turns the keys of a table header into a path, each key that names
// an array of tables standing for its last entry.
func (s *scanner) resolve(keys []string) Path {
	var p Path
	for _, k := range keys {
		p = p.with(k)
		if n, ok := s.last[p.String()]; ok {
			p = p.with(n)
		}
	}
	return p
}

// keyValue reads key = value under the table at, recording both.
func (s *scanner) keyValue(at Path) bool {
	start := s.i
	keys, ok := s.key()
	if !ok {
		return false
	}
	s.blank(false)
	if !s.peek("=") {
		return false
	}
	s.i++
	s.blank(false)
	p := at
	for i, k := range keys {
		p = p.with(k)
		if i < len(keys)-1 {
			s.record(p, start, start)
		}
	}
	s.record(p, start, s.i)
	return s.value(p)
}

// key reads a dotted key: bare or quoted parts separated by dots.
func (s *scanner) key() ([]string, bool) {
	var keys []string
	for {
		s.blank(false)
		if s.i >= len(s.src) {
			return nil, false
		}
		switch s.src[s.i] {
		case '"', '\'':
			start := s.i
			if !s.str() {
				return nil, false
			}
			k, ok := unquote(s.src[start:s.i])
			if !ok {
				return nil, false
			}
			keys = append(keys, k)
		default:
			start := s.i
			for s.i < len(s.src) && bare(s.src[s.i:s.i+1]) {
				s.i++
			}
			if s.i == start {
				return nil, false
			}
			keys = append(keys, s.src[start:s.i])
		}
		s.blank(false)
		if !s.peek(".") {
			return keys, true
		}
		s.i++
	}
}

// value reads one value at path p, recording the elements of arrays and the
// keys of inline tables.
func (s *scanner) value(p Path) bool {
	if s.i >= len(s.src) {
		return false
	}
	switch s.src[s.i] {
	case '"', '\'':
		return s.str()
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.blank(true)
			if s.peek("]") {
				s.i++
				return true
			}
			q := p.with(n)
			s.record(q, s.i, s.i)
			if !s.value(q) {
				return false
			}
			s.blank(true)
			if s.peek(",") {
				s.i++
			}
		}
	case '{':
		s.i++
		for {
			s.blank(true)
			if s.peek("}") {
				s.i++
				return true
			}
			if !s.keyValue(p) {
				return false
			}
			s.blank(true)
			if s.peek(",") {
				s.i++
			}
		}
	}
	// A number, date, time or boolean: up to what ends a value.
	start := s.i
	for s.i < len(s.src) && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
		s.i++
	}
	return s.i > start
}

// str skips one string literal of any of the four kinds.
func (s *scanner) str() bool {
	end := stringEnd(s.src, s.i)
	if end < 0 {
		return false
	}
	s.i = end
	return true
}

// stringEnd returns the offset just after the string literal that starts at
// i, or -1.
func stringEnd(src string, i int) int {
	rest := src[i:]
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		q := rest[:3]
		j := 3
		for j < len(rest) {
			if q[0] == '"' && rest[j] == '\\' {
				j += 2
				continue
			}
			if strings.HasPrefix(rest[j:], q) {
				// Up to two quotes may end the content: """a""""" is a"".
				k := j + 3
				for k < len(rest) && k < j+5 && rest[k] == q[0] {
					k++
				}
				return i + k
			}
			j++
		}
	case strings.HasPrefix(rest, `"`):
		for j := 1; j < len(rest); j++ {
			switch rest[j] {
			case '\\':
				j++
			case '"':
				return i + j + 1
			case '\n':
				return -1
			}
		}
	case strings.HasPrefix(rest, `'`):
		if j := strings.IndexAny(rest[1:], "'\n"); j >= 0 && rest[1+j] == '\'' {
			return i + j + 2
		}
	}
	return -1
}

// unquote decodes a string literal as written in TOML. Plain ones are cut
// out; those with escapes or several lines are decoded by BurntSushi/toml,
// so that every escape it knows is understood.
func unquote(lit string) (string, bool) {
	if len(lit) >= 2 && !strings.HasPrefix(lit, `"""`) && !strings.HasPrefix(lit, `'''`) {
		if lit[0] == '\'' || !strings.Contains(lit, `\`) {
			return lit[1 : len(lit)-1], true
		}
	}
	var v struct {
		S string `toml:"s"`
	}
	if _, err := toml.Decode("s = "+lit, &v); err != nil {
		return "", false
	}
	return v.S, true
}

// strings calls fn with the offset and text of every string literal between
// two offsets (keys and values, not comments), until fn returns false.
func eachString(src string, from, to int, fn func(off int, text string) bool) {
	for i := from; i < to; i++ {
		switch src[i] {
		case '#':
			nl := strings.IndexByte(src[i:to], '\n')
			if nl < 0 {
				return
			}
			i += nl
		case '"', '\'':
			end := stringEnd(src, i)
			if end < 0 {
				continue
			}
			if text, ok := unquote(src[i:end]); ok && !fn(i, text) {
				return
			}
			i = end - 1
		}
	}
}
