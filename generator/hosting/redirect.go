package hosting

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/site"
)

// Redirect is one old address and where it now leads.
type Redirect struct {
	From string // site path of the old page: "old/page.html", "old/index.html"
	To   string // the target as written

	// The target, resolved by Redirects. For a target in the site, Path is
	// its site path ("new/page.html") and Page its page, if it is one;
	// Query and Anchor are kept as written. For an absolute URL, External
	// holds it.
	Path          string
	Query, Anchor string
	Page          *site.Page
	External      string

	// Where the redirect is declared, for diagnostics: the old address (the
	// [redirects] key, or the redirect_url key of a stub) and the target
	// (the value), as file and byte offset. Positions in config.toml are
	// placed through its lines (config.Config.Lines), those in a stub by
	// reading it again when a diagnostic is made (see checker.position).
	FromAt, ToAt diag.Pos
	config       bool // declared in config.toml's [redirects], not by a stub
	// index says the redirect is declared for a folder's index.md: it is
	// the folder's page, written in the place of the section page kb makes
	// for a folder without an index (see isIndex).
	index bool
	// repo says the redirect is declared in a DocFX repository's
	// redirection file; tries are the content files its target may name,
	// in order (docfx.Repo.Candidates), and missing says that none is.
	repo            bool
	tries           []string
	missing         string
	problem, toProb string // what is wrong with From or To as written
}

// Stubs separates the articles that are redirects (front matter
// redirect_url) from the pages: a stub is no page, only an old address.
func Stubs(articles []*article.Article) (pages, stubs []*article.Article) {
	for _, a := range articles {
		if a.Meta.RedirectURL != "" && !a.Fragment {
			stubs = append(stubs, a)
		} else {
			pages = append(pages, a)
		}
	}
	return pages, stubs
}

// parseFrom reads an old address of [redirects]: a path from the site root of
// an .html page, of a folder (ending in "/", for its index.html), or of the
// .md file the page was built from. It returns the site path of the page, or
// what is wrong.
func parseFrom(key string) (string, string) {
	const want = `; write the old page's path from the site root, such as "old/page.html" or "old/folder/"`
	k := strings.TrimSpace(key)
	switch {
	case article.HasScheme(k):
		return "", fmt.Sprintf("old address %q is a full URL%s", key, want)
	case strings.ContainsAny(k, "?#"):
		return "", fmt.Sprintf("old address %q has a ?query or #fragment, which never reach the server%s", key, want)
	case strings.Contains(k, `\`):
		return "", fmt.Sprintf(`old address %q has a \; write / between folders`, key)
	}
	p, err := url.PathUnescape(k)
	if err != nil {
		return "", fmt.Sprintf("old address %q is not a valid URL path (%v); escape %% as %%25", key, err)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Sprintf("old address %q has a %q segment%s", key, seg, want)
		}
	}
	folder := p == "" || strings.HasSuffix(p, "/")
	p = strings.Trim(path.Clean("/"+p), "/")
	switch {
	case folder:
		return strings.TrimPrefix(p+"/index.html", "/"), ""
	case strings.HasSuffix(p, ".md"):
		return article.OutputPath(p), ""
	case strings.HasSuffix(p, ".html"):
		return p, ""
	}
	return "", fmt.Sprintf("old address %q is not a page: kb writes a redirect as an HTML page, so the old address ends in .html, .md or / (a folder)", key)
}

// parseTo reads a redirect target written in the folder dir (the article's
// folder, or "" for config.toml): an http(s) URL, a path from the site root
// ("/a/b.md"), or a path relative to dir; a path may end in ?query and
// #anchor. It fills in the target's fields of r, or returns what is wrong.
func (r *Redirect) parseTo(dir string) string {
	const want = "; write a .md path, a path from the site root such as /options/page.md, or an https:// address"
	raw := strings.TrimSpace(r.To)
	if raw == "" {
		return "redirect target is empty" + want
	}
	if article.HasScheme(raw) {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Sprintf("redirect target %q is not a path of the site or an http(s) address%s", r.To, want)
		}
		u.RawQuery = escapeQuery(u.RawQuery)
		r.External = u.String()
		return ""
	}
	ref, anchor, _ := strings.Cut(raw, "#")
	ref, query, _ := strings.Cut(ref, "?")
	if ref == "" {
		return fmt.Sprintf("redirect target %q names no page%s", r.To, want)
	}
	p, err := url.PathUnescape(strings.ReplaceAll(ref, `\`, "/"))
	if err != nil {
		return fmt.Sprintf("redirect target %q is not a valid URL path (%v); escape %% as %%25", r.To, err)
	}
	folder := strings.HasSuffix(p, "/")
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p)[1:]
	} else {
		p = path.Join(dir, p)
		if p == ".." || strings.HasPrefix(p, "../") {
			return fmt.Sprintf("redirect target %q leaves the site%s", r.To, want)
		}
	}
	if p == "." {
		p = ""
	}
	switch {
	case folder || p == "":
		p = strings.TrimPrefix(p+"/index.html", "/")
	case strings.HasSuffix(p, ".md"):
		p = article.OutputPath(p)
	}
	r.Path, r.Query, r.Anchor = p, escapeQuery(query), anchor
	return ""
}

// target is the resolved target for messages: "new/page.html#x" or the URL.
func (r *Redirect) target() string {
	if r.External != "" {
		return r.External
	}
	s := r.Path
	if r.Query != "" {
		s += "?" + r.Query
	}
	if r.Anchor != "" {
		s += "#" + r.Anchor
	}
	return s
}

// escapeQuery percent-encodes the bytes of a query that may not appear in a
// URL as written (spaces, quotes, controls, non-ASCII), leaving the rest,
// such as & and =, as it is.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"'<>\\^`{|}#", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
