// Package pipeline is kb's driver (named for what it holds, not "build", a
// name that tools and ignore files skip as build output). Build runs the
// pipeline, one stage per call:
//
//	load    source.Load lists the files; output.Take holds the destination
//	        (one build of it at a time) and puts back a previous site that
//	        a killed build left moved aside; config.Load reads the settings;
//	        docfx.Load reads a DocFX repository's configuration (docsets,
//	        redirects), and what its docfx.json files do not publish is
//	        dropped; yamlpage.Convert makes the Markdown of each YAML page
//	        (Landing, Hub, FAQ); toc.Load reads the tables of contents
//	        (toc.yml, toc.md), which are neither articles nor published;
//	        source.Publish leaves out the files that could run script;
//	        matrix.Load and decision.Load read the rules
//	model   article.ReadHeader reads every article's front matter
//	        (in parallel, results kept in input order); site.New arranges
//	        the articles into the page tree, navigated by the TOCs if any
//	render  article.Parser renders each body and render.Renderer its page,
//	        page by page, each written at once into a temporary folder
//	check   after rendering, for the headings and links it collects:
//	        check.Site and check.FrontMatter compare articles with each
//	        other, check.Matrix and check.Trees the rules with the articles;
//	        hosting.Redirects checks the redirects
//	write   the hosting files (404.html, robots.txt, sitemap.xml, redirects);
//	        output.Dir swaps the temporary folder into place, or removes it
//
// Every stage reports problems as diagnostics. Any error means the temporary
// folder is removed and the previous output stays exactly as it was; once an
// error is known that config.toml's levels keep an error (see mayWrite),
// pages are no longer written at all, but every article is still parsed so
// that one run reports every problem. Whether the output is kept is decided
// after the kb-disable comments and the levels are applied.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"kb/generator/article"
	"kb/generator/check"
	"kb/generator/claims"
	"kb/generator/compat"
	"kb/generator/config"
	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/diag"
	"kb/generator/docfx"
	"kb/generator/embed"
	"kb/generator/hosting"
	"kb/generator/matrix"
	"kb/generator/output"
	"kb/generator/render"
	"kb/generator/search"
	"kb/generator/site"
	"kb/generator/source"
	"kb/generator/toc"
)

// Options says what to build and where.
type Options struct {
	Source string // the source folder
	Dest   string // the output folder
	Check  bool   // run every check but write nothing
	// Edition is shown in every page's footer (kb bundle: "Offline edition,
	// built ..., content revision ..."); empty for a normal build.
	Edition string
	// Waiting, when set, is called if another build holds Dest, before this
	// one waits for it to finish; pid is that build's process id, 0 if unknown.
	Waiting func(pid int)
	// Renderer, when set, is called with the renderer before any page is
	// rendered (kb bundle --single-file sets it to collect pages' parts).
	Renderer func(*render.Renderer)
	// Offline is set for a build read offline (kb bundle): no page may make
	// a request to another site, whatever config.toml says ([video] embed).
	Offline bool
	// Explain keeps every claim the claims checker reads (Result.Claims),
	// for kb check --explain.
	Explain bool
}

// Result is what a build found and made.
type Result struct {
	Site        *site.Site
	Trees       []*decision.Tree
	Diagnostics diag.List
	Written     bool
	Claims      *claims.Checker // with Options.Explain: its Readings
}

// ConfigError is a problem with the options or with config.toml, as opposed
// to a problem in the content: the command exits with status 2.
type ConfigError struct{ Err error }

func (e ConfigError) Error() string { return e.Err.Error() }
func (e ConfigError) Unwrap() error { return e.Err }

// Build runs the whole pipeline. It returns an error for problems that stop it
// before the content is read (a missing source folder, an unwritable
// destination); problems in the content are in Result.Diagnostics, and when
// any is an error nothing is written.
func Build(opts Options) (*Result, error) {
	b := &run{opts: opts}
	defer b.release()
	if err := b.load(); err != nil {
		return b.res, err
	}
	b.model()
	defer abortOnPanic(&b.out)
	if err := b.render(); err != nil {
		return b.res, err
	}
	b.check()
	return b.res, b.write()
}

