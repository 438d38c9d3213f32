package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kb/generator/bundle"
	"kb/generator/pipeline"
)

// selectSite has tabs, zone pivots and monikers (article/select.go,
// theme/assets/select.js).
var selectSite = map[string]string{
	"config.toml": `title = "Selections"
[monikers]
versions = [
  { id = "v1", title = "Version 1" },
  { id = "v2", title = "Version 2" },
  { id = "v3", title = "Version 3" },
]
`,
	"content/index.md": "---\ntitle: Home\ndescription: Start.\n---\nSee [tabs](tabs.md), [zones](zones.md) and [versions](versions.md).\n",
	"content/zone-pivot-groups.yml": `groups:
- id: platform
  title: Platform
  prompt: Choose a platform
  pivots:
  - id: windows
    title: Windows
  - id: macos
    title: macOS
`,
	"content/tabs.md": `---
title: Tabs
description: Tabs.
---
## Install

# [Windows](#tab/windows)

Windows steps.

### Windows details

Details.

# [macOS](#tab/macos)

macOS steps.

# [Linux](#tab/linux)

Linux steps.

---

## Again

# [Windows](#tab/windows)

Windows again.

# [macOS](#tab/macos)

macOS again.

---
`,
	"content/tabs2.md": `---
title: More tabs
description: Tabs.
---
# [Windows](#tab/windows)

Windows on page two.

# [macOS](#tab/macos)

macOS on page two.

---
`,
	"content/zones.md": `---
title: Zones
description: Zones.
zone_pivot_groups: platform
---
Everyone.

::: zone pivot="windows"
Windows zone.
::: zone-end

::: zone pivot="macos"
## Mac heading

macOS zone.
::: zone-end

Go to [the versions](versions.md?view=v1).
`,
	"content/versions.md": `---
title: Versions
description: Versions.
monikerRange: ">= v2"
---
::: moniker range="v1"
One only.
::: moniker-end

::: moniker range=">= v2"
Two and later.
::: moniker-end

::: moniker range="v3"
Three only.
::: moniker-end

See [the old page](old.md).
`,
	"content/old.md": `---
title: Old
description: For version 1.
monikerRange: v1
---
Old text.
`,
}

func writeSelectSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range selectSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildSelectSite builds selectSite and returns the file:// address of its
// page at p.
func buildSelectSite(t *testing.T) func(p string) string {
	t.Helper()
	chromium(t)
	dir := writeSelectSite(t)
	dest := filepath.Join(dir, "public")
	res, err := pipeline.Build(pipeline.Options{Source: dir, Dest: dest})
	if err != nil || !res.Written || res.Diagnostics.Len() > 0 {
		t.Fatalf("building the site: %v, written %v, %v", err, res != nil && res.Written, res.Diagnostics.Items())
	}
	return func(p string) string { return "file://" + filepath.ToSlash(filepath.Join(dest, filepath.FromSlash(p))) }
}

// shown lists the texts of the paragraphs of main that are rendered.
const shown = `[...document.querySelectorAll("main article p")].filter(p => p.checkVisibility()).map(p => p.textContent.trim()).join("|")`

// selectedTabs are the selected tabs' labels, group by group.
const selectedTabs = `[...document.querySelectorAll(".kb-tabs")].map(g => (g.querySelector("[role=tab][aria-selected=true]") || {}).textContent).join(",")`

