package source

import (
	"slices"
	"testing"

	"kb/generator/foldertest"
)

// load writes files into a new folder and loads it as a site's source, its
// output folder public/ inside it.
func load(t *testing.T, files map[string]string) *Source {
	t.Helper()
	dir := foldertest.New(t, files)
	src, err := Load(dir, dir+"/public")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestAddRecordsFolders: a generated file's folders are content folders, as a
// loaded file's are, so that a link to the folder finds its index page.
func TestAddRecordsFolders(t *testing.T) {
	src := load(t, map[string]string{
		"content/a.md":       "# A\n",
		"content/guide/b.md": "# B\n",
	})
	if !src.Add("decisions/index.md", []byte("# Trees\n")) || !src.Add("decisions/deep/t.json", []byte("{}")) {
		t.Fatal("Add refused a new file")
	}
	if src.Add("guide/b.md", []byte("# Other\n")) {
		t.Error("Add accepted a file that exists")
	}
	for _, d := range []string{".", "guide", "decisions", "decisions/deep"} {
		if !src.Dir(d) {
			t.Errorf("Dir(%q) = false, want true", d)
		}
	}
	for _, d := range []string{"decisions/index.md", "deep", "decision"} {
		if src.Dir(d) {
			t.Errorf("Dir(%q) = true, want false", d)
		}
	}
	for _, f := range []string{"a.md", "guide/b.md", "decisions/index.md", "decisions/deep/t.json"} {
		if !src.File(f) {
			t.Errorf("File(%q) = false, want true", f)
		}
	}
	if want := []string{"a.md", "decisions/index.md", "guide/b.md"}; !slices.Equal(src.Markdown, want) {
		t.Errorf("Markdown = %v, want %v", src.Markdown, want)
	}
	if want := []string{"decisions/deep/t.json"}; !slices.Equal(src.Static, want) {
		t.Errorf("Static = %v, want %v", src.Static, want)
	}
	if !src.Generated("decisions/index.md") || src.Generated("a.md") {
		t.Error("Generated does not tell made files from loaded ones")
	}
}