// run is one build: what each step of Build makes for the steps after it.
type run struct {
	opts      Options
	res       *Result // its Diagnostics, the build's one list, name paths relative to the source folder
	src       *source.Source
	dest      *output.Dest // the output folder, held; nil for kb check
	cfg       config.Config
	files     diag.Files // the lines of config.toml and rules/, for diagnostics
	m         *matrix.Matrix
	lost      []string // ids of the trees that could not be loaded (decision.Lost)
	embeds    *embed.Set
	stubs     []*article.Article // redirect stubs, which are not pages
	repo      *docfx.Repo        // the DocFX configuration, nil when the content is no DocFX repository
	r         *render.Renderer
	out       *output.Dir // the temporary output folder; nil when nothing is written
	index     *indexer    // nil when search is off or nothing is written
	indexErr  chan error  // the search index's result, once the checks are done
	writeErr  error       // a page or the index could not be written
	redirects []*hosting.Redirect
	made      map[string]madePage           // the YAML pages, as Markdown, by content path
	tocs      []*toc.TOC                    // the TOCs that are the navigation; none: the folders are
	uids      map[string]article.XrefTarget // every article's uid, for cross references
}

// release lets another build have the output folder.
func (b *run) release() {
	if b.dest != nil {
		b.dest.Release()
	}
}

// load lists the input files, holds the output folder, reads config.toml and
// rules/, and adds the generated files to the content.
func (b *run) load() error {
	src, err := source.Load(b.opts.Source, b.opts.Dest)
	if err != nil {
		return ConfigError{err}
	}
	b.src = src
	// One build of a destination at a time; holding it puts back a previous
	// site that a killed build left moved aside, even if this build fails.
	if !b.opts.Check {
		if b.dest, err = output.Take(b.opts.Dest, output.Options{Waiting: b.opts.Waiting}); err != nil {
			return ConfigError{err}
		}
	}
	b.res = &Result{}
	b.res.Diagnostics.Merge(src.Diagnostics)
	var cfgDiags diag.List
	b.cfg = config.Load(src.Root, &b.files, &cfgDiags)
	if cfgDiags.HasErrors() {
		b.res.Diagnostics = cfgDiags
		return ConfigError{fmt.Errorf("%s has errors", config.FileName)}
	}
	b.res.Diagnostics.Merge(cfgDiags)
	// A DocFX repository's configuration (nil for any other site).
	b.repo = docfx.Load(src.Content, src.ContentPrefix, slices.Concat(src.Markdown, src.Static),
		docfx.Options{BasePaths: b.cfg.Docfx.BasePaths, LearnHost: b.cfg.Docfx.LearnHost}, &b.files, &b.res.Diagnostics)
	b.docset()
	b.made = readYAMLPages(src, &b.res.Diagnostics)
	// The TOCs are read with every content file there (a .yml YAML page they
	// name is one), and are never published.
	b.tocs = navigationTOCs(src, b.tocLinks(), &b.res.Diagnostics)
	src.Static = withoutPivotGroups(withoutTOCs(src.Static))
	// Content files that could run script are not published
	// (docs/security.md); before the generated files are added.
	src.Publish(b.cfg.Content.Publish, &b.res.Diagnostics)
	b.loadRules()
	return nil
}

// loadRules reads the support matrix and the decision trees, and adds the
// pages and files made from them, and the search page, to the content.
func (b *run) loadRules() {
	diags := &b.res.Diagnostics
	b.m = matrix.Load(b.src.Root, &b.files, diags)
	addMatrixFiles(b.src, b.m, diags)
	if b.cfg.Search {
		add(b.src, searchPage, searchPageMarkdown, diags)
	}
	b.res.Trees = decision.Load(b.src.Root, b.m, &b.files, diags)
	b.lost = decision.Lost(b.src.Root, b.res.Trees)
	addTreeFiles(b.src, b.res.Trees, b.lost, diags)
	// With the site's published address (baseURL), the embeds' URLs are
	// absolute, as wikis on other hosts need them.
	b.embeds = embed.New(b.res.Trees, embed.Options{SiteTitle: b.cfg.Title, Language: b.cfg.Language, Base: b.cfg.BaseURL})
}

// model reads every article's front matter, then arranges the page tree.
func (b *run) model() {
	diags := &b.res.Diagnostics
	var articles []*article.Article
	all := readHeaders(b.src, withoutTOCs(b.src.Markdown), b.made, diags)
	b.inherit(all)
	articles, b.stubs = hosting.Stubs(all)
	b.uids = article.Uids(articles, b.src.ReadFile, diags)
	b.res.Site = site.New(b.cfg, articles, b.src.Static, b.src.ContentPrefix, diags,
		site.Options{TOCs: b.tocs, Generated: b.src.Generated, Docsets: b.docsets()})
	b.embeds.Check(b.res.Site, diags)
}

