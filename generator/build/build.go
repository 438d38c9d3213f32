// Package build is kb's driver. Build runs the pipeline, one stage per call:
//
//	load    source.Load lists the files; output.Take holds the destination
//	        (one build of it at a time) and puts back a previous site that
//	        a killed build left moved aside; config.Load reads the settings;
//	        matrix.Load and decision.Load read the rules
//	model   article.ReadHeader reads every article's front matter (in
//	        parallel, results kept in input order); site.New arranges the
//	        articles into the page tree
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
package build

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"kb/generator/article"
	"kb/generator/check"
	"kb/generator/claims"
	"kb/generator/compat"
	"kb/generator/config"
	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/diag"
	"kb/generator/embed"
	"kb/generator/hosting"
	"kb/generator/matrix"
	"kb/generator/output"
	"kb/generator/render"
	"kb/generator/site"
	"kb/generator/source"
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
}

// Result is what a build found and made.
type Result struct {
	Site        *site.Site
	Trees       []*decision.Tree
	Diagnostics diag.List
	Written     bool
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
	res := &Result{}
	// load
	src, err := source.Load(opts.Source, opts.Dest)
	if err != nil {
		return nil, ConfigError{err}
	}
	res.Diagnostics.Merge(src.Diagnostics)
	// One build of a destination at a time; holding it puts back a previous
	// site that a killed build left moved aside, even if this build fails.
	var dest *output.Dest
	if !opts.Check {
		if dest, err = output.Take(opts.Dest, output.Options{Waiting: opts.Waiting}); err != nil {
			return nil, ConfigError{err}
		}
		defer dest.Release()
	}
	var cfgDiags diag.List
	cfg := config.Load(src.Root, &cfgDiags)
	if cfgDiags.HasErrors() {
		res.Diagnostics = cfgDiags
		return res, ConfigError{fmt.Errorf("%s has errors", config.FileName)}
	}
	res.Diagnostics.Merge(cfgDiags)
	// Content files that could run script are not published
	// (docs/security.md); before the generated files are added.
	var found diag.List
	src.Publish(cfg.Content.Publish, &found)
	m := matrix.Load(src.Root, &res.Diagnostics)
	addMatrixFiles(src, m, &res.Diagnostics)
	if cfg.Search {
		add(src, searchPage, searchPageMarkdown, &res.Diagnostics)
	}
	res.Trees = decision.Load(src.Root, m, &res.Diagnostics)
	lostTrees := decision.Lost(src.Root, res.Trees)
	addTreeFiles(src, res.Trees, lostTrees, &res.Diagnostics)
	// With the site's published address (baseURL), the embeds' URLs are
	// absolute, as wikis on other hosts need them.
	embeds := embed.New(res.Trees, embed.Options{SiteTitle: cfg.Title, Language: cfg.Language, Base: cfg.BaseURL})

	// model: every article's front matter, then the page tree. Content
	// diagnostics are made with paths relative to the content folder and
	// reported relative to the source folder.
	articles, stubs := hosting.Stubs(readHeaders(src, &found))
	res.Site = site.New(cfg, articles, src.Static, &found)
	embeds.Check(res.Site, &found)

	// render (and write into a temporary folder, unless there are errors
	// already or only checking was asked for)
	r, err := render.New(res.Site, src.Theme)
	if render.Report(err, &res.Diagnostics) {
		err = errors.New("the theme has errors")
	}
	if err != nil {
		return res, ConfigError{err}
	}
	r.Edition = opts.Edition
	r.Alternates = embeds.Alternates()
	var out *output.Dir
	defer abortOnPanic(&out)
	if !opts.Check && mayWrite(found, src, cfg) {
		if out, err = begin(res.Site, src, r, dest); err != nil {
			return res, err
		}
		if err = writeEmbeds(out, r, embeds); err != nil {
			return res, err
		}
	}
	handlers := map[string]article.Handler{"compat": compat.Handler(m), "decision": decisionui.Handler(res.Trees, lostTrees...),
		"decision-embed": embeds.Handler(lostTrees...), "search": searchHandler}
	analyzers := []article.Analyzer{claims.New(m).Analyze}
	var index *indexer
	if out != nil && cfg.Search {
		index = newIndexer(res.Site, out)
		analyzers = append(analyzers, article.CollectSections)
	}
	parser := article.NewParser(src, handlers, analyzers...)
	writeErr := renderAll(res.Site, src, parser, r, out, index, &found)
	if render.Report(writeErr, &res.Diagnostics) {
		writeErr = ConfigError{errors.New("the theme has errors")}
	}
	// The search index's shards are made while the checks run: both only
	// read the model.
	indexErr := make(chan error, 1)
	if writeErr == nil && index != nil {
		go func() {
			defer func() { // a panic here would end the program, kb serve too
				if p := recover(); p != nil {
					indexErr <- fmt.Errorf("internal error in kb while writing the search index: %v\n\n%s", p, debug.Stack())
				}
			}()
			indexErr <- index.finish(m, res.Trees)
		}()
	} else {
		indexErr <- nil
	}

	// check
	check.Site(res.Site, &found)
	check.FrontMatter(res.Site, cfg, m, src.Generated, &found)
	// A problem in a generated page (a feature's missing article, linked from
	// the support matrix page) is reported where it was made, in rules/.
	found.Drop(func(d diag.Diagnostic) bool { return src.Generated(d.Path) })
	found.Drop(suppressed(res.Site))
	found.FillExcerpts(func(p string) ([]byte, error) { // as the parser read them (UTF-16, CR line ends)
		b, err := src.ReadFile(p)
		return article.Text(b), err
	})
	found.Rebase(src.ContentPrefix)
	res.Diagnostics.Merge(found)
	check.Matrix(res.Site, m, &res.Diagnostics)
	check.Trees(res.Site, m, res.Trees, &res.Diagnostics, lostTrees...)
	redirects := hosting.Redirects(res.Site, stubs, src, &res.Diagnostics)
	applyLevels(&res.Diagnostics, cfg)
	if err := <-indexErr; writeErr == nil {
		writeErr = err
	}

	// write: keep the new output only if all went well
	if out == nil {
		return res, nil
	}
	if writeErr == nil && !res.Diagnostics.HasErrors() {
		writeErr = writeHosting(res.Site, r, out, redirects)
	}
	if writeErr != nil || res.Diagnostics.HasErrors() {
		out.Abort()
		return res, writeErr
	}
	if err := out.Commit(); err != nil {
		return res, err
	}
	res.Written = true
	return res, nil
}