// TestSelectTabs: a tab set by the WAI-ARIA pattern (roles, aria-selected,
// aria-controls, roving tabindex; arrow keys, Home, End), tabs of one id
// synchronised across the page's groups and remembered on the next page, a
// heading inside a hidden panel chosen from "On this page", and without
// JavaScript and in print every panel shown under its label.
func TestSelectTabs(t *testing.T) {
	page := buildSelectSite(t)
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the tabs", chromedp.Navigate(page("tabs.html")), chromedp.WaitVisible(css(`.kb-tabs [role=tablist]`)))
	if got := eval[string](t, ctx, selectedTabs); got != "Windows,Windows" {
		t.Errorf("selected tabs %q, want Windows,Windows", got)
	}
	aria := eval[string](t, ctx, `(() => {
		const b = document.querySelector(".kb-tabs [role=tab]"), p = document.getElementById(b.getAttribute("aria-controls"));
		return [b.parentElement.getAttribute("role"), b.tabIndex, p.getAttribute("role"), p.getAttribute("aria-labelledby") === b.id, p.hidden,
			document.querySelectorAll(".kb-tabs")[0].querySelectorAll("[role=tab]")[1].tabIndex].join(" ") })()`)
	if aria != "tablist 0 tabpanel true false -1" {
		t.Errorf("roles and tabindex: %q", aria)
	}
	if got := eval[string](t, ctx, shown); got != "Windows steps.|Details.|Windows again." {
		t.Errorf("shown %q", got)
	}
	do(t, ctx, "focus the first tab", chromedp.Focus(css(`.kb-tabs [role=tab]`)))
	do(t, ctx, "ArrowRight", press("ArrowRight", 39))
	waitFor(t, ctx, "macOS in both groups", selectedTabs+` === "macOS,macOS"`)
	if f := eval[string](t, ctx, `document.activeElement.textContent`); f != "macOS" {
		t.Errorf("focus on %q after ArrowRight, want macOS", f)
	}
	if got := eval[string](t, ctx, shown); got != "macOS steps.|macOS again." {
		t.Errorf("shown %q", got)
	}
	do(t, ctx, "End", press("End", 35))
	waitFor(t, ctx, "Linux in the first group; the second keeps macOS", selectedTabs+` === "Linux,macOS"`)
	do(t, ctx, "Home", press("Home", 36))
	waitFor(t, ctx, "Windows", selectedTabs+` === "Windows,Windows"`)
	do(t, ctx, "ArrowLeft", press("ArrowLeft", 37))
	waitFor(t, ctx, "Linux (wrapping)", selectedTabs+` === "Linux,Windows"`)
	do(t, ctx, "choose macOS", chromedp.Click(css(`.kb-tabs [role=tab][data-kb-tab=macos]`)))
	waitFor(t, ctx, "macOS", selectedTabs+` === "macOS,macOS"`)
	// The heading inside the hidden Windows panel, from "On this page".
	do(t, ctx, "open Windows details from On this page", chromedp.Click(css(`.toc a[href="#windows-details"]`)))
	waitFor(t, ctx, "Windows chosen, the heading shown", selectedTabs+` === "Windows,Windows" && document.getElementById("windows-details").checkVisibility()`)

	do(t, ctx, "macOS again, by keyboard", chromedp.Focus(css(`.kb-tabs [role=tab][data-kb-tab=windows]`)), press("ArrowRight", 39))
	waitFor(t, ctx, "macOS again", selectedTabs+` === "macOS,macOS"`)

	// The next page opens on the tab chosen last.
	do(t, ctx, "open the second page", chromedp.Navigate(page("tabs2.html")), chromedp.WaitVisible(css(`.kb-tabs [role=tablist]`)))
	if got := eval[string](t, ctx, selectedTabs); got != "macOS" {
		t.Errorf("on the next page the selected tab is %q, want macOS (remembered)", got)
	}

	// Print: every panel, under its label; no tab list.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `[...document.querySelectorAll(".kb-tab-panel, .kb-tab-label, .kb-tablist")].map(e => getComputedStyle(e).display).join(" ")`); got != "none block block block block" {
		t.Errorf("in print, tablist panel label panel label display %q", got)
	}

	// Without JavaScript: every panel under its label.
	noJS := newTab(t)
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, noJS, "open the tabs without JavaScript", chromedp.Navigate(page("tabs.html")), chromedp.WaitVisible(css(`main h1`)))
	if got := eval[string](t, noJS, `[...document.querySelectorAll(".kb-tab-label")].filter(h => h.checkVisibility()).map(h => h.tagName + " " + h.textContent).join(",")`); got != "H3 Windows,H3 macOS,H3 Linux,H3 Windows,H3 macOS" {
		t.Errorf("labels without JavaScript: %q", got)
	}
	if got := eval[string](t, noJS, shown); got != "Windows steps.|Details.|macOS steps.|Linux steps.|Windows again.|macOS again." {
		t.Errorf("shown without JavaScript %q", got)
	}
}

