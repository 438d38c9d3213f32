package browser

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"kb/generator/pipeline"
)

// xssHook records every call of the functions the payloads call (alert and
// its kin) and every change of the title, before any script of a page runs.
const xssHook = `window.kbXSS = [];
for (const f of ["alert", "confirm", "prompt", "print"]) {
	window[f] = function (...a) { window.kbXSS.push(f + "(" + a.join(",") + ")"); };
}
document.addEventListener("DOMContentLoaded", () => {
	window.kbTitle = document.title;
	new MutationObserver(() => { if (document.title !== window.kbTitle) window.kbXSS.push("title: " + document.title); })
		.observe(document.head, {subtree: true, childList: true, characterData: true});
});`

// loaded holds once the page and everything it loads (pictures, frames,
// whose error and load handlers run before) are done, and a task later
// (handlers queued as tasks, such as details' toggle).
const loaded = `document.readyState === "complete" && new Promise(r => setTimeout(() => r(true), 0))`

// rawHTMLSite writes a site whose page p<i>.html holds payload i of kb's
// XSS tests as an HTML block, inline in a paragraph, in a table cell and in
// a block quote, and a page table.html with a sanitised table.
func rawHTMLSite(t *testing.T) (dest string, payloads []string) {
	t.Helper()
	b, err := os.ReadFile("../article/testdata/xss-payloads.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &payloads); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		// What the payloads name does not exist, and their script URLs are
		// errors: lowered, so that the pages are written.
		"config.toml": "title = \"XSS\"\n[check]\nseverity = { link-unsafe-url = \"warning\", link-missing-file = \"warning\", image-missing = \"warning\" }\n",
		"content/table.md": "---\ntitle: Table\ndescription: A raw HTML table.\n---\nThe following table shows the cmdlets.\n\n" +
			"<table>\n<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Cmdlet</th></tr></thead>\n<tbody>\n" +
			"<tr><td colspan=\"2\" id=\"wide\">Both roles</td></tr>\n" +
			"<tr><td id=\"left\">Mailbox</td><td id=\"right\">Get-Mailbox<br>Set-Mailbox -Identity x</td></tr>\n" +
			"</tbody>\n</table>\n",
	}
	for i, p := range payloads {
		files[fmt.Sprintf("content/p%d.md", i)] = fmt.Sprintf("---\ntitle: Payload %d\ndescription: A payload.\n---\n%s\n\nText %s end.\n\n| a |\n|---|\n| %s |\n\n> %s\n\nLast.\n",
			i, p, p, strings.ReplaceAll(p, "|", `\|`), p)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest = filepath.Join(dir, "public")
	res, err := pipeline.Build(pipeline.Options{Source: dir, Dest: dest})
	if err != nil || !res.Written {
		t.Fatalf("building the site: %v, %v", err, res.Diagnostics.Items())
	}
	// A control page, not kb's: the payload runs, so the hook sees it.
	if err := os.WriteFile(filepath.Join(dest, "control.html"), []byte(`<!DOCTYPE html><title>c</title><img src="x" onerror="alert(1)">`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dest, payloads
}

// TestRawHTMLXSS opens, from file://, a page for every payload of kb's XSS
// tests written as raw HTML (blocks and inline): none runs, the title stays,
// and the article holds no script, event handler or script URL. A control
// page shows that a payload that runs is seen.
func TestRawHTMLXSS(t *testing.T) {
	chromium(t)
	dest, payloads := rawHTMLSite(t)
	url := func(p string) string { return "file://" + filepath.ToSlash(filepath.Join(dest, p)) }
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: xssHook}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the control page", chromedp.Navigate(url("control.html")))
	waitFor(t, ctx, "the control page", loaded)
	if got := eval[[]string](t, ctx, `window.kbXSS`); len(got) == 0 {
		t.Fatal("the control page's payload ran unseen: the test cannot see a payload run")
	}
	for i, p := range payloads {
		do(t, ctx, "open payload "+p, chromedp.Navigate(url(fmt.Sprintf("p%d.html", i))))
		waitFor(t, ctx, "payload "+p, loaded)
		if got := eval[[]string](t, ctx, `window.kbXSS`); len(got) > 0 {
			t.Errorf("%q ran: %v", p, got)
		}
		if title := eval[string](t, ctx, `document.title`); !strings.Contains(title, fmt.Sprintf("Payload %d", i)) {
			t.Errorf("%q: the title is %q", p, title)
		}
		bad := eval[[]string](t, ctx, `[...document.querySelectorAll("article *")].flatMap(e => {
			const out = [];
			if (/^(script|style|iframe|frame|object|embed|form|svg|math|base|meta|link|template|noscript)$/i.test(e.localName)) out.push("<" + e.localName + ">");
			for (const a of e.attributes) {
				if (/^on|^style$|^srcdoc$|^action$|^formaction$/i.test(a.name)) out.push(a.name + "=");
				if (/^(href|src|xlink:href|data)$/i.test(a.name) && /^\s*(javascript|vbscript|data:(?!image\/(png|gif|jpeg|webp)))/i.test(a.value)) out.push(a.name + "=" + a.value);
			}
			return out;
		})`)
		if len(bad) > 0 {
			t.Errorf("%q: the article holds %v", p, bad)
		}
		// The page around the article is whole: the footer after it is
		// not inside it.
		if n := eval[int](t, ctx, `document.querySelectorAll("article footer, article header, article nav").length`); n != 0 {
			t.Errorf("%q: the article took in %d elements of the page", p, n)
		}
	}
}

// TestRawHTMLTable opens a page with a raw HTML table: its cells are there,
// the colspan="2" cell spans both columns, and <br> breaks a cell's lines.
func TestRawHTMLTable(t *testing.T) {
	chromium(t)
	dest, _ := rawHTMLSite(t)
	ctx := newTab(t)
	do(t, ctx, "open the table page", chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dest, "table.html"))))
	waitFor(t, ctx, "the table page", loaded)
	if n := eval[int](t, ctx, `document.querySelectorAll("article table td, article table th").length`); n != 5 {
		t.Errorf("%d cells, want 5", n)
	}
	type box struct{ Wide, Left, Right float64 }
	b := eval[box](t, ctx, `(() => {
		const w = id => document.getElementById(id).getBoundingClientRect().width;
		return {Wide: w("wide"), Left: w("left"), Right: w("right")};
	})()`)
	if b.Left == 0 || b.Right == 0 || math.Abs(b.Wide-(b.Left+b.Right)) > 2 {
		t.Errorf("the colspan cell is %.1f px wide, the two below it %.1f + %.1f", b.Wide, b.Left, b.Right)
	}
	if lines := eval[string](t, ctx, `document.getElementById("right").innerText`); lines != "Get-Mailbox\nSet-Mailbox -Identity x" {
		t.Errorf("the <br> cell reads %q", lines)
	}
	if s := eval[string](t, ctx, `document.querySelector("article th").getAttribute("scope")`); s != "col" {
		t.Errorf("th scope %q", s)
	}
}
