package browser

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearch types queries into the search box of the default site, once
// opened from disk and once served over HTTP on 127.0.0.1.
func TestSearch(t *testing.T) {
	for _, where := range []string{"file", "http"} {
		t.Run(where, func(t *testing.T) {
			ctx := newTab(t)
			page := fileURL("options/database-mirroring.html")
			if where == "http" {
				page = serve(t) + "/options/database-mirroring.html"
			}
			do(t, ctx, "open a page", chromedp.Navigate(page), chromedp.WaitVisible(css(`#search-input`)))
			// "/" focuses the search box. (A keydown alone: the protocol's
			// separate char event would type the "/" that a browser does not.)
			eval[bool](t, ctx, `document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "/", bubbles: true, cancelable: true}))`)
			if id := eval[string](t, ctx, `document.activeElement.id`); id != "search-input" {
				t.Errorf("after /, focus is on %q", id)
			}
			do(t, ctx, "type witness", chromedp.SendKeys(css(`#search-input`), "witness"),
				chromedp.WaitVisible(css(`#search-results[data-query="witness"] li[role=option]`)))
			first := text(t, ctx, `#search-results li[role=option] .sr-title`)
			if first != "Witness and automatic failover" {
				t.Errorf("first result %q, want the witness article", first)
			}
			if m := text(t, ctx, `#search-results li[role=option] mark`); !strings.EqualFold(m, "witness") {
				t.Errorf("first highlighted word %q", m)
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("#search-results li[role=option]").length`); n < 3 {
				t.Errorf("only %d results for witness", n)
			}
			if exp := attr(t, ctx, `#search-input`, "aria-expanded"); exp != "true" {
				t.Errorf("aria-expanded %q", exp)
			}
			// Arrow keys move through the options; Enter opens one.
			do(t, ctx, "arrow down twice, up once", press("ArrowDown", 40), press("ArrowDown", 40), press("ArrowUp", 38))
			if sel := attr(t, ctx, `#search-input`, "aria-activedescendant"); sel != "search-option-0" {
				t.Errorf("active option %q, want search-option-0", sel)
			}
			if s := attr(t, ctx, `#search-option-0`, "aria-selected"); s != "true" {
				t.Errorf("first option aria-selected %q", s)
			}
			do(t, ctx, "Enter", press("Enter", 13))
			waitFor(t, ctx, "the witness page", `location.pathname.endsWith("witness-and-automatic-failover.html") && document.readyState === "complete"`)
			if h1 := text(t, ctx, `article h1`); h1 != "Witness and automatic failover" {
				t.Errorf("Enter opened %q", h1)
			}
			// Escape closes the list; markup in a query stays text.
			do(t, ctx, "type markup", chromedp.Click(css(`#search-input`)), chromedp.SendKeys(css(`#search-input`), `<img src=x onerror=alert(1)> mirroring`),
				chromedp.WaitVisible(css(`#search-results li`)))
			if n := eval[int](t, ctx, `document.querySelectorAll("#search-results img").length`); n != 0 {
				t.Error("a query injected markup")
			}
			do(t, ctx, "Escape", press("Escape", 27), chromedp.WaitNotVisible(css(`#search-results`)))
		})
	}
}

// TestSearchFeatures covers prefixes while typing, typos, phrases, the matrix
// features and tree outcomes as results, and the search page with ?q=.
func TestSearchFeatures(t *testing.T) {
	ctx := newTab(t)
	do(t, ctx, "open", chromedp.Navigate(fileURL("index.html")), chromedp.WaitVisible(css(`#search-input`)))
	query := func(q string) []string {
		t.Helper()
		titles, err := run(ctx, chromedp.Evaluate[[]string](`new Promise(done => kbSearch.search(`+jsString(q)+`, 10,
			rs => done(rs.map(r => r.title + " | " + r.url))))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return titles
	}
	check := func(q, want string) {
		t.Helper()
		got := query(q)
		if len(got) == 0 || !strings.HasPrefix(got[0], want) {
			t.Errorf("%q: first result %v, want %q", q, got, want)
		}
	}
	check("witn", "Witness and automatic failover")     // prefix while typing
	check("wittness", "Witness and automatic failover") // a typo in a longer word
	check("mode resiliency", "Resiliency mode")         // words in any order
	check(`"transaction log"`, "Glossary")              // a phrase
	check("availability groups active passive", "AlwaysOn Availability Groups")
	check("back end unavailable", "Back End unavailable") // a decision outcome
	if got := query(`"witness transaction"`); len(got) != 0 {
		t.Errorf("a phrase that is nowhere found %v", got)
	}
	if got := query("mirroring"); !contains(got, "support-matrix.html#database-mirroring") {
		t.Errorf("mirroring: the matrix feature is not among %v", got)
	}
	// The search page reads ?q=.
	do(t, ctx, "search page", chromedp.Navigate(fileURL("search.html")+"?q=witness"), chromedp.WaitVisible(css(`#search-page ol li a`)))
	if first := text(t, ctx, `#search-page ol li a`); first != "Witness and automatic failover" {
		t.Errorf("search page first result %q", first)
	}
	if v := eval[string](t, ctx, `document.getElementById("search-input").value`); v != "witness" {
		t.Errorf("search page box holds %q", v)
	}
}

func contains(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

var _ = context.Background
