package claims

import (
	"strings"
	"testing"
)

func TestDerivedNames(t *testing.T) {
	for name, want := range map[string]string{
		"Contoso 5 CU1 to CU3 servers": "Contoso 5 CU1|Contoso 5 Cumulative Update 1|Contoso 5 CU2|Contoso 5 Cumulative Update 2|Contoso 5 CU3|Contoso 5 Cumulative Update 3",
		"Contoso 5 RU11 or later":      "Contoso 5 RU11|Contoso 5 Update Rollup 11",
		"Contoso 5 SP2":                "Contoso 5 Service Pack 2",
		"Contoso 5 SP1 to CU12":        "", // two kinds of update: no order between them
		"Contoso 5":                    "",
		"Windows Server 2012 R2":       "",
		"Contoso 5 CU10 to CU4":        "Contoso 5 CU4|Contoso 5 Cumulative Update 4|Contoso 5 CU5|Contoso 5 Cumulative Update 5|Contoso 5 CU6|Contoso 5 Cumulative Update 6|Contoso 5 CU7|Contoso 5 Cumulative Update 7|Contoso 5 CU8|Contoso 5 Cumulative Update 8|Contoso 5 CU9|Contoso 5 Cumulative Update 9|Contoso 5 CU10|Contoso 5 Cumulative Update 10",
	} {
		if got := strings.Join(derivedNames(name), "|"); got != want {
			t.Errorf("derivedNames(%q) = %q, want %q", name, got, want)
		}
	}
}

// An article names one update of a band that the matrix names only as a
// band; a name the matrix writes itself wins over a derived one.
func TestDerivedNamesInClaims(t *testing.T) {
	const m = `
[[dimension]]
id = "server"
name = "Contoso version"
values = [
  { id = "c5a", name = "Contoso 5 CU1 to CU4" },
  { id = "c5b", name = "Contoso 5 CU5 or later", aliases = ["Contoso 5 CU4 hotfix"] },
]

[[feature]]
id = "agent"
name = "Backup agent"
article = "a.md"

[[statement]]
feature = "agent"
server = "c5a"
status = "not-supported"
source = "a.md"

[[statement]]
feature = "agent"
server = "c5b"
status = "supported"
source = "a.md"
`
	c := checkerFor(t, m, Options{})
	for body, want := range map[string]int{
		"The Backup agent is supported in Contoso 5 CU2.":                 1,
		"The Backup agent is supported in Contoso 5 Cumulative Update 3.": 1,
		"The Backup agent is supported in Contoso 5 CU5.":                 0,
		"The Backup agent is not supported in Contoso 5 Update Rollup 7.": 0, // no such name: no value
	} {
		if got, _ := analyze(t, c, "a.md", "---\ntitle: T\ndescription: D.\n---\n"+body+"\n"); len(got) != want {
			t.Errorf("%q: findings %q, want %d", body, got, want)
		}
	}
}
