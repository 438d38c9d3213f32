package docfx

import (
	"cmp"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"kb/generator/diag"
)

// redirects reads the redirection files at the root: Redirection, then
// every .openpublishing.redirection.*.json in name order.
func (l *loader) redirects(r *Repo) []Redirect {
	names := []string{}
	if _, err := fs.Stat(l.content, Redirection); err == nil {
		names = append(names, Redirection)
	}
	entries, _ := fs.ReadDir(l.content, ".")
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && n != Redirection && strings.HasPrefix(n, ".openpublishing.redirection.") && strings.HasSuffix(n, ".json") {
			names = append(names, n)
		}
	}
	var out []Redirect
	for _, name := range names {
		root, ok := l.read(name)
		if !ok {
			continue
		}
		list := l.want(root.get("redirections"), kArray, "redirections", "a list of redirects")
		if list == nil {
			continue
		}
		for _, e := range list.elems {
			if e.kind != kObject {
				l.report(e.off, `"redirections" must be a list of objects with "source_path" and "redirect_url", not %s`, e.what())
				continue
			}
			src, srcAt := l.str(e, "source_path")
			if srcAt < 0 {
				src, srcAt = l.str(e, "source_path_from_root")
			}
			url, urlAt := l.str(e, "redirect_url")
			switch {
			case srcAt < 0 && e.get("source_path") == nil && e.get("source_path_from_root") == nil:
				l.report(e.off, `this redirect has no "source_path", the repository path of the old page`)
				continue
			case urlAt < 0 && e.get("redirect_url") == nil:
				l.report(e.off, `this redirect has no "redirect_url", where the old page now is`)
				continue
			case srcAt < 0 || urlAt < 0:
				continue // reported
			}
			rd := Redirect{URL: url, SourceAt: diag.Pos{File: l.file, Offset: srcAt}, URLAt: diag.Pos{File: l.file, Offset: urlAt}}
			if b := l.want(e.get("redirect_document_id"), kBool, "redirect_document_id", "true or false"); b != nil {
				rd.DocumentID = b.boolean
			}
			p := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(strings.TrimSpace(src), `\`, "/")), "/")
			rd.Source = r.foldDirs(p)
			out = append(out, rd)
		}
	}
	return out
}

// basePath finds the path Learn publishes docset d at, the first of:
//
//  1. the one options give for its name;
//  2. from its globalMetadata breadcrumb_path: the path before
//     "/breadcrumb/" ("/exchange/outlook/breadcrumb/toc.json" is
//     "/exchange/outlook"), or the first segment of a breadcrumb_path without
//     one ("/sharepoint/toc.json" is "/sharepoint");
//  3. the first segment most redirect_url paths of its redirects start with
//     (of as many, the first in sorted order);
//  4. its folder's name.
//
// It is lower-cased: Learn's URLs ignore case.
func basePath(d *Docset, rs []Redirect, given map[string]string) (string, string) {
	norm := func(p string) string {
		p = strings.Trim(path.Clean("/"+strings.ToLower(strings.TrimSpace(p))), "/")
		if p == "" || p == "." {
			return ""
		}
		return "/" + p
	}
	if p, ok := given[d.Name]; ok {
		return norm(p), "options"
	}
	if bp, ok := d.Global["breadcrumb_path"].(string); ok && strings.HasPrefix(bp, "/") {
		before, _, found := strings.Cut(bp, "/breadcrumb/")
		if !found {
			before, _, _ = strings.Cut(strings.TrimPrefix(bp, "/"), "/")
		}
		if p := norm(before); p != "" {
			return p, "breadcrumb_path"
		}
	}
	counts := map[string]int{}
	for _, rd := range rs {
		if !within(rd.Source, d.Folder) || !strings.HasPrefix(rd.URL, "/") || strings.HasPrefix(rd.URL, "//") {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(rd.URL, "/"), "/")
		first, _, _ = strings.Cut(first, "?")
		first, _, _ = strings.Cut(first, "#")
		if f := norm(first); f != "" {
			counts[f]++
		}
	}
	if len(counts) > 0 {
		keys := slices.Sorted(maps.Keys(counts))
		best := keys[0]
		for _, k := range keys {
			if counts[k] > counts[best] {
				best = k
			}
		}
		return best, "redirects"
	}
	return norm(path.Base(cmp.Or(d.Folder, d.Name))), "folder"
}

// Resolve finds the content file a Learn-absolute path names, such as
// "/SharePoint/sharepoint-online/foo" (any ?query or #fragment is left
// out). When the path's first segments are the base path of one of the
// repository's docsets (the longest that fits), the rest is looked for under
// each of the docset's build.content groups in turn, through the group's
// dest folder to its src folder: as "<rest>.md", "<rest>.yml",
// "<rest>/index.md", "<rest>/index.yml" and as written, among the files the
// docset publishes. Learn ignores letter case, so a file that matches only
// when case is ignored (files.Fold) is found too, with caseDiffers.
//
// inRepo says that the path is in one of the docsets, even when no file is
// found (the link is broken then); target is "" when none is.
//
// Learn publishes other repositories' docsets below a docset's base path too
// ("/sharepoint/dev/..." is SharePoint's developer docs, not the docset at
// "/sharepoint"): a path that names no file is this repository's (inRepo,
// a broken link) only when its first folder or page below the base path is
// one of the docset's, or when it is the published path of a page that a
// redirect of .openpublishing.redirection.json moved (its target is then
// that redirect's source, whose page is the redirect page).
func (r *Repo) Resolve(urlPath string, files Files) (target string, inRepo, caseDiffers bool) {
	tries, inRepo := r.Candidates(urlPath, "")
	target, caseDiffers = r.Find(tries, files)
	if target != "" || !inRepo {
		return target, inRepo, caseDiffers
	}
	if src, ok := r.movedFrom(urlPath); ok {
		return src, true, false
	}
	return "", r.owns(urlPath, files), false
}

// movedFrom returns the source path of the JSON redirect whose published path
// is urlPath (the first one, in the order of the redirection files).
func (r *Repo) movedFrom(urlPath string) (string, bool) {
	src, ok := r.moved[strings.TrimSuffix(strings.ToLower(path.Clean("/"+strings.Trim(urlPath, "/"))), "/")]
	return src, ok
}

// owns reports whether the first segment of a Learn path below its docset's
// base path names a folder or a page of the docset: otherwise the path is
// another docset's, published below this one's base path.
func (r *Repo) owns(urlPath string, files Files) bool {
	d, rest := r.docsetOf(urlPath)
	if d == nil {
		return false
	}
	first, _, _ := strings.Cut(strings.Trim(rest, "/"), "/")
	if first == "" {
		return true
	}
	for _, g := range d.Content {
		under := first
		if g.Dest != "" && g.Dest != "." {
			var ok bool
			if under, ok = cutFolder(strings.Trim(rest, "/"), g.Dest); !ok {
				continue
			}
			under, _, _ = strings.Cut(under, "/")
		}
		base := path.Join(cmp.Or(d.Folder, "."), cmp.Or(g.Src, "."), under)
		if dirs, ok := files.(interface{ Dir(string) bool }); ok && dirs.Dir(base) {
			return true
		}
		if f, _ := r.Find(variants(base), files); f != "" {
			return true
		}
	}
	// A path that spells the repository's folders ("/site/online/new" for
	// Online/new.md, published as "/site/new") is this repository's, broken.
	f, _ := r.Suggest(urlPath, files)
	return f != ""
}

// Candidates returns the content paths a Learn path may name, in the order
// Resolve tries them: of a Learn-absolute ref ("/sharepoint/foo") under the
// docset of its base path (inRepo: there is one); of a relative one under
// the folder of the content path from. They need not exist: a redirect to a
// page that is itself redirected names no file.
func (r *Repo) Candidates(ref, from string) (tries []string, inRepo bool) {
	if r == nil {
		return nil, false
	}
	ref = strings.TrimSpace(ref)
	ref, _, _ = strings.Cut(ref, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if strings.HasPrefix(ref, "//") {
		return nil, false
	}
	if !strings.HasPrefix(ref, "/") {
		base := path.Join(path.Dir(from), ref)
		if base == ".." || strings.HasPrefix(base, "../") || ref == "" {
			return nil, false
		}
		return variants(base), false
	}
	d, rest := r.docsetOf(ref)
	if d == nil {
		return nil, false
	}
	for _, g := range d.Content {
		under := rest
		if g.Dest != "" {
			var ok bool
			if under, ok = cutFolder(rest, g.Dest); !ok {
				continue
			}
		}
		base := path.Join(cmp.Or(d.Folder, "."), cmp.Or(g.Src, "."), cmp.Or(under, "."))
		if under == "" {
			tries = append(tries, path.Join(base, "index.md"), path.Join(base, "index.yml"))
			continue
		}
		tries = append(tries, variants(base)...)
	}
	return tries, true
}

// docsetOf returns the docset whose base path a Learn-absolute path starts
// with (the longest that fits), and the rest of the path as written.
func (r *Repo) docsetOf(urlPath string) (*Docset, string) {
	segs := strings.Split(strings.Trim(path.Clean(urlPath), "/"), "/")
	lower := "/" + strings.ToLower(strings.Join(segs, "/"))
	var d *Docset
	for _, ds := range r.Docsets {
		if ds.BasePath != "" && (lower == ds.BasePath || strings.HasPrefix(lower, ds.BasePath+"/")) &&
			(d == nil || len(ds.BasePath) > len(d.BasePath)) {
			d = ds
		}
	}
	if d == nil {
		return nil, ""
	}
	return d, strings.Join(segs[strings.Count(d.BasePath, "/"):], "/")
}

// variants are the files a Learn path without extension may be.
func variants(base string) []string {
	return []string{base + ".md", base + ".yml", base + "/index.md", base + "/index.yml", base}
}

// Find returns the first of the content paths tries that the repository
// publishes, else the first that does when letter case is ignored (with
// caseDiffers), else "".
func (r *Repo) Find(tries []string, files Files) (string, bool) {
	for _, t := range tries {
		if files.File(t) && r.Published(t) != None {
			return t, false
		}
	}
	for _, t := range tries {
		if f, ok := files.Fold(t); ok && r.Published(f) != None {
			return f, true
		}
	}
	return "", false
}

// Suggest returns, for a Learn-absolute path that Resolve finds no file for,
// the published file it names when read as a path of the repository below
// the docset folder ("/SharePoint/SharePointServer/x" for
// SharePoint/SharePointServer/x.md, which Learn publishes as /sharepoint/x),
// with the Learn path of that file; "" when there is none.
func (r *Repo) Suggest(urlPath string, files Files) (file, learnPath string) {
	d, rest := r.docsetOf(strings.TrimSpace(urlPath))
	if d == nil || rest == "" {
		return "", ""
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, _, _ = strings.Cut(rest, "?")
	file, _ = r.Find(variants(path.Join(cmp.Or(d.Folder, "."), rest)), files)
	if file == "" {
		return "", ""
	}
	return file, r.LearnPath(file)
}

// LearnPath is the path Learn publishes the content file at p at, in lower
// case, such as "/sharepoint/foo" for SharePoint/SharePointOnline/foo.md; "" when p is not
// a page of a docset with a base path.
func (r *Repo) LearnPath(p string) string {
	d := r.Docset(p)
	if d == nil || d.BasePath == "" {
		return ""
	}
	in := rel(p, d.Folder)
	for _, g := range d.Content {
		if !g.matches(in) {
			continue
		}
		u := rel(in, g.Src)
		u = strings.TrimSuffix(strings.TrimSuffix(u, ".md"), ".yml")
		if u == "index" || strings.HasSuffix(u, "/index") {
			u = strings.TrimSuffix(u, "index")
		}
		lp := strings.ToLower(path.Join(d.BasePath, g.Dest, u)) // as Learn writes them
		if u == "" || strings.HasSuffix(u, "/") {
			lp += "/"
		}
		return lp
	}
	return ""
}

// cutFolder returns p below folder, ignoring letter case, and whether p is
// in it.
func cutFolder(p, folder string) (string, bool) {
	switch {
	case strings.EqualFold(p, folder):
		return "", true
	case len(p) > len(folder) && p[len(folder)] == '/' && strings.EqualFold(p[:len(folder)], folder):
		return p[len(folder)+1:], true
	}
	return "", false
}
