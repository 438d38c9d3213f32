package output

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// The lock is on one byte far past the process id the file holds: a lock
// on Windows also stops others from reading the bytes it covers.
func lockRange() *windows.Overlapped { return &windows.Overlapped{OffsetHigh: 1} }

// tryLock takes the lock on f if no one holds it; busy if someone does.
func tryLock(f *os.File) (busy bool, err error) {
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, lockRange())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return true, nil
	}
	return false, err
}

// waitLock waits for the lock on f and takes it.
func waitLock(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, lockRange())
}

func unlockFile(f *os.File) { _ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockRange()) }

// release lets go of the lock file and removes it. Windows cannot remove a
// file another build has open: then that build, waiting on it, keeps it.
func (l *lockFile) release() {
	unlockFile(l.f)
	_ = l.f.Close()
	_ = os.Remove(l.path)
}
