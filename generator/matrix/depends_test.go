package matrix

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"kb/generator/diag"
)

const dependsTOML = `
[[dimension]]
id = "exchange"
values = [{ id = "ex2016" }, { id = "ex2019" }, { id = "exse" }]
[[dimension]]
id = "windows"
values = [{ id = "w2019" }, { id = "w2022" }]
[[dimension]]
id = "outlook"
values = [{ id = "o2016" }, { id = "o365" }]
[[feature]]
id = "net48"
article = "a.md"
[[feature]]
id = "mapi"
article = "a.md"
[[feature]]
id = "tls12"
article = "a.md"
[[feature]]
id = "split"
article = "a.md"
[[statement]]
feature = "net48"
exchange = { from = "ex2019" }
status = "supported"
source = "a.md"
[[statement]]
feature = ["net48", "mapi"]
exchange = "ex2016"
outlook = ["o2016", "o365"]
status = "not-supported"
source = "a.md"
[[statement]]
feature = "mapi"
exchange = { from = "ex2019" }
outlook = "o365"
status = "supported"
source = "a.md"
[[statement]]
feature = "tls12"
status = "supported"
source = "a.md"
[[statement]]
feature = "split"
windows = "w2019"
status = "supported"
source = "a.md"
[[statement]]
feature = "split"
windows = "w2022"
status = "supported"
source = "a.md"
`

// TestDependsOn checks which dimensions each feature's status depends on: a
// dimension some statement of the feature selects part of (a list of every
// value is all of them), whatever other features' statements select.
func TestDependsOn(t *testing.T) {
	var diags diag.List
	m := Load(fstest.MapFS{"rules/matrix.toml": {Data: []byte(dependsTOML)}}, &diag.Files{}, &diags)
	if m.Failed() {
		t.Fatalf("the matrix did not load: %v", diags.Items())
	}
	want := map[string][]bool{
		"net48": {true, false, false},
		"mapi":  {true, false, true},
		"tls12": {false, false, false},
		// Two statements that together cover the dimension still select
		// part of it each: the cells' sources could differ.
		"split": {false, true, false},
	}
	for id, w := range want {
		if got := m.DependsOn(m.Feature(id)); !slices.Equal(got, w) {
			t.Errorf("DependsOn(%s) = %v, want %v", id, got, w)
		}
	}
	checkIndependent(t, m)
	checkJSON(t, m)
}

// TestDependsOnDevset runs the same checks on the claims dev set's matrix
// (4 dimensions of 22, 11, 15 and 8 values), whose features mostly depend on
// one or two dimensions.
func TestDependsOnDevset(t *testing.T) {
	src, err := os.ReadFile("../../../shared/corpora/claims-devset/matrix.toml")
	if err != nil {
		t.Skip("the claims dev set is not here:", err)
	}
	var diags diag.List
	m := Load(fstest.MapFS{"rules/matrix.toml": {Data: src}}, &diag.Files{}, &diags)
	if m.Failed() {
		t.Fatalf("the matrix did not load")
	}
	checkIndependent(t, m)
	checkJSON(t, m)
}

// checkIndependent checks that changing the value of a dimension a feature
// does not depend on never changes a cell's status or statement.
func checkIndependent(t *testing.T, m *Matrix) {
	t.Helper()
	for _, f := range m.Features {
		dep := m.DependsOn(f)
		for _, c := range m.Cells(f) {
			idx := indexesOf(c)
			for d, dim := range m.Dimensions {
				if dep[d] {
					continue
				}
				other := slices.Clone(idx)
				other[d] = (idx[d] + 1) % len(dim.Values)
				if o := m.Cell(f, other); o.Status != c.Status || o.Statement != c.Statement {
					t.Fatalf("%s: %s is %s but %s is %s, though %s does not depend on %s",
						f.ID, c.Describe(), c.Status, o.Describe(), o.Status, f.ID, dim.ID)
				}
			}
		}
	}
}

// checkJSON reads matrix.json as docs/matrix.md tells its readers to (a cell
// matches a combination when each dimension it has holds the value asked
// for) and checks that every cell of the matrix finds exactly one record,
// with its status and source, and that the records of a feature have the
// keys of the dimensions it depends on only.
func checkJSON(t *testing.T, m *Matrix) {
	t.Helper()
	b, err := m.JSON(func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Features []struct {
			ID         string   `json:"id"`
			Dimensions []string `json:"dimensions"`
		} `json:"features"`
		Cells []map[string]any `json:"cells"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	byFeature := map[string][]map[string]any{}
	for _, c := range doc.Cells {
		id, _ := c["feature"].(string)
		byFeature[id] = append(byFeature[id], c)
	}
	for i, f := range m.Features {
		dep := m.DependsOn(f)
		var dims []string
		want := 1
		for d, dim := range m.Dimensions {
			if dep[d] {
				dims = append(dims, dim.ID)
				want *= len(dim.Values)
			}
		}
		if !slices.Equal(doc.Features[i].Dimensions, dims) && len(dims)+len(doc.Features[i].Dimensions) > 0 {
			t.Errorf("%s: dimensions %v, want %v", f.ID, doc.Features[i].Dimensions, dims)
		}
		records := byFeature[f.ID]
		if len(records) != want {
			t.Errorf("%s: %d records, want %d", f.ID, len(records), want)
		}
		for _, r := range records {
			for _, dim := range m.Dimensions {
				if _, has := r[dim.ID]; has != slices.Contains(dims, dim.ID) {
					t.Fatalf("%s: record %v and dimension %s", f.ID, r, dim.ID)
				}
			}
		}
		for _, c := range m.Cells(f) {
			var found []map[string]any
		records:
			for _, r := range records {
				for d, dim := range m.Dimensions {
					if v, has := r[dim.ID]; has && v != c.Values[d].ID {
						continue records
					}
				}
				found = append(found, r)
			}
			source := ""
			if c.Statement != nil {
				source = c.Statement.Source
			}
			if len(found) != 1 || found[0]["status"] != string(c.Status) || found[0]["source"] != source {
				t.Fatalf("%s at %s (%s): records %v", f.ID, c.Describe(), c.Status, found)
			}
		}
	}
}
