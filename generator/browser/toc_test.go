package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"kb/generator/pipeline"
)

// tocSite is a small site navigated by its toc.yml: a group with a group
// inside it, an entry with a page and entries below it, a group marked
// expanded: true, and an external link.
var tocSite = map[string]string{
	"content/toc.yml": `- name: Welcome
  href: index.md
- name: Basics
  items:
  - name: Zebra first
    href: zebra.md
  - name: Deeper
    items:
    - name: Apple inside
      href: apple.md
- name: The guide
  href: guide/index.md
  items:
  - name: Install it
    href: guide/install.md
- name: Reference
  expanded: true
  items:
  - name: Commands
    href: ref/commands.md
- name: Project site
  href: https://example.org/project
`,
	"content/index.md":         "---\ntitle: Home\ndescription: The home page.\n---\nStart here.\n",
	"content/zebra.md":         "---\ntitle: Zebra\ndescription: A page.\n---\nText.\n",
	"content/apple.md":         "---\ntitle: Apple\ndescription: A page.\n---\nText.\n",
	"content/guide/index.md":   "---\ntitle: Guide\ndescription: A page.\n---\nText.\n",
	"content/guide/install.md": "---\ntitle: Install\ndescription: A page.\n---\nRun:\n\n```sh\nkb build\n```\n",
	"content/ref/commands.md":  "---\ntitle: Commands\ndescription: A page.\n---\nText.\n",
}

// tocOrder is the site's pages in TOC order, with their entries' names.
var tocOrder = []struct{ page, entry string }{
	{"index.html", "Welcome"},
	{"zebra.html", "Zebra first"},
	{"apple.html", "Apple inside"},
	{"guide/index.html", "The guide"},
	{"guide/install.html", "Install it"},
	{"ref/commands.html", "Commands"},
}

// buildTOCSite builds tocSite into a temporary folder and returns the
// file:// address of its page at p.
func buildTOCSite(t *testing.T) func(p string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range tocSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(dir, "public")
	res, err := pipeline.Build(pipeline.Options{Source: dir, Dest: dest})
	if err != nil || !res.Written || res.Diagnostics.Len() > 0 {
		t.Fatalf("building the TOC site: %v, written %v, %v", err, res != nil && res.Written, res.Diagnostics.Items())
	}
	return func(p string) string { return "file://" + filepath.ToSlash(filepath.Join(dest, filepath.FromSlash(p))) }
}

// currentEntry is the entry a page's navigation marks as the current page: its
// name, whether it is rendered (no closed group hides it) and within the
// navigation's scroll area, and how many entries are marked.
const currentEntry = `(() => {
	const marked = document.querySelectorAll('#site-nav [aria-current="page"]');
	const a = marked[0];
	if (!a) return {name: "", shown: false, count: 0};
	const r = a.getBoundingClientRect();
	return {name: a.textContent.trim(), shown: a.checkVisibility() && r.width > 0 && r.height > 0, count: marked.length};
})()`

// summaryOpen says whether the group whose summary reads name is open.
func summaryOpen(name string) string {
	return `[...document.querySelectorAll('#site-nav summary')].find(s => s.textContent.trim() === ` + jsString(name) + `).parentElement.open`
}

