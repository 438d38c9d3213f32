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

// guard ends a wait for something that never happens. It starts at the
// event waited for: a slow machine makes a test slower, not fail.
const guard = time.Minute

// watchedSite writes a small source folder (config.toml, content/index.md and
// a README.md beside them) and returns it with a watcher of it, closed when
// the test ends; the output folder is src/public.
func watchedSite(t *testing.T) (src string, w *watcher) {
	t.Helper()
	src = t.TempDir()
	writeFiles(t, src, map[string]string{"config.toml": "", "content/index.md": "# Home\n", "README.md": ""})
	w, err := newWatcher(src, filepath.Join(src, "public"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.close)
	return src, w
}

// TestWatcher: changes of the source are reported once the source is quiet,
// once per burst of writes, in folders made after the start too; the output
// folder, editors' temporary files, files beside content/ and changes of
// mode are not changes.
func TestWatcher(t *testing.T) {
	src, w := watchedSite(t)
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
	// changed waits for a change, from the write it follows.
	changed := func(what string) {
		t.Helper()
		select {
		case <-changes:
		case <-time.After(guard):
			t.Fatalf("%s: no change reported", what)
		}
	}
	// quietNow waits until no change came for 2*quiet, so that the next
	// step starts with none pending.
	quietNow := func() {
		for {
			select {
			case <-changes:
				continue
			case <-time.After(2 * quiet):
			}
			return
		}
	}

	// An editor saving: several writes in a burst, one change after them.
	first := time.Now()
	for i := range 5 {
		write("content/index.md", "# Home "+string(rune('a'+i))+"\n")
	}
	wrote := time.Now()
	changed("a burst of writes")
	if d := time.Since(wrote); d < quiet*9/10 {
		t.Errorf("a change was reported %v after the last write, before the source was quiet for %v", d, quiet)
	}
	select {
	case <-changes:
		// Two changes are right when the writes themselves were more
		// than quiet apart, as on a busy machine they can be.
		if span := wrote.Sub(first); span < quiet/2 {
			t.Errorf("a burst of writes within %v: two changes, want one", span)
		} else {
			t.Logf("the writes took %v: two changes", span)
		}
	case <-time.After(2 * quiet):
	}
	quietNow()

	// Folders made after the start are watched: a file in them is a change.
	if err := os.MkdirAll(filepath.Join(src, "content", "guide", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	changed("new folders")
	quietNow()
	write("content/guide/deep/a.md", "# A\n")
	changed("a file in a new folder")
	quietNow()

	write("rules/matrix.toml", "") // rules/ made after the start
	changed("rules/ made")
	quietNow()
	write("rules/matrix.toml", "# x\n")
	changed("a file in rules/")
	quietNow()

	write("config.toml", "title = \"T\"\n")
	changed("config.toml")
	quietNow()

	cancel()
	select {
	case <-done:
	case <-time.After(guard):
		t.Error("the watcher did not stop with its context")
	}
}

// TestWatcherIgnores: the output folder, a build's temporary folder,
// editors' temporary files, a file beside content/ and a change of mode are
// no change. The watcher's events are read as run reads them, up to a file
// written last: the events of a folder come in order, so every event before
// it has been seen, however slow the machine (a wait for a change that must
// not come would depend on its speed).
func TestWatcherIgnores(t *testing.T) {
	src, w := watchedSite(t)

	for _, rel := range []string{"public/index.html", ".public.kb-tmp-1/index.html", "content/.index.md.swp",
		"content/index.md~", "content/4913", "content/#index.md#", "content/a.md___jb_tmp___", "README.md"} {
		writeFiles(t, src, map[string]string{rel: "x"})
	}
	if err := os.Chmod(filepath.Join(src, "content", "index.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	last := filepath.Join(src, "content", "last.md")
	writeFiles(t, src, map[string]string{"content/last.md": "# Last\n"})
	for {
		select {
		case ev := <-w.fs.Events:
			if ev.Name == last {
				if !w.counts(ev) {
					t.Errorf("%v is no change", ev)
				}
				return
			}
			if w.counts(ev) {
				t.Errorf("%v counts as a change of the source", ev)
			}
		case err := <-w.fs.Errors:
			t.Fatal(err)
		case <-time.After(guard):
			t.Fatal("no event for content/last.md")
		}
	}
}
