package browser

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kb/generator/pipeline"
)

// learnArticle uses Microsoft Learn's video marker, an :::image with a
// lightbox and a row of two columns.
const learnArticle = `---
title: Learn blocks
description: A page.
---
> [!VIDEO https://www.youtube.com/watch?v=dQw4w9WgXcQ]

:::image type="content" source="media/small.png" alt-text="A small picture" lightbox="media/big.png":::

:::image type="complex" source="media/small.png" alt-text="A chart":::
   The long description of the chart.
:::image-end:::

:::row:::
   :::column:::
      The first column, with enough words in it to take a line of its own.
   :::column-end:::
   :::column:::
      The second column.
   :::column-end:::
:::row-end:::
`

// buildLearnSite builds a site of learnArticle and returns the file://
// address of its page.
func buildLearnSite(t *testing.T) string {
	t.Helper()
	chromium(t)
	dir := t.TempDir()
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"content/learn.md":        []byte(learnArticle),
		"content/media/small.png": pic.Bytes(),
		"content/media/big.png":   pic.Bytes(),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(dir, "public")
	res, err := pipeline.Build(pipeline.Options{Source: dir, Dest: dest})
	if err != nil || !res.Written || res.Diagnostics.Len() > 0 {
		t.Fatalf("building the site: %v, written %v, %v", err, res != nil && res.Written, res.Diagnostics.Items())
	}
	return "file://" + filepath.ToSlash(filepath.Join(dest, "learn.html"))
}

// accessibleName is the name Chromium's accessibility tree gives the first
// element matching sel.
func accessibleName(t *testing.T, ctx context.Context, sel string) (role, name string) {
	t.Helper()
	ctx, cancel := step(ctx)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel)))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("finding %s: %v", sel, err)
	}
	fetch := false
	res, err := chromedp.Call(ctx, accessibility.GetPartialAXTree,
		accessibility.GetPartialAXTreeParams{BackendNodeID: nodes[0].BackendNodeID, FetchRelatives: &fetch})
	if err != nil || len(res.Nodes) == 0 {
		t.Fatalf("accessibility node of %s: %v", sel, err)
	}
	ax := res.Nodes
	str := func(v *accessibility.Value) string {
		if v == nil {
			return ""
		}
		return strings.Trim(string(v.Value), `"`)
	}
	return str(ax[0].Role), str(ax[0].Name)
}

// TestLearnVideoCardAndLightbox: a [!VIDEO] is a link with an accessible
// name naming the host, opening in a new tab, and the page makes no request
// beyond its own files (no player is embedded); an :::image lightbox is a
// link that opens the full-size picture.
func TestLearnVideoCardAndLightbox(t *testing.T) {
	page := buildLearnSite(t)
	ctx := newTab(t)
	seen := requests(t, ctx)
	do(t, ctx, "open the page", chromedp.Navigate(page), chromedp.WaitVisible(css(`a.video-link`)))
	waitFor(t, ctx, "the page and its pictures", `document.readyState === "complete" && [...document.images].every(i => i.complete)`)

	role, name := accessibleName(t, ctx, `a.video-link`)
	if role != "link" || name != "Video opens www.youtube.com in a new tab" {
		t.Errorf("the video card is a %q named %q, want a link named %q", role, name, "Video opens www.youtube.com in a new tab")
	}
	if got := attr(t, ctx, `a.video-link`, "target"); got != "_blank" {
		t.Errorf("the video card opens in %q, want a new tab", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe, video, embed, object").length`); n != 0 {
		t.Errorf("%d embedded players on a site that did not opt in", n)
	}
	onlyLocal(t, seen())

	role, name = accessibleName(t, ctx, `a.image-lightbox`)
	if role != "link" || !strings.Contains(name, "A small picture") || !strings.Contains(name, "full-size") {
		t.Errorf("the lightbox is a %q named %q, want a link naming the picture and its full size", role, name)
	}
	do(t, ctx, "follow the lightbox", chromedp.Click(css(`a.image-lightbox`)))
	waitFor(t, ctx, "the full-size picture", `location.href.endsWith("/media/big.png")`)
}

// TestLearnRowStacks: the columns of a :::row::: are side by side on a wide
// screen and stack on a phone and in print; a complex image's long
// description, behind a disclosure on screen, is printed.
func TestLearnRowStacks(t *testing.T) {
	page := buildLearnSite(t)
	ctx := newTab(t)
	// Whether the second column starts below the first one's bottom.
	const stacked = `(() => { const c = document.querySelectorAll(".learn-column");
		return c.length === 2 && c[1].getBoundingClientRect().top >= c[0].getBoundingClientRect().bottom; })()`
	const sideBySide = `(() => { const c = document.querySelectorAll(".learn-column");
		return c.length === 2 && Math.abs(c[1].getBoundingClientRect().top - c[0].getBoundingClientRect().top) < 1 &&
			c[1].getBoundingClientRect().left >= c[0].getBoundingClientRect().right; })()`
	metrics := func(width int64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride,
				emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: 1, Mobile: width < 600})
			return err
		})
	}
	do(t, ctx, "open the page wide", metrics(1280), chromedp.Navigate(page), chromedp.WaitVisible(css(`.learn-row`)))
	waitFor(t, ctx, "columns side by side on a wide screen", sideBySide)
	const described = `document.querySelector(".image-description p").checkVisibility()`
	if eval[bool](t, ctx, described) {
		t.Error("the long description is open on screen; want it behind its summary")
	}

	do(t, ctx, "narrow the window to a phone's", metrics(375))
	waitFor(t, ctx, "columns stacked on a phone", stacked)

	do(t, ctx, "back to wide, then print", metrics(1280), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	waitFor(t, ctx, "columns stacked in print", stacked)
	waitFor(t, ctx, "the long description printed", described)
}
