// Package toc reads DocFX tables of contents: the files that give a
// Microsoft Docs repository its navigation, with the names, order and
// nesting its readers see on Microsoft Learn.
//
// A TOC is a file named toc.yml or toc.md (in any letter case). The YAML form
// is a list of entries, at the top of the file or under an items: key:
//
//	items:
//	- name: Get started          # what the navigation shows
//	  href: intro.md             # the entry's page, relative to the TOC file
//	  expanded: true             # the entry starts open
//	  items:                     # the entries below it
//	  - name: Planning           # no href: a group, a label that opens and closes
//	    items: ...
//	  - name: Reference
//	    href: reference/         # a folder: its toc.yml (or toc.md) is included here
//	    topicHref: reference/index.md   # and this is the entry's own page
//	  - name: Blog
//	    href: https://example.org/blog  # a link out of the site
//
// The Markdown form uses headings as levels: "# [Name](href)" is an entry
// with a page, "## Name" without a link a group, and the number of # its
// depth.
//
// An href names an article (.md), a YAML page (.yml), a folder (its TOC), or
// another TOC file: a nested TOC, whose entries DocFX includes in place of
// the entry's children, as this package does. An href with a scheme
// (https:) is an external link; one that starts with "/" (a Learn-absolute
// path such as /exchange/...) is given to Options.Resolve, which says
// whether it is a content file or an external address.
//
// Every href is checked as a Markdown link is: a missing file is
// link-missing-file and one found only when letter case is ignored is
// link-case (the entry then uses the file's real path), each at the href's
// line and column in the TOC file. A TOC that includes itself, directly or
// through others, is toc-cycle, with the chain shown; a file that is not a
// TOC (bad YAML, a line of toc.md that is not a heading) is toc-syntax, and
// so is a TOC whose includes would give it more than MaxEntries entries. Bad
// input never panics: what can be read is kept.
//
// Load reads a set of TOC files, each file once, and does no other I/O than
// reading them through Files.
package toc

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
)

// Files is the content folder as Load reads it; *source.Source is one.
type Files interface {
	article.Files
	// ReadFile reads a content file.
	ReadFile(path string) ([]byte, error)
}

// Options says how to place and resolve what a TOC names.
type Options struct {
	// Prefix is the content folder's path relative to the source folder
	// ("content/" or ""): diagnostics name files relative to the source.
	Prefix string
	// Resolve turns a Learn-absolute href ("/exchange/new-features") into
	// a content path (file, relative to the content folder) or an external
	// URL; both "" when it knows neither. When nil, or when it returns
	// neither, the href is kept as a link, as written.
	Resolve func(href string) (file, url string)
}

// Kind says what an entry leads to.
type Kind int

const (
	// Group is an entry without a page: a label over its Items.
	Group Kind = iota
	// Page is an entry whose File is a content file: an article (.md), a
	// YAML page (.yml) or another file of the site.
	Page
	// External is a link out of the site, to URL.
	External
)

// Entry is one entry of a TOC, with the entries of nested TOCs included in
// place: each inclusion of a TOC gets entries of its own, so that an Entry
// is one place of the navigation.
type Entry struct {
	Name     string
	Href     string // as written: the href (or topicHref of an entry with only that); "" for none
	Kind     Kind
	File     string // Page: the target, relative to the content folder, in its real letter case
	Fragment string // Page: what followed the path in the href ("#anchor", "?q=1"), or ""
	URL      string // External: the address
	Expanded bool   // expanded: true
	Items    []*Entry
	// TOC is the file the entry is written in, relative to the content
	// folder, and Line and Col (1-based, in characters) where: its href,
	// or its name when it has none.
	TOC       string
	Line, Col int
}

// TOC is one table of contents, with its nested TOCs included.
type TOC struct {
	File     string   // relative to the content folder
	Items    []*Entry // the top-level entries
	Includes []string // the TOC files it includes itself (not through others), sorted
}

// IsTOCFile reports whether the content file at p is a TOC by its name:
// toc.yml or toc.md, in any letter case.
func IsTOCFile(p string) bool {
	switch strings.ToLower(path.Base(p)) {
	case "toc.yml", "toc.md":
		return true
	}
	return false
}

// Walk calls f for every entry of entries, depth-first, with its parents
// (outermost first); f returns false to skip an entry's items.
func Walk(entries []*Entry, f func(e *Entry, parents []*Entry) bool) {
	var walk func([]*Entry, []*Entry)
	walk = func(es []*Entry, parents []*Entry) {
		for _, e := range es {
			if f(e, parents) {
				walk(e.Items, append(parents[:len(parents):len(parents)], e))
			}
		}
	}
	walk(entries, nil)
}

