package bundle

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	nethtml "golang.org/x/net/html"

	"kb/generator/article"
)

// singleURLs returns every href, src and action of a single file.
func singleURLs(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	z := nethtml.NewTokenizer(bytes.NewReader(data))
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		for _, a := range z.Token().Attr {
			if a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "xlink:href" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}

// passiveData is what a data: URL of the single file may hold: a picture,
// a passive document, or bytes to download.
func passiveData(u string) bool {
	for _, typ := range []string{"image/png;", "image/jpeg;", "image/gif;", "image/webp;", "image/svg+xml;",
		"application/pdf;", "text/plain;", "application/json;", "application/octet-stream;"} {
		if strings.HasPrefix(u, "data:"+typ) {
			return true
		}
	}
	return false
}

// checkURLs fails for a URL of the single file that could run script.
func checkURLs(t *testing.T, data []byte) {
	t.Helper()
	for _, u := range singleURLs(t, data) {
		if strings.HasPrefix(u, "data:") && !passiveData(u) || !strings.HasPrefix(u, "data:") && article.UnsafeURL(u) {
			t.Errorf("the single file links to %.80q", u)
		}
	}
}

// TestSingleFileContentHTML: content .html files that config.toml allows are
// published, but the single file takes none for a page or a redirect: a
// content page whose meta refresh leads to javascript: does not turn links
// to it into javascript: links, and a content page's <main> with a script is
// not put among the pages. Links to them are downloads.
func TestSingleFileContentHTML(t *testing.T) {
	src := writeSite(t, map[string]string{
		"config.toml": "title = \"Notes\"\n[content]\npublish = [\"*.html\"]\n",
		"content/index.md": "---\ntitle: Start\ndescription: The start page.\n---\n\n" +
			"See [old](old.html), [page](page.html) and [the article](guide/article.md).\n",
		"content/old.html":  "<!doctype html><meta http-equiv=\"refresh\" content=\"0; url=javascript:alert('kbpwned')\">\n",
		"content/page.html": "<!doctype html><title>P</title><main><script>alert('kbpwned')</script></main>\n",
	})
	data := singleFile(t, src)
	checkURLs(t, data)
	if bytes.Contains(data, []byte("kbpwned")) {
		t.Error("the single file holds a content page's script")
	}
	if bytes.Contains(data, []byte(`data-page="old.html"`)) || bytes.Contains(data, []byte(`data-page="page.html"`)) {
		t.Error("a content .html file is among the pages")
	}
	if n := bytes.Count(data, []byte(`href="data:application/octet-stream;base64,`)); n != 2 {
		t.Errorf("%d links to the content pages are downloads, want 2", n)
	}
}

// TestSingleFileNoContentRedirect: without config.toml, a content .html page
// with a meta refresh to javascript: is not published, so links to it are
// errors and no single file is written with a javascript: link.
func TestSingleFileNoContentRedirect(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/index.md": "---\ntitle: Start\ndescription: The start page.\n---\n\nSee [old](old.html).\n",
		"content/old.html": "<!doctype html><meta http-equiv=\"refresh\" content=\"0; url=javascript:alert('kbpwned')\">\n",
	})
	res, err := Make(Options{Source: src, Dest: t.TempDir(), SingleFile: true, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "" {
		data, _ := os.ReadFile(res.Path)
		checkURLs(t, data)
		t.Error("written although the article links to a file that is not published")
	}
}

// TestSingleFileURLPolicy: whatever the pages' parts hold, every URL the
// single file writes passes the URL policy of Markdown links
// (article.UnsafeURL); other ones are left out.
func TestSingleFileURLPolicy(t *testing.T) {
	s := &single{site: fstest.MapFS{}, pages: map[string]bool{"index.html": true}, redirect: map[string]string{}}
	data := []byte(s.rewrite("index.html", `<a href="index.html">T</a>`+
		`<main><a href="javascript:alert('kbpwned')">a</a> <a href=" JAVA&#x09;SCRIPT:alert('kbpwned')">b</a>`+
		` <img src="data:text/html,kbpwned"> <form action="vbscript:kbpwned"></form> <a href="https://example.org/">c</a></main>`))
	checkURLs(t, data)
	if bytes.Contains(data, []byte("kbpwned")) {
		t.Errorf("an unsafe URL was written: %s", data)
	}
	if !bytes.Contains(data, []byte(`href="https://example.org/"`)) || !bytes.Contains(data, []byte(`<a href="#/index.html">T</a>`)) {
		t.Errorf("a safe link was dropped or not rewritten: %s", data)
	}
}
