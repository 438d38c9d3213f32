package browser

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"kb/generator/pipeline"
)

// subPath is where the hosted test serves the site, as a host serves a site
// published at https://example.org/docs/kb/.
const subPath = "/docs/kb/"

// hosted is the default site built with a baseURL and served under subPath
// the way a web host serves it: files as they are, and 404.html with status
// 404 for any address that has no file.
type hosted struct {
	base string // http://127.0.0.1:PORT/docs/kb/
	dir  string // the built site
	log  *requestLog
}

// hostSite builds the default site with baseURL set to the address of a
// server on 127.0.0.1 and one [redirects] entry, and serves it under subPath.
func hostSite(t *testing.T) hosted {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String() + subPath
	src := t.TempDir()
	for _, d := range []string{"content", "rules"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "\nbaseURL = \""+base+"\"\n\n[redirects]\n\"old/mirroring.html\" = \"options/database-mirroring.md#witness\"\n"...)
	if err := os.WriteFile(filepath.Join(src, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Build(pipeline.Options{Source: src, Dest: dir})
	if err != nil || !res.Written {
		t.Fatalf("building with baseURL %s: %v, %v", base, err, res.Diagnostics.Items())
	}
	h := hosted{base: base, dir: dir, log: &requestLog{}}
	srv.Config.Handler = h.log.wrap(http.StripPrefix(strings.TrimSuffix(subPath, "/"), notFoundPage(dir)))
	srv.Start()
	t.Cleanup(srv.Close)
	return h
}

// notFoundPage serves the files of dir, and 404.html with status 404 for
// paths that have no file, as nginx's error_page or GitHub Pages do.
func notFoundPage(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if _, err := os.Stat(name); err != nil || !strings.HasPrefix(r.URL.Path, "/") {
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// requestLog records the status of every request the browser made.
type requestLog struct {
	mu   sync.Mutex
	seen []request
}

type request struct {
	path   string
	status int
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		if strings.HasPrefix(r.UserAgent(), "Go-http-client") || r.URL.Path == "/favicon.ico" {
			return // the test's own requests, and the icon every browser asks for
		}
		l.mu.Lock()
		l.seen = append(l.seen, request{r.URL.RequestURI(), sw.status})
		l.mu.Unlock()
	})
}

// take returns the requests since the last call.
func (l *requestLog) take() []request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.seen
	l.seen = nil
	return out
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// linkChecker fetches each address once and remembers its status and ids.
type linkChecker struct {
	status map[string]int
	ids    map[string]map[string]bool
}

func (c *linkChecker) check(t *testing.T, from, ref string) {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("%s: link %q: %v", from, ref, err)
		return
	}
	frag := u.Fragment
	u.Fragment = ""
	key := u.String()
	if _, done := c.status[key]; !done {
		resp, err := http.Get(key)
		if err != nil {
			t.Errorf("%s: link %s: %v", from, ref, err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		c.status[key] = resp.StatusCode
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			c.ids[key] = htmlIDs(body)
		}
	}
	if c.status[key] != http.StatusOK {
		t.Errorf("%s: link %s answers %d", from, ref, c.status[key])
	} else if frag != "" && c.ids[key] != nil && !c.ids[key][frag] {
		t.Errorf("%s: link %s: no id %q there", from, ref, frag)
	}
}

func htmlIDs(page []byte) map[string]bool {
	ids := map[string]bool{}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ids
	}
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids[a.Val] = true
			}
		}
	}
	return ids
}

// pageLinks lists, resolved against the page's base URL, the address of
// every element with an href or src.
const pageLinks = `[...document.querySelectorAll("[href],[src]")].map(e =>
	new URL(e.getAttribute("href") ?? e.getAttribute("src"), document.baseURI).href)`

