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

	"kb/generator/build"
)

// site is the default knowledge base, built once for every test.
var site string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kb-browser-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	site = filepath.Join(dir, "public")
	res, err := build.Build(build.Options{Source: "../..", Dest: site})
	if err != nil || !res.Written {
		fmt.Fprintf(os.Stderr, "building the default site: %v\n", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// chromium finds the browser, or skips (fails with KB_BROWSER=required).
func chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("KB_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("KB_BROWSER") == "required" {
		t.Fatal("KB_BROWSER=required but no Chromium found; install the Debian package chromium")
	}
	t.Skip("no Chromium found (install the Debian package chromium, or set KB_CHROMIUM); skipping the browser test")
	return ""
}

// newTab starts a headless Chromium with its own profile and returns a tab
// whose actions must all be done within a minute.
func newTab(t testing.TB) context.Context { return newTabFor(t, time.Minute) }

// newTabFor is newTab with another time limit.
func newTabFor(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
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
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatalf("starting Chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(cancelTimeout)
	return ctx
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
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// attr returns an attribute of the first element matching the CSS selector.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return r.Value
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// do runs steps and fails the test on the first error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
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

// waitFor polls a JavaScript condition until it holds (the tab's timeout
// ends the wait).
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
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
