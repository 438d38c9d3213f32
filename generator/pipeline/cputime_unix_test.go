//go:build unix

package pipeline

import "syscall"

// cpuTime returns the user and system time the process has used so far, in
// nanoseconds, and whether the system tells it.
func cpuTime() (int64, bool) {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0, false
	}
	return u.Utime.Nano() + u.Stime.Nano(), true
}