// TestHostedUnderSubPath opens every page of the default site, built with a
// baseURL and served under /docs/kb/, in Chromium: no request of any page
// fails, every link and asset answers (with the #anchor it names), the
// canonical link is the page's own address, the sitemap lists the pages, a
// redirect lands on its target, and a missing address deep in the tree gets
// the styled 404 page, whose links and search work.
func TestHostedUnderSubPath(t *testing.T) {
	chromium(t)
	h := hostSite(t)
	ctx := newTab(t)
	// The skip link test needs focus, which a headless page lacks.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	links := &linkChecker{status: map[string]int{}, ids: map[string]map[string]bool{}}

	var pages []string
	err := filepath.WalkDir(h.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(h.dir, p)
		rel = filepath.ToSlash(rel)
		if rel != "404.html" && !strings.HasPrefix(rel, "old/") {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	if len(pages) < 20 {
		t.Fatalf("only %d pages", len(pages))
	}
	followed := 0
	for _, p := range pages {
		h.log.take()
		do(t, ctx, "open "+p, chromedp.Navigate(h.base+p))
		for _, r := range h.log.take() {
			if r.status >= 400 {
				t.Errorf("%s: request for %s answered %d", p, r.path, r.status)
			}
		}
		want := h.base + strings.TrimSuffix(p, "index.html")
		if strings.HasPrefix(p, "embed/") { // for frames in other sites: no canonical page of their own
			want = ""
		}
		if got := eval[string](t, ctx, `(document.querySelector('link[rel=canonical]') || {}).href || ""`); got != want {
			t.Errorf("%s: canonical %q, want %q", p, got, want)
		}
		if got := eval[string](t, ctx, `(document.querySelector('meta[property="og:url"]') || {}).content || ""`); got != want {
			t.Errorf("%s: og:url %q, want %q", p, got, want)
		}
		for _, ref := range eval[[]string](t, ctx, pageLinks) {
			if strings.HasPrefix(ref, h.base) {
				links.check(t, p, ref)
				followed++
			} else if u, _ := url.Parse(ref); u.Host == strings.TrimPrefix(strings.TrimSuffix(h.base, subPath), "http://") {
				t.Errorf("%s: link %s leaves %s", p, ref, subPath)
			}
		}
	}
	t.Logf("%d pages, %d links and assets followed (%d distinct addresses)", len(pages), followed, len(links.status))
	if followed < 500 {
		t.Errorf("only %d links and assets followed", followed)
	}

	// The sitemap lists every page of the navigation, each answering.
	sitemap := fetch(t, h.base+"sitemap.xml")
	locs := regexp.MustCompile(`<loc>([^<]+)</loc>`).FindAllStringSubmatch(sitemap, -1)
	if len(locs) < 15 {
		t.Errorf("sitemap lists %d pages", len(locs))
	}
	for _, m := range locs {
		links.check(t, "sitemap.xml", m[1])
	}
	if robots := fetch(t, h.base+"robots.txt"); !strings.Contains(robots, "Sitemap: "+h.base+"sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}

	// A redirect page sends the browser on, to the anchor.
	do(t, ctx, "open a redirected address", chromedp.Navigate(h.base+"old/mirroring.html"))
	waitFor(t, ctx, "the redirect", `location.href === `+jsString(h.base+"options/database-mirroring.html#witness"))

	// A missing address deep in the tree: the 404 page, styled, with
	// working links (resolved against its <base>) and search.
	h.log.take()
	missing := h.base + "options/no/such/page.html"
	do(t, ctx, "open a missing address", chromedp.Navigate(missing), chromedp.WaitVisible(css(`#search-input`)))
	for _, r := range h.log.take() {
		if r.status >= 400 && r.path != strings.TrimPrefix(missing, strings.TrimSuffix(h.base, subPath)) {
			t.Errorf("404 page: request for %s answered %d", r.path, r.status)
		}
	}
	if h1 := text(t, ctx, `article h1`); h1 != "Page not found" {
		t.Errorf("missing address shows %q", h1)
	}
	if pos := eval[string](t, ctx, `getComputedStyle(document.querySelector(".skip-link")).position`); pos != "absolute" {
		t.Errorf("404 page is not styled: .skip-link position %q", pos)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#site-nav a").length`); n < 5 {
		t.Errorf("404 page navigation has %d links", n)
	}
	for _, ref := range eval[[]string](t, ctx, pageLinks) {
		if !strings.HasPrefix(ref, h.base) {
			t.Errorf("404 page: link %s is outside the site", ref)
			continue
		}
		links.check(t, "404 page", ref)
	}
	// The skip link stays on the page (kb.js), rather than following <base>.
	do(t, ctx, "skip link", chromedp.Focus(css(`.skip-link`)), chromedp.Click(css(`.skip-link`)))
	if got := eval[string](t, ctx, `location.href`); got != missing {
		t.Errorf("skip link on the 404 page went to %s", got)
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "main" {
		t.Errorf("skip link focused %q, want main", id)
	}
	do(t, ctx, "search from the 404 page", chromedp.Click(css(`#search-input`)), chromedp.SendKeys(css(`#search-input`), "witness"),
		chromedp.WaitVisible(css(`#search-results[data-query="witness"] li[role=option]`)), press("ArrowDown", 40), press("Enter", 13))
	waitFor(t, ctx, "the witness page", `location.pathname.endsWith("/witness-and-automatic-failover.html") && document.readyState === "complete"`)
	if got := eval[string](t, ctx, `location.href`); !strings.HasPrefix(got, h.base+"operations/witness-and-automatic-failover.html") {
		t.Errorf("the search result opened %s", got)
	}
	do(t, ctx, "back to the 404 page", chromedp.Navigate(missing), chromedp.WaitVisible(css(`article a`)), chromedp.Click(css(`article a`)))
	waitFor(t, ctx, "the home page", `location.href === `+jsString(h.base)+` && document.readyState === "complete"`)
	for _, r := range h.log.take() {
		if r.status >= 400 && !strings.HasSuffix(r.path, "/no/such/page.html") {
			t.Errorf("request for %s answered %d", r.path, r.status)
		}
	}
}

// fetch GETs an address and returns its body, failing on any status but 200.
func fetch(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s answers %d", u, resp.StatusCode)
	}
	return string(b)
}
