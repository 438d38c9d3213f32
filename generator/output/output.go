// Package output writes a built site so that readers never see half of it,
// nor no site at all.
//
// Take holds the destination for one build: a lock file beside it keeps a
// second build of the same destination waiting until the first is done, so
// that neither removes the other's files. Holding it, Take puts back a
// previous site that a killed build left moved aside, and removes what killed
// builds left behind. Begin then makes a temporary folder beside the
// destination; the build writes every file there; Commit swaps it into place
// only when all went well, and Abort removes it. A failed build therefore
// leaves the previous output exactly as it was.
//
// Where the system can exchange two folders in one step (Linux renameat2
// with RENAME_EXCHANGE, macOS renamex_np with RENAME_SWAP), Commit does, so
// that a web server reading the destination finds it at every moment. Elsewhere
// (or on a file system that cannot) Commit renames the previous site aside to
// .NAME.kb-old and the new one into place; a build killed between the two
// leaves the destination missing until the next build of it puts the previous
// site back.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Options tune Take.
type Options struct {
	// Waiting, when set, is called once if another build holds the
	// destination, before Take waits for it; pid is that build's process id,
	// 0 when it is not known.
	Waiting func(pid int)
}

// Dest is a destination held by one build. Make one with Take and call
// Release when the build is done.
type Dest struct {
	given  string // as the caller named it, for messages
	dest   string // absolute
	parent string
	lock   *lockFile
}

// Take waits until no other build holds dest, then holds it. Holding it, it
// puts back a previous site that a build killed while committing left moved
// aside, and removes the temporary folders and moved-aside sites of killed
// builds.
func Take(dest string, opts Options) (*Dest, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	d := &Dest{given: dest, dest: abs, parent: filepath.Dir(abs)}
	if err := os.MkdirAll(d.parent, 0o755); err != nil {
		return nil, err
	}
	if d.lock, err = lock(d.name("kb-lock"), dest, opts.Waiting); err != nil {
		return nil, err
	}
	if err := d.recover(); err != nil {
		d.Release()
		return nil, fmt.Errorf("putting back the previous output of %s: %w", dest, err)
	}
	return d, nil
}

// Release lets other builds of the destination go on.
func (d *Dest) Release() {
	if d.lock != nil {
		d.lock.release()
		d.lock = nil
	}
}

// name is the path of .BASE.suffix beside the destination.
func (d *Dest) name(suffix string) string {
	return filepath.Join(d.parent, "."+filepath.Base(d.dest)+"."+suffix)
}

// tmpPrefix starts the names of the temporary folders of the destination.
func (d *Dest) tmpPrefix() string { return "." + filepath.Base(d.dest) + ".kb-tmp-" }

// recover puts back the previous site if the destination is missing and a
// commit moved it aside (to .BASE.kb-old, or .BASE.kb-tmp-*.old as kb
// versions before this one named it), then removes what killed builds left:
// temporary folders and moved-aside sites. Only a build holding the
// destination may call it: another build's folders are not stale.
func (d *Dest) recover() error {
	aside := d.name("kb-old")
	legacy, _ := filepath.Glob(filepath.Join(d.parent, d.tmpPrefix()+"*.old"))
	sort.Sort(sort.Reverse(sort.StringSlice(legacy)))
	if _, err := os.Lstat(d.dest); errors.Is(err, fs.ErrNotExist) {
		for _, old := range append([]string{aside}, legacy...) {
			if fi, err := os.Lstat(old); err == nil && fi.IsDir() {
				if err := os.Rename(old, d.dest); err != nil {
					return err
				}
				break
			}
		}
	}
	_ = removeAll(aside)
	if stale, err := filepath.Glob(filepath.Join(d.parent, d.tmpPrefix()+"*")); err == nil {
		for _, p := range stale {
			_ = removeAll(p)
		}
	}
	return nil
}

// Dir is a site being written.
type Dir struct {
	dest  string
	tmp   string
	aside string // where the previous site is renamed to when it cannot be exchanged
}

// Begin prepares to write the site that will replace the destination. It
// refuses a destination that is, or contains, the folder protect (the
// source), since committing would delete it.
func (d *Dest) Begin(protect string) (*Dir, error) {
	absProtect, err := filepath.Abs(protect)
	if err != nil {
		return nil, err
	}
	if d.dest == absProtect || strings.HasPrefix(absProtect, d.dest+string(filepath.Separator)) {
		return nil, fmt.Errorf("destination %s would replace the source folder; choose another --dest", d.given)
	}
	if fi, err := os.Stat(d.dest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("destination %s is a file, not a folder", d.given)
	}
	tmp, err := os.MkdirTemp(d.parent, d.tmpPrefix())
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Dir{dest: d.dest, tmp: tmp, aside: d.name("kb-old")}, nil
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

// Commit replaces the destination with the written site. It returns an error
// only when the destination was not replaced; the previous site is then left
// in place.
func (d *Dir) Commit() error {
	if _, err := os.Lstat(d.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			d.Abort()
			return fmt.Errorf("moving the new output into place: %w", err)
		}
		return nil
	}
	err := exchange(d.tmp, d.dest)
	if errors.Is(err, errors.ErrUnsupported) {
		return d.commitByRenames()
	}
	if err != nil {
		d.Abort()
		return fmt.Errorf("moving the new output into place: %w", err)
	}
	// The temporary folder's name now holds the previous site. Left there
	// (if kb is killed now, or a file cannot be removed), the next build
	// of the destination removes it.
	_ = removeAll(d.tmp)
	return nil
}

// commitByRenames replaces the destination in two steps, for systems that
// cannot exchange two folders: the previous site is renamed aside, then the
// new one into place. Between the two the destination is missing; killed
// there, the next build puts the previous site back (see Dest.recover).
func (d *Dir) commitByRenames() error {
	_ = removeAll(d.aside) // none while the destination is held, but be sure
	if err := os.Rename(d.dest, d.aside); err != nil {
		d.Abort()
		return fmt.Errorf("moving the previous output aside: %w", err)
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		err = errors.Join(err, os.Rename(d.aside, d.dest))
		d.Abort()
		return fmt.Errorf("moving the new output into place: %w", err)
	}
	_ = removeAll(d.aside) // or the next build does
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
