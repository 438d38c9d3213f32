package browser

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"kb/generator/bundle"
)

var bundleDay = time.Date(2026, 11, 27, 15, 4, 5, 0, time.UTC)

// makeBundle bundles the default site into a temporary folder.
func makeBundle(t *testing.T, single bool) *bundle.Result {
	t.Helper()
	chromium(t) // skip before the work when there is no browser
	res, err := bundle.Make(bundle.Options{Source: "../..", Dest: t.TempDir(), SingleFile: single, Now: bundleDay})
	if err != nil || res.Path == "" {
		t.Fatalf("bundle: %v %v", err, res.Build.Diagnostics.Items())
	}
	return res
}

// requests records the URL of every request the tab makes.
func requests(t *testing.T, ctx context.Context) func() []string {
	var mu sync.Mutex
	var urls []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), urls...) }
}

// onlyLocal fails the test for any request that is not for a file on disk or
// data: inside the page.
func onlyLocal(t *testing.T, urls []string) {
	t.Helper()
	if len(urls) == 0 {
		t.Error("no request recorded at all: the listener did not work")
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to %s", u)
		}
	}
}

// TestBundleZip unzips the offline bundle and uses it from disk: the start
// page names its edition, search finds the witness article, a decision tree
// reaches an outcome and a compatibility table filters, with no request
// beyond the unzipped files.
func TestBundleZip(t *testing.T) {
	res := makeBundle(t, false)
	root := unzip(t, res.Path, t.TempDir())
	ctx := newTab(t)
	seen := requests(t, ctx)
	page := func(p string) string { return "file://" + filepath.ToSlash(filepath.Join(root, filepath.FromSlash(p))) }

	do(t, ctx, "open the start page", chromedp.Navigate(page("index.html")), chromedp.WaitVisible(css(`#search-input`)))
	if ed := text(t, ctx, `.site-footer .edition`); !strings.HasPrefix(ed, "Offline edition, built 2026-11-27") || !strings.Contains(ed, "revision") {
		t.Errorf("edition line %q", ed)
	}
	offlineSearch(t, ctx)
	waitFor(t, ctx, "the witness page", `location.pathname.endsWith("witness-and-automatic-failover.html") && document.readyState === "complete"`)

	tree := readTree(t, "choose-ha-option")
	do(t, ctx, "open a tree", chromedp.Navigate(page("decisions/choose-ha-option.html")), chromedp.WaitVisible(css(`section.decision.js .decision-node.current`)))
	offlineTreePath(t, ctx, tree)

	do(t, ctx, "open a table", chromedp.Navigate(page("options/database-mirroring.html")),
		chromedp.WaitVisible(css(`#compat-mirroring-1 .compat-filters select[data-dim="edition"]`)))
	offlineTable(t, ctx)
	onlyLocal(t, seen())
}

