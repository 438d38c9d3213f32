package bundle

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nethtml "golang.org/x/net/html"

	"kb/generator/foldertest"
)

var day = time.Date(2026, 11, 27, 15, 4, 5, 0, time.UTC)

// writeSite writes a small site: a start page, an article whose text tries to
// break out of the inline scripts, and an image.
func writeSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"config.toml":      "title = \"Field notes: Back End <HA>\"\n",
		"content/index.md": "---\ntitle: Start\ndescription: The start page.\n---\n\nSee [the article](guide/article.md#second) and ![a diagram](guide/diagram.png).\n",
		"content/guide/article.md": "---\ntitle: Article\ndescription: An article.\n---\n\nText with `</script><script>alert(1)</script>` and `<!--` a comment opener.\n\n" +
			"## Second\n\nBack to [the start](../index.md).\n",
		"content/guide/diagram.png": "\x89PNG\r\n\x1a\nnot really a picture",
	}
	maps.Copy(files, extra)
	return foldertest.New(t, files)
}

func TestZipIsReproducibleAndComplete(t *testing.T) {
	src := writeSite(t, nil)
	a, err := Make(Options{Source: src, Dest: t.TempDir(), Now: day})
	if err != nil || a.Path == "" {
		t.Fatalf("%v %v", err, a.Build.Diagnostics.Items())
	}
	b, err := Make(Options{Source: src, Dest: t.TempDir(), Now: day.Add(time.Hour)})
	if err != nil || b.Path == "" {
		t.Fatal(err)
	}
	if filepath.Base(a.Path) != "field-notes-back-end-ha-offline.zip" {
		t.Errorf("bundle named %s", filepath.Base(a.Path))
	}
	za, _ := os.ReadFile(a.Path)
	zb, _ := os.ReadFile(b.Path)
	if !bytes.Equal(za, zb) {
		t.Error("two bundles of the same site on the same day differ")
	}
	r, err := zip.NewReader(bytes.NewReader(za), int64(len(za)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, f := range r.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		names[f.Name] = string(data)
		if !f.Modified.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
	for _, want := range []string{"index.html", "guide/article.html", "guide/diagram.png", "assets/kb.css", "search/manifest.js"} {
		if _, ok := names["field-notes-back-end-ha/"+want]; !ok {
			t.Errorf("the zip has no %s", want)
		}
	}
	if len(names) != a.Files {
		t.Errorf("Files = %d, the zip holds %d", a.Files, len(names))
	}
	if !strings.Contains(names["field-notes-back-end-ha/index.html"], `<p class="edition">Offline edition, built 2026-11-27`) {
		t.Error("the start page does not say which edition it is")
	}
}

func TestFailedBuildWritesNothing(t *testing.T) {
	src := writeSite(t, map[string]string{"content/broken.md": "---\ntitle: Broken\ndescription: A broken link.\n---\n\n[gone](nowhere.md)\n"})
	dest := t.TempDir()
	for _, single := range []bool{false, true} {
		res, err := Make(Options{Source: src, Dest: dest, SingleFile: single, Now: day})
		if err != nil || res.Path != "" || !res.Build.Diagnostics.HasErrors() {
			t.Errorf("single=%v: err %v, path %q", single, err, res.Path)
		}
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 0 {
		t.Errorf("a failed bundle left %d files", len(entries))
	}
}

// singleFile makes the single-file bundle of the site in src, failing t
// unless it is written, and returns the file.
func singleFile(t *testing.T, src string) []byte {
	t.Helper()
	res, err := Make(Options{Source: src, Dest: t.TempDir(), SingleFile: true, Now: day})
	if err != nil || res.Path == "" {
		t.Fatalf("%v %v", err, res.Build.Diagnostics.Items())
	}
	data, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSingleFile(t *testing.T) {
	src := writeSite(t, nil)
	data := singleFile(t, src)
	doc, err := nethtml.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var scripts, templates []string
	var links []string
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode {
			switch n.Data {
			case "script":
				scripts = append(scripts, text(n))
			case "template":
				templates = append(templates, attr(n, "data-page"))
			}
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" {
					links = append(links, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	// router, kb.js, decision.js, select.js, search.js, the search data: the article's
	// "</script><script>" stayed text inside the data.
	if len(scripts) != 6 {
		t.Fatalf("%d script elements, want 6", len(scripts))
	}
	// "\x3C" is "<" in a JavaScript string (render.InlineScript).
	if !strings.Contains(scripts[5], `\x3C/script><script>alert(1)\x3C/script>`) || strings.Contains(scripts[5], "<!--") {
		t.Errorf("the search data was not made safe: %.200q", scripts[5][strings.Index(scripts[5], "Text with"):])
	}
	if strings.Join(templates, " ") != "guide/article.html guide/index.html search.html" {
		t.Errorf("templates for %v", templates)
	}
	if !strings.Contains(string(data), `href="#/guide/article.html#second"`) {
		t.Error("the start page's link to the article's section was not rewritten to #/guide/article.html#second")
	}
	if !strings.Contains(string(data), `href="#/index.html"`) {
		t.Error("the article's link back to the start was not rewritten")
	}
	if !strings.Contains(string(data), `src="data:image/png;base64,`) {
		t.Error("the image is not inside the file")
	}
	for _, l := range links {
		if !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "data:") {
			t.Errorf("a link or source outside the file: %s", l)
		}
	}
}

func text(n *nethtml.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

func attr(n *nethtml.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func TestName(t *testing.T) {
	for title, want := range map[string]string{
		"Skype for Business Server Back End high availability": "skype-for-business-server-back-end-high-availability",
		"  ¡Hola! Réseau  ":        "hola-r-seau",
		"***":                      "knowledge-base",
		strings.Repeat("abc ", 30): strings.TrimRight(strings.Repeat("abc-", 15), "-"),
	} {
		if got := Name(title); got != want {
			t.Errorf("Name(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestEdition(t *testing.T) {
	e := Describe(t.TempDir(), day) // not a git checkout
	if got := e.String(); got != "Offline edition, built 2026-11-27 (content revision unknown: not a git checkout)" {
		t.Errorf("outside git: %q", got)
	}
	e = Edition{Built: day, Revision: "abc1234", Date: "2026-11-20"}
	if got := e.String(); got != "Offline edition, built 2026-11-27 from content revision abc1234 (2026-11-20)" {
		t.Errorf("in git: %q", got)
	}
	e.Modified = true
	if got := e.String(); !strings.HasSuffix(got, "with changes not committed") {
		t.Errorf("modified: %q", got)
	}
}

// TestSingleFileRedirects: a link to a moved article's old address leads to
// where it moved, and the redirect page itself is not among the pages.
func TestSingleFileRedirects(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/old.md":   "---\nredirect_url: guide/article.md\n---\n",
		"content/index.md": "---\ntitle: Start\ndescription: The start page.\n---\n\nSee [the old address](old.md#second).\n",
	})
	data := singleFile(t, src)
	if !strings.Contains(string(data), `href="#/guide/article.html#second"`) {
		t.Error("the link to the old address does not lead to the article")
	}
	if strings.Contains(string(data), `data-page="old.html"`) || strings.Contains(string(data), `data-page="404.html"`) {
		t.Error("a redirect page or the 404 page is among the pages")
	}
}