// Load reads the TOC files at paths (relative to the content folder) and
// returns them in that order, with their nested TOCs included; each file is
// read and checked once, however often it is included.
func Load(files Files, paths []string, opts Options, diags *diag.List) []*TOC {
	l := &loader{files: files, opts: opts, diags: diags, parsed: map[string]*parsed{}, cycles: map[string]bool{}}
	out := make([]*TOC, 0, len(paths))
	for _, p := range paths {
		f := l.file(p)
		l.made, l.full = 0, false
		t := &TOC{File: p, Items: l.expand(f, []string{p})}
		for _, r := range f.entries {
			collectIncludes(r, &t.Includes)
		}
		slices.Sort(t.Includes)
		t.Includes = slices.Compact(t.Includes)
		out = append(out, t)
	}
	return out
}

func collectIncludes(r *raw, into *[]string) {
	if r.include != "" {
		*into = append(*into, r.include)
	}
	for _, c := range r.items {
		collectIncludes(c, into)
	}
}

// raw is an entry as its file writes it, its hrefs resolved and checked.
type raw struct {
	name      string
	href      string
	kind      Kind
	file      string // Page
	fragment  string
	url       string // External
	include   string // the TOC file the href includes, or ""
	includeAt int    // byte offset of that href
	expanded  bool
	items     []*raw
	line, col int
}

// parsed is one TOC file, read.
type parsed struct {
	path    string
	entries []*raw
	lines   *diag.Lines
}

type loader struct {
	files  Files
	opts   Options
	diags  *diag.List
	parsed map[string]*parsed
	cycles map[string]bool // the cycles reported, by their files, sorted
	made   int             // the entries made for the TOC being loaded
	full   bool            // it has MaxEntries, reported
}

// file reads, parses and checks the TOC at p, once.
func (l *loader) file(p string) *parsed {
	if f, ok := l.parsed[p]; ok {
		return f
	}
	f := &parsed{path: p}
	l.parsed[p] = f
	data, err := l.files.ReadFile(p)
	if err != nil {
		l.diags.Add(diag.Diagnostic{Path: l.opts.Prefix + p, Severity: diag.Error, Rule: diag.RuleRead, Message: err.Error()})
		return f
	}
	data = article.Text(data)
	f.lines = diag.NewLines(data)
	if strings.EqualFold(path.Ext(p), ".md") {
		f.entries = l.parseMarkdown(f, data)
	} else {
		f.entries = l.parseYAML(f, data)
	}
	return f
}

// expand makes the entries of f, with the TOCs it includes in place; stack
// is the chain of TOC files being included, f's last.
func (l *loader) expand(f *parsed, stack []string) []*Entry {
	var out []*Entry
	for _, r := range f.entries {
		out = append(out, l.entry(f, r, stack))
	}
	return out
}

func (l *loader) entry(f *parsed, r *raw, stack []string) *Entry {
	l.made++
	e := &Entry{Name: r.name, Href: r.href, Kind: r.kind, File: r.file, Fragment: r.fragment, URL: r.url, Expanded: r.expanded,
		TOC: f.path, Line: r.line, Col: r.col}
	for _, c := range r.items {
		e.Items = append(e.Items, l.entry(f, c, stack))
	}
	if r.include == "" {
		return e
	}
	if i := slices.Index(stack, r.include); i >= 0 {
		// One cycle, reported once: where it closes when first met.
		members := slices.Clone(stack[i:])
		slices.Sort(members)
		if key := strings.Join(members, "\x00"); !l.cycles[key] {
			l.cycles[key] = true
			chain := append(slices.Clone(stack[i:]), r.include)
			l.diags.Add(f.lines.At(l.opts.Prefix+f.path, r.includeAt, diag.Error, diag.RuleTocCycle,
				"this TOC includes itself: %s; remove the href that closes the loop", strings.Join(chain, " → ")))
		}
		return e
	}
	if l.made >= MaxEntries {
		if !l.full {
			l.full = true
			l.diags.Add(f.lines.At(l.opts.Prefix+f.path, r.includeAt, diag.Error, diag.RuleTocSyntax,
				"with this TOC included, %s would have more than %d entries: it and the TOCs included after it are left out. Include each TOC once",
				stack[0], MaxEntries))
		}
		return e
	}
	sub := l.file(r.include)
	e.Items = append(e.Items, l.expand(sub, append(stack[:len(stack):len(stack)], r.include))...)
	return e
}

// MaxEntries is how many entries a TOC may have with the TOCs it includes:
// TOCs that each include the next twice would otherwise make 2^n of them.
const MaxEntries = 50_000

// target is what an href resolves to.
type target struct {
	kind     Kind
	file     string
	fragment string
	url      string
	include  string
}

