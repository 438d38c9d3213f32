package claims

import (
	"strings"
	"testing"

	"kb/generator/matrix"
)

// phraseMatrix: Fabrikam Relay is supported on Fabrikam Hub 3 and not on
// Fabrikam Hub 2; the Fabrikam Hub versions are 1, 2, 3.
const phraseMatrix = `
[[dimension]]
id = "hub"
name = "Fabrikam Hub version"
values = [
  { id = "h1", name = "Fabrikam Hub 1" },
  { id = "h2", name = "Fabrikam Hub 2" },
  { id = "h3", name = "Fabrikam Hub 3" },
]

[[feature]]
id = "relay"
name = "Fabrikam Relay"
article = "a.md"

[[statement]]
feature = "relay"
hub = ["h1", "h2"]
status = "not-supported"
source = "a.md"

[[statement]]
feature = "relay"
hub = "h3"
status = "supported"
source = "a.md"
`

// configured returns the claim findings of body with the options o.
func configured(t *testing.T, o Options, body string) []string {
	t.Helper()
	var out []string
	for _, d := range claimFindings(checkerFor(t, phraseMatrix, o), "a.md", "---\ntitle: Relay\ndescription: Relay.\n---\n"+body+"\n") {
		out = append(out, d.Message)
	}
	return out
}

// TestConfiguredPhrases: a phrase of [claims.phrases] turns a sentence the
// reader ignores into a claim that is checked, or a claim into none.
func TestConfiguredPhrases(t *testing.T) {
	o := Options{Phrases: Phrases{
		Supported:    []string{"is certified   for", "Runs on"},
		NotSupported: []string{"is blocked on"},
		Required:     []string{"depends on"},
		NotRequired:  []string{"works without"},
		History:      []string{"in the early days"},
	}}
	for _, tc := range []struct {
		body          string
		without, with int    // findings without and with the phrases
		says          string // what the finding with them says
	}{
		{"Fabrikam Relay is certified for Fabrikam Hub 2.", 0, 1, "Fabrikam Relay is supported for Fabrikam Hub 2"},
		{"Fabrikam Relay is CERTIFIED\nFOR Fabrikam Hub 3.", 0, 0, ""}, // true
		{"Fabrikam Relay runs on Fabrikam Hub 1.", 0, 1, "Fabrikam Relay is supported for Fabrikam Hub 1"},
		{"Fabrikam Relay is blocked on Fabrikam Hub 3.", 0, 1, "Fabrikam Relay is not supported for Fabrikam Hub 3"},
		{"Fabrikam Relay depends on Fabrikam Hub 2.", 0, 1, "Fabrikam Relay is supported for Fabrikam Hub 2"},
		// Word boundaries: "reruns on" is not "runs on".
		{"Fabrikam Relay reruns on Fabrikam Hub 1.", 0, 0, ""},
		// History and not-required phrases take a claim away.
		{"Fabrikam Relay is supported on Fabrikam Hub 2 in the early days.", 1, 0, ""},
		{"Fabrikam Relay is supported and works without Fabrikam Hub 2.", 1, 0, ""},
	} {
		if got := configured(t, Options{}, tc.body); len(got) != tc.without {
			t.Errorf("%q without phrases: %d findings %q, want %d", tc.body, len(got), got, tc.without)
		}
		got := configured(t, o, tc.body)
		if len(got) != tc.with || tc.with > 0 && !strings.Contains(got[0], tc.says) {
			t.Errorf("%q with phrases: %d findings %q, want %d saying %q", tc.body, len(got), got, tc.with, tc.says)
		}
	}
}

