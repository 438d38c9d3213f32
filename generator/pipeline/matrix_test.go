package pipeline

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDefaultMatrix reads public/matrix.json of the default site and checks
// the facts of the reference article that the support matrix must carry,
// looking cells up as docs/matrix.md tells readers to: a cell matches when
// each dimension it has holds the value asked for (a dimension it leaves out
// has the same status for every value).
func TestDefaultMatrix(t *testing.T) {
	_, dest := buildDefault(t)
	var doc struct {
		Dimensions []struct {
			ID     string `json:"id"`
			Values []struct {
				ID string `json:"id"`
			} `json:"values"`
		} `json:"dimensions"`
		Features []struct {
			ID         string   `json:"id"`
			Dimensions []string `json:"dimensions"`
		} `json:"features"`
		Cells []map[string]any `json:"cells"`
	}
	readJSON(t, filepath.Join(dest, "matrix.json"), &doc)
	lookup := func(feature string, at map[string]string) []map[string]any {
		var out []map[string]any
	cells:
		for _, c := range doc.Cells {
			if c["feature"] != feature {
				continue
			}
			for dim, v := range at {
				if got, has := c[dim]; has && got != v {
					continue cells
				}
			}
			out = append(out, c)
		}
		return out
	}
	status := func(feature, server, sql, edition string) string {
		cells := lookup(feature, map[string]string{"server": server, "sql": sql, "edition": edition})
		if len(cells) != 1 {
			return fmt.Sprintf("(%d cells)", len(cells))
		}
		return cells[0]["status"].(string)
	}
	want := []struct{ feature, server, sql, edition, status string }{
		{"mirroring", "sfb2015", "sql2008r2sp2", "standard", "supported"},
		{"mirroring", "sfb2015", "sql2014", "enterprise", "supported"},
		{"ag", "sfb2019", "sql2012sp2cu2", "enterprise", "supported"},
		{"ag", "sfb2015", "sql2014", "standard", "not-supported"},
		{"ag", "sfb2019", "sql2014", "standard", "not-supported"},
		{"ag", "sfb2019", "sql2008r2sp2", "enterprise", "not-supported"},
		{"fci", "sfb2015", "sql2014", "enterprise", "supported"},
		{"fci", "sfb2015", "sql2012sp2cu2", "standard", "not-supported"},
		{"sqlcluster", "sfb2019", "sql2008r2sp2", "standard", "supported"},
	}
	for _, w := range want {
		if got := status(w.feature, w.server, w.sql, w.edition); got != w.status {
			t.Errorf("%s on %s, %s, %s: %s, want %s", w.feature, w.server, w.sql, w.edition, got, w.status)
		}
	}
	// Database mirroring is not supported on Skype for Business Server 2019,
	// whatever the SQL Server version and edition.
	for _, c := range lookup("mirroring", map[string]string{"server": "sfb2019"}) {
		if c["status"] != "not-supported" || !strings.HasPrefix(c["source"].(string), "planning/planning-rules.md#") {
			t.Errorf("mirroring on 2019: %v", c)
		}
	}
	for _, c := range doc.Cells {
		if c["status"] == "unknown" {
			t.Errorf("the default matrix should cover every cell: %v", c)
		}
	}
	// Every combination of every dimension's values finds exactly one cell
	// of each feature, which has the keys of the feature's dimensions.
	combos := []map[string]string{{}}
	for _, d := range doc.Dimensions {
		var next []map[string]string
		for _, c := range combos {
			for _, v := range d.Values {
				n := maps.Clone(c)
				n[d.ID] = v.ID
				next = append(next, n)
			}
		}
		combos = next
	}
	cells := 0
	for _, f := range doc.Features {
		n := 0
		for _, c := range doc.Cells {
			if c["feature"] == f.ID {
				n++
				for _, d := range doc.Dimensions {
					if _, has := c[d.ID]; has != slices.Contains(f.Dimensions, d.ID) {
						t.Errorf("cell %v: key %q does not match the feature's dimensions %v", c, d.ID, f.Dimensions)
					}
				}
			}
		}
		cells += n
		for _, at := range combos {
			if got := len(lookup(f.ID, at)); got != 1 {
				t.Errorf("%s at %v: %d cells, want 1", f.ID, at, got)
			}
		}
	}
	if len(doc.Features) != 4 || len(combos) != 12 || cells != len(doc.Cells) || cells >= 48 {
		t.Errorf("%d features, %d combinations, %d of %d cells: want 4 features of 12 combinations, each feature's cells over its own dimensions (fewer than 48)",
			len(doc.Features), len(combos), cells, len(doc.Cells))
	}
	page, err := os.ReadFile(filepath.Join(dest, "support-matrix.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(page), `<figure class="compat"`); got != 4 {
		t.Errorf("support-matrix.html has %d tables, want one per feature (4)", got)
	}
	article, _ := os.ReadFile(filepath.Join(dest, "options/database-mirroring.html"))
	if !strings.Contains(string(article), `id="compat-mirroring-1"`) || !strings.Contains(string(article), `id="req-mirroring-same-domain"`) {
		t.Error("the database mirroring article should show its table and its requirements")
	}
}