// resolve checks the href written at byte offset at of f, as a link of a
// Markdown article is checked, and says what it leads to; ok is false when
// it leads nowhere (the problem is reported).
func (l *loader) resolve(f *parsed, href string, at int, asTopic bool) (t target, ok bool) {
	href = strings.TrimSpace(href)
	src := l.opts.Prefix + f.path
	if href == "" {
		return target{kind: Group}, true
	}
	if article.UnsafeURL(href) {
		l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkUnsafeUrl,
			"TOC href %q could run script; kb writes no javascript:, vbscript:, file: or data: URL. Link to a file of the site or an https:// address", href))
		return target{}, false
	}
	if article.HasScheme(href) {
		return target{kind: External, url: href}, true
	}
	if strings.HasPrefix(href, "/") {
		if l.opts.Resolve != nil {
			file, u := l.opts.Resolve(href)
			switch {
			case file != "":
				if !l.files.File(file) {
					// The resolver names a page of the site that is not
					// there: the same problem as a relative href's.
					l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkMissingFile,
						"TOC href %q does not exist (looked for %s); fix the path or create the file", href, file))
					return target{}, false
				}
				return l.fileTarget(file, "", asTopic), true
			case u != "":
				return target{kind: External, url: u}, true
			}
		}
		return target{kind: External, url: href}, true
	}
	ref, fragment := href, ""
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		ref, fragment = ref[:i], ref[i:]
	}
	unescaped, err := url.PathUnescape(ref)
	if err != nil {
		l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkSyntax,
			"TOC href %q is not a valid URL path: %v; escape %% as %%25", href, err))
		return target{}, false
	}
	unescaped = strings.ReplaceAll(unescaped, `\`, "/") // DocFX accepts Windows separators
	folder := strings.HasSuffix(unescaped, "/")
	joined := path.Join(path.Dir(f.path), unescaped)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkOutsideSource,
			"TOC href %q leaves the source folder; link to a file inside it, or to a full https:// address", href))
		return target{}, false
	}
	if !folder && l.files.Dir(joined) && !l.files.File(joined) {
		folder = true
	}
	if folder && !asTopic {
		for _, name := range []string{"toc.yml", "toc.md"} {
			if real, found := l.find(joined + "/" + name); found {
				return target{include: real}, true
			}
		}
		l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkMissingFile,
			"TOC href %q names a folder with no toc.yml or toc.md (looked in %s); link to the folder's TOC or to an article", href, joined))
		return target{}, false
	}
	if folder { // a topicHref to a folder: its index page
		joined += "/index.md"
	}
	if l.files.File(joined) {
		return l.fileTarget(joined, fragment, asTopic), true
	}
	if real, found := l.files.Fold(joined); found {
		l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkCase,
			"TOC href %q finds %s only when letter case is ignored; it breaks on Linux web servers. Write the path with the file's letter case", href, real))
		return l.fileTarget(real, fragment, asTopic), true
	}
	looked := ""
	if joined != unescaped {
		looked = " (looked for " + joined + ")"
	}
	l.diags.Add(f.lines.At(src, at, diag.Error, diag.RuleLinkMissingFile,
		"TOC href %q does not exist%s; fix the path or create the file", href, looked))
	return target{}, false
}

// find returns the content file p, or the one that equals it when letter
// case is ignored (a TOC's own name, TOC.yml, is not a link's letter case:
// DocFX finds any).
func (l *loader) find(p string) (string, bool) {
	if l.files.File(p) {
		return p, true
	}
	return l.files.Fold(p)
}

// fileTarget is an href to a content file: a nested TOC, or a page.
func (l *loader) fileTarget(file, fragment string, asTopic bool) target {
	if IsTOCFile(file) && !asTopic {
		return target{include: file}
	}
	return target{kind: Page, file: file, fragment: fragment}
}

// set applies an entry's href (and topicHref) to r.
func (l *loader) set(f *parsed, r *raw, href string, hrefAt int, topic string, topicAt int, hasTopic bool) {
	r.href = href
	t, ok := l.resolve(f, href, hrefAt, false)
	if ok {
		r.kind, r.file, r.fragment, r.url = t.kind, t.file, t.fragment, t.url
		if t.include != "" {
			r.kind, r.include, r.includeAt = Group, t.include, hrefAt
		}
	}
	if hasTopic && (r.kind == Group) {
		if t, ok := l.resolve(f, topic, topicAt, true); ok && t.kind != Group {
			r.kind, r.file, r.fragment, r.url = t.kind, t.file, t.fragment, t.url
		}
	}
}

// syntax reports that f is not a TOC at byte offset at.
func (l *loader) syntax(f *parsed, at int, format string, args ...any) {
	l.diags.Add(f.lines.At(l.opts.Prefix+f.path, at, diag.Error, diag.RuleTocSyntax, format, args...))
}

// nameOf is the name an entry without one shows: its href's file name.
func nameOf(href string) string {
	base := path.Base(strings.TrimSuffix(href, "/"))
	if base == "." || base == "/" {
		return href
	}
	return strings.TrimSuffix(base, path.Ext(base))
}