// render renders every body and page, writing the pages into a temporary
// folder unless there are errors already or only checking was asked for,
// and starts making the search index.
func (b *run) render() error {
	if err := b.theme(); err != nil {
		return err
	}
	if !b.opts.Check && mayWrite(b.res.Diagnostics, b.src, b.cfg) {
		var err error
		if b.out, err = begin(b.res.Site, b.src, b.r, b.dest); err != nil {
			return err
		}
		if err = writeEmbeds(b.out, b.r, b.embeds); err != nil {
			return err
		}
	}
	checker, analyzers := b.claimsAnalyzers(&b.res.Diagnostics)
	if b.out != nil && b.cfg.Search {
		b.index = newIndexer(b.res.Site, b.out)
		analyzers = append(analyzers, article.CollectSections)
	}
	parser := article.NewParser(b.src, b.handlers(), analyzers...)
	if d := b.docsetLinks(); d != nil {
		parser.SetDocset(d)
	}
	parser.SetXrefs(&article.Xrefs{Uids: b.uids, Host: b.cfg.Xref.Host})
	parser.SetSelections(b.selections())
	parser.SetVideoEmbed(b.cfg.Video.Embed && !b.opts.Offline)
	b.writeErr = renderAll(b.res.Site, b.src, b.made, parser, b.r, b.out, b.index, &b.res.Diagnostics)
	if checker != nil {
		checker.CheckSources(&b.res.Diagnostics)
	}
	if render.Report(b.writeErr, &b.res.Diagnostics) {
		b.writeErr = ConfigError{errors.New("the theme has errors")}
	}
	b.startIndex()
	return nil
}

// theme makes the renderer from the site's theme, reporting its problems.
func (b *run) theme() error {
	var err error
	b.r, err = render.New(b.res.Site, b.src.Theme)
	if render.Report(err, &b.res.Diagnostics) {
		err = errors.New("the theme has errors")
	}
	if err != nil {
		return ConfigError{err}
	}
	b.r.Edition = b.opts.Edition
	b.r.Alternates = b.embeds.Alternates()
	if b.opts.Renderer != nil {
		b.opts.Renderer(b.r)
	}
	return nil
}

// handlers are the directives' handlers, by name.
func (b *run) handlers() map[string]article.Handler {
	return map[string]article.Handler{
		compat.Directive:     compat.Handler(b.m),
		decisionui.Directive: decisionui.Handler(b.res.Trees, b.lost...),
		embed.Directive:      b.embeds.Handler(b.lost...),
		searchDirective:      searchHandler,
	}
}

// startIndex makes the search index's shards while the checks run: both
// only read the model. Its result is sent on indexErr.
func (b *run) startIndex() {
	b.indexErr = make(chan error, 1)
	if b.writeErr != nil || b.index == nil {
		b.indexErr <- nil
		return
	}
	go func() {
		defer func() { // a panic here would end the program, kb serve too
			if p := recover(); p != nil {
				b.indexErr <- fmt.Errorf("internal error in kb while writing the search index: %v\n\n%s", p, debug.Stack())
			}
		}()
		b.indexErr <- b.index.finish(b.m, b.res.Trees)
	}()
}

// check runs the checks that compare articles with each other, and those of
// the matrix, the trees and the redirects against the articles; then applies
// config.toml's levels, and waits for the search index.
func (b *run) check() {
	diags := &b.res.Diagnostics
	read := func(p string) ([]byte, error) { return readContent(b.src, p) }
	check.Site(b.res.Site, read, diags, b.unchecked()...)
	check.FrontMatter(b.res.Site, b.cfg, b.m, b.src.Generated, read, diags)
	b.contentDone()
	check.Matrix(b.res.Site, b.m, diags)
	check.Trees(b.res.Site, &b.files, b.res.Trees, diags)
	b.redirects = hosting.Redirects(b.res.Site, b.stubs, b.repo, b.src, read, diags)
	applyLevels(diags, b.cfg)
	if err := <-b.indexErr; b.writeErr == nil {
		b.writeErr = err
	}
}

