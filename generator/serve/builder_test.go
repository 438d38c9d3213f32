package serve

import (
	"path/filepath"
	"strings"
	"testing"

	"kb/generator/build"
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

	b.run = func(build.Options) (*build.Result, error) { panic("boom") }
	b.build()
	o, _ := b.status.get()
	if !o.Failed || o.Err == nil || !strings.Contains(o.Err.Error(), "boom") || o.ID == first.ID {
		t.Errorf("outcome after a panic: %+v", o)
	}
	if !strings.Contains(stderr.String(), "boom") || !strings.Contains(stderr.String(), "still serving the previous build") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	sameFiles(t, "after the panic", files(t, dest), before)

	b.run = build.Build
	b.build()
	if o, _ := b.status.get(); o.Failed {
		t.Errorf("the build after the panic failed: %+v\n%s", o, stderr.String())
	}
}
