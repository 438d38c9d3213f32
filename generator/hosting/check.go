package hosting

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/docfx"
	"kb/generator/site"
	"kb/generator/source"
)

// The files for web servers, by site path: the page for missing addresses,
// the crawlers' rules, the sitemap and the redirect list (Netlify's and
// Cloudflare Pages' format).
const (
	NotFoundPath  = "404.html"
	RobotsPath    = "robots.txt"
	SitemapPath   = "sitemap.xml"
	RedirectsPath = "_redirects"
)

// Redirects collects the redirects of the redirect stubs and of config.toml's
// [redirects], checks them against the site s (whose articles are rendered,
// so their headings are known), and returns those that can be written,
// sorted by old address.
// Problems are added to diags, with paths relative to the source folder:
//
//	redirect-syntax     an old address or target that cannot be read
//	redirect-conflict   an old address that is also a page or file, or is
//	                    redirected twice
//	redirect-target     a target that is no page or file of the site, or
//	                    whose #anchor its page does not have
//	redirect-chain      a target that is itself redirected (a chain or loop)
//	page-duplicate      a content file in the place of 404.html, or of
//	                    sitemap.xml or _redirects when kb writes them
//
// repo, when the content folder is a DocFX repository, adds the redirects of
// its redirection files (see collectRepo), placed at their JSON positions
// through repo.Lines; src looks their targets up.
//
// read reads a content file by its path relative to the source folder, as
// the articles were parsed from it (article.Text), so that the positions of
// stubs' redirect_url keys and values are placed when a diagnostic is made
// at one.
func Redirects(s *site.Site, stubs []*article.Article, repo *docfx.Repo, src *source.Source, read func(path string) ([]byte, error), diags *diag.List) []*Redirect {
	var found diag.List
	rs := append(collect(s, stubs), collectRepo(repo)...)
	c := newChecker(s, src.ContentPrefix, read, &found)
	c.repo, c.files = repo, src
	for _, r := range rs {
		c.source(r)
	}
	for _, from := range slices.Sorted(maps.Keys(c.byFrom)) {
		if k := strings.ToLower(from); c.fromFold[k] == "" {
			c.fromFold[k] = from
		}
	}
	for _, r := range rs {
		c.resolve(r)
	}
	for _, r := range rs {
		c.target(r)
	}
	// Only redirects that can be written are returned: never one that would
	// replace a page, even when config.toml turns its error into a warning.
	var out []*Redirect
	for _, r := range rs {
		if c.byFrom[r.From] == r && r.toProb == "" {
			out = append(out, r)
		}
	}
	c.reserved(len(out) > 0)
	found.FillExcerpts(func(p string) ([]byte, error) { return fs.ReadFile(src.Root, p) })
	diags.Merge(found)
	slices.SortFunc(out, func(a, b *Redirect) int { return strings.Compare(a.From, b.From) })
	return out
}

// collect reads the redirects of the stubs, then those of [redirects] in the
// order of their keys.
func collect(s *site.Site, stubs []*article.Article) []*Redirect {
	var rs []*Redirect
	for _, a := range stubs {
		r := &Redirect{From: a.URL, To: a.Meta.RedirectURL,
			FromAt: diag.Pos{File: a.SourcePath(), Offset: a.Meta.At("redirect_url")},
			ToAt:   diag.Pos{File: a.SourcePath(), Offset: a.Meta.RedirectAt},
			index:  isIndex(a.Path)}
		r.toProb = r.parseTo(path.Dir(a.Path))
		rs = append(rs, r)
	}
	for _, cr := range s.Config.Redirects {
		r := &Redirect{To: cr.To, FromAt: cr.FromAt, ToAt: cr.ToAt, config: true}
		r.From, r.problem = parseFrom(cr.From)
		r.toProb = r.parseTo("")
		rs = append(rs, r)
	}
	return rs
}

// checker holds what the checks look redirects up in.
type checker struct {
	site   *site.Site
	prefix string
	pages  map[string]*site.Page
	static map[string]bool
	byFrom map[string]*Redirect // the redirects whose old address is fine
	diags  *diag.List

	read  func(path string) ([]byte, error) // reads a stub again, as article.Text makes it
	stubs diag.Files                        // the lines of the stubs read again
	tried map[string]bool                   // the stubs read again, or tried

	repo     *docfx.Repo       // the DocFX repository, or nil
	files    docfx.Files       // the content files, for repository targets
	fromFold map[string]string // the old addresses of byFrom, by their lower case
}

