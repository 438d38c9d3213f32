//go:build unix

package cli

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a buffer kb serve writes to while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeStopsOnInterrupt runs kb serve as a user does: it prints the
// address, serves the site, and on Ctrl-C (SIGINT) stops with status 0,
// leaving no temporary folder behind.
func TestServeStopsOnInterrupt(t *testing.T) {
	site := writeSite(t, small)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where kb serve builds by default
	var stdout, stderr lockedBuffer
	exited := make(chan int, 1)
	go func() { exited <- Run([]string{"serve", "--source", site, "--addr", "127.0.0.1:0"}, &stdout, &stderr) }()

	address := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; time.Sleep(10 * time.Millisecond) {
		if m := address.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no address printed; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
	}
	resp, err := http.Get(url + "a.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET a.html: %s", resp.Status)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "kb-serve-") {
		t.Errorf("while serving, TMPDIR holds %v; want one kb-serve- folder", entries)
	}
	if !strings.Contains(stdout.String(), "serving "+filepath.Join(tmp, "kb-serve-")) {
		t.Errorf("stdout does not name the temporary output folder:\n%s", stdout.String())
	}

	start := time.Now()
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C; stderr:\n%s", code, stderr.String())
		}
		t.Logf("stopped %v after SIGINT", time.Since(start).Round(time.Millisecond))
	case <-time.After(10 * time.Second):
		t.Fatal("kb serve did not stop on SIGINT")
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left behind in TMPDIR: %v", entries)
	}
	if _, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")); err == nil {
		t.Error("still listening after Ctrl-C")
	}
}
