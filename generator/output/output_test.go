package output

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
)

// begin takes dest (until Release, or the end of the test) and begins
// writing its new site.
func begin(t *testing.T, dest, protect string) (*Dest, *Dir) {
	t.Helper()
	held, err := Take(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(held.Release)
	d, err := held.Begin(protect)
	if err != nil {
		t.Fatal(err)
	}
	return held, d
}

// TestTakeRemovesStaleTemporaryFolders: a killed build's temporary folder is
// removed by the next build of the same destination, and the output swaps in.
func TestTakeRemovesStaleTemporaryFolders(t *testing.T) {
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
	held, d := begin(t, dest, filepath.Join(parent, "src"))
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
	held.Release()
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
	held, d := begin(t, dest, filepath.Join(parent, "src"))
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	held.Release()
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

// TestReaderNeverSeesDestinationMissing: a reader polling the destination, as
// a web server serving it does, finds it at every moment of many commits.
func TestReaderNeverSeesDestinationMissing(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	commit := func(i int) {
		held, err := Take(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer held.Release()
		d, err := held.Begin(filepath.Join(parent, "src"))
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("index.html", []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	commit(0)
	var polls, misses atomic.Int64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := os.Stat(dest); err != nil {
				misses.Add(1)
			}
			polls.Add(1)
		}
	}()
	for i := 1; i <= 300; i++ {
		// Let the reader poll between commits too, so that it runs while
		// they do however busy the machine is.
		for n := polls.Load(); polls.Load() == n; {
			runtime.Gosched()
		}
		commit(i)
	}
	close(done)
	<-stopped
	if n := misses.Load(); n > 0 {
		t.Errorf("the destination was missing %d times in %d polls", n, polls.Load())
	}
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "300" {
		t.Errorf("after the last commit: %q, %v", b, err)
	}
}

// writeSite writes a site of one file, index.html holding text, at dir.
// onlySite fails t unless dest's index.html holds index and dest is all its
// parent folder holds.
func onlySite(t *testing.T, dest, index string) {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != index {
		t.Errorf("index.html: %q, %v; want %q", b, err, index)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("in the parent: %v", entries)
	}
}

func writeSite(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTakePutsBackAMovedAsideSite: a build killed between renaming the
// previous site aside and the new one in leaves no destination; taking it
// puts the previous site back, under the name this version gives it and the
// one earlier versions did. A moved-aside site beside a destination that is
// there is what a build killed after both renames left: it is removed.
func TestTakePutsBackAMovedAsideSite(t *testing.T) {
	for _, tc := range []struct {
		name      string
		aside     []string
		destThere bool
		wantIndex string
	}{
		{"kb-old", []string{".public.kb-old"}, false, "old"},
		{"legacy", []string{".public.kb-tmp-77.old"}, false, "old"},
		{"new temporary folder too", []string{".public.kb-old", ".public.kb-tmp-78"}, false, "old"},
		{"destination there", []string{".public.kb-old"}, true, "current"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			for _, a := range tc.aside {
				writeSite(t, filepath.Join(parent, a), "old")
			}
			if tc.destThere {
				writeSite(t, dest, "current")
			}
			held, err := Take(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			held.Release()
			onlySite(t, dest, tc.wantIndex)
		})
	}
}

// TestCommitByRenames: the two-step commit of systems that cannot exchange
// two folders replaces the destination and leaves nothing beside it.
func TestCommitByRenames(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeSite(t, dest, "old")
	held, d := begin(t, dest, filepath.Join(parent, "src"))
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.commitByRenames(); err != nil {
		t.Fatal(err)
	}
	held.Release()
	onlySite(t, dest, "new")
}

// TestTakeWaitsForAnotherBuild: while one build holds a destination, a
// second one says it waits, with the first one's process id, and leaves the
// first one's temporary folder alone; it goes on once the first is done.
func TestTakeWaitsForAnotherBuild(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	first, d := begin(t, dest, filepath.Join(parent, "src"))
	lockPath := filepath.Join(parent, ".public.kb-lock")
	if b, err := os.ReadFile(lockPath); err != nil || string(b) != fmt.Sprintln(os.Getpid()) {
		t.Errorf("the lock file holds %q, %v; want this process's id", b, err)
	}
	waiting := make(chan int, 1)
	taken := make(chan *Dest)
	go func() {
		second, err := Take(dest, Options{Waiting: func(pid int) { waiting <- pid }})
		if err != nil {
			t.Error(err)
		}
		taken <- second
	}()
	if pid := <-waiting; pid != os.Getpid() {
		t.Errorf("waiting for pid %d, want %d", pid, os.Getpid())
	}
	if err := d.WriteFile("index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	first.Release()
	second := <-taken
	if second == nil {
		t.FailNow()
	}
	d2, err := second.Begin(filepath.Join(parent, "src"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d2.WriteFile("index.html", []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := d2.Commit(); err != nil {
		t.Fatal(err)
	}
	second.Release()
	onlySite(t, dest, "second")
}
