package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRelevant(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"content/index.md": "# Home\n"})
	w := &watcher{source: src, dest: filepath.Join(src, "public")}
	for rel, want := range map[string]bool{
		"config.toml":                   true,
		"content":                       true,
		"content/index.md":              true,
		"content/guide/new/a.md":        true,
		"content/images/a.png":          true,
		"rules/matrix.toml":             true,
		"rules/decisions/t.toml":        true,
		"theme/templates/page.html":     true,
		"README.md":                     false, // beside content/: not read
		"notes/a.md":                    false,
		"public/index.html":             false, // the output
		".public.kb-tmp-123/index.html": false, // a build's temporary folder
		".git/index":                    false,
		"content/.a.md.swp":             false,
		"content/a.md~":                 false,
		"content/#a.md#":                false,
		"content/.#a.md":                false,
		"content/4913":                  false,
		"content/a.md___jb_tmp___":      false,
		"content/.hidden/a.md":          false,
	} {
		if got := w.relevant(filepath.Join(src, filepath.FromSlash(rel))); got != want {
			t.Errorf("with content/: %s counts %v, want %v", rel, got, want)
		}
	}
	// Without content/, the whole folder is the content, the output excepted.
	plain := t.TempDir()
	w = &watcher{source: plain, dest: filepath.Join(plain, "public")}
	for rel, want := range map[string]bool{
		"README.md":         true,
		"docs/a.md":         true,
		"config.toml":       true,
		"public/index.html": false,
		"docs/a.md~":        false,
	} {
		if got := w.relevant(filepath.Join(plain, filepath.FromSlash(rel))); got != want {
			t.Errorf("without content/: %s counts %v, want %v", rel, got, want)
		}
	}
}

// TestWatcher: changes of the source are reported once per burst, in folders
// made after the start too; the output folder, editors' temporary files and
// files beside content/ are not.
func TestWatcher(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"config.toml": "", "content/index.md": "# Home\n", "README.md": ""})
	w, err := newWatcher(src, filepath.Join(src, "public"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const quiet = settle
	changes := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() { w.run(ctx, quiet, changes); close(done) }()

	write := func(rel, data string) {
		t.Helper()
		writeFiles(t, src, map[string]string{rel: data})
	}
	// expect waits for n changes (a second at most), then a moment more
	// for any change too many.
	expect := func(what string, n int) {
		t.Helper()
		got := 0
		wait := time.After(time.Second)
		for got < n {
			select {
			case <-changes:
				got++
				continue
			case <-wait:
			}
			break
		}
		select {
		case <-changes:
			got++
		case <-time.After(2 * quiet):
		}
		if got != n {
			t.Errorf("%s: %d changes, want %d", what, got, n)
		}
	}

	for i := range 5 { // an editor saving: several writes in a burst
		write("content/index.md", "# Home "+string(rune('a'+i))+"\n")
	}
	wrote := time.Now()
	select {
	case <-changes:
		if d := time.Since(wrote); d < quiet*9/10 {
			t.Errorf("a change was reported %v after the last write, before the source was quiet for %v", d, quiet)
		}
	case <-time.After(time.Second):
		t.Fatal("a burst of writes: no change reported")
	}
	expect("the rest of a burst of writes", 0)

	if err := os.MkdirAll(filepath.Join(src, "content", "guide", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	expect("new folders", 1)
	write("content/guide/deep/a.md", "# A\n")
	expect("a file in a new folder", 1)

	write("rules/matrix.toml", "") // rules/ made after the start
	expect("rules/ made", 1)
	write("rules/matrix.toml", "# x\n")
	expect("a file in rules/", 1)

	write("config.toml", "title = \"T\"\n")
	expect("config.toml", 1)

	write("public/index.html", "")
	write(".public.kb-tmp-1/index.html", "")
	write("content/.index.md.swp", "")
	write("content/index.md~", "")
	write("content/4913", "")
	write("README.md", "x")
	if err := os.Chmod(filepath.Join(src, "content", "index.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	expect("output, temporary files, README.md, a change of mode", 0)

	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Error("the watcher did not stop with its context")
	}
}