// TestTOCNavigation opens a site with a toc.yml from disk: every page's own
// entry is marked aria-current and shown (the groups above it open);
// previous and next follow the TOC; the groups open and close from the
// keyboard (Tab to the summary, Enter and Space); and with JavaScript off
// the navigation holds every group's entries, which open and lead to their
// pages.
func TestTOCNavigation(t *testing.T) {
	chromium(t)
	page := buildTOCSite(t)
	ctx := newTab(t)
	// Keyboard focus needs a focused page, which a headless one is not.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	type mark struct {
		Name  string `json:"name"`
		Shown bool   `json:"shown"`
		Count int    `json:"count"`
	}
	// The current page, on every page; previous and next in TOC order.
	for i, o := range tocOrder {
		do(t, ctx, "open "+o.page, chromedp.Navigate(page(o.page)))
		waitFor(t, ctx, o.page, `document.readyState === "complete"`)
		if m := eval[mark](t, ctx, currentEntry); m.Name != o.entry || !m.Shown || m.Count != 1 {
			t.Errorf("%s: marked current %+v, want %q shown, once", o.page, m, o.entry)
		}
		if !eval[bool](t, ctx, summaryOpen("Reference")) {
			t.Errorf("%s: the group marked expanded: true is closed", o.page)
		}
		next := eval[string](t, ctx, `(document.querySelector('.pager a[rel=next]') || {}).href || ""`)
		prev := eval[string](t, ctx, `(document.querySelector('.pager a[rel=prev]') || {}).href || ""`)
		wantNext, wantPrev := "", ""
		if i+1 < len(tocOrder) {
			wantNext = page(tocOrder[i+1].page)
		}
		if i > 0 {
			wantPrev = page(tocOrder[i-1].page)
		}
		if next != wantNext || prev != wantPrev {
			t.Errorf("%s: previous %q, next %q; want %q, %q", o.page, prev, next, wantPrev, wantNext)
		}
	}
	// Following "next" from the home page walks the TOC.
	do(t, ctx, "open the home page", chromedp.Navigate(page("index.html")))
	for _, o := range tocOrder[1:] {
		do(t, ctx, "next from "+o.page, chromedp.Click(css(`.pager a[rel=next]`)))
		waitFor(t, ctx, o.page, `location.href === `+jsString(page(o.page))+` && document.readyState === "complete"`)
	}

	// The keyboard: on a page of the guide, Basics is closed; Tab to its
	// summary, Enter opens it, Tab on to the group inside, Space opens that
	// one, and Enter closes it again.
	do(t, ctx, "open the guide", chromedp.Navigate(page("guide/install.html")))
	waitFor(t, ctx, "the guide", `document.readyState === "complete"`)
	if eval[bool](t, ctx, summaryOpen("Basics")) {
		t.Fatal("Basics is open on a page outside it")
	}
	focusOn := func(name string) {
		t.Helper()
		for range 60 { // the page has far fewer focusable elements
			if eval[string](t, ctx, `document.activeElement.tagName === "SUMMARY" ? document.activeElement.textContent.trim() : ""`) == name {
				return
			}
			do(t, ctx, "Tab", chromedp.KeyEvent(kb.Tab))
		}
		t.Fatalf("Tab never reached the summary %q", name)
	}
	focusOn("Basics")
	do(t, ctx, "Enter on Basics", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "Basics to open", summaryOpen("Basics"))
	if !eval[bool](t, ctx, `[...document.querySelectorAll('#site-nav a')].find(a => a.textContent.trim() === "Zebra first").checkVisibility()`) {
		t.Error("Basics is open, but its entry Zebra first is not shown")
	}
	if eval[bool](t, ctx, summaryOpen("Deeper")) {
		t.Error("opening Basics opened the group inside it too")
	}
	focusOn("Deeper")
	do(t, ctx, "Space on Deeper", chromedp.KeyEvent(" "))
	waitFor(t, ctx, "Deeper to open", summaryOpen("Deeper"))
	if !eval[bool](t, ctx, `[...document.querySelectorAll('#site-nav a')].find(a => a.textContent.trim() === "Apple inside").checkVisibility()`) {
		t.Error("Deeper is open, but its entry Apple inside is not shown")
	}
	do(t, ctx, "Enter on Deeper", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "Deeper to close", `!(`+summaryOpen("Deeper")+`)`)
	do(t, ctx, "Space on Deeper", chromedp.KeyEvent(" "))
	waitFor(t, ctx, "Deeper to open again", summaryOpen("Deeper"))
	// Enter on a focused entry follows it.
	do(t, ctx, "Tab to Apple inside", chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, ctx, `document.activeElement.textContent.trim()`); got != "Apple inside" {
		t.Fatalf("after the summary Deeper, Tab went to %q", got)
	}
	do(t, ctx, "Enter on Apple inside", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the apple page", `location.href === `+jsString(page("apple.html"))+` && document.readyState === "complete"`)

	// Without JavaScript: every group's entries are in the page, a click on
	// a summary opens its group, and its links lead to their pages.
	noJS := newTab(t)
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, noJS, "open the guide without JavaScript", chromedp.Navigate(page("guide/install.html")))
	waitFor(t, noJS, "the guide", `document.readyState === "complete"`)
	if eval[int](t, noJS, `document.querySelectorAll('button[aria-label="Copy code to clipboard"]').length`) != 0 {
		t.Fatal("kb.js ran: the code block has its Copy button")
	}
	links := eval[[]string](t, noJS, `[...document.querySelectorAll('#site-nav a')].map(a => a.textContent.trim())`)
	for _, want := range []string{"Welcome", "Zebra first", "Apple inside", "The guide", "Install it", "Commands", "Project site"} {
		if !strings.Contains("\x00"+strings.Join(links, "\x00")+"\x00", "\x00"+want+"\x00") {
			t.Errorf("without JavaScript the navigation lacks %q: %q", want, links)
		}
	}
	if got := attr(t, noJS, `#site-nav a.nav-external`, "href"); got != "https://example.org/project" {
		t.Errorf("external entry links to %q", got)
	}
	do(t, noJS, "click Basics, then Deeper", chromedp.Click(css(`#site-nav li.nav-group > details > summary`)))
	waitFor(t, noJS, "Basics to open", summaryOpen("Basics"))
	do(t, noJS, "click Deeper", chromedp.Click(css(`#site-nav details details > summary`)))
	waitFor(t, noJS, "Deeper to open", summaryOpen("Deeper"))
	do(t, noJS, "click Apple inside", chromedp.Click(css(`#site-nav details details a`)))
	waitFor(t, noJS, "the apple page", `location.href === `+jsString(page("apple.html"))+` && document.readyState === "complete"`)
}