// mayWrite reports whether pages are to be written as they are rendered: not
// once the model stage has found an error that stays one after config.toml's
// levels. kb-disable comments are only read when a body is rendered, so an
// error in an article that mentions kb-disable is taken as silenced for now;
// the write decision after the checks settles it.
func mayWrite(found diag.List, src *source.Source, cfg config.Config) bool {
	var pending diag.List
	pending.Merge(found) // a copy: found keeps its diagnostics as they are
	pending.Drop(func(d diag.Diagnostic) bool { return src.Generated(d.Path) })
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
			b, err := src.ReadFile(d.Path)
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
			byPath[p.Article.Path] = p.Article.Suppress
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
	diags.Drop(func(d diag.Diagnostic) bool {
		level, set := cfg.Level(d.Rule)
		if !set {
			r, known := diag.LookupRule(d.Rule)
			return known && r.Default == diag.Off
		}
		return level == diag.Off
	})
	diags.SetSeverity(func(d diag.Diagnostic) diag.Severity {
		if level, set := cfg.Level(d.Rule); set && level == diag.WarningLevel {
			return diag.Warning
		} else if set && level == diag.ErrorLevel {
			return diag.Error
		}
		return d.Severity
	})
}

// readHeaders reads every article's front matter, one goroutine per core, and
// returns the articles in input order with their diagnostics in that order.
func readHeaders(src *source.Source, diags *diag.List) []*article.Article {
	articles := make([]*article.Article, len(src.Markdown))
	found := make([]diag.List, len(src.Markdown))
	parallel(len(src.Markdown), func(i int) {
		name := src.Markdown[i]
		b, err := src.ReadFile(name)
		if err != nil {
			found[i].Add(diag.Diagnostic{Path: name, Severity: diag.Error, Rule: "read", Message: err.Error()})
			return
		}
		articles[i], found[i] = article.ReadHeader(name, b)
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
		diags.Add(diag.Diagnostic{Path: matrix.Dir, Severity: diag.Error, Rule: "matrix-json", Message: err.Error()})
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
	add(src, decisionui.Folder+"/index.md", decisionui.IndexMarkdown(trees), diags)
	for _, t := range trees {
		js, err := t.JSON(article.PageURL)
		if err != nil {
			diags.Add(diag.Diagnostic{Path: t.File, Severity: diag.Error, Rule: "tree-json", Message: err.Error()})
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
		diags.Add(diag.Diagnostic{Path: src.ContentPrefix + path, Severity: diag.Error, Rule: "page-duplicate",
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
		dirList = append(dirList, "search", "search/t", "search/d")
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
// are never in memory at once. Diagnostics are merged in page order.
func renderAll(s *site.Site, src *source.Source, p *article.Parser, r *render.Renderer, out *output.Dir, index *indexer, diags *diag.List) error {
	found := make([]diag.List, len(s.Pages))
	errs := make([]error, len(s.Pages))
	parallel(len(s.Pages), func(i int) {
		page := s.Pages[i]
		if a := page.Article; a != nil {
			b, err := src.ReadFile(a.Path)
			if err != nil {
				found[i].Add(diag.Diagnostic{Path: a.Path, Severity: diag.Error, Rule: "read", Message: err.Error()})
				return
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
	for i := range found {
		diags.Merge(found[i])
	}
	return errors.Join(errs...)
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
