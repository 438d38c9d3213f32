package pipeline

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"kb/generator/report"
)

// buildWritten builds the site in source into a temporary public/ folder,
// which it returns with the result, failing t unless the site is written.
func buildWritten(t *testing.T, source string) (res *Result, dest string) {
	t.Helper()
	dest = filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: source, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Written {
		t.Fatalf("not written: %v", res.Diagnostics.Items())
	}
	return res, dest
}

// buildDefault builds the knowledge base in this repository as buildWritten
// does, and fails t unless it builds clean.
func buildDefault(t *testing.T) (res *Result, dest string) {
	t.Helper()
	res, dest = buildWritten(t, "../..")
	if res.Diagnostics.Len() > 0 {
		var diags bytes.Buffer
		_ = report.Write(&diags, "text", res.Diagnostics.Items(), report.Options{})
		t.Errorf("the default site should build clean, got:\n%s", diags.String())
	}
	return res, dest
}

// readJSON decodes the JSON file p into v, failing t when it cannot.
func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

// TestDefaultSite builds the knowledge base in this repository and follows
// every link, stylesheet and script reference of every page it wrote.
func TestDefaultSite(t *testing.T) {
	res, dest := buildDefault(t)
	pages := 0
	for _, p := range res.Site.Pages {
		if p.Article != nil {
			pages++
		}
	}
	if pages < 10 {
		t.Errorf("default site has %d articles, want at least 10", pages)
	}
	checked := checkLinks(t, os.DirFS(dest))
	if checked < 100 {
		t.Errorf("only %d internal references checked; the default articles link to each other far more", checked)
	}
}

// checkLinks parses every HTML file of site and reports each reference that
// does not resolve: a relative href or src must name a file of site, and its
// #fragment an id in that file. References that would make the browser reach
// the network (a stylesheet, script or image with a scheme) are errors too.
// It returns the number of relative references it checked.
func checkLinks(t *testing.T, site fs.FS) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	refs := map[string][]string{}
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return err
		}
		ids[p] = map[string]bool{}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					ids[p][a.Val] = true
				case a.Key == "href" || a.Key == "src":
					u, err := url.Parse(a.Val)
					if err != nil {
						t.Errorf("%s: <%s %s=%q>: %v", p, n.Data, a.Key, a.Val, err)
						continue
					}
					if u.Scheme == "data" { // inline, no request (an embed's empty favicon)
						continue
					}
					if u.Scheme != "" || u.Host != "" {
						if n.Data != "a" {
							t.Errorf("%s: <%s %s=%q> makes an external request", p, n.Data, a.Key, a.Val)
						}
						continue
					}
					if strings.HasPrefix(u.Path, "/") {
						t.Errorf("%s: <%s %s=%q> is root-relative; it breaks under a URL prefix and from disk", p, n.Data, a.Key, a.Val)
						continue
					}
					refs[p] = append(refs[p], a.Val)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for p, list := range refs {
		for _, ref := range list {
			n++
			u, _ := url.Parse(ref)
			target := p
			if u.Path != "" {
				target = path.Join(path.Dir(p), u.Path)
				if fi, err := fs.Stat(site, target); err != nil || fi.IsDir() {
					t.Errorf("%s: link %q: %s does not exist", p, ref, target)
					continue
				}
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: no id %q in %s", p, ref, u.Fragment, target)
			}
		}
	}
	return n
}
