// Package output writes a built site so that readers never see half of it.
//
// Begin makes a temporary folder beside the destination; the build writes every
// file there; Commit swaps it into place only when all went well, and Abort
// removes it. A failed build therefore leaves the previous output exactly as
// it was.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Dir is a site being written.
type Dir struct {
	dest string
	tmp  string
}

// Begin prepares to write the site that will replace dest. It refuses a
// destination that is, or contains, the folder protect (the source), since
// committing would delete it.
func Begin(dest, protect string) (*Dir, error) {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	absProtect, err := filepath.Abs(protect)
	if err != nil {
		return nil, err
	}
	if absDest == absProtect || strings.HasPrefix(absProtect, absDest+string(filepath.Separator)) {
		return nil, fmt.Errorf("destination %s would replace the source folder; choose another --dest", dest)
	}
	if fi, err := os.Stat(absDest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("destination %s is a file, not a folder", dest)
	}
	parent := filepath.Dir(absDest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// A build that was killed leaves its temporary folder behind: remove
	// those of earlier builds of this destination.
	prefix := "." + filepath.Base(absDest) + ".kb-tmp-"
	if stale, err := filepath.Glob(filepath.Join(parent, prefix+"*")); err == nil {
		for _, p := range stale {
			_ = os.RemoveAll(p)
		}
	}
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Dir{dest: absDest, tmp: tmp}, nil
}

// MkdirAll creates the folders that files will be written to. Call it before
// writing in parallel, with every folder the site needs.
func (d *Dir) MkdirAll(dirs []string) error {
	for _, dir := range dirs {
		if err := os.MkdirAll(d.path(dir), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// WriteFile writes one file of the site; name is slash-separated and relative
// to the site root. Its folder must exist (see MkdirAll). Safe for concurrent
// use.
func (d *Dir) WriteFile(name string, data []byte) error {
	return os.WriteFile(d.path(name), data, 0o644)
}

func (d *Dir) path(name string) string {
	return filepath.Join(d.tmp, filepath.FromSlash(path.Clean("/"+name)))
}

// Commit replaces the destination with the written site.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Stat(d.dest); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			d.Abort()
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, d.dest))
		}
		d.Abort()
		return fmt.Errorf("moving the new output into place: %w", err)
	}
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// removeAll removes a folder as os.RemoveAll does, with its files unlinked by
// one goroutine per core: a 10,000-article site has some 20,000 files, and
// removing them one after another took a twentieth of the build.
func removeAll(dir string) error {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	workers := min(runtime.GOMAXPROCS(0), 1+len(files)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(files); i += workers {
				_ = os.Remove(files[i])
			}
		})
	}
	wg.Wait()
	return os.RemoveAll(dir) // the folders, and anything the walk missed
}

// Abort removes what was written; the destination is left as it was.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }
