// Package docfx reads the DocFX configuration of a Microsoft Docs repository
// (the repositories behind learn.microsoft.com), so that kb builds one as it
// is, publishing what DocFX would publish.
//
// Such a repository is made of docsets. The file
// .openpublishing.publish.config.json at its root lists them, each with its
// folder (build_source_folder); each docset folder holds a docfx.json, which
// says which of its files are published:
//
//	build.content[]    groups of pages (Markdown, YAML): "files" globs,
//	                   "exclude" globs, both relative to "src" (a folder
//	                   inside the docset folder), and "dest", the folder of
//	                   the published URLs they go to
//	build.resource[]   groups of other files (pictures, downloads), alike
//	globalMetadata     front matter every page of the docset gets
//	fileMetadata       front matter by key, then by glob: the pages a glob
//	                   matches get the value
//
// .openpublishing.redirection.json (and any .openpublishing.redirection.*.json)
// at the root lists the redirects of pages that moved: a source_path in the
// repository to a redirect_url, a path of Learn ("/SharePoint/overview") or
// a full URL.
//
// When kb is pointed at such a repository, the repository's root is kb's
// content folder, so content paths are repository paths
// ("SharePoint/SharePointOnline/foo.md"). Load reads the configuration once;
// the Repo it returns answers the questions the rest of kb asks: which docset
// a file is in (Docset), whether it is published (Published), its front
// matter from docfx.json (Metadata), and which file a Learn URL names
// (Resolve). Globs are matched with github.com/bmatcuk/doublestar, letter
// case ignored (both glob and path lower-cased), as Learn's builds do
// (see match).
//
// A docset's published base path ("/sharepoint": Learn publishes
// SharePoint/SharePointOnline/foo.md as /sharepoint/foo) is in none of these
// files; see basePath for how Load finds it.
//
// Malformed JSON and values of the wrong type are diagnostics at the file's
// line and column (rule docfx-config); keys kb does not read are ignored, as
// DocFX has hundreds.
package docfx

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"kb/generator/article"
	"kb/generator/diag"
)

// The files Load reads, by path relative to the content folder.
const (
	PublishConfig = ".openpublishing.publish.config.json"
	Redirection   = ".openpublishing.redirection.json"
	DocfxJSON     = "docfx.json"
)

// DefaultLearnHost is where a Learn-absolute path outside the repository's
// docsets is published: "/powershell/x" is linked as
// DefaultLearnHost+"/powershell/x".
const DefaultLearnHost = "https://learn.microsoft.com/en-us"

// Kind says how DocFX publishes a file.
type Kind int

const (
	// None: not published (README.md, LICENSE, docfx.json, includes/ as
	// the globs of most docsets exclude them, any file outside a docset).
	None Kind = iota
	// Content: a page (build.content).
	Content
	// Resource: a file copied as it is (build.resource).
	Resource
	// TOC: a table of contents (a file named toc.yml or toc.md, in any
	// letter case, that build.content names): read for the navigation,
	// never a page.
	TOC
)

func (k Kind) String() string {
	return [...]string{"none", "content", "resource", "toc"}[k]
}

// Options are what Load cannot find in the repository.
type Options struct {
	// BasePaths gives docsets' published base paths by docset name
	// ("OfficeDocs-SharePoint": "/sharepoint"), over what Load derives.
	BasePaths map[string]string
	// LearnHost is the address Learn-absolute paths outside the docsets
	// lead to; DefaultLearnHost when empty.
	LearnHost string
}

// Repo is a repository's DocFX configuration.
type Repo struct {
	Docsets   []*Docset // in the order of the publish configuration
	Redirects []Redirect
	LearnHost string
	// Lines holds the lines of the JSON files read, by path relative to
	// the source folder, for diagnostics at their positions.
	Lines *diag.Files
	// dirs maps each folder of the repository, lower-cased, to its name.
	dirs map[string]string
	// moved maps the published path of each redirect's source (lower-case,
	// no final slash) to that source: the first redirect that has it.
	moved map[string]string
}

