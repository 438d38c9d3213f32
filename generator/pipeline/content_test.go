package pipeline

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kb/generator/foldertest"
)

// contentFiles is a site whose content folder holds files that would run
// script on the site's origin if they were published as they are, and
// passive files that must be. Every script payload says "kbpwned".
var contentFiles = map[string]string{
	"content/index.md": "---\ntitle: Home\ndescription: The start page.\n---\n\n" +
		"![diagram](media/ok.svg) ![photo](media/pic.png) [data](data.json) [notes](notes.txt)\n",
	"content/x.html":       "<!doctype html><p>Hi</p><script>alert('kbpwned')</script>\n",
	"content/x.htm":        "<script>alert('kbpwned')</script>\n",
	"content/x.xhtml":      "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert('kbpwned')</script></html>\n",
	"content/feed.xml":     "<feed><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert('kbpwned')</h:script></feed>\n",
	"content/app.js":       "alert('kbpwned')\n",
	"content/assets/kb.js": "alert('kbpwned')\n",                  // would replace the theme's script on every page
	"content/LICENSE":      "<script>alert('kbpwned')</script>\n", // no extension: servers guess its type
	"content/old.html":     "<!doctype html><meta http-equiv=\"refresh\" content=\"0; url=javascript:alert('kbpwned')\">\n",
	"content/media/script.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n" +
		"  <script>alert('kbpwned')</script>\n</svg>\n",
	"content/media/onload.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"\n     onload=\"alert('kbpwned')\"></svg>\n",
	"content/media/href.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n" +
		"  <a xlink:href=\"javascript:alert('kbpwned')\"><text>click</text></a>\n</svg>\n",
	"content/media/ok.svg": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>A box</title>" +
		"<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>" +
		"<rect width=\"10\" height=\"10\" fill=\"url(#g)\" style=\"stroke: #000\"/></svg>\n",
	"content/media/pic.png":     "\x89PNG\r\n\x1a\nnot really a picture",
	"content/data.json":         "{\"a\": \"<script>alert(1)</script>\"}\n",
	"content/notes.txt":         "plain text\n",
	"content/fonts/a.woff2":     "wOF2",
	"content/downloads/kit.zip": "PK",
}

// TestContentFilesNoScript builds a site with scripts in content files:
// HTML pages, XML, JavaScript, a file without extension and SVG pictures with
// a script, an onload handler and a javascript: link. None of them is
// published, each is reported once at the file, and nothing written holds
// the payload; the passive files are copied as they are.
func TestContentFilesNoScript(t *testing.T) {
	res, dest := buildWritten(t, foldertest.New(t, contentFiles))
	out := foldertest.Read(t, dest)
	for name, data := range out {
		if strings.Contains(data, "kbpwned") {
			t.Errorf("%s holds a script from the content", name)
		}
	}
	for _, want := range []string{"media/ok.svg", "media/pic.png", "data.json", "notes.txt", "fonts/a.woff2", "downloads/kit.zip"} {
		if out[want] != contentFiles["content/"+want] {
			t.Errorf("%s was not copied as it is", want)
		}
	}
	skipped := map[string]int{}
	for _, d := range res.Diagnostics.Items() {
		if d.Rule != "content-file-skipped" || d.Severity.String() != "warning" {
			t.Errorf("unexpected diagnostic %s", d)
			continue
		}
		skipped[d.Path]++
		switch d.Path {
		case "content/media/script.svg":
			if d.Line != 2 || d.Col != 3 {
				t.Errorf("%s: at %d:%d, want the <script> at 2:3", d, d.Line, d.Col)
			}
		case "content/media/onload.svg":
			if d.Line != 2 || d.Col != 6 {
				t.Errorf("%s: at %d:%d, want the onload attribute at 2:6", d, d.Line, d.Col)
			}
		case "content/media/href.svg":
			if d.Line != 2 || d.Col != 6 {
				t.Errorf("%s: at %d:%d, want the xlink:href attribute at 2:6", d, d.Line, d.Col)
			}
		}
	}
	want := []string{"content/LICENSE", "content/app.js", "content/assets/kb.js", "content/feed.xml", "content/media/href.svg", "content/media/onload.svg",
		"content/media/script.svg", "content/old.html", "content/x.htm", "content/x.html", "content/x.xhtml"}
	if got := slices.Sorted(maps.Keys(skipped)); !slices.Equal(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
	for p, n := range skipped {
		if n != 1 {
			t.Errorf("%s reported %d times", p, n)
		}
		if got, ok := out[strings.TrimPrefix(p, "content/")]; ok && got == contentFiles[p] {
			t.Errorf("%s was published", p)
		}
	}
}

// TestContentPublishAllows: [content] publish in config.toml publishes the
// files it names, and only those; an SVG is checked all the same.
func TestContentPublishAllows(t *testing.T) {
	files := maps.Clone(contentFiles)
	files["config.toml"] = "[content]\npublish = [\"*.html\", \"feed.xml\", \"media/*.svg\"]\n"
	_, dest := buildWritten(t, foldertest.New(t, files))
	out := foldertest.Read(t, dest)
	for _, name := range []string{"x.html", "old.html", "feed.xml"} {
		if out[name] != files["content/"+name] {
			t.Errorf("%s is allowed by config.toml but was not published", name)
		}
	}
	for _, name := range []string{"x.htm", "x.xhtml", "app.js", "LICENSE", "media/script.svg", "media/onload.svg", "media/href.svg"} {
		if _, ok := out[name]; ok {
			t.Errorf("%s was published", name)
		}
	}
}

// TestLinkToSkippedFile: a link to a content file kb does not publish is an
// error at the link that says why (link-unpublished), not "does not exist".
func TestLinkToSkippedFile(t *testing.T) {
	src := foldertest.New(t, map[string]string{
		"content/index.md":         "---\ntitle: Home\ndescription: The start page.\n---\n\n[page](x.html) ![bad](media/script.svg)\n",
		"content/x.html":           contentFiles["content/x.html"],
		"content/media/script.svg": contentFiles["content/media/script.svg"],
	})
	res, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written {
		t.Error("written despite links to files that are not published")
	}
	var got []string
	for _, d := range res.Diagnostics.Items() {
		if d.Path == "content/index.md" {
			got = append(got, d.String())
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "6:1: error: link target \"x.html\" is not published") ||
		!strings.Contains(got[1], "6:16: error: image \"media/script.svg\" is not published") ||
		!strings.HasSuffix(got[0], "[link-unpublished]") || !strings.HasSuffix(got[1], "[link-unpublished]") {
		t.Errorf("diagnostics at the links:\n%s", strings.Join(got, "\n"))
	}
}
