//go:build unix

package cli

import (
	"bytes"
	"io"
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

// kbServe is a kb serve running in this process until stop is called.
type kbServe struct {
	url            string // the address it printed
	stdout, stderr *lockedBuffer
	exited         chan int
}

// startServe runs kb serve with args until the test ends (or stop), and waits
// until it prints the address it serves.
func startServe(t *testing.T, args ...string) *kbServe {
	t.Helper()
	s := &kbServe{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, exited: make(chan int, 1)}
	go func() { s.exited <- Run(append([]string{"serve"}, args...), s.stdout, s.stderr) }()
	t.Cleanup(func() { s.stop(t) })
	address := regexp.MustCompile(`at (http://\S+/) \(Ctrl-C stops\)`)
	// The address is printed after the first build: no deadline, the test's
	// own timeout ends a kb serve that never gets there.
	for s.url == "" {
		if m := address.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
			break
		}
		select {
		case code := <-s.exited:
			s.exited <- code
			t.Fatalf("kb serve exited with %d before serving; stdout:\n%s\nstderr:\n%s", code, s.stdout.String(), s.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	return s
}

// stop sends SIGINT, as Ctrl-C does, and returns the exit status (once).
func (s *kbServe) stop(t *testing.T) int {
	t.Helper()
	select {
	case code := <-s.exited: // stopped already
		s.exited <- code
		return code
	default:
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Errorf("SIGINT: %v", err) // not Fatal: stop may run on another goroutine
		return -1
	}
	code := <-s.exited
	s.exited <- code
	return code
}

// get requests a path from addr (host:port) with the Host header host.
func get(t *testing.T, addr, path, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", path, host, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeAddress: on a loopback address kb serve prints it, warns of
// nothing and answers only loopback host names (a page of another site
// pointed at 127.0.0.1 by DNS rebinding gets 421); on every interface it
// prints the address it listens on, not localhost, warns on stderr that other
// machines can read the site, and answers any host name.
func TestServeAddress(t *testing.T) {
	site := writeSite(t, small)
	for _, tc := range []struct {
		addr     string
		printed  *regexp.Regexp
		loopback bool
	}{
		{"127.0.0.1:0", regexp.MustCompile(`^http://127\.0\.0\.1:(\d+)/$`), true},
		{"[::1]:0", regexp.MustCompile(`^http://\[::1\]:(\d+)/$`), true},
		// Go listens on both IPv4 and IPv6 for these where it can, [::].
		{":0", regexp.MustCompile(`^http://(?:0\.0\.0\.0|\[::\]):(\d+)/$`), false},
		{"0.0.0.0:0", regexp.MustCompile(`^http://(?:0\.0\.0\.0|\[::\]):(\d+)/$`), false},
		{"[::]:0", regexp.MustCompile(`^http://\[::\]:(\d+)/$`), false},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			if strings.HasPrefix(tc.addr, "[") {
				ln, err := net.Listen("tcp", tc.addr)
				if err != nil {
					t.Skipf("no IPv6 here: %v", err)
				}
				ln.Close()
			}
			s := startServe(t, "--source", site, "--dest", filepath.Join(t.TempDir(), "public"), "--addr", tc.addr)
			m := tc.printed.FindStringSubmatch(s.url)
			if m == nil {
				t.Fatalf("printed %s, want %s; stdout:\n%s", s.url, tc.printed, s.stdout.String())
			}
			port := m[1]
			local := net.JoinHostPort("127.0.0.1", port)
			if strings.HasPrefix(tc.addr, "[::1]") {
				local = net.JoinHostPort("::1", port)
			}
			warnings := strings.Count(s.stderr.String(), "warning")
			if code, _ := get(t, local, "/a.html", local); code != http.StatusOK {
				t.Errorf("GET /a.html (Host %s): %d", local, code)
			}
			if code, _ := get(t, local, "/a.html", "localhost:"+port); code != http.StatusOK {
				t.Errorf("GET /a.html (Host localhost:%s): %d", port, code)
			}
			code, body := get(t, local, "/a.html", "rebound.example:"+port)
			if tc.loopback {
				if warnings != 0 {
					t.Errorf("a warning on a loopback address:\n%s", s.stderr.String())
				}
				if code != http.StatusMisdirectedRequest || strings.Contains(body, "Part one") {
					t.Errorf("GET /a.html (Host rebound.example): %d, want 421 without the page", code)
				}
				return
			}
			if code != http.StatusOK {
				t.Errorf("GET /a.html (Host rebound.example) on every interface: %d, want 200", code)
			}
			if warnings != 1 || !strings.Contains(s.stderr.String(), "other machines can read the site") ||
				!strings.Contains(s.stderr.String(), "http://127.0.0.1:"+port+"/") {
				t.Errorf("want one warning that other machines can read the site, naming the address to open here; stderr:\n%s", s.stderr.String())
			}
			if code := s.stop(t); code != 0 {
				t.Errorf("exit %d after Ctrl-C", code)
			}
		})
	}
}

// TestServeStopsOnInterrupt runs kb serve as a user does: it prints the
// address, serves the site, and on Ctrl-C (SIGINT) stops with status 0,
// leaving no temporary folder behind.
func TestServeStopsOnInterrupt(t *testing.T) {
	site := writeSite(t, small)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where kb serve builds by default
	s := startServe(t, "--source", site, "--addr", "127.0.0.1:0")
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/$`).MatchString(s.url) {
		t.Errorf("printed address %s", s.url)
	}
	addr := strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/")
	if code, _ := get(t, addr, "/a.html", addr); code != http.StatusOK {
		t.Errorf("GET a.html: %d", code)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "kb-serve-") {
		t.Errorf("while serving, TMPDIR holds %v; want one kb-serve- folder", entries)
	}
	if !strings.Contains(s.stdout.String(), "serving "+filepath.Join(tmp, "kb-serve-")) {
		t.Errorf("stdout does not name the temporary output folder:\n%s", s.stdout.String())
	}

	// kb serve stops on SIGINT: a deadline from the signal, for a kb serve
	// that does not stop at all.
	start := time.Now()
	stopped := make(chan int, 1)
	go func() { stopped <- s.stop(t) }()
	select {
	case code := <-stopped:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C; stderr:\n%s", code, s.stderr.String())
		}
		t.Logf("stopped %v after SIGINT", time.Since(start).Round(time.Millisecond))
	case <-time.After(time.Minute):
		t.Fatal("kb serve did not stop on SIGINT")
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left behind in TMPDIR: %v", entries)
	}
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Error("still listening after Ctrl-C")
	}
}