// Docset is one docset: a folder with its docfx.json.
type Docset struct {
	Name   string // docset_name in the publish configuration, or the folder's name
	Folder string // content path of the docset folder, "" for the root
	// BasePath is the path Learn publishes the docset at, lower-case,
	// with a leading and no final slash ("/sharepoint", "/exchange/outlook");
	// BaseFrom says where it came from: "options", "breadcrumb_path",
	// "redirects" or "folder".
	BasePath, BaseFrom string
	Content, Resource  []*Group
	// Global is globalMetadata.
	Global   map[string]any
	fileMeta []fileMeta
	// MonikerRanges are the publish configuration's moniker_ranges
	// ("=exchserver-2016 || =exchserver-2019"), which name the docset's
	// monikers, in order.
	MonikerRanges []string
	listedAt      int // offset of its build_source_folder in the publish configuration
}

// Group is an entry of build.content or build.resource.
type Group struct {
	Files, Exclude []string // globs, relative to Src
	Src            string   // folder inside the docset folder, "" for the docset folder
	Dest           string   // folder of the published URLs, "" for the base path
}

// fileMeta is one key of fileMetadata: its value for each glob, in the
// order written (the last glob that matches a file wins).
type fileMeta struct {
	key   string
	globs []string
	vals  []any
}

// Redirect is one entry of a redirection file.
type Redirect struct {
	// Source is the content path of the old page: source_path (or
	// source_path_from_root, without its leading slash), with its folders in
	// the letter case of the repository's folders where they exist (Learn
	// ignores case, and a redirect page must be written where the
	// repository's pages are).
	Source string
	// URL is redirect_url as written: a Learn-absolute path, a path
	// relative to the old page's folder, or a full URL.
	URL        string
	DocumentID bool // redirect_document_id
	// SourceAt and URLAt are where the source path and the URL are
	// written (paths relative to the source folder).
	SourceAt, URLAt diag.Pos
}

// Files is what Resolve looks content files up in (a *source.Source is one).
type Files interface {
	File(path string) bool           // whether path is a content file
	Fold(path string) (string, bool) // the content file whose path equals path ignoring case
}

// Load reads the DocFX configuration of the content folder content, whose
// files (content paths, every one) are files; prefix is the content folder's
// path relative to the source folder, which diagnostics name. It returns nil
// when the folder is no DocFX repository: it has neither a publish
// configuration nor a docfx.json at its root. Lines of the JSON files read
// are added to lines (a new table when nil).
func Load(content fs.FS, prefix string, files []string, opt Options, lines *diag.Files, diags *diag.List) *Repo {
	if lines == nil {
		lines = &diag.Files{}
	}
	l := &loader{content: content, prefix: prefix, lines: lines, diags: diags}
	r := &Repo{LearnHost: cmp.Or(strings.TrimSuffix(opt.LearnHost, "/"), DefaultLearnHost), Lines: lines, dirs: map[string]string{}}
	for _, f := range files {
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			if _, ok := r.dirs[strings.ToLower(d)]; ok {
				break
			}
			r.dirs[strings.ToLower(d)] = d
		}
	}
	if _, err := fs.Stat(content, PublishConfig); err == nil {
		if root, ok := l.read(PublishConfig); ok {
			l.pub = l.at
			r.Docsets = l.publishConfig(root)
		}
	} else if _, err := fs.Stat(content, DocfxJSON); err == nil {
		r.Docsets = []*Docset{{Name: "", Folder: ""}}
	} else {
		return nil
	}
	kept := r.Docsets[:0]
	for _, d := range r.Docsets {
		if l.docset(d) {
			kept = append(kept, d)
		}
	}
	r.Docsets = kept
	r.Redirects = l.redirects(r)
	for _, d := range r.Docsets {
		d.BasePath, d.BaseFrom = basePath(d, r.Redirects, opt.BasePaths)
	}
	r.moved = map[string]string{}
	for _, rd := range r.Redirects {
		lp := strings.TrimSuffix(r.LearnPath(rd.Source), "/")
		if _, ok := r.moved[lp]; lp != "" && !ok {
			r.moved[lp] = rd.Source
		}
	}
	return r
}

