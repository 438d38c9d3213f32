package article

import (
	"slices"
	"strings"
)

// IDs returns the ids that a link's #anchor can name in the article: its
// headings', then its raw HTML anchors'.
func (a *Article) IDs() []string {
	ids := make([]string, 0, len(a.Headings)+len(a.Anchors))
	for _, h := range a.Headings {
		ids = append(ids, h.ID)
	}
	return append(ids, a.Anchors...)
}

// ClosestID returns the id of ids most like want, for "did you mean"
// messages: one that contains want or is contained in it, else the longest
// common prefix; the first one on ties. ids must not be empty.
func ClosestID(want string, ids []string) string {
	score := func(id string) int {
		n := 0
		for n < len(id) && n < len(want) && id[n] == want[n] {
			n++
		}
		if strings.Contains(id, want) || strings.Contains(want, id) {
			n += 100
		}
		return n
	}
	return slices.MaxFunc(ids, func(a, b string) int { return score(a) - score(b) })
}
