package claims

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"kb/generator/matrix"
)

// Phrases are the phrases of a team's documentation that the reader does
// not know, per kind, added to the built-in ones ([claims.phrases] in
// config.toml). A phrase is plain words, matched without regard to case at
// word boundaries, its spaces matching any white space.
type Phrases struct {
	Supported    []string // a positive claim: "is certified for"
	NotSupported []string // a negative claim: "is blocked on"
	Required     []string // a requirement (a minimum): "depends on"
	NotRequired  []string // no claim: "is optional for"
	History      []string // no present claim: "was retired in"
}

// phraseSet is the compiled Phrases: one matcher per kind, nil when the kind
// has none.
type phraseSet struct {
	supported, notSupported, required, notRequired, history *phraseMatcher
	any                                                     bool
}

// MaxPhrase is the longest phrase [claims.phrases] accepts, in bytes.
const MaxPhrase = 100

// CheckPhrase returns what is wrong with a configured phrase, or "".
func CheckPhrase(p string) string {
	switch {
	case strings.TrimSpace(p) == "":
		return "a phrase is empty; write words such as \"is certified for\""
	case len(p) > MaxPhrase:
		return fmt.Sprintf("a phrase is longer than %d bytes; write the few words that make the claim, such as \"is certified for\"", MaxPhrase)
	}
	return ""
}

// phraseMatcher finds plain phrases in a text: their words in order,
// without regard to case, with white space between them, at word
// boundaries where a phrase begins or ends with an ASCII letter or digit.
// (A scan, not a regular expression: the phrases come from config.toml.)
type phraseMatcher struct {
	phrases [][]string // the words of each phrase, longest phrase first
	first   [256]bool  // the first bytes (ASCII lower case) a phrase can start with
}

// newPhraseMatcher returns the matcher of the phrases CheckPhrase accepts,
// or nil when there are none.
func newPhraseMatcher(ps []string) *phraseMatcher {
	m := &phraseMatcher{}
	for _, p := range ps {
		if CheckPhrase(p) != "" {
			continue
		}
		words := strings.Fields(p)
		if !slices.ContainsFunc(m.phrases, func(q []string) bool { return slices.Equal(q, words) }) {
			m.phrases = append(m.phrases, words)
		}
		b := words[0][0]
		m.first[lowerByte(b)] = true
		m.first[upperByte(b)] = true
		if b >= 0x80 {
			// Another case of a letter may begin with another byte.
			for x := 0x80; x < 256; x++ {
				m.first[x] = true
			}
		}
	}
	if len(m.phrases) == 0 {
		return nil
	}
	slices.SortStableFunc(m.phrases, func(a, b []string) int { return phraseLen(b) - phraseLen(a) })
	return m
}

func phraseLen(words []string) int {
	n := len(words) - 1
	for _, w := range words {
		n += len(w)
	}
	return n
}

func lowerByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func upperByte(b byte) byte {
	if b >= 'a' && b <= 'z' {
		return b - ('a' - 'A')
	}
	return b
}

func asciiWord(b byte) bool { return b < 0x80 && isWord(b) }

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// find returns where the first phrase in s is (the longest at the earliest
// place), or nil. m may be nil.
func (m *phraseMatcher) find(s string) []int {
	if m == nil {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if !m.first[s[i]] {
			continue
		}
		for _, words := range m.phrases {
			if end := matchAt(s, i, words); end >= 0 {
				return []int{i, end}
			}
		}
	}
	return nil
}

// matchAt returns the end of the phrase words at s[i:], or -1.
func matchAt(s string, i int, words []string) int {
	if asciiWord(words[0][0]) && i > 0 && asciiWord(s[i-1]) {
		return -1
	}
	pos := i
	for k, w := range words {
		if k > 0 {
			sp := pos
			for pos < len(s) && isSpace(s[pos]) {
				pos++
			}
			if pos == sp {
				return -1
			}
		}
		if pos+len(w) > len(s) || !strings.EqualFold(s[pos:pos+len(w)], w) {
			return -1
		}
		pos += len(w)
	}
	last := words[len(words)-1]
	if asciiWord(last[len(last)-1]) && pos < len(s) && asciiWord(s[pos]) {
		return -1
	}
	return pos
}

