package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kb/generator/foldertest"
	"kb/generator/pipeline"
)

var small = map[string]string{
	"config.toml":      "title = \"Small\"\n",
	"content/index.md": "---\ntitle: Home\ndescription: The home page.\n---\nSee [a](a.md#part-one).\n",
	"content/a.md":     "---\ntitle: A\ndescription: Article A.\n---\n## Part one\n\nBack [home](index.md).\n",
}

// syncBuffer is a buffer that Run writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// files reads every file below dir.
func files(t *testing.T, dir string) map[string]string { return foldertest.Read(t, dir) }

// sameFiles reports the first difference between two folders' files.
func sameFiles(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files, want %d", what, len(a), len(b))
	}
	for name, data := range b {
		if a[name] != data {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// events reads the build ids of the live reload's event stream.
func events(t *testing.T, ctx context.Context, base string) <-chan string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_kb/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("/_kb/events is %s", ct)
	}
	ids := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		defer close(ids)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ids <- id
			}
		}
	}()
	return ids
}

// until reads build ids until a page satisfies ok; it returns the page.
// (Writing a file may start more than one build.) Call it after the event
// it waits for: its guard starts then.
func until(t *testing.T, ids <-chan string, url, what string, ok func(id, page string) bool) string {
	t.Helper()
	timeout := time.After(guard)
	for {
		select {
		case id := <-ids:
			if page := body(t, url); ok(id, page) {
				return page
			}
		case <-timeout:
			t.Fatalf("%s: %s never showed it:\n%s", what, url, body(t, url))
		}
	}
}

func body(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestRun: Run builds exactly what kb build builds, serves it, rebuilds on a
// change, tells the open pages, shows a failed build's errors while keeping
// the output, and stops when its context ends, event streams and all.
func TestRun(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, small)
	dest := filepath.Join(t.TempDir(), "public")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(URL(ln.Addr()), "/")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	ran := make(chan error, 1)
	go func() {
		ran <- Run(ctx, ln, Options{Source: src, Dest: dest, Stdout: &stdout, Stderr: &stderr})
	}()

	// The stream has its own context: the server must end it.
	streamCtx, cancelStream := context.WithCancel(context.Background())
	defer cancelStream()
	ids := events(t, streamCtx, base) // waits for the first build: Run serves after it
	first := until(t, ids, base+"/a.html", "the first build", func(id, page string) bool {
		return strings.Contains(page, `data-build="`+id+`"`) && strings.Contains(page, "Part one")
	})
	if !strings.Contains(stdout.String(), "serving "+dest+" at "+base+"/") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	want := filepath.Join(t.TempDir(), "public")
	if res, err := pipeline.Build(pipeline.Options{Source: src, Dest: want}); err != nil || !res.Written {
		t.Fatalf("kb build: %v", err)
	}
	sameFiles(t, "served output against kb build's", files(t, dest), files(t, want))

	writeFiles(t, src, map[string]string{"content/a.md": strings.Replace(small["content/a.md"], "Back", "Edited: back", 1)})
	until(t, ids, base+"/a.html", "an edit", func(id, page string) bool {
		return strings.Contains(page, `data-build="`+id+`"`) && strings.Contains(page, "Edited: back") && page != first
	})

	good := files(t, dest)
	writeFiles(t, src, map[string]string{"content/a.md": small["content/a.md"] + "See [gone](gone.md).\n"})
	until(t, ids, base+"/a.html", "breaking a link", func(id, page string) bool {
		return strings.Contains(page, `data-build="`+id+`"`) && strings.Contains(page, "Edited: back") &&
			strings.Contains(page, "content/a.md:8:5: error: link target &#34;gone.md&#34; does not exist") &&
			strings.Contains(page, "[link-missing-file]")
	})
	sameFiles(t, "output after a failed build", files(t, dest), good)
	if !strings.Contains(stderr.String(), "content/a.md:8:5: error:") {
		t.Errorf("stderr:\n%s", stderr.String())
	}

	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(guard):
		t.Fatal("Run did not return when its context ended")
	}
	for ended := false; !ended; {
		select {
		case _, open := <-ids:
			ended = !open
		case <-time.After(guard):
			t.Fatal("the event stream did not end with the server")
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
