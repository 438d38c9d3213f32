package browser

import (
	"context"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	kbserve "kb/generator/serve"
)

// serveCSPMeta is the policy the served pages carry in this test: scripts,
// styles and connections from the site's own origin only, nothing inline.
const serveCSPMeta = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'">`

// TestServeReloads edits the default site while kb serve shows one of its
// pages: the open page reloads by itself into the new build, shows the
// errors of a build that fails, and comes back when they are fixed; all
// under a strict Content-Security-Policy, which the live reload must not
// break.
func TestServeReloads(t *testing.T) {
	ctx := newTab(t)
	src := t.TempDir()
	copyDefaultSite(t, src)
	shell, err := os.ReadFile("../../theme/templates/page.html")
	if err != nil {
		t.Fatal(err)
	}
	shell = []byte(strings.Replace(string(shell), `<meta charset="utf-8">`, `<meta charset="utf-8">`+"\n"+serveCSPMeta, 1))
	writeFile(t, filepath.Join(src, "theme", "templates", "page.html"), string(shell))
	articlePath := filepath.Join(src, "content", "overview.md")
	article, err := os.ReadFile(articlePath)
	if err != nil {
		t.Fatal(err)
	}
	const oldHeading, newHeading = "## Why add Back End high availability", "## Why keep the Back End available"
	if !strings.Contains(string(article), oldHeading+"\n") {
		t.Fatalf("content/overview.md has no %q", oldHeading)
	}

	base := startServe(t, src)

	// Every page load records the policy's violations (a script added by
	// the browser itself, which the policy does not cover).
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.kbViolations = []; document.addEventListener("securitypolicyviolation", function (e) { window.kbViolations.push(e.violatedDirective + " " + e.blockedURI); });`,
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the overview", chromedp.Navigate(base+"overview.html"),
		chromedp.WaitVisible(css(`h2#why-add-back-end-high-availability`)))
	noViolations := func(when string) {
		t.Helper()
		if v := eval[[]string](t, ctx, `window.kbViolations`); len(v) > 0 {
			t.Errorf("%s: the Content-Security-Policy blocked %v", when, v)
		}
	}
	// No need to wait for the event stream: if the page connects after the
	// build, the build id it gets differs from its own, and it reloads.
	if n := eval[int](t, ctx, `document.querySelectorAll("#kb-serve-error").length`); n != 0 {
		t.Fatal("the error overlay shows after a good build")
	}
	noViolations("first load")
	// A mark that only this document has: a reload drops it.
	mark := func() { eval[bool](t, ctx, `window.kbLoaded = true`) }
	reloaded := `window.kbLoaded === undefined && document.readyState === "complete"`

	// Edit a heading: the page reloads into the new build.
	mark()
	edited := strings.Replace(string(article), oldHeading, newHeading, 1)
	start := time.Now()
	writeFile(t, articlePath, edited)
	waitFor(t, ctx, "the new heading", reloaded+` && document.querySelector("h2#why-keep-the-back-end-available") !== null`)
	t.Logf("edit to reloaded page: %v", time.Since(start).Round(time.Millisecond))
	if got := text(t, ctx, "h2#why-keep-the-back-end-available"); got != "Why keep the Back End available" {
		t.Errorf("new heading reads %q", got)
	}
	noViolations("after the edit")

	// Break a link: the page shows the error, at its file, line and column,
	// with its rule, over the last good build.
	mark()
	broken := edited + "\nSee [the missing article](missing-article.md).\n"
	line := strings.Count(broken, "\n")
	start = time.Now()
	writeFile(t, articlePath, broken)
	// (Saving may start more than one build: wait for this error.)
	waitFor(t, ctx, "the error overlay", reloaded+` && document.querySelector("#kb-serve-error pre") !== null && document.querySelector("#kb-serve-error pre").textContent.includes("missing-article.md")`)
	t.Logf("broken link to error shown: %v", time.Since(start).Round(time.Millisecond))
	shown := text(t, ctx, "#kb-serve-error pre")
	for _, want := range []string{
		"content/overview.md:" + strconv.Itoa(line) + ":5: error: link target \"missing-article.md\" does not exist",
		"[link-missing-file]",
		strconv.Itoa(line) + " | See [the missing article](missing-article.md).",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the overlay does not show %q:\n%s", want, shown)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("h2#why-keep-the-back-end-available").length`); n != 1 {
		t.Error("the last good page is not shown under the errors")
	}
	noViolations("with the errors shown")
	do(t, ctx, "hide the errors", chromedp.Click(css("#kb-serve-dismiss")))
	if !eval[bool](t, ctx, `document.getElementById("kb-serve-error").hidden`) {
		t.Error("the Hide button leaves the errors shown")
	}

	// Fix it: the page comes back, without the errors.
	mark()
	start = time.Now()
	writeFile(t, articlePath, edited)
	waitFor(t, ctx, "the fixed page", reloaded+` && document.querySelector("#kb-serve-error") === null && document.querySelector("h2#why-keep-the-back-end-available") !== null`)
	t.Logf("fix to page back: %v", time.Since(start).Round(time.Millisecond))
	noViolations("after the fix")
}

// TestServeManyPages opens more pages of one kb serve than a browser opens
// connections to a server (six): every page loads, since the pages share one
// event stream, and one edit reloads them all.
func TestServeManyPages(t *testing.T) {
	ctx := newTab(t)
	src := t.TempDir()
	copyDefaultSite(t, src)
	base := startServe(t, src)
	pages := []string{"index.html", "overview.html", "glossary.html", "support-matrix.html", "search.html", "decisions/index.html", "overview.html", "index.html"}
	var tabs []context.Context
	for i, p := range pages {
		tab := ctx
		if i > 0 {
			tab = openTab(t, ctx) // in the same browser context: one shared worker
		}
		// Each step's limit starts with the step: opening eight tabs on a
		// busy machine takes what it takes.
		do(t, tab, "open page "+strconv.Itoa(i+1)+", "+p, chromedp.Navigate(base+p), chromedp.WaitReady(css("footer")))
		eval[bool](t, tab, `window.kbLoaded = true`)
		tabs = append(tabs, tab)
	}
	writeFile(t, filepath.Join(src, "config.toml"), readFile(t, filepath.Join(src, "config.toml"))+"\n# edited\n")
	start := time.Now()
	// Each wait starts after the edit.
	for i, tab := range tabs {
		waitFor(t, tab, "page "+strconv.Itoa(i+1)+" to reload", `window.kbLoaded === undefined && document.readyState === "complete"`)
	}
	t.Logf("%d pages reloaded %v after the edit", len(tabs), time.Since(start).Round(time.Millisecond))
}

// startServe runs kb serve on src on a free port of 127.0.0.1 until the test
// ends, and returns its address.
func startServe(t *testing.T, src string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() {
		stopped <- kbserve.Run(ctx, ln, kbserve.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Stdout: io.Discard, Stderr: io.Discard})
	}()
	t.Cleanup(func() {
		stop()
		if err := <-stopped; err != nil {
			t.Errorf("serve.Run: %v", err)
		}
	})
	return kbserve.URL(ln.Addr())
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// copyDefaultSite copies this repository's content/, rules/ and config.toml
// into dst.
func copyDefaultSite(t *testing.T, dst string) {
	t.Helper()
	for _, f := range []string{"content", "rules", "config.toml"} {
		err := filepath.WalkDir(filepath.Join("../..", f), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel("../..", p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			writeFile(t, filepath.Join(dst, rel), string(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
