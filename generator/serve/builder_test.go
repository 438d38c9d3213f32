package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kb/generator/output"
	"kb/generator/pipeline"
)

// TestBuildPanic checks that a build that panics is a failed build: the
// server reports it, keeps the previous output and goes on, and the next
// build works.
func TestBuildPanic(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, small)
	dest := filepath.Join(t.TempDir(), "public")
	var stdout, stderr syncBuffer
	b := newBuilder(src, dest, &stdout, &stderr, false)
	b.build()
	first, _ := b.status.get()
	if first.Failed {
		t.Fatalf("first build failed: %s", stderr.String())
	}
	before := files(t, dest)

	b.run = func(pipeline.Options) (*pipeline.Result, error) { panic("boom") }
	b.build()
	o, _ := b.status.get()
	if !o.Failed || o.Err == nil || !strings.Contains(o.Err.Error(), "boom") || o.ID == first.ID {
		t.Errorf("outcome after a panic: %+v", o)
	}
	if !strings.Contains(stderr.String(), "boom") || !strings.Contains(stderr.String(), "still serving the previous build") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	sameFiles(t, "after the panic", files(t, dest), before)

	b.run = pipeline.Build
	b.build()
	if o, _ := b.status.get(); o.Failed {
		t.Errorf("the build after the panic failed: %+v\n%s", o, stderr.String())
	}
}

// TestBuildSaysItWaits: while another build holds the output folder, a
// rebuild says so on the terminal, then builds once the other is done.
func TestBuildSaysItWaits(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, small)
	dest := filepath.Join(t.TempDir(), "public")
	held, err := output.Take(dest, output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	b := newBuilder(src, dest, &stdout, &stderr, false)
	done := make(chan struct{})
	go func() { b.build(); close(done) }()
	// A guard, not a measure: the message comes as soon as the build finds
	// the lock taken, long before a minute even on a loaded machine.
	guard := time.After(time.Minute)
	for !strings.Contains(stderr.String(), "kb serve: waiting for another build of "+dest) {
		select {
		case <-done:
			t.Fatalf("built while another build held %s:\n%s", dest, stderr.String())
		case <-guard:
			t.Fatalf("no word after a minute of waiting for another build; stderr:\n%s", stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	held.Release()
	<-done
	if o, _ := b.status.get(); o.Failed {
		t.Errorf("the build after waiting failed: %+v\n%s", o, stderr.String())
	}
}