// unchecked are the generated pages whose anchors links are not checked
// against: they lack the sections of what did not load (the support matrix
// page of a matrix that Failed, the pages of lost trees), whose files' own
// problems say why.
func (b *run) unchecked() []string {
	var pages []string
	if b.m.Failed() {
		pages = append(pages, compat.PagePath)
	}
	for _, id := range b.lost {
		pages = append(pages, decisionui.LostPath(id))
	}
	return pages
}

// contentDone settles the diagnostics of the content files, those whose
// path names one (source.ContentFile): it drops those of generated files and
// those kb-disable comments silence, and quotes their lines.
func (b *run) contentDone() {
	diags := &b.res.Diagnostics
	// A problem in a generated page (a feature's missing article, linked from
	// the support matrix page) is reported where it was made, in rules/.
	diags.Drop(func(d diag.Diagnostic) bool { return generated(b.src, d.Path) })
	diags.Drop(suppressed(b.res.Site))
	diags.FillExcerpts(func(p string) ([]byte, error) { return readContent(b.src, p) })
}

// generated reports whether the source-relative path names a file kb made.
func generated(src *source.Source, path string) bool {
	p, ok := src.ContentFile(path)
	return ok && src.Generated(p)
}

// readContent reads the content file at the source-relative path as the
// parser read it (UTF-8, whatever the file's encoding, such as UTF-16).
func readContent(src *source.Source, path string) ([]byte, error) {
	p, ok := src.ContentFile(path)
	if !ok {
		return nil, fs.ErrNotExist
	}
	data, err := src.ReadFile(p)
	return article.Text(data), err
}

// write keeps the new output only if all went well: it writes the hosting
// files, then swaps the temporary folder into place, or removes it.
func (b *run) write() error {
	if b.out == nil {
		return nil
	}
	if b.writeErr == nil && !b.res.Diagnostics.HasErrors() {
		b.writeErr = writeHosting(b.res.Site, b.r, b.out, b.redirects)
	}
	if b.writeErr != nil || b.res.Diagnostics.HasErrors() {
		b.out.Abort()
		return b.writeErr
	}
	if err := b.out.Commit(); err != nil {
		return err
	}
	b.res.Written = true
	return nil
}

// mayWrite reports whether pages are to be written as they are rendered: not
// once the model stage has found an error in a content file that stays one
// after config.toml's levels. kb-disable comments are only read when a body
// is rendered, so an error in an article that mentions kb-disable is taken as
// silenced for now; the write decision after the checks settles it.
func mayWrite(found diag.List, src *source.Source, cfg config.Config) bool {
	var pending diag.List
	pending.Merge(found) // a copy: found keeps its diagnostics as they are
	pending.Drop(func(d diag.Diagnostic) bool {
		_, content := src.ContentFile(d.Path)
		return !content || generated(src, d.Path)
	})
	applyLevels(&pending, cfg)
	mentions := map[string]bool{}
	for _, d := range pending.Items() {
		if d.Severity != diag.Error {
			continue
		}
		if d.Line == 0 { // a comment silences a line, never a whole file
			return false
		}
		m, read := mentions[d.Path]
		if !read {
			b, err := readContent(src, d.Path)
			m = err == nil && bytes.Contains(b, []byte("kb-disable"))
			mentions[d.Path] = m
		}
		if !m {
			return false
		}
	}
	return true
}

// suppressed reports the diagnostics that a kb-disable comment in their
// article silences.
func suppressed(s *site.Site) func(diag.Diagnostic) bool {
	byPath := map[string][]article.Suppression{}
	for _, p := range s.Pages {
		if p.Article != nil && len(p.Article.Suppress) > 0 {
			byPath[p.Article.SourcePath()] = p.Article.Suppress
		}
	}
	return func(d diag.Diagnostic) bool {
		for _, s := range byPath[d.Path] {
			if s.Line == d.Line && s.Silences(d.Rule) {
				return true
			}
		}
		return false
	}
}

// applyLevels gives each diagnostic the level config.toml sets for its rule,
// and drops those of rules that are off (by default or by config).
func applyLevels(diags *diag.List, cfg config.Config) {
	diags.Drop(func(d diag.Diagnostic) bool { return ruleOff(cfg, d.Rule) })
	diags.SetSeverity(func(d diag.Diagnostic) diag.Severity {
		if level, set := cfg.Level(d.Rule); set && level != diag.Off {
			return level
		}
		return d.Severity
	})
}

