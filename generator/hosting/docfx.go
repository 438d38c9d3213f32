package hosting

import (
	"fmt"
	"net/url"
	"strings"

	"kb/generator/article"
	"kb/generator/docfx"
)

// collectRepo reads the redirects of a DocFX repository's redirection files
// (.openpublishing.redirection.json): each source_path is an old page of the
// repository, whose page address becomes a redirect, and each redirect_url
// one of
//
//   - a Learn-absolute path into one of the repository's docsets
//     ("/SharePoint/version-overview"): the content file it names
//     (docfx.Repo.Resolve), with its #anchor; Learn's ?query (such as
//     ?view=exchserver-2019) names a version kb does not build, and is left
//     out;
//   - a Learn-absolute path into another docset ("/officeupdates/x"): an
//     absolute URL under the repository's Learn host;
//   - a path relative to the old page's folder ("plan-deployment"), looked
//     up as Resolve does;
//   - an http(s) URL, as it is.
//
// The target's file is found in resolveRepo, once every old address is
// known, so that a target that is itself redirected is a chain.
func collectRepo(repo *docfx.Repo) []*Redirect {
	if repo == nil {
		return nil
	}
	var rs []*Redirect
	for _, rd := range repo.Redirects {
		r := &Redirect{To: rd.URL, FromAt: rd.SourceAt, ToAt: rd.URLAt, repo: true, index: isIndex(rd.Source)}
		r.From, r.problem = repoFrom(rd.Source)
		raw := strings.TrimSpace(rd.URL)
		switch {
		case raw == "" || article.HasScheme(raw):
			r.toProb = r.parseTo("")
		default:
			ref, anchor, _ := strings.Cut(raw, "#")
			ref, query, _ := strings.Cut(ref, "?")
			tries, inRepo := repo.Candidates(ref, rd.Source)
			switch {
			case len(tries) > 0:
				r.tries, r.Anchor = tries, anchor
			case strings.HasPrefix(ref, "/") && !inRepo:
				u := url.URL{Path: ref, RawQuery: escapeQuery(query), Fragment: anchor}
				r.External = repo.LearnHost + u.String()
			default:
				r.toProb = fmt.Sprintf("redirect target %q leaves the repository; write a path of Learn such as /sharepoint/page, or an https:// address", rd.URL)
			}
		}
		rs = append(rs, r)
	}
	return rs
}

// repoFrom is the page address of an old page of the repository
// ("SharePoint/x.md" is "SharePoint/x.html"), or what is wrong with it.
func repoFrom(p string) (string, string) {
	switch {
	case strings.HasSuffix(p, ".md"):
		return article.OutputPath(p), ""
	case strings.HasSuffix(p, ".yml"):
		return strings.TrimSuffix(p, ".yml") + ".html", ""
	}
	return "", fmt.Sprintf("source_path %q is not a page: write the repository path of the old .md (or .yml) file", p)
}

// pageOf is the site path of a content file a redirect leads to: the page of
// an article or YAML page, or the file itself.
func pageOf(file string) string {
	p, problem := repoFrom(file)
	if problem != "" {
		return file
	}
	return p
}

// resolveRepo finds the file a repository redirect's target names: a
// published file of the repository, else an old address of another redirect
// (Learn ignores letter case, so either may differ in case), else the
// target is missing.
func (c *checker) resolveRepo(r *Redirect) {
	if f, _ := c.repo.Find(r.tries, c.files); f != "" {
		r.Path = pageOf(f)
		return
	}
	for _, t := range r.tries {
		p := pageOf(t)
		if c.byFrom[p] != nil {
			r.Path = p
			return
		}
		if from, ok := c.fromFold[strings.ToLower(p)]; ok {
			r.Path = from
			return
		}
	}
	d := c.repo.Docset(r.tries[0])
	where := "the repository"
	if d != nil && strings.HasPrefix(strings.TrimSpace(r.To), "/") {
		where = fmt.Sprintf("docset %s (published at %s)", d.Folder, d.BasePath)
	}
	var looked []string // the Markdown files it may be, one per content folder
	for _, t := range r.tries {
		if strings.HasSuffix(t, ".md") && !strings.HasSuffix(t, "/index.md") {
			looked = append(looked, c.prefix+t)
		}
	}
	if len(looked) == 0 {
		for _, t := range r.tries {
			looked = append(looked, c.prefix+t)
		}
	}
	r.missing = fmt.Sprintf("redirect target %q names no page of %s (looked for %s); fix the path, or remove the redirect",
		r.To, where, strings.Join(looked, ", "))
	if file, learn := c.repo.Suggest(r.To, c.files); file != "" {
		r.missing = fmt.Sprintf("redirect target %q names no page of %s: Learn publishes %s%s as %s; write that", r.To, where, c.prefix, file, learn)
	}
}