// loader reads the files of one repository.
type loader struct {
	content fs.FS
	prefix  string
	lines   *diag.Files
	diags   *diag.List
	at      *diag.Lines // of the file being read
	pub     *diag.Lines // of the publish configuration
	file    string      // the file being read, relative to the source folder
}

// read parses the JSON file at the content path name; false when it does
// not exist or cannot be read (reported).
func (l *loader) read(name string) (*node, bool) {
	data, err := fs.ReadFile(l.content, name)
	if err != nil {
		if _, statErr := fs.Stat(l.content, name); statErr == nil {
			l.diags.Add(diag.Diagnostic{Path: l.prefix + name, Severity: diag.Error, Rule: diag.RuleDocfxConfig,
				Message: fmt.Sprintf("cannot read %s: %v", name, err)})
		}
		return nil, false
	}
	// As kb reads every text: UTF-16 with a byte order mark decoded, a lone
	// CR a line end (both whitespace to JSON).
	data = article.Text(data)
	l.file = l.prefix + name
	l.at = l.lines.Add(l.file, data)
	root, err := parse(data)
	if err != nil {
		se := err.(*syntaxError)
		l.report(se.off, "%s; DocFX cannot read this file either", se.msg)
		return nil, false
	}
	if root.kind != kObject {
		l.report(root.off, "%s must hold a JSON object ({...}), not %s", path.Base(name), root.what())
		return nil, false
	}
	return root, true
}

func (l *loader) report(off int, format string, args ...any) {
	l.diags.Add(l.at.At(l.file, off, diag.Error, diag.RuleDocfxConfig, format, args...))
}

// want returns n when it has kind k; otherwise (unless n is nil: the key is
// not given) it reports that key should be what and returns nil.
func (l *loader) want(n *node, k kind, key, what string) *node {
	if n == nil {
		return nil
	}
	if n.kind != k {
		l.report(n.off, "%q must be %s, not %s", key, what, n.what())
		return nil
	}
	return n
}

// str returns the string at key of obj, "" when absent or reported.
func (l *loader) str(obj *node, key string) (string, int) {
	n := l.want(obj.get(key), kString, key, "a string")
	if n == nil {
		return "", -1
	}
	return n.str, n.off
}

// globs reads a list of globs, or one glob, as DocFX accepts both, and
// reports the items that are no strings and the globs doublestar cannot
// match.
func (l *loader) globs(n *node, key string) []string {
	if n == nil {
		return nil
	}
	elems := []*node{n}
	if n.kind == kArray {
		elems = n.elems
	} else if n.kind != kString {
		l.report(n.off, "%q must be a list of globs (strings), not %s", key, n.what())
		return nil
	}
	var out []string
	for _, e := range elems {
		if e.kind != kString {
			l.report(e.off, "%q must be a list of globs (strings); this item is %s", key, e.what())
			continue
		}
		g := strings.TrimPrefix(e.str, "./")
		if !doublestar.ValidatePattern(g) {
			l.report(e.off, "glob %q of %q is malformed (an unclosed [ or {?); DocFX matches no file with it", e.str, key)
			continue
		}
		out = append(out, g)
	}
	return out
}

