package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDefaultMatrix reads public/matrix.json of the default site and checks
// the facts of the reference article that the support matrix must carry.
func TestDefaultMatrix(t *testing.T) {
	_, dest := buildDefault(t)
	var doc struct {
		Cells []map[string]any `json:"cells"`
	}
	readJSON(t, filepath.Join(dest, "matrix.json"), &doc)
	status := func(feature, server, sql, edition string) string {
		for _, c := range doc.Cells {
			if c["feature"] == feature && c["server"] == server && c["sql"] == sql && c["edition"] == edition {
				return c["status"].(string)
			}
		}
		return "(no such cell)"
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
	n := 0
	for _, c := range doc.Cells {
		if c["feature"] == "mirroring" && c["server"] == "sfb2019" {
			n++
			if c["status"] != "not-supported" || !strings.HasPrefix(c["source"].(string), "planning/planning-rules.md#") {
				t.Errorf("mirroring on 2019: %v", c)
			}
		}
		if c["status"] == "unknown" {
			t.Errorf("the default matrix should cover every cell: %v", c)
		}
	}
	if n != 6 || len(doc.Cells) != 48 {
		t.Errorf("%d mirroring cells for 2019 and %d cells in all, want 6 and 48", n, len(doc.Cells))
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
