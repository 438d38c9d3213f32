//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes the lock on f if no one holds it; busy if someone does.
func tryLock(f *os.File) (busy bool, err error) {
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if errors.Is(err, unix.EWOULDBLOCK) {
		return true, nil
	}
	return false, err
}

// waitLock waits for the lock on f and takes it.
func waitLock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

func unlockFile(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// release removes the lock file and lets go of it. The file is removed while
// the lock is held, so that a build waiting on it sees it is gone (see lock).
func (l *lockFile) release() {
	_ = os.Remove(l.path)
	unlockFile(l.f)
	_ = l.f.Close()
}