func newPhraseSet(p Phrases) phraseSet {
	s := phraseSet{
		supported:    newPhraseMatcher(p.Supported),
		notSupported: newPhraseMatcher(p.NotSupported),
		required:     newPhraseMatcher(p.Required),
		notRequired:  newPhraseMatcher(p.NotRequired),
		history:      newPhraseMatcher(p.History),
	}
	s.any = s.supported != nil || s.notSupported != nil || s.required != nil || s.notRequired != nil || s.history != nil
	return s
}

// first returns the earliest match in s of the built-in matcher (when
// builtin, the cheap test that it may match, holds) and of the configured
// one (which may be nil), and whether it is the configured one.
func first(s string, builtin bool, re *regexp.Regexp, configured *phraseMatcher) ([]int, bool) {
	var loc []int
	if builtin {
		loc = re.FindStringIndex(s)
	}
	if c := configured.find(s); c != nil && (loc == nil || c[0] < loc[0]) {
		return c, true
	}
	return loc, false
}

// cue reports whether a lead-in, or a table's header or cell, speaks of
// support: a built-in cue word or a configured phrase of claim.
func (c *Checker) cue(text string) bool {
	return cueIn(text) || c.phrases.supported.find(text) != nil || c.phrases.notSupported.find(text) != nil || c.phrases.required.find(text) != nil
}

// negative reports whether a lead-in (lower case) is negative.
func (c *Checker) negative(lower string) bool {
	return negative.MatchString(lower) || c.phrases.notSupported.find(lower) != nil
}

// builtinMarks are the cell texts that give a status, lower case.
var builtinMarks = map[string]matrix.Status{
	"x": matrix.Supported, "✓": matrix.Supported, "✔": matrix.Supported, "✔️": matrix.Supported, "yes": matrix.Supported,
	"supported": matrix.Supported, "fully supported": matrix.Supported,
	"limited": matrix.Limited, "supported with limitations": matrix.Limited, "partially supported": matrix.Limited,
	"not supported": matrix.NotSupported, "unsupported": matrix.NotSupported, "no": matrix.NotSupported,
	"✗": matrix.NotSupported, "✘": matrix.NotSupported, "❌": matrix.NotSupported,
	"deprecated": matrix.Deprecated,
}

// MarkKey is the form of a cell's text that marks are looked up and
// compared by: lower case, without the white space, emphasis and final
// period around it.
func MarkKey(text string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(text), "*_ ."))
}

// CheckMark returns the status of a [claims.marks] entry (cell text ->
// status), or what is wrong with it.
func CheckMark(text, status string) (matrix.Status, string) {
	if MarkKey(text) == "" {
		return "", "a mark is empty; write the text of a table cell, such as \"●\" or \"Yes\""
	}
	switch s := matrix.Status(status); s {
	case matrix.Supported, matrix.NotSupported, matrix.Limited, matrix.Deprecated:
		return s, ""
	}
	return "", fmt.Sprintf("the status %q is not a status of the support matrix; write \"supported\", \"not-supported\", \"limited\" or \"deprecated\"", status)
}

// markOf returns the status a cell's text gives, if it is a mark.
func (c *Checker) markOf(text string) (matrix.Status, bool) {
	t := MarkKey(text)
	s, ok := c.marks[t]
	if !ok && len(t) > 1 && len(t) < 40 && mayBeFootnote(t[len(t)-1]) {
		// "Supported<sup>1,2</sup>", "Yes*": a mark with its footnote.
		if m := footnoted.FindStringSubmatch(t); m != nil {
			s, ok = c.marks[strings.TrimSpace(m[1])]
		}
	}
	return s, ok
}

// mayBeFootnote reports whether a cell's last byte may end a footnote
// marker: a digit, "]", "*" or the last byte of a superscript digit or dagger.
func mayBeFootnote(b byte) bool {
	return b >= '0' && b <= '9' || b == ']' || b == '*' || b >= 0x80
}
