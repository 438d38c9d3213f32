//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || windows

package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// lockFile is a held lock on a file beside the destination. The lock is the
// system's (flock, LockFileEx): it goes with the process, so a killed build
// never leaves one that blocks the next.
type lockFile struct {
	f    *os.File
	path string
}

// lock waits until it holds the lock file at path, calling waiting once
// first if another process (or another build in this one) holds it, and
// writes this process's id into it.
func lock(path, dest string, waiting func(pid int)) (*lockFile, error) {
	told := false
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		busy, err := tryLock(f)
		if err == nil && busy {
			if waiting != nil && !told {
				told = true
				waiting(readPID(f))
			}
			err = waitLock(f)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s for a build of %s: %w", path, dest, err)
		}
		// The build that held the lock removes the file as it lets go, and
		// may have done so after this one opened it: a lock on a removed
		// file keeps nobody out. Then open the file anew.
		same, err := isFile(f, path)
		if err != nil {
			unlockFile(f)
			f.Close()
			return nil, err
		}
		if same {
			if err := f.Truncate(0); err == nil {
				_, _ = f.WriteAt(pidText(os.Getpid()), 0)
			}
			return &lockFile{f: f, path: path}, nil
		}
		unlockFile(f)
		f.Close()
	}
}

// isFile reports whether the open file f is still the file at path.
func isFile(f *os.File, path string) (bool, error) {
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	pi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(fi, pi), nil
}

// readPID reads the id of the process holding the lock file f.
func readPID(f *os.File) int {
	b := make([]byte, 24)
	n, err := f.ReadAt(b, 0)
	if err != nil && err != io.EOF {
		return 0
	}
	return parsePID(b[:n])
}
