package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kb/generator/output"
)

// TestBuildWritesWhenConfigLowersAnError: a rule lowered to a warning in
// config.toml, or silenced by a kb-disable comment, does not stop kb build
// from writing; kb check and kb build agree.
func TestBuildWritesWhenConfigLowersAnError(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"severity": {
			"config.toml":      "title = \"S\"\n[check]\nseverity = { front-matter-title = \"warning\" }\n",
			"content/index.md": "---\ndescription: No title here.\n---\nBody.\n",
		},
		"kb-disable": {
			"config.toml":      "title = \"S\"\n",
			"content/index.md": "<!-- kb-disable-line front-matter-title -->\nBody.\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeSite(t, files)
			if code, out, errOut := run("check", "--source", dir); code != 0 {
				t.Fatalf("kb check: exit %d\n%s%s", code, out, errOut)
			}
			code, _, errOut := run("build", "--source", dir)
			if code != 0 {
				t.Fatalf("kb build: exit %d, want 0\n%s", code, errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
				t.Errorf("the site was not written: %v", err)
			}
		})
	}
}

// TestBuildFailsWhenKbDisableSilencesNothing: an error in an article that
// mentions kb-disable, in a comment that silences another line, still stops
// the build, and nothing is written.
func TestBuildFailsWhenKbDisableSilencesNothing(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"config.toml":      "title = \"S\"\n",
		"content/index.md": "Body.\n\n<!-- kb-disable-line front-matter-title -->\n",
	})
	code, _, errOut := run("build", "--source", dir)
	if code != 1 || !strings.Contains(errOut, "[front-matter-title]") || !strings.Contains(errOut, "not written") {
		t.Errorf("exit %d, want 1 with the front-matter-title error\n%s", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 { // config.toml and content
		t.Errorf("in the source folder after a failed build: %v", entries)
	}
}

// TestConcurrentBuildsIntoOneDestination: builds started together into one
// destination all succeed, and the result is the complete site.
func TestConcurrentBuildsIntoOneDestination(t *testing.T) {
	dir := writeSite(t, small)
	want := filepath.Join(t.TempDir(), "want")
	if code, _, errOut := run("build", "--source", dir, "--dest", want); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	dest := filepath.Join(t.TempDir(), "public")
	const builds = 4
	codes, errs := make([]int, builds), make([]string, builds)
	var wg sync.WaitGroup
	for i := range builds {
		wg.Go(func() { codes[i], _, errs[i] = run("build", "--source", dir, "--dest", dest) })
	}
	wg.Wait()
	for i := range builds {
		if codes[i] != 0 {
			t.Errorf("build %d: exit %d\n%s", i, codes[i], errs[i])
		}
	}
	got, exp := snapshot(t, dest), snapshot(t, want)
	if len(got) != len(exp) {
		t.Errorf("%d files, want %d", len(got), len(exp))
	}
	for name, data := range exp {
		if got[name] != data {
			t.Errorf("%s differs from a single build's", name)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("beside the destination: %v", entries)
	}
}

// signalWriter collects what is written to it, and closes seen once that
// holds want.
type signalWriter struct {
	mu   sync.Mutex
	b    bytes.Buffer
	want string
	seen chan struct{}
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.b.String(), w.want)
	w.b.Write(p)
	if !had && strings.Contains(w.b.String(), w.want) {
		close(w.seen)
	}
	return len(p), nil
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestBuildSaysItWaitsForAnotherBuild: kb build into a destination that
// another build holds says so, with that build's process id, waits, and
// builds once the other is done.
func TestBuildSaysItWaitsForAnotherBuild(t *testing.T) {
	dir := writeSite(t, small)
	dest := filepath.Join(t.TempDir(), "public")
	held, err := output.Take(dest, output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("kb build: waiting for another build of %s (pid %d) to finish\n", dest, os.Getpid())
	stderr := &signalWriter{want: want, seen: make(chan struct{})}
	code := make(chan int)
	go func() { code <- Run([]string{"build", "--source", dir, "--dest", dest}, &bytes.Buffer{}, stderr) }()
	select {
	case <-stderr.seen:
	case c := <-code:
		t.Fatalf("kb build ended (exit %d) while another build held the destination; stderr:\n%s", c, stderr)
	}
	held.Release()
	if c := <-code; c != 0 {
		t.Fatalf("exit %d\n%s", c, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestFailingBuildRecoversInterruptedCommit: a build killed between moving
// the previous site aside and moving the new one in leaves the destination
// missing and the previous site beside it; the next build, even one that
// fails, puts the previous site back.
func TestFailingBuildRecoversInterruptedCommit(t *testing.T) {
	// The names the site was moved aside to: this version's, and the one
	// kb used before (the temporary folder's name with .old).
	for _, aside := range []string{".public.kb-old", ".public.kb-tmp-1234.old"} {
		t.Run(aside, func(t *testing.T) {
			dir := writeSite(t, small)
			if code, _, errOut := run("build", "--source", dir); code != 0 {
				t.Fatalf("first build: exit %d\n%s", code, errOut)
			}
			public := filepath.Join(dir, "public")
			before := snapshot(t, public)
			// The state a kill between the two renames leaves.
			if err := os.Rename(public, filepath.Join(dir, aside)); err != nil {
				t.Fatal(err)
			}
			broken := "---\ntitle: A\ndescription: Article A.\n---\nSee [gone](gone.md).\n"
			if err := os.WriteFile(filepath.Join(dir, "content/a.md"), []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, _, errOut := run("build", "--source", dir); code != 1 {
				t.Fatalf("broken build: exit %d, want 1\n%s", code, errOut)
			}
			if _, err := os.Stat(public); err != nil {
				t.Fatalf("the previous site is lost: %v", err)
			}
			unchanged(t, before, snapshot(t, public))
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public.") {
					t.Errorf("%s left beside the destination", e.Name())
				}
			}
		})
	}
}
