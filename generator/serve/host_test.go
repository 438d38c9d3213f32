package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// started is a Run in progress.
type started struct {
	base           string // the address Run printed, without the final slash
	stdout, stderr *syncBuffer
}

// startRun runs Run on ln until the test ends and waits until it prints
// the address it serves.
func startRun(t *testing.T, ln net.Listener) started {
	t.Helper()
	src := t.TempDir()
	writeFiles(t, src, small)
	ctx, cancel := context.WithCancel(context.Background())
	s := started{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	ran := make(chan error, 1)
	go func() {
		ran <- Run(ctx, ln, Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Stdout: s.stdout, Stderr: s.stderr})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-ran; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	// Run prints the address once the first build is done: no deadline,
	// the test's own timeout ends a Run that never gets there.
	for !strings.Contains(s.stdout.String(), "(Ctrl-C stops)") {
		select {
		case err := <-ran:
			t.Fatalf("Run returned %v before serving; stderr:\n%s", err, s.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	line := s.stdout.String()
	_, after, _ := strings.Cut(line, " at ")
	url, _, _ := strings.Cut(after, " ")
	s.base = strings.TrimSuffix(url, "/")
	return s
}

// getHost requests a path of the server at addr with the Host header host.
func getHost(t *testing.T, addr, path, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s with Host %q: %v", path, host, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestLoopbackHost: on a loopback address the server answers only requests
// for a loopback host name, so that a page of another site whose name an
// attacker points at 127.0.0.1 (DNS rebinding) cannot read the preview.
func TestLoopbackHost(t *testing.T) {
	for _, host := range []string{
		"localhost", "localhost:1313", "LocalHost:80",
		"127.0.0.1", "127.0.0.1:1313", "127.1.2.3:8080",
		"[::1]", "[::1]:1313",
	} {
		if !loopbackHost(host) {
			t.Errorf("Host %q refused; want it served", host)
		}
	}
	for _, host := range []string{
		"", "evil.example", "evil.example:1313", "localhost.evil.example",
		"127.0.0.1.evil.example", "evil.localhost", "0.0.0.0:1313", "[::]:1313",
		"10.0.0.7", "192.168.1.10:1313", "[fe80::1]:1313", "localhost:1313:1",
	} {
		if loopbackHost(host) {
			t.Errorf("Host %q served; want it refused", host)
		}
	}
}

// TestRunOnLoopback: served on 127.0.0.1, the pages, the server's own files
// and the event stream answer only to loopback host names; any other name
// gets 421 and a short text, and no warning is printed.
func TestRunOnLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	s := startRun(t, ln)
	if want := "http://" + addr; s.base != want {
		t.Errorf("printed address %s, want %s", s.base, want)
	}
	_, port, _ := net.SplitHostPort(addr)
	for _, path := range []string{"/a.html", "/", "/_kb/reload.js", "/_kb/worker.js"} {
		for _, host := range []string{addr, "localhost:" + port, "localhost"} {
			if code, _ := getHost(t, addr, path, host); code != http.StatusOK {
				t.Errorf("GET %s, Host %s: %d, want 200", path, host, code)
			}
		}
		for _, host := range []string{"evil.example:" + port, "evil.example"} {
			code, body := getHost(t, addr, path, host)
			if code != http.StatusMisdirectedRequest || !strings.Contains(body, "localhost") || strings.Contains(body, "Part one") {
				t.Errorf("GET %s, Host %s: %d %q; want 421 and a text naming the host names served", path, host, code, body[:min(len(body), 60)])
			}
		}
	}
	// The event stream too: its response never ends, so only its status is
	// read.
	req, _ := http.NewRequest("GET", "http://"+addr+"/_kb/events", nil)
	req.Host = "evil.example:" + port
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("GET /_kb/events, Host evil.example: %d, want 421", resp.StatusCode)
	}
	if e := s.stderr.String(); strings.Contains(e, "warning") {
		t.Errorf("a warning on a loopback address:\n%s", e)
	}
}

// TestRunOnEveryInterface: served on the unspecified address (every
// interface), Run prints that address, not localhost, warns on stderr that
// other machines can read the site, and answers any host name (other
// machines reach it by names it cannot know).
func TestRunOnEveryInterface(t *testing.T) {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String() // [::]:PORT, or 0.0.0.0:PORT without IPv6
	_, port, _ := net.SplitHostPort(addr)
	s := startRun(t, ln)
	if want := "http://" + addr; s.base != want {
		t.Errorf("printed address %s, want %s; stdout:\n%s", s.base, want, s.stdout.String())
	}
	warn := s.stderr.String()
	for _, want := range []string{"warning", addr, "other machines", "http://127.0.0.1:" + port + "/"} {
		if !strings.Contains(warn, want) {
			t.Errorf("stderr does not say %q:\n%s", want, warn)
		}
	}
	if code, _ := getHost(t, "127.0.0.1:"+port, "/a.html", "kb.lan:"+port); code != http.StatusOK {
		t.Errorf("GET /a.html, Host kb.lan: %d, want 200", code)
	}
}
