//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || windows)

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lockFile is a lock file beside the destination, made with O_EXCL: this
// system has no lock that goes with the process, so a killed build's file
// stays, and a build does not wait for it but says what to do.
type lockFile struct{ path string }

// lock makes the lock file at path, or says which build holds it.
func lock(path, dest string, waiting func(pid int)) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		b, _ := os.ReadFile(path)
		return nil, fmt.Errorf("another build%s of %s holds %s; if no build is running, remove that file", Holder(parsePID(b)), dest, path)
	}
	if err != nil {
		return nil, err
	}
	_, err = f.Write(pidText(os.Getpid()))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return nil, err
	}
	return &lockFile{path: path}, nil
}

func (l *lockFile) release() { _ = os.Remove(l.path) }