// ruleOff says whether the rule's diagnostics are dropped: config.toml (or
// the docset) turns it off, or it is off by default and nothing turns it on.
func ruleOff(cfg config.Config, rule string) bool {
	level, set := cfg.Level(rule)
	if !set {
		r, known := diag.LookupRule(rule)
		return known && r.Default == diag.Off
	}
	return level == diag.Off
}

// readHeaders reads the front matter of every article of names (content
// paths), one goroutine per core, and returns the articles in input order
// with their diagnostics in that order. made are the YAML pages' Markdown.
func readHeaders(src *source.Source, names []string, made map[string]madePage, diags *diag.List) []*article.Article {
	articles := make([]*article.Article, len(names))
	found := make([]diag.List, len(names))
	parallel(len(names), func(i int) {
		name := names[i]
		if m, ok := made[name]; ok {
			articles[i], found[i] = article.ReadMadeHeader(src.ContentPrefix, name, m.md, m.spans, m.file)
			return
		}
		b, err := src.ReadFile(name)
		if err != nil {
			found[i].Add(diag.Diagnostic{Path: src.ContentPrefix + name, Severity: diag.Error, Rule: diag.RuleRead, Message: err.Error()})
			return
		}
		articles[i], found[i] = article.ReadHeader(src.ContentPrefix, name, b)
	})
	out := articles[:0]
	for i, a := range articles {
		diags.Merge(found[i])
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

// addMatrixFiles adds the support matrix page and matrix.json to the content,
// when the site has a matrix (or one that failed to load, so that links to
// the page are not reported too).
func addMatrixFiles(src *source.Source, m *matrix.Matrix, diags *diag.List) {
	if len(m.Features) == 0 && !m.Failed() {
		return
	}
	js, err := m.JSON(article.PageURL)
	if err != nil {
		diags.Add(diag.Diagnostic{Path: matrix.Dir, Severity: diag.Error, Rule: diag.RuleMatrixJson, Message: err.Error()})
		return
	}
	add(src, compat.PagePath, compat.PageMarkdown(m), diags)
	add(src, compat.JSONPath, js, diags)
}

// addTreeFiles adds a page and a JSON export per decision tree, and a section
// page listing them; a tree that could not be loaded gets a page too, so that
// links to it are not reported as well as its problems.
func addTreeFiles(src *source.Source, trees []*decision.Tree, lost []string, diags *diag.List) {
	if len(trees) == 0 && len(lost) == 0 {
		return
	}
	for _, id := range lost {
		add(src, decisionui.LostPath(id), decisionui.LostPageMarkdown(id), diags)
	}
	add(src, decisionui.IndexPath, decisionui.IndexMarkdown(trees), diags)
	for _, t := range trees {
		js, err := t.JSON(article.PageURL)
		if err != nil {
			diags.Add(diag.Diagnostic{Path: t.File, Severity: diag.Error, Rule: diag.RuleTreeJson, Message: err.Error()})
			continue
		}
		add(src, decisionui.PagePath(t), decisionui.PageMarkdown(t), diags)
		add(src, decisionui.JSONPath(t), js, diags)
	}
}

// add puts a generated file among the content, or reports the file in the
// way.
func add(src *source.Source, path string, data []byte, diags *diag.List) {
	if !src.Add(path, data) {
		diags.Add(diag.Diagnostic{Path: src.ContentPrefix + path, Severity: diag.Error, Rule: diag.RulePageDuplicate,
			Message: "kb makes this file from rules/; rename yours"})
	}
}

// begin makes the temporary output folder with every folder the site needs,
// and writes the theme's assets and the content's other files into it.
func begin(s *site.Site, src *source.Source, r *render.Renderer, dest *output.Dest) (*output.Dir, error) {
	assets, err := r.Assets()
	if err != nil {
		return nil, ConfigError{err}
	}
	out, err := dest.Begin(src.Folder)
	if err != nil {
		return nil, ConfigError{err}
	}
	dirs := map[string]bool{}
	var dirList []string
	addDir := func(file string) {
		if d := path.Dir(file); !dirs[d] {
			dirs[d] = true
			dirList = append(dirList, d)
		}
	}
	for _, p := range s.Pages {
		if !p.Fragment {
			addDir(p.URL)
		}
	}
	for _, f := range s.Static {
		addDir(f)
	}
	if s.Config.Search {
		dirList = append(dirList, search.Dirs()...)
	}
	names := slices.Sorted(maps.Keys(assets))
	for _, name := range names {
		addDir(name)
	}
	if err := out.MkdirAll(dirList); err != nil {
		out.Abort()
		return nil, err
	}
	for _, name := range names {
		if err := out.WriteFile(name, assets[name]); err != nil {
			out.Abort()
			return nil, err
		}
	}
	errs := make([]error, len(s.Static))
	parallel(len(s.Static), func(i int) {
		b, err := src.ReadFile(s.Static[i])
		if err == nil {
			err = out.WriteFile(s.Static[i], b)
		}
		errs[i] = err
	})
	if err := errors.Join(errs...); err != nil {
		out.Abort()
		return nil, err
	}
	return out, nil
}

// renderAll renders every article's body and, when out is not nil, every page,
// writing each as soon as it is rendered so that the bodies of all articles
// are never in memory at once. Diagnostics are merged in page order. The
// YAML pages of made are not read again: their articles hold the Markdown
// made of them, which Render reads.
func renderAll(s *site.Site, src *source.Source, made map[string]madePage, p *article.Parser, r *render.Renderer, out *output.Dir, index *indexer, diags *diag.List) error {
	found := make([]diag.List, len(s.Pages))
	errs := make([]error, len(s.Pages))
	parallel(len(s.Pages), func(i int) {
		page := s.Pages[i]
		// An include is rendered in the articles that include it, and is
		// checked there.
		if a := page.Article; a != nil && !page.Fragment {
			var b []byte
			if _, ok := made[a.Path]; !ok {
				var err error
				if b, err = src.ReadFile(a.Path); err != nil {
					found[i].Add(diag.Diagnostic{Path: a.SourcePath(), Severity: diag.Error, Rule: diag.RuleRead, Message: err.Error()})
					return
				}
			}
			found[i] = p.Render(a, b)
		}
		if out != nil && !page.Fragment {
			html, err := r.Page(page)
			if err == nil {
				err = out.WriteFile(page.URL, html)
			}
			if err == nil {
				err = index.page(page)
			}
			errs[i] = err
		}
		if page.Article != nil {
			page.Article.Body = nil // written; let it go
		}
	})
	mergeFound(s, found, diags)
	// A file shown as a code include is part of its pages, not a download:
	// that it is not published is no news.
	diags.Drop(func(d diag.Diagnostic) bool {
		f, ok := strings.CutPrefix(d.Path, s.ContentPrefix)
		return ok && d.Rule == diag.RuleContentFileSkipped && p.ReadAsCode(f)
	})
	for _, page := range s.Pages {
		if page.Fragment && !p.Included(page.Article.Path) {
			diags.Add(diag.Diagnostic{Path: page.Article.SourcePath(), Severity: diag.Warning, Rule: diag.RuleIncludeUnused,
				Message: "no article includes this file, so no reader sees it and its links are not checked; include it with [!INCLUDE [title](path)], or delete it"})
		}
	}
	return errors.Join(errs...)
}

// mergeFound merges the diagnostics of each page, in page order. One in an
// include is reported once, with the notes of the first article that
// included it, not again for every article that includes the same text.
func mergeFound(s *site.Site, found []diag.List, diags *diag.List) {
	seen := map[string]bool{}
	for i := range found {
		own := ""
		if a := s.Pages[i].Article; a != nil {
			own = a.SourcePath()
		}
		for _, d := range found[i].Items() {
			if d.Path != own && own != "" {
				key := fmt.Sprint(d.Path, ":", d.Line, ":", d.Col, ":", d.Rule, ":", d.Message)
				if seen[key] {
					continue
				}
				seen[key] = true
			}
			diags.Add(d)
		}
	}
}

// parallel calls f(0) … f(n-1) on one goroutine per core and waits. A panic
// in f is raised again in the caller, with the stack where it happened (a
// panic in a goroutine of its own would end the program, kb serve too).
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	var once sync.Once
	var caught error
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { caught = fmt.Errorf("%v\n\n%s", p, debug.Stack()) })
					for range next { // let the others finish
					}
				}
			}()
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if caught != nil {
		panic(caught)
	}
}

// abortOnPanic removes the temporary output folder of a build that panics,
// and lets the panic go on.
func abortOnPanic(out **output.Dir) {
	if p := recover(); p != nil {
		if *out != nil {
			(*out).Abort()
		}
		panic(p)
	}
}
