package pipeline

import (
	"slices"
	"strings"

	"kb/generator/diag"
	"kb/generator/site"
	"kb/generator/source"
	"kb/generator/toc"
)

// navigationTOCs reads the site's tables of contents and returns those that
// are its navigation: every toc.yml or toc.md (in any letter case) that no
// other TOC includes and that lies in no folder named breadcrumb (DocFX's
// breadcrumb_path TOCs say what the breadcrumb shows, not the navigation).
// None: the folder tree is the navigation.
func navigationTOCs(src *source.Source, resolve func(string) (string, string), diags *diag.List) []*toc.TOC {
	var files []string
	for _, list := range [][]string{src.Markdown, src.Static} {
		for _, f := range list {
			if toc.IsTOCFile(f) && !inBreadcrumbFolder(f) {
				files = append(files, f)
			}
		}
	}
	slices.Sort(files)
	tocs := toc.Load(src, files, toc.Options{Prefix: src.ContentPrefix, Resolve: resolve}, diags)
	included := map[string]bool{}
	for _, t := range tocs {
		for _, f := range t.Includes {
			if f != t.File {
				included[f] = true
			}
		}
	}
	return slices.DeleteFunc(tocs, func(t *toc.TOC) bool { return included[t.File] })
}

// inBreadcrumbFolder reports whether the content path lies in a folder named
// breadcrumb, at any depth.
func inBreadcrumbFolder(p string) bool {
	dirs := strings.Split(p, "/")
	return slices.ContainsFunc(dirs[:len(dirs)-1], func(d string) bool { return strings.EqualFold(d, "breadcrumb") })
}

// withoutTOCs is the list of content files but for the TOCs, which are
// neither articles (a toc.md) nor published (a toc.yml).
func withoutTOCs(files []string) []string {
	return slices.DeleteFunc(slices.Clone(files), toc.IsTOCFile)
}

// docsets are a DocFX repository's docsets as its home page leads to them,
// each with its landing page: the content file its base path names
// (Repo.Resolve: a Hub or Landing index.yml, an index.md), or, when that is
// the source of a redirect of .openpublishing.redirection.json (an index.md
// that moved), the file the redirect leads to, or the address out of the
// site it leads to (a docset whose pages all moved elsewhere on Learn). nil
// for any other site.
func (b *run) docsets() []site.Docset {
	if b.repo == nil {
		return nil
	}
	moved := map[string]string{} // redirect source -> redirect_url
	for _, rd := range b.repo.Redirects {
		if _, ok := moved[rd.Source]; !ok {
			moved[rd.Source] = rd.URL
		}
	}
	var out []site.Docset
	for _, d := range b.repo.Docsets {
		landing, away := "", ""
		if d.BasePath != "" {
			landing, _, _ = b.repo.Resolve(d.BasePath+"/", b.src)
		}
		// Follow the redirects, at most once each (a cycle is reported
		// where the redirects are checked).
		seen := map[string]bool{}
		for landing != "" && !seen[landing] {
			u, ok := moved[landing]
			if !ok {
				break
			}
			seen[landing] = true
			if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
				landing, away = "", u
				break
			}
			// The file the redirect names, or the old page another
			// redirect moves on.
			tries, inRepo := b.repo.Candidates(u, landing)
			next, _ := b.repo.Find(tries, b.src)
			for _, t := range tries {
				if _, ok := moved[t]; ok && next == "" {
					next = t
				}
			}
			landing = next
			if next == "" && !inRepo && strings.HasPrefix(u, "/") {
				away = b.repo.LearnHost + u // moved to another docset of Learn
			}
		}
		out = append(out, site.Docset{Name: d.Name, Folder: d.Folder, Landing: landing, URL: away})
	}
	return out
}
