package decision

import (
	"testing"
	"testing/fstest"

	"kb/generator/diag"
	"kb/generator/matrix"
)

const fuzzMatrix = `[[dimension]]
id = "v"
values = [{ id = "a" }, { id = "b" }]
[[feature]]
id = "f"
article = "a.md"
[[statement]]
feature = "f"
v = "a"
status = "supported"
source = "a.md"
`

// FuzzLoad feeds arbitrary text to the tree loader: no input may panic, every
// diagnostic must point inside the file, and every path must end in an
// outcome.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"title = \"t\"\nstart = \"q\"\n[[question]]\nid = \"q\"\ntext = \"?\"\ndimension = \"v\"\ncovers = true\noptions = [{ label = \"A\", value = \"a\", next = \"o\" }, { label = \"B\", value = [\"b\"], next = \"q\" }]\n[[outcome]]\nid = \"o\"\ntitle = \"O\"\nrecommend = [\"f\"]\n",
		"start = \"o\"\n[[outcome]]\nid = \"o\"\n",
		"start = \"q\"\n[[question]]\nid = \"q\"\noptions = [{ label = \"x\", set = { v = \"c\", k = 1 } }]\n",
		"[[question]]\nid = \"q\"\n[[question]]\nid = \"q\"\n",
		"title = \"t\"\nstart = \"a\"\n[[question]]\nid = \"a\"\ntext = \"?\"\noptions = [{ label = \"1\", next = \"b\" }, { label = \"2\", next = \"b\" }]\n[[question]]\nid = \"b\"\ntext = \"?\"\noptions = [{ label = \"1\", next = \"o\" }, { label = \"1!\", next = \"o\" }]\n[[outcome]]\nid = \"o\"\ntitle = \"o\"\nlinks = [{ text = \"x\" }]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		fsys := fstest.MapFS{"rules/matrix.toml": {Data: []byte(fuzzMatrix)}, "rules/decisions/t.toml": {Data: []byte(src)}}
		var files diag.Files
		m := matrix.Load(fsys, &files, &diags)
		trees := Load(fsys, m, &files, &diags)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, d := range diags.Items() {
			if d.Path == "rules/decisions/t.toml" && (d.Line < 0 || d.Line > lines) || d.Message == "" || d.Rule == "" {
				t.Errorf("bad diagnostic: %+v", d)
			}
		}
		for _, tr := range trees {
			for _, p := range tr.Paths {
				if p.Outcome == nil || !p.Outcome.Outcome {
					t.Errorf("path %v does not end in an outcome", p)
				}
			}
			if _, err := tr.JSON(func(s string) string { return s }); err != nil {
				t.Error(err)
			}
		}
	})
}
