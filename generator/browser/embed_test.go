package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"kb/generator/embed"
)

// strictCSP is the policy of the pages that host the embeds in these tests:
// no inline script, no eval, scripts from the page's own origin only.
// The custom element's page adds styleCSP: no inline style either.
const (
	strictCSP = "script-src 'self'"
	styleCSP  = "; style-src 'self'"
)

// recordJS, loaded by the host pages, keeps the height messages and the
// page's CSP violations where the tests read them.
const recordJS = `window.kbHeights = [];
window.kbViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.kbViolations.push(e.effectiveDirective + " " + e.blockedURI);
});
window.addEventListener("message", function (e) {
  if (e.data && e.data.type === "kb-decision-tree:height") window.kbHeights.push(e.data);
});
`

// violationsJS lists the CSP violations of the document it runs in, also
// those before it ran.
const violationsJS = `new Promise(function (resolve) {
  var got = [];
  new ReportingObserver(function (reports) {
    reports.forEach(function (r) { got.push(r.body.effectiveDirective + " " + r.body.blockedURL); });
  }, {types: ["csp-violation"], buffered: true}).observe();
  setTimeout(function () { resolve(got); }, 200);
})`

// hostServer serves the built site over HTTP on 127.0.0.1, as the site's own
// server would (without a CSP), and host pages with the strict CSP: pages
// maps a path to its HTML, and /record.js and /listener.js (the resize
// listener of the Embed panel) are the pages' scripts.
func hostServer(t *testing.T, policy string, pages map[string]string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(site)))
	script := func(js string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(js))
		}
	}
	mux.HandleFunc("/record.js", script(recordJS))
	mux.HandleFunc("/listener.js", script(embed.ListenerJS))
	for p, html := range pages {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", policy)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(html))
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// consoleProblems collects the errors, exceptions and security messages of
// a tab's console (a CSP violation is one) until the returned func is called.
func consoleProblems(ctx context.Context) func() []string {
	ctx, cancel := context.WithCancel(ctx)
	messages := chromedp.Console(ctx)
	var mu sync.Mutex
	var got []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Source == "security" {
				mu.Lock()
				got = append(got, m.String())
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		time.Sleep(100 * time.Millisecond) // let the last events arrive
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

// frameTab attaches to the sandboxed frame whose URL ends with suffix: Chrome
// runs a sandboxed frame in a process of its own, as a target of its own.
// Call it after the page with the frame was opened: it waits stepLimit.
func frameTab(t *testing.T, ctx context.Context, suffix string) context.Context {
	t.Helper()
	limit, cancel := step(ctx)
	defer cancel()
	for {
		infos, err := chromedp.Targets(limit)
		if err != nil {
			t.Fatalf("no frame %s: %v", suffix, err)
		}
		for _, i := range infos {
			// (Targets lists every target of the shared browser, those a
			// test before this one left too: keep to this test's.)
			if u, _, _ := strings.Cut(i.URL, "#"); i.Type == "iframe" && strings.HasSuffix(u, suffix) && ours(ctx, i) {
				return openTab(t, ctx, chromedp.WithTargetID(i.TargetID))
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ours reports whether a target is in the browser context of the tab ctx:
// the tests share one browser, and chromedp.Targets lists all its targets.
func ours(ctx context.Context, i *target.Info) bool {
	return i.BrowserContextID == chromedp.FromContext(ctx).BrowserContextID
}

// haPath is one path through choose-ha-option, to AlwaysOn Availability Groups.
var haPath = []struct{ node, option, next string }{
	{"server", "skype-for-business-server-2019", "edition"},
	{"edition", "enterprise-edition", "sql"},
	{"sql", "sql-server-2012-sp2-cu2-or-sql-server-2014", "alwayson"},
}

// frameSettled holds, in the host page, when its frame has the height of the
// last height message and neither it nor the page moved, nor did a message
// come, for two animation frames: counted in frames, not in time, so a slow
// machine only makes it later.
const frameSettled = `new Promise(function (done) {
  var f = document.querySelector("iframe");
  var fitted = function () { return f.clientHeight === window.kbHeights[window.kbHeights.length - 1].height; };
  var r0 = f.getBoundingClientRect(), n0 = window.kbHeights.length, y0 = window.scrollY;
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    var r1 = f.getBoundingClientRect();
    done(fitted() && r1.top === r0.top && r1.height === r0.height && window.kbHeights.length === n0 && window.scrollY === y0);
  }); });
})`

type heightMessage struct {
	Type   string  `json:"type"`
	Tree   string  `json:"tree"`
	Height float64 `json:"height"`
}

// TestEmbedFrameUnderCSP puts the embed file in a sandboxed frame of a page
// whose Content-Security-Policy allows scripts from its own origin only, with
// the resize listener from a file: the reader clicks one path through the
// tree inside the frame, the frame grows with the tree, browser Back and
// Start over work, and nothing breaks a policy.
func TestEmbedFrameUnderCSP(t *testing.T) {

	base := hostServer(t, strictCSP, map[string]string{"/host.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A wiki page</title><link rel="icon" href="data:,">
<script src="/record.js"></script>
<script src="/listener.js"></script>
</head><body>
<h1>A wiki page</h1>
<iframe sandbox="allow-scripts" src="/embed/choose-ha-option.html" title="Choose a Back End high-availability option" width="100%"></iframe>
</body></html>`})
	ctx := newTab(t)
	problems := consoleProblems(ctx)
	do(t, ctx, "open the host page", chromedp.Navigate(base+"/host.html"))
	frame := frameTab(t, ctx, "/embed/choose-ha-option.html")
	do(t, frame, "wait for the tree", chromedp.WaitVisible(css(`section.decision.js .decision-node.current[data-node="server"]`)))
	if r := eval[string](t, frame, `getComputedStyle(document.querySelector("section.decision")).borderTopLeftRadius`); r != "8px" {
		t.Errorf("the embed's stylesheet did not apply: border radius %q", r)
	}
	waitFor(t, ctx, "a height message", `window.kbHeights.length > 0`)
	heights := func() []heightMessage {
		return eval[[]heightMessage](t, ctx, `window.kbHeights`)
	}
	// The frame may first be laid out at a browser's default frame width,
	// before the page gives it its own: the first question's height is the
	// one the frame was fitted to before the reader answers.
	fitted := `document.querySelector("iframe").clientHeight === window.kbHeights[window.kbHeights.length - 1].height`
	waitFor(t, ctx, "the listener to fit the frame", fitted)
	first := heights()[len(heights())-1]
	if first.Type != "kb-decision-tree:height" || first.Tree != "choose-ha-option" || first.Height < 150 || first.Height > 1500 || first.Height != float64(int(first.Height)) {
		t.Errorf("first height message %+v; want the tree's id and a whole height between 150 and 1500", first)
	}
	for i, s := range haPath {
		before := len(heights())
		do(t, frame, fmt.Sprintf("step %d: %s", i+1, s.option),
			chromedp.Click(css(`.decision-node.current[data-node=%q] a.decision-option[data-option=%q]`, s.node, s.option), chromedp.NodeVisible),
			chromedp.WaitVisible(css(`.decision-node.current[data-node=%q]`, s.next)))
		waitFor(t, ctx, fmt.Sprintf("a new height after step %d", i+1), fmt.Sprintf(`window.kbHeights.length > %d`, before))
		// Let the frame settle at its new height before the next click: a
		// click computed while the frame still moves can miss its option.
		waitFor(t, ctx, fmt.Sprintf("the frame settled after step %d", i+1), frameSettled)
	}
	if h := text(t, frame, `.decision-node.current .decision-heading`); !strings.Contains(h, "AlwaysOn Availability Groups") {
		t.Errorf("outcome %q", h)
	}
	if n := eval[int](t, frame, `document.querySelectorAll(".decision-answers li").length`); n != len(haPath) {
		t.Errorf("%d answers listed, want %d", n, len(haPath))
	}
	all := heights()
	last := all[len(all)-1]
	if last.Height <= first.Height {
		t.Errorf("heights %v: the outcome with its answers is no taller than the first question", all)
	}
	waitFor(t, ctx, "the listener to fit the frame", fmt.Sprintf(`document.querySelector("iframe").clientHeight === %v`, last.Height))
	if sh := eval[float64](t, frame, `document.documentElement.scrollHeight`); sh > last.Height {
		t.Errorf("the frame's document is %vpx high, the frame %vpx", sh, last.Height)
	}
	links := eval[[]map[string]string](t, frame, `Array.from(document.querySelectorAll(".decision-node.current a[href]:not([href^='#'])")).map(a => ({href: a.href, target: a.target, rel: a.rel}))`)
	if len(links) < 2 {
		t.Fatalf("the outcome has %d article links", len(links))
	}
	for _, l := range links {
		if l["target"] != "_blank" || l["rel"] != "noopener" || !strings.HasPrefix(l["href"], base+"/") || strings.Contains(l["href"], "/embed/") {
			t.Errorf("article link %v: want target _blank, rel noopener, a page of the site", l)
			continue
		}
		resp, err := http.Get(strings.SplitN(l["href"], "#", 2)[0])
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("article link %s: %v %v", l["href"], err, resp)
		}
	}
	do(t, frame, "browser Back", chromedp.Evaluate[chromedp.Void](`history.back()`), chromedp.WaitVisible(css(`.decision-node.current[data-node="sql"]`)))
	waitFor(t, ctx, "the frame settled after Back", frameSettled)
	do(t, frame, "start over", chromedp.Click(css(`.decision-answers > button`)), chromedp.WaitVisible(css(`.decision-node.current[data-node="server"]`)))
	if v := eval[[]string](t, ctx, `window.kbViolations`); len(v) > 0 {
		t.Errorf("CSP violations in the host page: %v", v)
	}
	if v, err := run(frame, chromedp.Evaluate[[]string](violationsJS, chromedp.EvalAwaitPromise)); err != nil || len(v) > 0 {
		t.Errorf("CSP violations in the frame: %v %v", v, err)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}

// shadow is a JavaScript path into the shadow root of the n-th
// kb-decision-tree element.
func shadow(n int, sel string) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(`document.querySelectorAll("kb-decision-tree")[%d].shadowRoot.querySelector(%q)`, n, sel))
}

// TestEmbedElementUnderCSP loads kb-decision-tree.js with a script tag into a
// page whose Content-Security-Policy allows scripts and stylesheets from its
// own origin only:
// the element renders in its shadow root, one path works with real clicks,
// its article links lead to the site, Back and Start over work, and nothing
// breaks the policy. An unknown tree shows a message; base moves the links.
func TestEmbedElementUnderCSP(t *testing.T) {
	base := hostServer(t, strictCSP+styleCSP, map[string]string{"/element.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A page with scripts</title><link rel="icon" href="data:,">
<script src="/record.js"></script>
<script src="/embed/kb-decision-tree.js" defer></script>
</head><body>
<h1>A page with scripts</h1>
<kb-decision-tree tree="choose-ha-option"></kb-decision-tree>
<kb-decision-tree tree="failure-experience" base="https://kb.example/docs"></kb-decision-tree>
<kb-decision-tree tree="no-such-tree"></kb-decision-tree>
</body></html>`})
	ctx := newTab(t)
	problems := consoleProblems(ctx)
	do(t, ctx, "open the page", chromedp.Navigate(base+"/element.html"),
		chromedp.WaitVisible(shadow(0, `section.decision.js .decision-node.current[data-node="server"]`)))
	if p := eval[string](t, ctx, `getComputedStyle(document.querySelectorAll("kb-decision-tree")[0].shadowRoot.querySelector(".decision-node:not(.current)")).display`); p != "none" {
		t.Errorf("the element's stylesheet did not apply: a node that is not current has display %q", p)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".decision-node").length`); n != 0 {
		t.Errorf("%d tree nodes leaked out of the shadow roots into the page", n)
	}
	for i, s := range haPath {
		do(t, ctx, fmt.Sprintf("step %d: %s", i+1, s.option),
			chromedp.Click(shadow(0, fmt.Sprintf(`.decision-node.current[data-node=%q] a.decision-option[data-option=%q]`, s.node, s.option)), chromedp.NodeVisible),
			chromedp.WaitVisible(shadow(0, fmt.Sprintf(`.decision-node.current[data-node=%q]`, s.next))))
		focused := eval[string](t, ctx, `(document.querySelector("kb-decision-tree").shadowRoot.activeElement || {closest: () => null}).closest(".decision-node")?.getAttribute("data-node") || ""`)
		if focused != s.next {
			t.Errorf("step %d: focus is in node %q, want %q", i+1, focused, s.next)
		}
	}
	if h := text(t, ctx, `kb-decision-tree`); h != "" {
		t.Errorf("the element has light-DOM text %q", h)
	}
	heading := eval[string](t, ctx, `document.querySelector("kb-decision-tree").shadowRoot.querySelector(".decision-node.current .decision-heading").textContent`)
	if !strings.Contains(heading, "AlwaysOn Availability Groups") {
		t.Errorf("outcome %q", heading)
	}
	if hash := eval[string](t, ctx, `location.hash`); hash != "" {
		t.Errorf("the element changed the page's fragment to %q", hash)
	}
	links := eval[[]string](t, ctx, `Array.from(document.querySelector("kb-decision-tree").shadowRoot.querySelectorAll(".decision-node.current a[href]:not([href^='#'])")).map(a => a.href)`)
	for _, l := range links {
		resp, err := http.Get(strings.SplitN(l, "#", 2)[0])
		if !strings.HasPrefix(l, base+"/") || strings.Contains(l, "/embed/") || err != nil || resp.StatusCode != 200 {
			t.Errorf("article link %s: want a page of the site (%v)", l, err)
		}
	}
	if len(links) < 2 {
		t.Errorf("the outcome has %d article links", len(links))
	}
	do(t, ctx, "Back", chromedp.Click(shadow(0, `.decision-answers > button`)),
		chromedp.WaitVisible(shadow(0, `.decision-node.current[data-node="sql"]`)))
	if b := eval[string](t, ctx, `document.querySelector("kb-decision-tree").shadowRoot.querySelector(".decision-answers > button").textContent`); b != "Back" {
		t.Errorf("first button %q, want Back", b)
	}
	do(t, ctx, "Start over", chromedp.Click(shadow(0, `.decision-answers > button:last-of-type`)),
		chromedp.WaitVisible(shadow(0, `.decision-node.current[data-node="server"]`)))
	other := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("kb-decision-tree")[1].shadowRoot.querySelectorAll("a[href]:not([href^='#'])")).map(a => a.href)`)
	if len(other) == 0 {
		t.Error("the second tree has no article links")
	}
	for _, l := range other {
		if !strings.HasPrefix(l, "https://kb.example/docs/") || strings.Contains(l, "/embed/") {
			t.Errorf("with base, article link %s", l)
		}
	}
	if msg := eval[string](t, ctx, `document.querySelectorAll("kb-decision-tree")[2].shadowRoot.textContent`); !strings.Contains(msg, `no decision tree "no-such-tree"`) || !strings.Contains(msg, "choose-ha-option") {
		t.Errorf("unknown tree: %q", msg)
	}
	if v := eval[[]string](t, ctx, `window.kbViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}

// TestEmbedFromDisk opens the embed file from disk (file://), where its own
// Content-Security-Policy is the only one: one path works, its links lead to
// the site's pages on disk, every step of both trees fits the height that
// the oEmbed response gives at its width, printing shows every question and
// outcome, and without JavaScript :target shows the node of the fragment.
func TestEmbedFromDisk(t *testing.T) {
	ctx := newTab(t)
	problems := consoleProblems(ctx)
	do(t, ctx, "open the embed file", chromedp.Navigate(fileURL("embed/choose-ha-option.html")),
		chromedp.WaitVisible(css(`section.decision.js .decision-node.current[data-node="server"]`)))
	for i, s := range haPath {
		do(t, ctx, fmt.Sprintf("step %d: %s", i+1, s.option),
			chromedp.Click(css(`.decision-node.current[data-node=%q] a.decision-option[data-option=%q]`, s.node, s.option), chromedp.NodeVisible),
			chromedp.WaitVisible(css(`.decision-node.current[data-node=%q]`, s.next)))
	}
	if h := text(t, ctx, `.decision-node.current .decision-heading`); !strings.Contains(h, "AlwaysOn Availability Groups") {
		t.Errorf("outcome %q", h)
	}
	for _, l := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".decision-node.current a[href]:not([href^='#']), .embed-source a")).map(a => a.href)`) {
		p := strings.TrimPrefix(strings.SplitN(l, "#", 2)[0], "file://")
		if _, err := os.Stat(p); err != nil || !strings.HasPrefix(l, "file://"+filepath.ToSlash(site)+"/") {
			t.Errorf("link %s: %v", l, err)
		}
	}
	if v, err := run(ctx, chromedp.Evaluate[[]string](violationsJS, chromedp.EvalAwaitPromise)); err != nil || len(v) > 0 {
		t.Errorf("CSP violations: %v %v", v, err)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}

	// Every step of every path, as a shared position, at the oEmbed width.
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: embed.OEmbedWidth, Height: 600, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"choose-ha-option", "failure-experience"} {
		var oembed struct {
			Height float64 `json:"height"`
			Width  float64 `json:"width"`
		}
		b, err := os.ReadFile(filepath.Join(site, "embed", id+".oembed.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &oembed); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "open "+id, chromedp.Navigate(fileURL("embed/"+id+".html")), chromedp.WaitVisible(css(`section.decision.js`)))
		tallest, where := 0.0, ""
		for _, path := range readTree(t, id).Paths {
			var parts []string
			for i := 0; i <= len(path.Steps); i++ {
				hash := "#" + id
				if i > 0 {
					parts = append(parts, path.Steps[i-1].Question+"="+path.Steps[i-1].Slug)
					hash += "/" + strings.Join(parts, "/")
				}
				h := eval[float64](t, ctx, fmt.Sprintf(`location.hash = %q; document.documentElement.getBoundingClientRect().height`, hash))
				if h > tallest {
					tallest, where = h, hash
				}
			}
		}
		t.Logf("%s: tallest step %vpx (%s); the oEmbed height %vpx", id, tallest, where, oembed.Height)
		if tallest > oembed.Height || tallest < 0.8*oembed.Height {
			t.Errorf("%s: the tallest step is %vpx high (%s), the oEmbed response says %vpx; want it at most that and not 20%% less", id, tallest, where, oembed.Height)
		}
	}

	// Printed: every question and outcome.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	hidden := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".decision-node")).filter(n => getComputedStyle(n).display === "none").map(n => n.id)`)
	if all := eval[int](t, ctx, `document.querySelectorAll(".decision-node").length`); len(hidden) > 0 || all < 6 {
		t.Errorf("printed, %d of %d nodes are hidden: %v", len(hidden), all, hidden)
	}

	// Without JavaScript.
	ctx = newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the embed file without JavaScript", chromedp.Navigate(fileURL("embed/choose-ha-option.html")),
		chromedp.WaitVisible(css(`#choose-ha-option-server`)))
	do(t, ctx, "follow an option", chromedp.Click(css(`#choose-ha-option-server a[data-option="skype-for-business-server-2019"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(css(`#choose-ha-option-edition`)), chromedp.WaitNotVisible(css(`#choose-ha-option-server`)))
}

// TestEmbedPanel opens a tree page's Embed panel over HTTP: each snippet has
// a Copy button that copies it, with the site's addresses in full; from
// disk, the addresses stay relative.
func TestEmbedPanel(t *testing.T) {
	base := serve(t)
	ctx := newTab(t)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.Call(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: "granted", Origin: base,
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID, // the test's own
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the tree page", chromedp.Navigate(base+"/decisions/choose-ha-option.html"),
		chromedp.WaitReady(css(`details.decision-embed .copy-button`)))
	if open := eval[bool](t, ctx, `document.querySelector("details.decision-embed").open`); open {
		t.Error("the Embed panel is open at first")
	}
	do(t, ctx, "open the panel", chromedp.Click(css(`details.decision-embed summary`)), chromedp.WaitVisible(css(`details.decision-embed .copy-button`)))
	codes := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("details.decision-embed .code code")).map(c => c.textContent)`)
	buttons := eval[int](t, ctx, `document.querySelectorAll("details.decision-embed .code .copy-button").length`)
	if len(codes) != 3 || buttons != 3 {
		t.Fatalf("%d snippets with %d Copy buttons, want 3 and 3", len(codes), buttons)
	}
	for i, want := range []string{`<iframe src="` + base + `/embed/choose-ha-option.html" title=`, `<script>`, `<script src="` + base + `/embed/kb-decision-tree.js" defer></script>`} {
		if !strings.HasPrefix(codes[i], want) {
			t.Errorf("snippet %d: %q, want it to start with %q", i+1, codes[i], want)
		}
	}
	do(t, ctx, "copy the frame snippet", chromedp.Click(css(`details.decision-embed .code .copy-button`)))
	waitFor(t, ctx, "the button to say Copied", `document.querySelector("details.decision-embed .copy-button").textContent === "Copied"`)
	if got, err := run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)); err != nil || got != codes[0] {
		t.Errorf("the clipboard holds %q (%v), want %q", got, err, codes[0])
	}

	do(t, ctx, "open the tree page from disk", chromedp.Navigate(fileURL("decisions/choose-ha-option.html")),
		chromedp.WaitReady(css(`details.decision-embed .copy-button`)))
	if c := eval[string](t, ctx, `document.querySelector("details.decision-embed .code code").textContent`); !strings.HasPrefix(c, `<iframe src="../embed/choose-ha-option.html"`) {
		t.Errorf("from disk, the frame snippet is %q", c)
	}
}

// TestEmbedFrameArticleLink follows an outcome's article link in a frame
// with the Embed panel's sandbox: the article opens in a new tab, as an
// ordinary page (not sandboxed: its own scripts run).
func TestEmbedFrameArticleLink(t *testing.T) {
	base := hostServer(t, strictCSP, map[string]string{"/host.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A wiki page</title><link rel="icon" href="data:,"></head><body>
<iframe sandbox="` + embed.Sandbox + `" src="/embed/choose-ha-option.html#choose-ha-option/server=skype-for-business-server-2019/edition=standard-edition" title="A tree" width="100%" height="800"></iframe>
</body></html>`})
	ctx := newTab(t)
	do(t, ctx, "open the host page", chromedp.Navigate(base+"/host.html"))
	frame := frameTab(t, ctx, "/embed/choose-ha-option.html")
	do(t, frame, "wait for the outcome", chromedp.WaitVisible(css(`.decision-node.current[data-node="sqlcluster"]`)))
	href := eval[string](t, frame, `document.querySelector(".decision-node.current .decision-links a").href`)
	do(t, frame, "follow the article link", chromedp.Click(css(`.decision-node.current .decision-links a`), chromedp.NodeVisible))
	limit, cancel := step(ctx)
	defer cancel()
	for {
		infos, err := chromedp.Targets(limit)
		if err != nil {
			t.Fatalf("no new tab for %s: %v", href, err)
		}
		for _, i := range infos {
			if i.Type == "page" && i.URL == href && ours(ctx, i) {
				tab := openTab(t, ctx, chromedp.WithTargetID(i.TargetID))
				// kb.js runs there (it adds a live region for the Copy buttons).
				waitFor(t, tab, "the article's scripts", `document.querySelector("body > div[role=status]") !== null && !!document.querySelector("main h1")`)
				if o := eval[string](t, tab, `origin`); o != base {
					t.Errorf("the article opened with origin %q, want %q (not sandboxed)", o, base)
				}
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
