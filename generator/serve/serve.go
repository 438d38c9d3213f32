// Package serve is kb's preview server, behind `kb serve`: it builds a site,
// serves the output folder over HTTP, rebuilds when the source changes and
// reloads the pages open in a browser.
//
// Run does it all until its context ends. Its parts, one file each:
//
//	builder.go   runs pipeline.Build (the pipeline of `kb build`, unchanged) one
//	             build at a time, prints its diagnostics, and publishes the
//	             outcome: a build id that changes with every build, and the
//	             diagnostics when it failed
//	watch.go     watches the source with fsnotify (content/, rules/, theme/,
//	             config.toml, or the whole folder when it has no content/),
//	             adds new sub-folders as they appear, ignores the output
//	             folder, hidden and editors' temporary files, and waits for a
//	             quiet moment before asking for a build (editors write a file
//	             several times)
//	files.go     serves the output folder through an os.Root, so nothing
//	             outside it can be read: ".." and symbolic links that leave it
//	             are refused; folders are served by their index.html, never
//	             listed
//	reload.go    the live reload: HTML responses (never the files on disk)
//	             get a <script src="/_kb/reload.js" data-build="ID">; the
//	             script listens to the Server-Sent Events of /_kb/events and
//	             reloads the page when the build id differs from its own. The
//	             pages of a browser share one stream through a shared worker
//	             (/_kb/worker.js): a browser opens six connections to a server
//	             at most, and each stream holds one
//	errorpage.go when the last build failed, HTML responses also show its
//	             diagnostics, text-escaped, over the last good page (or on a
//	             "not found" page when there is none)
//	host.go      who may read the site: on a loopback address only requests
//	             for a loopback host name (localhost, 127.x, [::1]) are
//	             answered, so that a page of another site pointed at
//	             127.0.0.1 (DNS rebinding) cannot read it; on any other
//	             address Run warns that other machines can
//
// The server's own files live under /_kb/, so a site folder of that name is
// hidden while serving. Nothing is written inline: the script and the overlay's
// stylesheet are files, so a strict Content-Security-Policy allows them.
//
// A failed build leaves the previous output as it was (package output), so
// the pages keep being served, with the errors over them, until the source is
// fixed; the next good build reloads them.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Options says what to serve.
type Options struct {
	Source string    // the site's source folder
	Dest   string    // the output folder: built into, and served
	Stdout io.Writer // the address, and a line per build
	Stderr io.Writer // diagnostics and problems of the watcher
	Color  bool      // colour the diagnostics written to Stderr
}

// settle is how long the source must stay unchanged after a change before a
// build starts: editors write a file several times when saving it.
const settle = 100 * time.Millisecond

// Run builds the site, serves it on ln and rebuilds it on every change of the
// source, until ctx ends. It then stops the server, waits for a build in
// progress to finish, and returns nil; it returns an error only when serving
// itself fails. Run closes ln.
func Run(ctx context.Context, ln net.Listener, opts Options) error {
	stdout, stderr := &lockedWriter{w: opts.Stdout}, &lockedWriter{w: opts.Stderr}
	w, err := newWatcher(opts.Source, opts.Dest, stderr)
	if err != nil {
		ln.Close()
		return fmt.Errorf("watching %s: %w", opts.Source, err)
	}
	defer w.close()

	b := newBuilder(opts.Source, opts.Dest, stdout, stderr, opts.Color)
	handler := newHandler(opts.Dest, b.status)
	if loopback(ln.Addr()) {
		handler = loopbackOnly(handler)
	} else {
		warnReachable(stderr, ln.Addr())
	}
	b.build() // before serving, so that the first request finds the site
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C stops)\n", opts.Dest, URL(ln.Addr()))

	// Everything stops with ctx, or when serving fails.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, the event streams among them: otherwise
		// Shutdown would wait for them for ever.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	var wg sync.WaitGroup
	changes := make(chan struct{}, 1)
	wg.Go(func() { w.run(ctx, settle, changes) })
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-changes:
				b.build()
			}
		}
	})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case <-ctx.Done():
		err = nil
	case err = <-served: // Serve failed on its own
	}
	cancel()
	stop, cancelStop := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelStop()
	_ = srv.Shutdown(stop) // the requests ended with ctx
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// lockedWriter lets the watcher and the builder write to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
