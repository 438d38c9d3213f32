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

// A name the matrix writes for one dimension and derives for another is
// read as the written value unless the clause names that dimension
// otherwise; a product's name that begins another name in the clause is
// the product of that version, not a value of its own.
func TestDerivedNamesAcrossDimensions(t *testing.T) {
	const m = `
[[dimension]]
id = "server"
name = "Contoso version"
values = [
  { id = "c5", name = "Contoso 5", aliases = ["Contoso 5 CU2", "Contoso 5 CU6"] },
  { id = "c6", name = "Contoso 6" },
]

[[dimension]]
id = "peer"
name = "Older Contoso servers"
values = [
  { id = "p5a", name = "Contoso 5 CU1 to CU4 servers" },
  { id = "p5b", name = "Contoso 5 CU5 or later servers" },
]

[[feature]]
id = "coexist"
name = "Coexistence"
aliases = ["coexistence"]
article = "a.md"

[[feature]]
id = "agent"
name = "Backup agent"
article = "a.md"

[[statement]]
feature = "coexist"
server = "c6"
peer = "p5a"
status = "not-supported"
source = "a.md"

[[statement]]
feature = "coexist"
server = "c6"
peer = "p5b"
status = "supported"
source = "a.md"

[[statement]]
feature = "agent"
server = "c5"
status = "not-supported"
source = "a.md"

[[statement]]
feature = "agent"
server = "c6"
status = "supported"
source = "a.md"
`
	c := checkerFor(t, m, Options{})
	for body, want := range map[string]int{
		// The clause names Contoso 6: CU2 is the older server.
		"Contoso 5 CU2 or later is required for coexistence with Contoso 6.": 1,
		"Contoso 5 CU5 or later is required for coexistence with Contoso 6.": 0,
		// Nothing else named: CU2 is the server the matrix writes.
		"The Backup agent is supported in Contoso 5 CU2.": 1,
		// "all Contoso 5 servers ... Contoso 5 CU2": the product, then its version.
		"Before you add Contoso 6, all Contoso 5 servers need to be running Contoso 5 CU2 or later for coexistence.": 1,
		"Before you add Contoso 6, all Contoso 5 servers need to be running Contoso 5 CU6 or later for coexistence.": 0,
	} {
		if got, _ := analyze(t, c, "a.md", "---\ntitle: T\ndescription: D.\n---\n"+body+"\n"); len(got) != want {
			t.Errorf("%q: findings %q, want %d", body, got, want)
		}
	}
}
