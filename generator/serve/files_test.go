package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kb/generator/diag"
	"kb/generator/foldertest"
)

// writeFiles writes files (slash-separated path -> content) below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) { foldertest.Write(t, dir, files) }

const page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<title>A</title>\n</head>\n<body>\n<h1>A</h1>\n</body>\n</html>\n"

// testServer serves dest with a fixed last build and returns its address.
func testServer(t *testing.T, dest string, last outcome) string {
	t.Helper()
	srv := httptest.NewServer(newHandler(dest, newStatus(last)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// get requests a raw path (not cleaned by the client) and follows redirects.
func get(t *testing.T, base, rawPath string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", base, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = rawPath // sent as it is
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", rawPath, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// TestNothingOutsideTheOutputFolder: no path reads a file beside the output
// folder (where the source's config.toml lies with kb build's default
// --dest), by "..", encoded or not, or by a symbolic link in the output.
func TestNothingOutsideTheOutputFolder(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeFiles(t, parent, map[string]string{
		"config.toml":           "title = \"SECRET\"\n",
		"secret/notes.txt":      "SECRET notes\n",
		"public/index.html":     page,
		"public/assets/kb.css":  "body{}\n",
		"public/guide/a.html":   page,
		"public/guide/b/c.html": page,
	})
	for link, target := range map[string]string{
		"public/leak.txt":    "../config.toml",
		"public/guide/up":    "../..",
		"public/abs.toml":    filepath.Join(parent, "config.toml"),
		"public/secretdir":   "../secret",
		"public/guide/b/esc": "../../../secret/notes.txt",
	} {
		if err := os.Symlink(target, filepath.Join(parent, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	base := testServer(t, dest, outcome{ID: "t-1"})
	for _, p := range []string{
		"/../config.toml",
		"/%2e%2e/config.toml",
		"/%2E%2E/config.toml",
		"/..%2fconfig.toml",
		"/%2e%2e%2fconfig.toml",
		"/guide/../../config.toml",
		"/guide/%2e%2e/%2e%2e/config.toml",
		"/..\\config.toml",
		"//../config.toml",
		"/leak.txt",
		"/abs.toml",
		"/guide/up/config.toml",
		"/guide/up/secret/notes.txt",
		"/secretdir/notes.txt",
		"/secretdir/",
		"/guide/b/esc",
	} {
		resp, body := get(t, base, p)
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s: status %d, want 404 or 403", p, resp.StatusCode)
		}
		if strings.Contains(body, "SECRET") {
			t.Errorf("GET %s: served a file outside the output folder:\n%s", p, body)
		}
	}
	// Folders are served by their index.html or not at all: never listed.
	for _, p := range []string{"/assets/", "/guide/", "/guide/b/"} {
		resp, body := get(t, base, p)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "kb.css") || strings.Contains(body, "a.html") || strings.Contains(body, "c.html") {
			t.Errorf("GET %s: status %d, want 404 without a listing:\n%s", p, resp.StatusCode, body)
		}
	}
	// What is inside is served.
	for p, want := range map[string]string{"/": "<h1>A</h1>", "/guide/a.html": "<h1>A</h1>", "/assets/kb.css": "body{}"} {
		if resp, body := get(t, base, p); resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: status %d, body:\n%s", p, resp.StatusCode, body)
		}
	}
}

// TestFolderRedirect: a folder's address without its final slash redirects
// to the one with it, where the relative links of its index.html work.
func TestFolderRedirect(t *testing.T) {
	dest := t.TempDir()
	writeFiles(t, dest, map[string]string{"guide/index.html": page})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(testServer(t, dest, outcome{ID: "t-1"}) + "/guide?q=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/guide/?q=1" {
		t.Errorf("GET /guide: status %d, Location %q; want 301 to /guide/?q=1", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestReloadOnlyInHTML: the reload script goes into HTML responses, before
// </head>; every other file is served as it is on disk, and the files on disk
// are never changed.
func TestReloadOnlyInHTML(t *testing.T) {
	dest := t.TempDir()
	files := map[string]string{
		"index.html":       page,
		"upper.html":       strings.ToUpper(page),
		"guide/index.html": page,
		"assets/kb.css":    "/* </head> */ body{}\n",
		"assets/kb.js":     "// </head></body>\nvar a = 1;\n",
		"matrix.json":      "{\"html\": \"</head></body>\"}\n",
		"image.svg":        "<svg xmlns=\"http://www.w3.org/2000/svg\"><title></head></title></svg>\n",
		"notes.txt":        "</head></body>\n",
	}
	writeFiles(t, dest, files)
	base := testServer(t, dest, outcome{ID: "t-7"})
	const script = `<script src="/_kb/reload.js" data-build="t-7" defer></script>`
	for name, data := range files {
		p := "/" + name
		if name == "guide/index.html" {
			p = "/guide/"
		}
		resp, body := get(t, base, p)
		ctype := resp.Header.Get("Content-Type")
		if strings.HasSuffix(name, ".html") {
			if !strings.HasPrefix(ctype, "text/html") || strings.Count(body, script) != 1 ||
				!strings.Contains(strings.ToLower(body), strings.ToLower(script)+"</head>") {
				t.Errorf("GET %s (%s): want the reload script once, before </head>:\n%s", p, ctype, body)
			}
			if strings.Replace(body, script, "", 1) != data {
				t.Errorf("GET %s: the page changed beyond the script:\n%s", p, body)
			}
		} else if body != data || strings.HasPrefix(ctype, "text/html") {
			t.Errorf("GET %s (%s): want the file as it is, got:\n%s", p, ctype, body)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); string(b) != data {
			t.Errorf("%s changed on disk", name)
		}
	}
	// The scripts are files, served with their type.
	for _, p := range []string{"/_kb/reload.js", "/_kb/worker.js"} {
		resp, body := get(t, base, p)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || !strings.Contains(body, "EventSource") {
			t.Errorf("GET %s: status %d, %s", p, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func TestInject(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		{"<html><head><title>t</title></head><body><p>x</p></body></html>", "<html><head><title>t</title>HEAD</head><body><p>x</p>BODY</body></html>"},
		{"<HTML><HEAD></HEAD><BODY></BODY></HTML>", "<HTML><HEAD>HEAD</HEAD><BODY>BODY</BODY></HTML>"},
		{"<p>no tags</p>", "<p>no tags</p>HEADBODY"},
		{"<head></head><p>no body end</p>", "<head>HEAD</head><p>no body end</p>BODY"},
		{"<head></head><body><pre>&lt;/body&gt;</pre></body>", "<head>HEAD</head><body><pre>&lt;/body&gt;</pre>BODY</body>"},
	} {
		if got := string(inject([]byte(tc.page), "HEAD", "BODY")); got != tc.want {
			t.Errorf("inject(%q) = %q, want %q", tc.page, got, tc.want)
		}
	}
}

// TestErrorOverlay: after a failed build every HTML response shows the
// diagnostics, escaped, as kb build prints them; other files stay as they
// are.
func TestErrorOverlay(t *testing.T) {
	dest := t.TempDir()
	writeFiles(t, dest, map[string]string{"index.html": page, "assets/kb.js": "var a = 1;\n"})
	last := outcome{ID: "t-2", Failed: true, Diagnostics: []diag.Diagnostic{{
		Path: "content/a.md", Line: 3, Col: 5, Severity: diag.Error, Rule: "link-missing-file",
		Message: `link target "<script>alert(1)</script>.md" does not exist; fix the path or create the file`,
		Excerpt: `See [x](<script>alert(1)</script>.md) & <img src=x onerror=alert(2)>`,
	}}}
	base := testServer(t, dest, last)
	resp, body := get(t, base, "/")
	for _, want := range []string{
		`<link rel="stylesheet" href="/_kb/serve.css">`,
		`id="kb-serve-error"`,
		`This page is from the last good build.`,
		`content/a.md:3:5: error: link target &#34;&lt;script&gt;alert(1)&lt;/script&gt;.md&#34; does not exist; fix the path or create the file [link-missing-file]`,
		`  3 | See [x](&lt;script&gt;alert(1)&lt;/script&gt;.md) &amp; &lt;img src=x onerror=alert(2)&gt;`,
		"    |     ^\n",
		"<h1>A</h1>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not show %q:\n%s", want, body)
		}
	}
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<script>alert") || strings.Contains(body, "<img") || strings.Contains(body, " style=") {
		t.Errorf("status %d; unescaped markup or inline style in the overlay:\n%s", resp.StatusCode, body)
	}
	if _, js := get(t, base, "/assets/kb.js"); js != "var a = 1;\n" {
		t.Errorf("a script got the overlay: %q", js)
	}
	// A page that does not exist, before any build succeeded, shows the
	// errors too, and a build error that is not a diagnostic.
	last = outcome{ID: "t-3", Failed: true, Err: errorString("config.toml has <errors>")}
	base = testServer(t, filepath.Join(t.TempDir(), "never-built"), last)
	resp, body = get(t, base, "/a.html")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "config.toml has &lt;errors&gt;") ||
		!strings.Contains(body, `data-build="t-3"`) || strings.Contains(body, "last good build") {
		t.Errorf("status %d:\n%s", resp.StatusCode, body)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
