package output

import (
	"bytes"
	"fmt"
	"strconv"
)

// pidText is what a lock file holds: the process id of the build holding it.
func pidText(pid int) []byte { return []byte(strconv.Itoa(pid) + "\n") }

// parsePID reads what pidText wrote; 0 when it is not a process id (the
// file is empty while its holder is about to write it).
func parsePID(b []byte) int {
	pid, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// Holder is " (pid N)" for the build that holds a destination, or "" when
// its process id is not known: the one way kb names it in a message.
func Holder(pid int) string {
	if pid == 0 {
		return ""
	}
	return fmt.Sprintf(" (pid %d)", pid)
}
