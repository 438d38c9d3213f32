package config

import (
	"net/url"
	"strings"
	"testing"
)

func TestNormalizeBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want, problem string }{
		{"https://example.org/docs/kb/", "https://example.org/docs/kb/", ""},
		{"https://example.org/docs/kb", "https://example.org/docs/kb/", ""},
		{"https://Example.ORG", "https://example.org/", ""},
		{"http://127.0.0.1:8080/a/../kb//", "http://127.0.0.1:8080/kb/", ""},
		{"HTTPS://example.org/my%20docs", "https://example.org/my%20docs/", ""},
		{"example.org/docs/", "", "is not an absolute http:// or https:// address"},
		{"/docs/kb/", "", "is not an absolute http:// or https:// address"},
		{"ftp://example.org/", "", "is not an absolute http:// or https:// address"},
		{"https:///docs", "", "is not an absolute http:// or https:// address"},
		{"javascript:alert(1)", "", "is not an absolute http:// or https:// address"},
		{"https://user:pw@example.org/", "", "holds a user name or password"},
		{"https://example.org/kb/?v=1", "", "has a query or #fragment"},
		{"https://example.org/kb/#top", "", "has a query or #fragment"},
		{"https://example.org/%zz/", "", "is not a URL"},
	} {
		got, problem := NormalizeBaseURL(tc.in)
		if got != tc.want || !strings.Contains(problem, tc.problem) || (tc.problem == "") != (problem == "") {
			t.Errorf("NormalizeBaseURL(%q) = %q, %q; want %q, %q", tc.in, got, problem, tc.want, tc.problem)
		}
	}
}

// FuzzNormalizeBaseURL checks that a base URL kb accepts is an absolute
// http(s) address of a folder that stays the same when normalized again,
// and that a page path added to it stays under it.
func FuzzNormalizeBaseURL(f *testing.F) {
	for _, s := range []string{"https://example.org/docs/kb", "http://127.0.0.1:1/", "https://x/a/../b", "example.org", "https://x/%41/", "https://x/a b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		base, problem := NormalizeBaseURL(s)
		if problem != "" {
			if base != "" {
				t.Fatalf("%q: a problem and a base %q", s, base)
			}
			return
		}
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.HasSuffix(base, "/") ||
			u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("%q gave %q, not an absolute folder address", s, base)
		}
		if again, p := NormalizeBaseURL(base); again != base || p != "" {
			t.Fatalf("%q gave %q, which normalizes to %q (%s)", s, base, again, p)
		}
		page, err := u.Parse("page.html")
		if err != nil || !strings.HasPrefix(page.String(), base) {
			t.Fatalf("page.html under %q is %v (%v)", base, page, err)
		}
	})
}
