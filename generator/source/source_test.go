package source

import (
	"slices"
	"testing"

	"kb/generator/diag"
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

// TestLookupsFollowChanges: Fold and Dir answer for the files as they are at
// each call, whatever was looked up before: a file that Publish or Drop
// takes out is found by neither, a generated one by both, without any
// call to refresh them.
func TestLookupsFollowChanges(t *testing.T) {
	src := load(t, map[string]string{
		"content/index.md":     "# Home\n",
		"content/run.ps1":      "Write-Output 1\n",
		"content/old/only.md":  "# Old\n",
		"content/Old/Other.md": "# Other\n",
	})
	if f, ok := src.Fold("RUN.ps1"); !ok || f != "run.ps1" {
		t.Fatalf("before Publish: Fold(RUN.ps1) = %q, %v; want run.ps1, true", f, ok)
	}
	if !src.Dir("old") {
		t.Fatal(`before Drop: Dir("old") = false`)
	}
	var diags diag.List
	src.Publish(nil, &diags)
	if f, ok := src.Fold("RUN.ps1"); ok {
		t.Errorf("after Publish left run.ps1 out: Fold(RUN.ps1) = %q, true; want false", f)
	}
	if f, ok := src.Fold("OLD/ONLY.md"); !ok || f != "old/only.md" {
		t.Errorf("Fold(OLD/ONLY.md) = %q, %v; want old/only.md, true", f, ok)
	}
	src.Drop("old/only.md", "test")
	if f, ok := src.Fold("OLD/ONLY.md"); ok {
		t.Errorf("after Drop: Fold(OLD/ONLY.md) = %q, true; want false", f)
	}
	if src.Dir("old") {
		t.Error(`after Drop of its only file: Dir("old") = true; want false`)
	}
	if !src.Dir("Old") {
		t.Error(`Dir("Old") = false; its file is still there`)
	}
	if !src.Add("made/New.md", []byte("# New\n")) {
		t.Fatal("Add refused a new file")
	}
	if f, ok := src.Fold("made/new.md"); !ok || f != "made/New.md" {
		t.Errorf("after Add: Fold(made/new.md) = %q, %v; want made/New.md, true", f, ok)
	}
	src.Drop("made/New.md", "test")
	if src.Dir("made") {
		t.Error(`after Drop of the generated file: Dir("made") = true`)
	}
}
