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
	supported, notSupported, required, notRequired, history *regexp.Regexp
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

// phrasePattern returns the regular expression of a plain phrase: its words
// quoted, white space between them, word boundaries at its ends when they
// are ASCII letters or digits.
func phrasePattern(p string) string {
	words := strings.Fields(p)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	s := strings.Join(words, `\s+`)
	f := strings.TrimSpace(p)
	if asciiWord(f[0]) {
		s = `\b` + s
	}
	if asciiWord(f[len(f)-1]) {
		s += `\b`
	}
	return s
}

func asciiWord(b byte) bool { return b < 0x80 && isWord(b) }

// compilePhrases builds one matcher of a kind's phrases (those CheckPhrase
// accepts), longest first so that the longest wins at one place.
func compilePhrases(ps []string) *regexp.Regexp {
	var pats []string
	for _, p := range ps {
		if CheckPhrase(p) == "" {
			pats = append(pats, phrasePattern(p))
		}
	}
	if len(pats) == 0 {
		return nil
	}
	slices.SortStableFunc(pats, func(a, b string) int { return len(b) - len(a) })
	pats = slices.Compact(pats)
	return regexp.MustCompile(`(?i)(?:` + strings.Join(pats, "|") + `)`)
}

func newPhraseSet(p Phrases) phraseSet {
	s := phraseSet{
		supported:    compilePhrases(p.Supported),
		notSupported: compilePhrases(p.NotSupported),
		required:     compilePhrases(p.Required),
		notRequired:  compilePhrases(p.NotRequired),
		history:      compilePhrases(p.History),
	}
	s.any = s.supported != nil || s.notSupported != nil || s.required != nil || s.notRequired != nil || s.history != nil
	return s
}

// first returns the earliest match in s of the built-in matcher (when
// builtin, the cheap test that it may match, holds) and of the configured
// one (which may be nil), and whether it is the configured one.
func first(s string, builtin bool, re, configured *regexp.Regexp) ([]int, bool) {
	var loc []int
	if builtin {
		loc = re.FindStringIndex(s)
	}
	if configured != nil {
		if c := configured.FindStringIndex(s); c != nil && (loc == nil || c[0] < loc[0]) {
			return c, true
		}
	}
	return loc, false
}

// matches reports whether the configured matcher (maybe nil) matches s.
func matches(re *regexp.Regexp, s string) bool { return re != nil && re.MatchString(s) }

// findIn is re.FindStringIndex for a configured matcher, which may be nil.
func findIn(re *regexp.Regexp, s string) []int {
	if re == nil {
		return nil
	}
	return re.FindStringIndex(s)
}

// cue reports whether a lead-in, or a table's header or cell, speaks of
// support: a built-in cue word or a configured phrase of claim.
func (c *Checker) cue(text string) bool {
	return cue.MatchString(text) || matches(c.phrases.supported, text) || matches(c.phrases.notSupported, text) || matches(c.phrases.required, text)
}

// negative reports whether a lead-in (lower case) is negative.
func (c *Checker) negative(lower string) bool {
	return negative.MatchString(lower) || matches(c.phrases.notSupported, lower)
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

// markKey is the form of a cell's text that marks are looked up by: lower
// case, without the white space, emphasis and final period around it.
func markKey(text string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(text), "*_ ."))
}

// CheckMark returns the status of a [claims.marks] entry (cell text ->
// status), or what is wrong with it.
func CheckMark(text, status string) (matrix.Status, string) {
	if markKey(text) == "" {
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
	s, ok := c.marks[markKey(text)]
	return s, ok
}
