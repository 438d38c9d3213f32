package serve

import (
	"crypto/rand"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"kb/generator/diag"
	"kb/generator/output"
	"kb/generator/pipeline"
	"kb/generator/report"
)

// outcome is what the last build left, and so what the pages show.
type outcome struct {
	// ID changes with every build, failed or not, and differs between two
	// runs of the server, so that a page reloads after a restart too.
	ID          string
	Failed      bool
	Diagnostics []diag.Diagnostic // every finding of a failed build, sorted
	Err         error             // what stopped a failed build, if not its content
}

// status holds the last outcome and tells those waiting when it changes.
type status struct {
	mu      sync.Mutex
	last    outcome
	changed chan struct{} // closed, and replaced, when last changes
}

func newStatus(first outcome) *status {
	return &status{last: first, changed: make(chan struct{})}
}

// get returns the last outcome and a channel closed when a newer one is set.
func (s *status) get() (outcome, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last, s.changed
}

func (s *status) set(o outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = o
	close(s.changed)
	s.changed = make(chan struct{})
}

// builder runs the builds of one server, one at a time.
type builder struct {
	source, dest   string
	stdout, stderr io.Writer
	color          bool
	runID          string // this server's part of the build ids
	count          int
	status         *status
	run            func(pipeline.Options) (*pipeline.Result, error) // pipeline.Build; tests replace it
}

func newBuilder(source, dest string, stdout, stderr io.Writer, color bool) *builder {
	run := rand.Text()[:8]
	return &builder{source: source, dest: dest, stdout: stdout, stderr: stderr, color: color,
		runID: run, status: newStatus(outcome{ID: run + "-0"}), run: pipeline.Build}
}

// build builds the site into the output folder, reports the result on the
// terminal and publishes it. A failed build, even one that panics, leaves the
// output as it was.
func (b *builder) build() {
	start := time.Now()
	res, err := b.runSafely()
	took := time.Since(start).Round(time.Millisecond)
	b.count++
	o := outcome{ID: fmt.Sprintf("%s-%d", b.runID, b.count)}
	if res != nil {
		_ = report.Write(b.stderr, "text", res.Diagnostics.Items(), report.Options{Color: b.color})
	}
	switch {
	case err != nil:
		o.Failed, o.Err = true, err
		fmt.Fprintf(b.stderr, "kb serve: %v; still serving the previous build\n", err)
	case !res.Written:
		o.Failed = true
		fmt.Fprintln(b.stderr, "kb serve: not built: fix the errors above; still serving the previous build")
	default:
		fmt.Fprintf(b.stdout, "built %d pages in %v\n", len(res.Site.Pages), took)
	}
	if o.Failed && res != nil {
		o.Diagnostics = res.Diagnostics.Items()
	}
	b.status.set(o)
}

// runSafely runs one build. A panic in it, a bug in kb, is a failed build:
// its stack goes to the terminal for a bug report, and the server goes on
// serving the previous build (package pipeline removes the temporary folder).
func (b *builder) runSafely() (res *pipeline.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			text := fmt.Sprint(p)
			fmt.Fprintf(b.stderr, "kb serve: the build panicked, a bug in kb; please report it with this text:\npanic: %s\n\n%s\n", text, debug.Stack())
			first, _, _ := strings.Cut(text, "\n")
			res, err = nil, fmt.Errorf("internal error in kb: %s", first)
		}
	}()
	return b.run(pipeline.Options{Source: b.source, Dest: b.dest, Waiting: func(pid int) {
		fmt.Fprintf(b.stderr, "kb serve: waiting for another build of %s%s to finish\n", b.dest, output.Holder(pid))
	}})
}
