package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher tells when a site's source has changed. It watches folders (the
// operating system reports changes of the files in a watched folder), adding
// each new sub-folder as it appears, and reports a change once the source has
// been quiet for a moment.
//
// What counts is what package source reads: config.toml, content/, rules/ and
// theme/, or the whole source folder when it has no content/. Names starting
// with "." (which kb skips, as it does its own temporary folders), editors'
// temporary files and the output folder never count.
type watcher struct {
	fs     *fsnotify.Watcher
	source string // absolute
	dest   string // absolute
	log    io.Writer
}

func newWatcher(source, dest string, log io.Writer) (*watcher, error) {
	absSource, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, source: absSource, dest: absDest, log: log}
	if err := fw.Add(absSource); err != nil {
		fw.Close()
		return nil, err
	}
	for _, t := range w.trees() {
		w.addTree(t)
	}
	return w, nil
}

func (w *watcher) close() { w.fs.Close() }

// run sends on changes (without blocking: one pending change is enough) when
// the source has changed and then stayed unchanged for quiet, until ctx ends.
func (w *watcher) run(ctx context.Context, quiet time.Duration, changes chan<- struct{}) {
	timer := time.NewTimer(quiet)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if !w.counts(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name) // files made in it before the watch are in the next build
				}
			}
			timer.Reset(quiet)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			// Typically an overflow: events were lost, so build anyway.
			fmt.Fprintf(w.log, "kb serve: watching %s: %v\n", w.source, err)
			timer.Reset(quiet)
		case <-timer.C:
			select {
			case changes <- struct{}{}:
			default:
			}
		}
	}
}

// counts reports whether an event is a change of the site's source. A change
// of permissions only does not count.
func (w *watcher) counts(ev fsnotify.Event) bool {
	return ev.Op != fsnotify.Chmod && w.relevant(ev.Name)
}

// relevant reports whether a file or folder is part of the site's source.
func (w *watcher) relevant(p string) bool {
	if _, in := under(w.dest, p); in {
		return false
	}
	for _, t := range w.trees() {
		if rel, in := under(t, p); in {
			return !temporary(rel)
		}
	}
	rel, in := under(w.source, p)
	switch rel {
	case "config.toml", "content", "rules", "theme":
		return in
	}
	return false
}

// trees are the folders whose every file is part of the source.
func (w *watcher) trees() []string {
	content := filepath.Join(w.source, "content")
	if fi, err := os.Stat(content); err != nil || !fi.IsDir() {
		return []string{w.source}
	}
	// package source follows a content folder that is a symbolic link
	if real, err := filepath.EvalSymlinks(content); err == nil {
		content = real
	}
	return []string{content, filepath.Join(w.source, "rules"), filepath.Join(w.source, "theme")}
}

// addTree watches dir and every folder below it that is part of the source.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // a folder removed meanwhile, or a file
		}
		if p != dir && !w.relevant(p) || p == w.dest {
			return fs.SkipDir
		}
		if err := w.fs.Add(p); err != nil {
			fmt.Fprintf(w.log, "kb serve: cannot watch %s: %v; its changes will not rebuild the site\n", p, err)
		}
		return nil
	})
}

// under returns p relative to dir, slash-separated ("." for dir itself), and
// whether p is dir or inside it.
func under(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// temporary reports whether a slash-separated relative path names, or lies
// in, a hidden file or folder or an editor's temporary file: a backup
// ("a.md~"), a swap or lock file (".a.md.swp", "#a.md#"), vim's probe "4913",
// or the safe-write files of JetBrains editors.
func temporary(rel string) bool {
	if rel == "." {
		return false
	}
	for name := range strings.SplitSeq(rel, "/") {
		switch {
		case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
			strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"),
			strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"),
			strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
			name == "4913":
			return true
		}
	}
	return false
}