// TestSelectZonesAndMonikers: the zone pivot and version selectors from
// file://: the default, the choice shown and written to the URL
// (?pivots=, ?view=), a shared URL opening on its choice, a heading inside
// a hidden zone reached from "On this page", the version remembered on the
// next page (which says when it does not apply), the badge; and without
// JavaScript every zone and version shown, labelled.
func TestSelectZonesAndMonikers(t *testing.T) {
	page := buildSelectSite(t)
	ctx := newTab(t)
	do(t, ctx, "open the zones", chromedp.Navigate(page("zones.html")), chromedp.WaitVisible(css(`.kb-selector select`)))
	if got := eval[string](t, ctx, shown); got != "Everyone.|Windows zone.|Go to the versions." {
		t.Errorf("shown %q", got)
	}
	if l := text(t, ctx, `.kb-selector label`); l != "Choose a platform" {
		t.Errorf("selector label %q", l)
	}
	do(t, ctx, "choose macOS", chromedp.SetValue(css(`.kb-selector select`), "macos"))
	eval[bool](t, ctx, `document.querySelector(".kb-selector select").dispatchEvent(new Event("change"))`)
	waitFor(t, ctx, "the macOS zone", `document.body.textContent.includes("macOS zone.") && `+shownIs("Everyone.|macOS zone.|Go to the versions."))
	if s := eval[string](t, ctx, `location.search`); s != "?pivots=macos" {
		t.Errorf("URL query %q, want ?pivots=macos", s)
	}
	// A shared URL opens on its choice; an unknown pivot on the default.
	do(t, ctx, "open a shared URL", chromedp.Navigate(page("zones.html")+"?pivots=macos"), chromedp.WaitVisible(css(`.kb-selector select`)))
	if v := eval[string](t, ctx, `document.querySelector(".kb-selector select").value`); v != "macos" {
		t.Errorf("?pivots=macos opens on %q", v)
	}
	do(t, ctx, "open with an unknown pivot", chromedp.Navigate(page("zones.html")+"?pivots=nosuch#"), chromedp.WaitVisible(css(`.kb-selector select`)))
	// The reader's last choice (macos) when the URL names no pivot of the group.
	if v := eval[string](t, ctx, `document.querySelector(".kb-selector select").value`); v != "macos" {
		t.Errorf("?pivots=nosuch opens on %q, want the last choice macos", v)
	}
	do(t, ctx, "choose Windows", chromedp.SetValue(css(`.kb-selector select`), "windows"))
	eval[bool](t, ctx, `document.querySelector(".kb-selector select").dispatchEvent(new Event("change"))`)
	waitFor(t, ctx, "the Windows zone", shownIs("Everyone.|Windows zone.|Go to the versions."))
	do(t, ctx, "open Mac heading from On this page", chromedp.Click(css(`.toc a[href="#mac-heading"]`)))
	waitFor(t, ctx, "the macOS zone chosen", `document.querySelector(".kb-selector select").value === "macos" && document.getElementById("mac-heading").checkVisibility()`)

	// Versions: a link with ?view=v1 opens the page on version 1, which the
	// article does not apply to: the note says so.
	do(t, ctx, "follow the link to the versions", chromedp.Click(css(`main a[href="versions.html?view=v1"]`)))
	waitFor(t, ctx, "the versions page on v1", `location.pathname.endsWith("/versions.html") && !!document.querySelector(".kb-selector:not([hidden]) select") && document.querySelector(".kb-selector select").value === "v1"`)
	if got := eval[string](t, ctx, shown); got != "Applies to: Version 2, Version 3|This article does not apply to the version chosen. It applies to: Version 2, Version 3.|One only.|See the old page." {
		t.Errorf("on v1, shown %q", got)
	}
	do(t, ctx, "choose version 2", chromedp.SetValue(css(`.kb-selector select`), "v2"))
	eval[bool](t, ctx, `document.querySelector(".kb-selector select").dispatchEvent(new Event("change"))`)
	waitFor(t, ctx, "version 2", shownIs("Applies to: Version 2, Version 3|Two and later.|See the old page."))
	if s := eval[string](t, ctx, `location.search`); s != "?view=v2" {
		t.Errorf("URL query %q, want ?view=v2", s)
	}
	// Remembered: the old page opens on version 2, which it does not apply to.
	do(t, ctx, "open the old page", chromedp.Click(css(`main a[href="old.html"]`)))
	waitFor(t, ctx, "the old page on v2", `location.pathname.endsWith("/old.html") && !!document.querySelector(".kb-selector:not([hidden]) select") && document.querySelector(".kb-selector select").value === "v2"`)
	if got := eval[string](t, ctx, shown); got != "Applies to: Version 1|This article does not apply to the version chosen. It applies to: Version 1.|Old text." {
		t.Errorf("old page on v2, shown %q", got)
	}
	// Without a choice anywhere, a page opens on the latest version it applies to.
	fresh := newTab(t)
	do(t, fresh, "open the versions in a fresh context", chromedp.Navigate(page("versions.html")), chromedp.WaitVisible(css(`.kb-selector select`)))
	if got := eval[string](t, fresh, shown); got != "Applies to: Version 2, Version 3|Two and later.|Three only.|See the old page." {
		t.Errorf("default version, shown %q", got)
	}

	// Without JavaScript: every block, labelled; no selector.
	noJS := newTab(t)
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, noJS, "open the versions without JavaScript", chromedp.Navigate(page("versions.html")), chromedp.WaitVisible(css(`main h1`)))
	if got := eval[string](t, noJS, shown); got != "Applies to: Version 2, Version 3|Applies to: Version 1|One only.|Applies to: Version 2, Version 3|Two and later.|Applies to: Version 3|Three only.|See the old page." {
		t.Errorf("versions without JavaScript, shown %q", got)
	}
	do(t, noJS, "open the zones without JavaScript", chromedp.Navigate(page("zones.html")), chromedp.WaitVisible(css(`main h1`)))
	if got := eval[string](t, noJS, shown); got != "Everyone.|Windows|Windows zone.|macOS|macOS zone.|Go to the versions." {
		t.Errorf("zones without JavaScript, shown %q", got)
	}
	if n := eval[int](t, noJS, `[...document.querySelectorAll(".kb-selector")].filter(e => e.checkVisibility()).length`); n != 0 {
		t.Errorf("%d selectors shown without JavaScript", n)
	}
}

