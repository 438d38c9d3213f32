package pipeline

import (
	"slices"
	"strings"

	"kb/generator/diag"
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
