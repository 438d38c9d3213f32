package matrix

import (
	"testing"
	"testing/fstest"

	"kb/generator/diag"
)

// FuzzLoad feeds arbitrary text to the matrix loader as rules/matrix.toml: no
// input may panic, every diagnostic must point inside the file, and every
// cell must have a status.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"[[dimension]]\nid = \"v\"\nvalues = [{ id = \"a\" }, { id = \"b\" }]\n[[feature]]\nid = \"f\"\narticle = \"a.md\"\n[[statement]]\nfeature = \"f\"\nv = { from = \"b\", to = \"a\" }\nstatus = \"limited\"\n",
		"[[statement]]\nfeature = [\"x\", 1]\nstatus = 5\n",
		"[[dimension]]\nid = \"feature\"\nvalues = []\n",
		"[[feature]]\nid = \"f\"\n[[feature]]\nid = \"f\"\n[settings]\nx = 1\n",
		"[[dimension]]\nid = \"v\"\nvalues = [{ id = \"a\" }]\n[[feature]]\nid = \"f\"\narticle = \"a.md\"\n[[statement]]\nfeature = \"f\"\nstatus = \"supported\"\nsource = \"a.md\"\n[[statement]]\nfeature = \"f\"\nv = [\"a\", \"a\"]\nstatus = \"not-supported\"\nsource = \"a.md\"\n",
		"x = \"\"\"\n[[statement]]\n\"\"\"\n",
		"[[requirement]]\nid = \"r\"\nfeature = {}\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		m := Load(fstest.MapFS{"rules/matrix.toml": {Data: []byte(src)}}, &diag.Files{}, &diags)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, d := range diags.Items() {
			if d.Line < 0 || d.Line > lines || d.Message == "" || d.Rule == "" {
				t.Errorf("bad diagnostic: %+v", d)
			}
		}
		for _, feat := range m.Features {
			for _, c := range m.Cells(feat) {
				if c.Status == "" {
					t.Errorf("cell without status: %v", c)
				}
			}
		}
		if _, err := m.JSON(func(s string) string { return s }); err != nil {
			t.Error(err)
		}
	})
}