// TestBundleSingleFile opens the single-file bundle from disk and does the
// same, moving between its pages by links, search results and Back.
func TestBundleSingleFile(t *testing.T) {
	res := makeBundle(t, true)
	ctx := newTab(t)
	seen := requests(t, ctx)
	file := "file://" + filepath.ToSlash(res.Path)

	do(t, ctx, "open the file", chromedp.Navigate(file), chromedp.WaitVisible(css(`#search-input`)))
	if ed := text(t, ctx, `.site-footer .edition`); !strings.HasPrefix(ed, "Offline edition, built 2026-11-27") {
		t.Errorf("edition line %q", ed)
	}
	home := eval[string](t, ctx, `document.querySelector("main h1").textContent`)
	if home == "" {
		t.Fatal("the start page shows no heading")
	}
	// A link of the navigation opens that page in place.
	do(t, ctx, "open Options from the navigation", chromedp.Click(css(`#site-nav a[href="#/options/index.html"]`), chromedp.NodeVisible))
	waitFor(t, ctx, "the Options section", `location.hash === "#/options/index.html" && document.querySelector("main h1").textContent !== `+jsString(home))
	if cur := attr(t, ctx, `#site-nav a[aria-current=page]`, "href"); cur != "#/options/index.html" {
		t.Errorf("the navigation marks %q as current", cur)
	}
	if title, h1 := eval[string](t, ctx, `document.title`), eval[string](t, ctx, `document.querySelector("main h1").textContent`); !strings.HasPrefix(title, h1+" | ") {
		t.Errorf("document title %q on the page %q", title, h1)
	}
	// Every link inside the pages leads to a page of the file or a place in one.
	broken := eval[[]string](t, ctx, `(() => {
		const pages = new Set([...document.querySelectorAll("template[data-page]")].map(t => t.getAttribute("data-page")).concat(["index.html"]));
		const out = [];
		const links = [...document.querySelectorAll("a[href]")].concat(...[...document.querySelectorAll("template")].map(t => [...t.content.querySelectorAll("a[href]")]));
		for (const a of links) {
			const h = a.getAttribute("href");
			if (h.startsWith("#/")) { const p = h.slice(2).split("#")[0]; if (!pages.has(p)) out.push(h); }
			else if (!h.startsWith("#") && !h.startsWith("data:")) out.push(h);
		}
		return out })()`)
	if len(broken) > 0 {
		t.Errorf("%d links lead outside the file, e.g. %v", len(broken), broken[:min(5, len(broken))])
	}
	// A link to a place in another page opens the page there.
	eval[bool](t, ctx, `location.hash = "#/planning/planning-rules.html#product-version"; true`)
	waitFor(t, ctx, "the anchor", `!!document.getElementById("product-version") && location.hash.endsWith("#product-version")`)
	if top := eval[float64](t, ctx, `document.getElementById("product-version").getBoundingClientRect().top`); top < -5 || top > 200 {
		t.Errorf("the anchor is at %.0f px from the top, not scrolled to", top)
	}
	// Back returns to the page before.
	do(t, ctx, "Back", chromedp.NavigateBack())
	waitFor(t, ctx, "Options again", `location.hash === "#/options/index.html" && !document.getElementById("product-version")`)

	offlineSearch(t, ctx)
	waitFor(t, ctx, "the witness page", `location.hash.startsWith("#/operations/witness-and-automatic-failover.html") && document.querySelector("main h1").textContent === "Witness and automatic failover"`)

	tree := readTree(t, "choose-ha-option")
	eval[bool](t, ctx, `location.hash = "#/decisions/choose-ha-option.html"; true`)
	do(t, ctx, "open a tree", chromedp.WaitVisible(css(`section.decision.js .decision-node.current`)))
	offlineTreePath(t, ctx, tree)
	// A position in the tree, shared as a link, opens the tree's page there.
	shared := eval[string](t, ctx, `location.hash`)
	do(t, ctx, "open the shared position", chromedp.Navigate(file+"?again"+shared),
		chromedp.WaitVisible(css(`section.decision.js .decision-node.current[data-node=%q]`, tree.Paths[0].Outcome)))

	eval[bool](t, ctx, `location.hash = "#/options/database-mirroring.html"; true`)
	do(t, ctx, "open a table", chromedp.WaitVisible(css(`#compat-mirroring-1 .compat-filters select[data-dim="edition"]`)))
	if n := eval[int](t, ctx, `document.querySelectorAll("#compat-mirroring-1 .compat-filters").length`); n != 1 {
		t.Errorf("%d filter bars on the table, want 1", n)
	}
	offlineTable(t, ctx)
	onlyLocal(t, seen())
}

// offlineSearch types "witness" into the search box and opens the first
// result with Enter.
func offlineSearch(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "type witness", chromedp.Click(css(`#search-input`)), chromedp.SendKeys(css(`#search-input`), "witness"),
		chromedp.WaitVisible(css(`#search-results[data-query="witness"] li[role=option]`)))
	if first := text(t, ctx, `#search-results li[role=option] .sr-title`); first != "Witness and automatic failover" {
		t.Errorf("first result %q, want the witness article", first)
	}
	if m := text(t, ctx, `#search-results li[role=option] mark`); !strings.EqualFold(m, "witness") {
		t.Errorf("first highlighted word %q", m)
	}
	do(t, ctx, "choose the first result", press("ArrowDown", 40), press("Enter", 13))
}

// offlineTreePath clicks through the first path of a tree and checks the
// outcome it reaches.
func offlineTreePath(t *testing.T, ctx context.Context, tree treeJSON) {
	t.Helper()
	path := tree.Paths[0]
	for i, step := range path.Steps {
		do(t, ctx, "answer "+step.Option, chromedp.Click(css(`%s[data-node=%q] a.decision-option[data-option=%q]`, current, step.Question, step.Slug), chromedp.NodeVisible))
		if i == len(path.Steps)-1 {
			break
		}
	}
	if end := attr(t, ctx, current, "data-node"); end != path.Outcome {
		t.Errorf("the tree ended on %q, want %q", end, path.Outcome)
	}
}

// offlineTable filters the mirroring article's first compatibility table.
func offlineTable(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(() => { const s = document.querySelector('#compat-mirroring-1 select[data-dim="edition"]');
		s.value = "enterprise"; s.dispatchEvent(new Event("change")); return true })()`)
	rows := `[...document.querySelectorAll("#compat-mirroring-1 tbody tr")].filter(r => r.offsetParent !== null).length`
	if n := eval[int](t, ctx, rows); n != 3 {
		t.Errorf("%d rows with Enterprise Edition, want 3", n)
	}
}

// unzip extracts a zip into dir and returns the one folder it holds.
func unzip(t *testing.T, zipPath, dir string) string {
	t.Helper()
	r, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	top := ""
	for _, f := range r.File {
		first, _, _ := strings.Cut(f.Name, "/")
		if top == "" {
			top = first
		} else if first != top {
			t.Fatalf("the zip holds %s and %s at the top; want one folder", top, first)
		}
		dest := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(dest, dir+string(filepath.Separator)) {
			t.Fatalf("zip entry %q leaves the folder", f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dest, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, top)
}
