package article

import (
	"fmt"
	"slices"
	"strings"
)

// Moniker ranges are DocFX's version conditions, in ::: moniker range="..."
// blocks and in the monikerRange front matter:
//
//	exchserver-2016                     that moniker (as =exchserver-2016)
//	>= exchserver-2016                  it and every later one
//	>sql-2019 <=sql-2022                both must hold (terms separated by spaces)
//	=exchserver-2016 || =exchserver-2019  either
//
// Later means later in the monikers' order, which the site defines once
// (config.toml's [monikers], or a DocFX docset's moniker_ranges).

// rangeTerm is one comparison of a moniker range: op is "=", ">=", "<=",
// ">" or "<"; at is the offset of the term in the range text.
type rangeTerm struct {
	op, id string
	at     int
}

// monikerRange is a parsed range: any of its alternatives, each of which
// holds when all of its terms do.
type monikerRange [][]rangeTerm

// RangeError is a range that cannot be read, at an offset in its text.
type RangeError struct {
	At      int
	Message string
}

func (e *RangeError) Error() string { return e.Message }

// parseRange reads a moniker range.
func parseRange(s string) (monikerRange, error) {
	var r monikerRange
	var alt []rangeTerm
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) || strings.HasPrefix(s[i:], "||") {
			if len(alt) == 0 {
				what := "nothing"
				if i < len(s) {
					what = `"||"`
				}
				return nil, &RangeError{i, fmt.Sprintf("a moniker range must name a moniker before %s; write, for example, \">= id\" or \"id1 || id2\"", what)}
			}
			r, alt = append(r, alt), nil
			if i == len(s) {
				return r, nil
			}
			i += 2
			continue
		}
		start := i
		op := "="
		for _, o := range []string{">=", "<=", "=", ">", "<"} {
			if strings.HasPrefix(s[i:], o) {
				op = o
				i += len(o)
				break
			}
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		idStart := i
		for i < len(s) && monikerChar(s[i]) {
			i++
		}
		if i == idStart {
			found := "the end"
			if i < len(s) {
				found = fmt.Sprintf("%q", s[i:i+1])
			}
			return nil, &RangeError{i, fmt.Sprintf("a moniker id (letters, digits, '.', '-', '_') must follow %q, not %s", s[start:idStart], found)}
		}
		alt = append(alt, rangeTerm{op: op, id: s[idStart:i], at: start})
	}
}

func monikerChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_'
}

// ids are the monikers a range names, in the order written, each once.
func (r monikerRange) ids() []string {
	var out []string
	for _, alt := range r {
		for _, t := range alt {
			if !slices.Contains(out, t.id) {
				out = append(out, t.id)
			}
		}
	}
	return out
}

// unknown returns the first term naming a moniker not in order.
func (r monikerRange) unknown(order []string) (rangeTerm, bool) {
	for _, alt := range r {
		for _, t := range alt {
			if !slices.Contains(order, t.id) {
				return t, true
			}
		}
	}
	return rangeTerm{}, false
}

// selects returns the monikers of order (every one known) that the range
// holds for, in that order.
func (r monikerRange) selects(order []string) []string {
	var out []string
	for i, m := range order {
		for _, alt := range r {
			if holds(alt, i, order) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

func holds(alt []rangeTerm, i int, order []string) bool {
	for _, t := range alt {
		j := slices.Index(order, t.id)
		ok := false
		switch t.op {
		case "=":
			ok = i == j
		case ">=":
			ok = i >= j
		case "<=":
			ok = i <= j
		case ">":
			ok = i > j
		case "<":
			ok = i < j
		}
		if !ok || j < 0 {
			return false
		}
	}
	return true
}

// RangeMonikers returns the monikers a range names, in the order written
// (nil when it cannot be read): a DocFX docset's moniker_ranges define its
// monikers' order this way.
func RangeMonikers(s string) []string {
	r, err := parseRange(s)
	if err != nil {
		return nil
	}
	return r.ids()
}