// publishConfig reads the docsets of the publish configuration.
func (l *loader) publishConfig(root *node) []*Docset {
	list := l.want(root.get("docsets_to_publish"), kArray, "docsets_to_publish", "a list of docsets")
	if list == nil {
		return nil
	}
	var out []*Docset
	seen := map[string]bool{}
	for _, e := range list.elems {
		if l.want(e, kObject, "docsets_to_publish", "a list of objects") == nil {
			continue
		}
		folder, off := l.str(e, "build_source_folder")
		if off < 0 {
			if e.get("build_source_folder") == nil {
				l.report(e.off, "this docset has no \"build_source_folder\", the folder of its docfx.json")
			}
			continue
		}
		folder, inside := cleanFolder(folder)
		if !inside {
			l.report(off, "build_source_folder %q is outside the repository", folder)
			continue
		}
		if seen[folder] {
			l.report(off, "docset folder %q is listed twice; keep one", folder)
			continue
		}
		seen[folder] = true
		name, _ := l.str(e, "docset_name")
		d := &Docset{Name: cmp.Or(name, path.Base(cmp.Or(folder, "."))), Folder: folder, listedAt: off}
		if ranges := e.get("moniker_ranges"); ranges != nil && l.want(ranges, kArray, "moniker_ranges", "a list of strings") != nil {
			for _, r := range ranges.elems {
				if l.want(r, kString, "moniker_ranges", "a list of strings") != nil {
					d.MonikerRanges = append(d.MonikerRanges, r.str)
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// cleanFolder turns a folder as written ("./SharePoint/", ".", "") into a
// path relative to where it is written ("SharePoint", ""), and reports
// whether it stays inside ("../x" does not).
func cleanFolder(p string) (string, bool) {
	p = path.Clean(strings.Trim(strings.ReplaceAll(strings.TrimSpace(p), `\`, "/"), "/"))
	if p == ".." || strings.HasPrefix(p, "../") {
		return p, false
	}
	return strings.TrimPrefix(p, "."), true
}

// docset reads the docset's docfx.json; false when it has none that can
// be read (reported).
func (l *loader) docset(d *Docset) bool {
	name := path.Join(cmp.Or(d.Folder, "."), DocfxJSON)
	if _, err := fs.Stat(l.content, name); err != nil {
		if l.pub != nil {
			l.diags.Add(l.pub.At(l.prefix+PublishConfig, d.listedAt, diag.Error, diag.RuleDocfxConfig,
				"docset folder %q has no docfx.json; kb publishes none of its files", d.Folder))
		}
		return false
	}
	root, ok := l.read(name)
	if !ok {
		return false
	}
	build := l.want(root.get("build"), kObject, "build", "an object")
	if build == nil {
		if root.get("build") == nil {
			l.report(root.off, "docfx.json has no \"build\" object, which says what the docset publishes")
		}
		return false
	}
	d.Content = l.groups(build.get("content"), "content")
	d.Resource = l.groups(build.get("resource"), "resource")
	d.Global = map[string]any{}
	if g := l.want(build.get("globalMetadata"), kObject, "globalMetadata", "an object of front matter keys"); g != nil {
		d.Global = g.plain().(map[string]any)
	}
	if fm := l.want(build.get("fileMetadata"), kObject, "fileMetadata", "an object of front matter keys"); fm != nil {
		for _, m := range fm.members {
			if l.want(m.val, kObject, m.key, `an object of globs and values ("SharePointServer/**/*.md": "x")`) == nil {
				continue
			}
			f := fileMeta{key: m.key}
			for _, g := range m.val.members {
				glob := strings.TrimPrefix(g.key, "./")
				if !doublestar.ValidatePattern(glob) {
					l.report(g.keyOff, "glob %q of fileMetadata %q is malformed (an unclosed [ or {?); DocFX matches no file with it", g.key, m.key)
					continue
				}
				f.globs = append(f.globs, glob)
				f.vals = append(f.vals, g.val.plain())
			}
			d.fileMeta = append(d.fileMeta, f)
		}
	}
	return true
}

// groups reads build.content or build.resource.
func (l *loader) groups(n *node, key string) []*Group {
	if n == nil {
		return nil
	}
	elems := []*node{n}
	if n.kind == kArray {
		elems = n.elems
	}
	var out []*Group
	for _, e := range elems {
		if e.kind != kObject {
			l.report(e.off, "%q must be a list of objects with \"files\" globs, not %s", key, e.what())
			continue
		}
		g := &Group{Files: l.globs(e.get("files"), "files"), Exclude: l.globs(e.get("exclude"), "exclude")}
		src, srcAt := l.str(e, "src")
		dest, _ := l.str(e, "dest")
		var inside bool
		g.Src, inside = cleanFolder(src)
		g.Dest, _ = cleanFolder(dest) // a URL folder: ".." goes nowhere Resolve looks
		l.str(e, "group")             // its type is checked; kb does not use build groups
		if !inside {
			l.report(srcAt, "src %q is outside the docset folder; kb reads only the docset's own files", src)
			continue
		}
		out = append(out, g)
	}
	return out
}

// Docset returns the docset the content path p is in (the one of the
// deepest folder that holds p), or nil.
func (r *Repo) Docset(p string) *Docset {
	if r == nil {
		return nil
	}
	var best *Docset
	for _, d := range r.Docsets {
		if within(p, d.Folder) && (best == nil || len(d.Folder) > len(best.Folder)) {
			best = d
		}
	}
	return best
}

// within reports whether the content path p is in folder ("" for the root).
func within(p, folder string) bool {
	return folder == "" || strings.HasPrefix(p, folder+"/")
}

// rel is p relative to folder, which holds it.
func rel(p, folder string) string {
	if folder == "" {
		return p
	}
	return strings.TrimPrefix(p, folder+"/")
}

// matches reports whether g names the file at p, relative to the docset
// folder: p is in g.Src, one of its files globs matches p relative to
// g.Src, and none of its exclude globs does.
func (g *Group) matches(p string) bool {
	if !within(p, g.Src) {
		return false
	}
	p = rel(p, g.Src)
	in := slices.ContainsFunc(g.Files, func(glob string) bool { return match(glob, p) })
	return in && !slices.ContainsFunc(g.Exclude, func(glob string) bool { return match(glob, p) })
}

// match reports whether p matches glob, ignoring letter case: Learn
// publishes "media/shot.PNG" under the glob "**/*.png" (its builds ignore
// case), and so does kb.
func match(glob, p string) bool {
	ok, _ := doublestar.Match(strings.ToLower(glob), strings.ToLower(p))
	return ok
}

// Published says how DocFX publishes the file at the content path p.
func (r *Repo) Published(p string) Kind {
	d := r.Docset(p)
	if d == nil {
		return None
	}
	p = rel(p, d.Folder)
	for _, g := range d.Content {
		if g.matches(p) {
			if name := strings.ToLower(path.Base(p)); name == "toc.yml" || name == "toc.md" {
				return TOC
			}
			return Content
		}
	}
	for _, g := range d.Resource {
		if g.matches(p) {
			return Resource
		}
	}
	return None
}

// Metadata is the front matter docfx.json gives the file at the content
// path p: the docset's globalMetadata, with the values of the fileMetadata
// globs that match p (relative to the docset folder; of several that match,
// the last written) over it. The article's own front matter, which the
// caller applies, wins over both. The map is the caller's; nil outside a
// docset.
func (r *Repo) Metadata(p string) map[string]any {
	d := r.Docset(p)
	if d == nil {
		return nil
	}
	out := make(map[string]any, len(d.Global)+len(d.fileMeta))
	for k, v := range d.Global {
		out[k] = v
	}
	p = rel(p, d.Folder)
	for _, f := range d.fileMeta {
		for i := len(f.globs) - 1; i >= 0; i-- {
			if match(f.globs[i], p) {
				out[f.key] = f.vals[i]
				break
			}
		}
	}
	return out
}

// foldDirs returns p with each of its folders in the letter case of the
// repository's folder of that name, where there is one.
func (r *Repo) foldDirs(p string) string {
	dir, file := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return p
	}
	if real, ok := r.dirs[strings.ToLower(dir)]; ok {
		return real + "/" + file
	}
	return r.foldDirs(dir) + "/" + file
}
