package decision

import (
	"slices"
	"testing"
	"testing/fstest"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// TestLost checks which trees Lost names: those whose files gave no tree,
// by the id they set when it can be read, else by file name.
func TestLost(t *testing.T) {
	good := "title = \"t\"\nstart = \"o\"\n[[outcome]]\nid = \"o\"\ntitle = \"O\"\n"
	fsys := fstest.MapFS{
		"rules/matrix.toml":           {Data: []byte(fuzzMatrix)},
		"rules/decisions/good.toml":   {Data: []byte(good)},
		"rules/decisions/named.toml":  {Data: []byte("# a tree\nid = \"custom\"\ntitle = \"t\"\nstart = o\n")},
		"rules/decisions/syntax.toml": {Data: []byte("title = \"t\"\nstart = o\n")},
		"rules/decisions/type.toml":   {Data: []byte("title = 5\nstart = \"o\"\n")},
	}
	var diags diag.List
	var files diag.Files
	trees := Load(fsys, matrix.Load(fsys, &files, &diags), &files, &diags)
	if len(trees) != 1 || trees[0].ID != "good" {
		t.Fatalf("trees %v, diagnostics %v", trees, diags.Items())
	}
	if got, want := Lost(fsys, trees), []string{"custom", "syntax", "type"}; !slices.Equal(got, want) {
		t.Errorf("Lost = %v, want %v", got, want)
	}
}
