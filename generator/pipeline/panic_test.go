package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kb/generator/output"
)

// TestParallelPanic checks that a panic in a worker of parallel reaches its
// caller, where it can be recovered (kb serve does), instead of ending the
// program from the worker's goroutine.
func TestParallelPanic(t *testing.T) {
	defer func() {
		p := recover()
		if p == nil {
			t.Fatal("parallel returned without the panic")
		}
		if msg, _ := p.(error); msg == nil || !strings.Contains(msg.Error(), "boom") || !strings.Contains(msg.Error(), "panic_test.go") {
			t.Errorf("panic %v: want the worker's value and stack", p)
		}
	}()
	parallel(16, func(i int) {
		if i == 5 {
			panic("boom")
		}
	})
}

// TestAbortOnPanic checks that a build that panics removes its temporary
// folder.
func TestAbortOnPanic(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	func() {
		defer func() { _ = recover() }()
		d, err := output.Take(dest, output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Release()
		out, err := d.Begin(filepath.Join(dir, "src"))
		if err != nil {
			t.Fatal(err)
		}
		defer abortOnPanic(&out)
		panic("boom")
	}()
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("dest: %v", err)
	}
}