// TestConfiguredMarks: a mark of [claims.marks] makes a table cell a claim,
// and may change what a built-in mark means.
func TestConfiguredMarks(t *testing.T) {
	table := "| Feature | Fabrikam Hub 1 | Fabrikam Hub 2 | Fabrikam Hub 3 |\n|---|---|---|---|\n| Fabrikam Relay | ● | ○ | ● |\n"
	if got := configured(t, Options{}, table); len(got) != 0 {
		t.Errorf("without marks: findings %q, want none", got)
	}
	got := configured(t, Options{Marks: map[string]matrix.Status{"●": matrix.Supported, "○": matrix.NotSupported}}, table)
	if len(got) != 1 || !strings.Contains(got[0], "Fabrikam Relay is supported for Fabrikam Hub 1") {
		t.Errorf("with marks: findings %q, want one for Fabrikam Hub 1", got)
	}
	// "X" means not supported in this team's tables.
	x := "| Feature | Fabrikam Hub 2 | Fabrikam Hub 3 |\n|---|---|---|\n| Fabrikam Relay | **x** | X |\n"
	if got := configured(t, Options{}, x); len(got) != 1 || !strings.Contains(got[0], "Fabrikam Hub 2") {
		t.Errorf("built-in x: findings %q, want one for Fabrikam Hub 2", got)
	}
	got = configured(t, Options{Marks: map[string]matrix.Status{"X": matrix.NotSupported}}, x)
	if len(got) != 1 || !strings.Contains(got[0], "is not supported for Fabrikam Hub 3") {
		t.Errorf("x = not-supported: findings %q, want one for Fabrikam Hub 3", got)
	}
}

// TestMarksFoldingToOne: marks that are the same text once case and the
// * _ . around them are ignored give one status whatever the map's order:
// the first in sorted order.
func TestMarksFoldingToOne(t *testing.T) {
	o := Options{Marks: map[string]matrix.Status{"X": matrix.NotSupported, "x.": matrix.Supported, "*x*": matrix.Limited}}
	for range 50 {
		c := checkerFor(t, phraseMatrix, o)
		if s, _ := c.markOf("x"); s != matrix.Limited {
			t.Fatalf("markOf(x) = %q, want limited (from \"*x*\", the first in sorted order)", s)
		}
	}
}

func TestCheckPhraseAndMark(t *testing.T) {
	for _, p := range []string{"", "  ", strings.Repeat("a ", 51)} {
		if CheckPhrase(p) == "" {
			t.Errorf("CheckPhrase(%q) accepts it", p)
		}
	}
	if CheckPhrase("is certified for") != "" || CheckPhrase("n/a") != "" {
		t.Error("CheckPhrase rejects a phrase")
	}
	if s, p := CheckMark("◐", "limited"); s != matrix.Limited || p != "" {
		t.Errorf("CheckMark(◐, limited) = %q, %q", s, p)
	}
	for _, bad := range [][2]string{{"◐", "partial"}, {"◐", "unknown"}, {" ** ", "supported"}} {
		if _, p := CheckMark(bad[0], bad[1]); p == "" {
			t.Errorf("CheckMark(%q, %q) accepts it", bad[0], bad[1])
		}
	}
}

// TestPhraseMatcher: words in order, any white space between them, case
// ignored (non-ASCII letters too), word boundaries at ASCII letter ends, the
// longest phrase at the earliest place.
func TestPhraseMatcher(t *testing.T) {
	m := newPhraseMatcher([]string{"runs on", "runs on top of", "läuft über", "(beta)", "  "})
	for _, tc := range []struct {
		text string
		want []int
	}{
		{"it runs on x", []int{3, 10}},
		{"it RUNS\t\n  ON x", []int{3, 13}},
		{"it runs on top of x", []int{3, 17}},
		{"it reruns on x", nil},
		{"it runs onto x", nil},
		{"it runson x", nil},
		{"es LÄUFT ÜBER x", []int{3, 15}},
		{"relay(beta)x", []int{5, 11}},
		{"nothing here", nil},
	} {
		got := m.find(tc.text)
		if len(got) != len(tc.want) || len(got) == 2 && (got[0] != tc.want[0] || got[1] != tc.want[1]) {
			t.Errorf("find(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	if newPhraseMatcher([]string{"", " "}) != nil {
		t.Error("a matcher of no phrases is not nil")
	}
	var none *phraseMatcher
	if none.find("runs on") != nil {
		t.Error("a nil matcher finds something")
	}
}
