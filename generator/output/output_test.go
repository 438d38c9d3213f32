package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestBeginRemovesStaleTemporaryFolders: a killed build's temporary folder is
// removed by the next build of the same destination, and the output swaps in.
func TestBeginRemovesStaleTemporaryFolders(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	stale := filepath.Join(parent, ".public.kb-tmp-12345")
	other := filepath.Join(parent, ".other.kb-tmp-1")
	for _, d := range []string{stale, other, dest} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Begin(dest, filepath.Join(parent, "src"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary folder still there: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another destination's temporary folder was removed: %v", err)
	}
	if err := d.MkdirAll([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/new.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "a/new.html")); err != nil || string(b) != "new" {
		t.Errorf("new output: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); !os.IsNotExist(err) {
		t.Error("the old output is still there")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 2 { // public and .other.kb-tmp-1
		t.Errorf("left in the parent: %v", entries)
	}
}

// TestCommitRemovesAManyFiledOutput: the previous output, with more files
// than one remover takes, nested folders and a symbolic link, is gone after
// Commit, and nothing beside the destination is left.
func TestCommitRemovesAManyFiledOutput(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	outside := filepath.Join(parent, "keep.txt")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 1500 {
		p := filepath.Join(dest, fmt.Sprintf("d%d", i%7), fmt.Sprintf("e%d", i%3), fmt.Sprintf("f%d.html", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dest, "link")); err != nil {
		t.Fatal(err)
	}
	d, err := Begin(dest, filepath.Join(parent, "src"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dest)
	if len(entries) != 1 || entries[0].Name() != "index.html" {
		t.Errorf("the output holds %d entries after Commit", len(entries))
	}
	siblings, _ := os.ReadDir(parent)
	if len(siblings) != 2 {
		t.Errorf("beside the output: %v", siblings)
	}
	if data, err := os.ReadFile(outside); err != nil || string(data) != "keep" {
		t.Error("removing the old output touched a file its link pointed to")
	}
}