func shownIs(want string) string { return shown + ` === ` + jsString(want) }

// TestSelectSingleFile: in the single-file bundle, where pages are
// #/page.html routes, the choice is in the route (#/zones.html?pivots=macos),
// a shared route opens on it, and a link with ?view= opens its page on that
// version.
func TestSelectSingleFile(t *testing.T) {
	chromium(t)
	res, err := bundle.Make(bundle.Options{Source: writeSelectSite(t), Dest: t.TempDir(), SingleFile: true, Now: bundleDay})
	if err != nil || res.Path == "" {
		t.Fatalf("bundle: %v %v", err, res.Build.Diagnostics.Items())
	}
	file := "file://" + filepath.ToSlash(res.Path)
	ctx := newTab(t)
	do(t, ctx, "open the file on the zones, macOS", chromedp.Navigate(file+"#/zones.html?pivots=macos"), chromedp.WaitVisible(css(`main .kb-selector select`)))
	waitFor(t, ctx, "the zones page, macOS", `document.querySelector("main h1").textContent === "Zones" && `+shownIs("Everyone.|macOS zone.|Go to the versions."))
	do(t, ctx, "choose Windows", chromedp.SetValue(css(`main .kb-selector select`), "windows"))
	eval[bool](t, ctx, `document.querySelector("main .kb-selector select").dispatchEvent(new Event("change"))`)
	waitFor(t, ctx, "the Windows zone", shownIs("Everyone.|Windows zone.|Go to the versions."))
	if h := eval[string](t, ctx, `location.hash`); h != "#/zones.html?pivots=windows" {
		t.Errorf("route %q, want #/zones.html?pivots=windows", h)
	}
	do(t, ctx, "follow the link to the versions on v1", chromedp.Click(css(`main a[href="#/versions.html?view=v1"]`)))
	waitFor(t, ctx, "the versions page on v1", `document.querySelector("main h1").textContent === "Versions" && document.querySelector("main .kb-selector select").value === "v1" && `+
		shownIs("Applies to: Version 2, Version 3|This article does not apply to the version chosen. It applies to: Version 2, Version 3.|One only.|See the old page."))
	if strings.Contains(eval[string](t, ctx, `document.querySelector("main").textContent`), ":::") {
		t.Error("raw ::: in the page")
	}
}