func newChecker(s *site.Site, prefix string, read func(string) ([]byte, error), diags *diag.List) *checker {
	c := &checker{site: s, prefix: prefix, pages: map[string]*site.Page{}, static: map[string]bool{},
		byFrom: map[string]*Redirect{}, diags: diags, read: read, tried: map[string]bool{}, fromFold: map[string]string{}}
	for _, p := range s.Pages {
		if !p.Fragment {
			c.pages[p.URL] = p
		}
	}
	for _, f := range s.Static {
		c.static[f] = true
	}
	return c
}

// position returns the line and column (in characters) of a redirect's old
// address, or of its target: in config.toml through the lines config.Load
// kept; in a stub by reading it again, at most once and only when a
// diagnostic is made in it (0, 0 if it cannot be read). A stub's old address
// is its redirect_url key's line, column 1.
func (c *checker) position(r *Redirect, atTarget bool) (line, col int) {
	at := r.FromAt
	if atTarget {
		at = r.ToAt
	}
	if r.config {
		line, col, _ = c.site.Config.Lines.Position(at.Offset)
		return line, col
	}
	if r.repo {
		return c.repo.Lines.Position(at)
	}
	if !c.tried[at.File] {
		c.tried[at.File] = true
		if src, err := c.read(at.File); err == nil {
			c.stubs.Add(at.File, src)
		}
	}
	line, col = c.stubs.Position(at)
	if !atTarget && line > 0 {
		col = 1
	}
	return line, col
}

func (c *checker) report(r *Redirect, atTarget bool, rule, format string, args ...any) {
	line, col := c.position(r, atTarget)
	d := diag.Diagnostic{Path: r.FromAt.File, Line: line, Col: col, Severity: diag.Error, Rule: rule,
		Message: fmt.Sprintf(format, args...)}
	if r.config {
		d.Excerpt, d.Caret = c.site.Config.Lines.Excerpt(line, col)
	}
	c.diags.Add(d)
}

// source checks a redirect's old address: readable, not a page or file of
// the site, not redirected already.
func (c *checker) source(r *Redirect) {
	if r.problem != "" {
		c.report(r, false, diag.RuleRedirectSyntax, "%s", r.problem)
		return
	}
	if p, ok := c.pages[r.From]; ok && !(r.index && p.Article == nil) {
		c.report(r, false, diag.RuleRedirectConflict, "%s is also a page of the site (%s), which the redirect would replace; remove the redirect, or move the page",
			r.From, c.describe(p))
		return
	}
	if c.static[r.From] {
		c.report(r, false, diag.RuleRedirectConflict, "%s is also a file of the content folder (%s%s), which the redirect would replace; remove one of them",
			r.From, c.prefix, r.From)
		return
	}
	if r.From == NotFoundPath {
		c.report(r, false, diag.RuleRedirectConflict, "%s is the page kb writes for missing addresses; it cannot be redirected", r.From)
		return
	}
	if first, dup := c.byFrom[r.From]; dup {
		line, col := c.position(r, false)
		firstLine, firstCol := c.position(first, false)
		c.diags.Add(diag.Diagnostic{Path: r.FromAt.File, Line: line, Col: col, Severity: diag.Error, Rule: diag.RuleRedirectConflict,
			Message: fmt.Sprintf("%s is already redirected; keep one of the two redirects", r.From),
			Notes:   []diag.Note{{Path: first.FromAt.File, Line: firstLine, Col: firstCol, Message: "the other redirect"}}})
		return
	}
	c.byFrom[r.From] = r
}

func (c *checker) describe(p *site.Page) string {
	switch {
	case p.Article == nil && p.Dir() == "":
		return "the home page kb makes for the content folder"
	case p.Article == nil:
		return "the section page kb makes for folder " + c.prefix + p.Dir() + "/"
	}
	return "built from " + c.prefix + p.Article.Path
}

// resolve turns a target path that names a folder without its final slash
// ("/options") into the folder's page.
func (c *checker) resolve(r *Redirect) {
	if r.toProb != "" || r.External != "" {
		return
	}
	if r.tries != nil {
		c.resolveRepo(r)
		return
	}
	if _, ok := c.pages[r.Path]; !ok && !c.static[r.Path] && c.byFrom[r.Path] == nil {
		if dir := r.Path + "/index.html"; c.pages[dir] != nil || c.byFrom[dir] != nil {
			r.Path = dir
		}
	}
}

