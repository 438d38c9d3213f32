package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"kb/generator/pipeline"
)

// site is the default knowledge base, built once for every test.
var site string

// shared is the one Chromium the tests of the package share, started by
// TestMain; each test opens its tabs in a browser context of its own (as a
// private window: no cookies, storage, cache, permissions or workers in
// common with another test).
var shared struct {
	ctx  context.Context // the browser's first tab, never used by a test
	path string          // the browser binary, "" when none was found
	err  error           // why it did not start
}

// stepLimit ends a step of a test (an action, an evaluation, a wait for a
// condition) that never finishes. It starts when the step does, so that a
// slow step before it takes nothing from it: no test depends on the speed
// of the machine, the limit only turns a hang into a failure.
const stepLimit = time.Minute

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kb-browser-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Start the browser while the site builds.
	stop := func() {}
	started := make(chan struct{})
	if shared.path = findChromium(); shared.path != "" {
		go func() {
			defer close(started)
			stop, shared.err = startChromium(shared.path, filepath.Join(dir, "profile"))
		}()
	} else {
		close(started)
	}
	site = filepath.Join(dir, "public")
	res, err := pipeline.Build(pipeline.Options{Source: "../..", Dest: site})
	<-started
	if err != nil || !res.Written {
		fmt.Fprintf(os.Stderr, "building the default site: %v\n", err)
		stop()
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

// findChromium returns the browser binary, or "" when there is none.
func findChromium() string {
	if p := os.Getenv("KB_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startChromium starts the shared headless browser with its profile in
// profile, and returns the func that stops it.
func startChromium(path, profile string) (stop func(), err error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-search-engine-choice-screen", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	stop = func() { cancelCtx(); cancelAlloc() }
	// No time limit: a browser that never starts is ended by the test
	// binary's own timeout.
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return func() {}, err
	}
	shared.ctx = ctx
	return stop, nil
}

// chromium skips the test when no browser was found (fails it with
// KB_BROWSER=required), and fails it when the browser did not start.
func chromium(t testing.TB) {
	t.Helper()
	if shared.path == "" {
		if os.Getenv("KB_BROWSER") == "required" {
			t.Fatal("KB_BROWSER=required but no Chromium found; install the Debian package chromium")
		}
		t.Skip("no Chromium found (install the Debian package chromium, or set KB_CHROMIUM); skipping the browser test")
	}
	if shared.err != nil {
		t.Fatalf("starting Chromium %s: %v", shared.path, shared.err)
	}
}

// newTab opens a tab of the shared browser in a new browser context, closed
// when the test ends. Its steps have no time limit of their own: the
// helpers below (do, eval, waitFor...) give each step stepLimit.
func newTab(t testing.TB) context.Context {
	t.Helper()
	chromium(t)
	ctx, cancel := chromedp.NewContext(shared.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// Open the tab with no time limit: the first run's context is the
	// one the tab lives in.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// openTab opens another tab of parent's browser context (a test's second
// page, or a target such as a frame with chromedp.WithTargetID), closed
// when the test ends.
func openTab(t testing.TB, parent context.Context, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // as in newTab: no limit
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// run runs an action with stepLimit, for the steps whose error the test
// reports itself.
func run[T any](ctx context.Context, a chromedp.Action[T]) (T, error) {
	ctx, cancel := step(ctx)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// step gives one step of a test stepLimit, from now.
func step(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, stepLimit)
}

// fileURL is the file:// address of a page of the built site.
func fileURL(page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(site, filepath.FromSlash(page)))
}

// serve serves the built site over HTTP on 127.0.0.1 and returns its address.
func serve(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// text returns the text content, spaces collapsed, of the first element
// matching the CSS selector.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	ctx, cancel := step(ctx)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// attr returns an attribute of the first element matching the CSS selector.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	ctx, cancel := step(ctx)
	defer cancel()
	r, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return r.Value
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	ctx, cancel := step(ctx)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// do runs steps and fails the test on the first error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := step(ctx)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// press sends a key as a browser does for a real key press that the page may
// cancel: keydown and keyup, with no separate char event (the protocol's char
// event would type or submit even when the page cancels the keydown).
func press(key string, code int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: key, Code: key, WindowsVirtualKeyCode: code, NativeVirtualKeyCode: code,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// waitFor polls a JavaScript condition (a value, or a promise of one) until
// it holds, for stepLimit from the call at most: call it after the event it
// waits for.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	ctx, cancel := step(ctx)
	defer cancel()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("waiting for %s: %v", what, ctx.Err())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// css is a CSS selector.
func css(format string, args ...any) chromedp.CSS { return chromedp.CSS(fmt.Sprintf(format, args...)) }
