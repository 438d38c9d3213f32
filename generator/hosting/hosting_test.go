package hosting

import (
	"strings"
	"testing"

	"kb/generator/config"
	"kb/generator/site"
)

func TestParseFrom(t *testing.T) {
	for _, tc := range []struct{ key, want, problem string }{
		{"old/page.html", "old/page.html", ""},
		{"/old/page.html", "old/page.html", ""},
		{"old/", "old/index.html", ""},
		{"/", "index.html", ""},
		{"old/page.md", "old/page.html", ""},
		{"old/_index.md", "old/index.html", ""},
		{"my%20page.html", "my page.html", ""},
		{"old//page.html", "old/page.html", ""},
		{"old/page", "", "is not a page"},
		{"https://example.org/a.html", "", "is a full URL"},
		{"a.html#x", "", "has a ?query or #fragment"},
		{"../a.html", "", `".." segment`},
		{`old\page.html`, "", `has a \`},
		{"%zz.html", "", "not a valid URL path"},
	} {
		got, problem := parseFrom(tc.key)
		if got != tc.want || !strings.Contains(problem, tc.problem) || (tc.problem == "") != (problem == "") {
			t.Errorf("parseFrom(%q) = %q, %q; want %q, %q", tc.key, got, problem, tc.want, tc.problem)
		}
	}
}

func TestParseTo(t *testing.T) {
	for _, tc := range []struct{ dir, to, path, query, anchor, external, problem string }{
		{"guide", "setup.md", "guide/setup.html", "", "", "", ""},
		{"guide", "../a.md#part", "a.html", "", "part", "", ""},
		{"guide", "/options/x.md?tab=1#y", "options/x.html", "tab=1", "y", "", ""},
		{"", "/options/", "options/index.html", "", "", "", ""},
		{"", "/", "index.html", "", "", "", ""},
		{"", "/options", "options", "", "", "", ""},
		{"a", "./", "a/index.html", "", "", "", ""},
		{"", "files/manual.pdf", "files/manual.pdf", "", "", "", ""},
		{"", "https://example.org/x?y#z", "", "", "", "https://example.org/x?y#z", ""},
		{"", "", "", "", "", "", "is empty"},
		{"", "#x", "", "", "", "", "names no page"},
		{"a", "../../x.md", "", "", "", "", "leaves the site"},
		{"", "javascript:alert(1)", "", "", "", "", "not a path of the site or an http(s) address"},
		{"", "//evil.example/x", "", "", "", "", "not a path of the site or an http(s) address"},
		{"", "mailto:x@example.org", "", "", "", "", "not a path of the site or an http(s) address"},
	} {
		r := &Redirect{To: tc.to}
		problem := r.parseTo(tc.dir)
		if r.Path != tc.path || r.Query != tc.query || r.Anchor != tc.anchor || r.External != tc.external ||
			!strings.Contains(problem, tc.problem) || (tc.problem == "") != (problem == "") {
			t.Errorf("parseTo(%q, %q) = %q %q %q %q, %q; want %q %q %q %q, %q", tc.dir, tc.to,
				r.Path, r.Query, r.Anchor, r.External, problem, tc.path, tc.query, tc.anchor, tc.external, tc.problem)
		}
	}
}

func TestPageURL(t *testing.T) {
	base := "https://example.org/docs/kb/"
	for page, want := range map[string]string{
		"index.html":         base,
		"a/index.html":       base + "a/",
		"a/b.html":           base + "a/b.html",
		"my page.html":       base + "my%20page.html",
		"a/notindex.html":    base + "a/notindex.html",
		"c:d/e.html":         base + "c:d/e.html",
		"café/index.html":    base + "caf%C3%A9/",
		"x/myindex.html":     base + "x/myindex.html",
		"deep/er/index.html": base + "deep/er/",
	} {
		if got := PageURL(base, page); got != want {
			t.Errorf("PageURL(%q) = %q, want %q", page, got, want)
		}
	}
}

// FuzzRedirect reads an old address and a target as config.toml would hold
// them and checks what kb would write: old addresses stay inside the site
// and are pages; a target is a path inside the site or an http(s) URL; the
// redirect page never links to another scheme; the _redirects line is one
// line of three fields.
func FuzzRedirect(f *testing.F) {
	for _, s := range [][2]string{
		{"old/page.html", "new/page.md#x"}, {"old/", "/a/"}, {"a.md", "https://example.org/?q=1"},
		{"../x.html", "javascript:alert(1)"}, {"x.html", "a b/c d.md#e f"}, {"x.html", `..\..\x`}, {"'.html", "'x.md"},
	} {
		f.Add(s[0], s[1])
	}
	s := &site.Site{Config: config.Config{Title: "T", Language: "en", BaseURL: "https://example.org/kb/"}}
	f.Fuzz(func(t *testing.T, from, to string) {
		r := &Redirect{To: to}
		var problem string
		if r.From, problem = parseFrom(from); problem == "" {
			if r.From == "" || strings.HasPrefix(r.From, "/") || !strings.HasSuffix(r.From, ".html") || hasDots(r.From) {
				t.Fatalf("old address %q read as %q", from, r.From)
			}
		} else {
			r.From = "x/old.html"
		}
		if problem := r.parseTo("dir"); problem != "" {
			return
		}
		if r.External != "" {
			if !strings.HasPrefix(r.External, "http://") && !strings.HasPrefix(r.External, "https://") {
				t.Fatalf("target %q read as %q", to, r.External)
			}
		} else if strings.HasPrefix(r.Path, "/") || hasDots(r.Path) {
			t.Fatalf("target %q read as path %q", to, r.Path)
		}
		page, err := r.page(s)
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(string(page))
		for _, bad := range []string{"javascript:", "data:", "vbscript:", "<script"} {
			if strings.Contains(low, bad) {
				t.Fatalf("redirect page for %q contains %q:\n%s", to, bad, page)
			}
		}
		line := r.line(s.Config.BaseURL)
		if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") || len(strings.Fields(line)) != 3 || strings.ContainsAny(strings.TrimSuffix(line, "\n"), "\r\t") {
			t.Fatalf("_redirects line for %q -> %q is %q", from, to, line)
		}
	})
}

// hasDots reports whether a slash-separated path has a "." or ".." segment.
func hasDots(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}