// target checks where a redirect leads: readable, a page or file of the
// site with the anchor, and not redirected again.
func (c *checker) target(r *Redirect) {
	if r.toProb != "" {
		c.report(r, true, diag.RuleRedirectSyntax, "%s", r.toProb)
		return
	}
	if r.External != "" || c.byFrom[r.From] != r {
		return // nothing to look up, or already reported
	}
	if r.missing != "" {
		c.report(r, true, diag.RuleRedirectTarget, "%s", r.missing)
		return
	}
	if c.byFrom[r.Path] != nil {
		c.chain(r)
		return
	}
	p, isPage := c.pages[r.Path]
	if !isPage && !c.static[r.Path] {
		c.report(r, true, diag.RuleRedirectTarget, "redirect target %q is not a page or file of the site (looked for %s%s); fix the path, or remove the redirect",
			r.To, c.prefix, sourceOf(r.Path))
		return
	}
	r.Page = p
	if r.Anchor == "" || !isPage {
		return
	}
	ids := anchors(p)
	if slices.Contains(ids, r.Anchor) {
		return
	}
	where := r.Path
	if p.Article != nil {
		where = c.prefix + p.Article.Path
	}
	if len(ids) == 0 {
		c.report(r, true, diag.RuleRedirectTarget, "redirect target %q: %s has no headings, so no #%s; remove the anchor", r.To, where, r.Anchor)
		return
	}
	c.report(r, true, diag.RuleRedirectTarget, "redirect target %q: \"#%s\" is not a heading or anchor of %s; did you mean \"#%s\"?",
		r.To, r.Anchor, where, article.ClosestID(r.Anchor, ids))
}

// chain reports a redirect whose target is redirected too: readers would
// hop twice, or forever.
func (c *checker) chain(r *Redirect) {
	hops := []string{r.From}
	seen := map[string]bool{r.From: true}
	for next := c.byFrom[r.Path]; ; next = c.byFrom[next.Path] {
		hops = append(hops, next.From)
		if seen[next.From] {
			c.report(r, true, diag.RuleRedirectChain, "redirect loop: %s; point one of these redirects at a page", strings.Join(hops, " → "))
			return
		}
		seen[next.From] = true
		if next.toProb != "" || next.External != "" || c.byFrom[next.Path] == nil {
			final := next.target()
			if next.toProb != "" || final == "" {
				final = next.To // as written, when it names no page
			}
			c.report(r, true, diag.RuleRedirectChain, "redirect chain: %s → %s; point this redirect at %s, so that readers arrive in one step",
				strings.Join(hops, " → "), final, final)
			return
		}
	}
}

// isIndex reports whether the content file at p is a folder's index
// (index.md or _index.md): a redirect declared for it is the folder's page,
// in the place of the section page kb would make for the folder.
func isIndex(p string) bool {
	name := path.Base(p)
	return name == "index.md" || name == "_index.md"
}

// reserved reports content files in the places of files kb writes for
// hosting.
func (c *checker) reserved(hasRedirects bool) {
	if p, ok := c.pages[NotFoundPath]; ok && p.Article != nil {
		c.diags.Add(diag.Diagnostic{Path: p.Article.SourcePath(), Line: 1, Col: 1, Severity: diag.Error, Rule: diag.RulePageDuplicate,
			Message: "kb writes 404.html, the page servers send for missing addresses; rename this article, or put a finished page at " + c.prefix + NotFoundPath + " instead, published with [content] publish = [\"404.html\"] in config.toml"})
	}
	for _, f := range []struct {
		name   string
		writes bool
		why    string
	}{
		{SitemapPath, c.site.Config.BaseURL != "", "when config.toml sets baseURL"},
		{RedirectsPath, hasRedirects, "from redirect_url and [redirects]"},
	} {
		if f.writes && c.static[f.name] {
			c.diags.Add(diag.Diagnostic{Path: c.prefix + f.name, Severity: diag.Error, Rule: diag.RulePageDuplicate,
				Message: fmt.Sprintf("kb writes %s %s; remove this file", f.name, f.why)})
		}
	}
}

// anchors are the ids a page's links can name.
func anchors(p *site.Page) []string {
	if p.Article == nil {
		return nil
	}
	return p.Article.IDs()
}

// sourceOf names the file a site path would be built from, for messages:
// "a/b.html" is looked for as "a/b.md".
func sourceOf(p string) string {
	if strings.HasSuffix(p, ".html") {
		return strings.TrimSuffix(p, ".html") + ".md"
	}
	return p
}
