// Package check holds the checks that need the whole site: those that compare
// one article with another, and the support matrix and the decision trees
// with the articles. Checks that need one file only run while that file is
// parsed (package article). This package runs after every page is rendered,
// since the checks need the headings, anchors and links that rendering
// collects; the pages are written into a temporary folder that replaces the
// output only when no check found an error, so that a site with errors is
// never published.
//
// Each check appends diagnostics with a stable rule id:
//
//	link-missing-anchor   a link's #anchor names no heading or anchor of its target
package check

import (
	"slices"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/site"
)

// Site checks every link with an #anchor against its target's headings.
// read reads a content file by its path relative to the source folder, as
// the articles were parsed from it (article.Text), so that the positions of
// their links are placed when a diagnostic is made at one.
//
// The anchors of links to the pages unchecked (content-relative paths) are
// not checked: generated pages that lack sections because what they show
// did not load (the support matrix page of a matrix that Failed, the page of
// a lost tree), whose own problems say why.
func Site(s *site.Site, read Read, diags *diag.List, unchecked ...string) {
	anchors(s, newPlaces(read), unchecked, diags)
}

// Read reads a content file by its path relative to the source folder, as
// article.Text makes it, for placing the positions of links (article.Link)
// found in it.
type Read func(path string) ([]byte, error)

// places turns the positions of links into lines and columns, reading each
// article again at most once and only when a diagnostic is made in it: the
// articles' texts are not kept after they are parsed.
type places struct {
	read  Read
	files diag.Files
	tried map[string]bool
}

func newPlaces(read Read) *places { return &places{read: read, tried: map[string]bool{}} }

// lines makes sure the file of p, and those it was included from, are in
// the table, if they can be read.
func (pl *places) lines(p diag.Pos) *diag.Files {
	for v := &p; v != nil; v = v.Via {
		if !pl.tried[v.File] {
			pl.tried[v.File] = true
			if src, err := pl.read(v.File); err == nil {
				pl.files.Add(v.File, src)
			}
		}
	}
	return &pl.files
}

// at makes a diagnostic at p, with a note at each [!INCLUDE] that brought
// the text at p into its article.
func (pl *places) at(p diag.Pos, sev diag.Severity, rule, format string, args ...any) diag.Diagnostic {
	return pl.lines(p).At(p, sev, rule, format, args...)
}

// position returns the line and column of p (0, 0 in a file that cannot be
// read).
func (pl *places) position(p diag.Pos) (line, col int) { return pl.lines(p).Position(p) }

// targets knows every article and, once asked, its set of anchors.
type targets struct {
	byPath map[string]*article.Article
	ids    map[*article.Article]map[string]bool
}

func newTargets(s *site.Site) *targets {
	t := &targets{byPath: map[string]*article.Article{}, ids: map[*article.Article]map[string]bool{}}
	for _, p := range s.Pages {
		if p.Article != nil {
			t.byPath[p.Article.Path] = p.Article
		}
	}
	return t
}

// has reports whether a has a heading or raw anchor with id.
func (t *targets) has(a *article.Article, id string) bool {
	set, ok := t.ids[a]
	if !ok {
		set = map[string]bool{}
		for _, h := range a.Headings {
			set[h.ID] = true
		}
		for _, x := range a.Anchors {
			set[x] = true
		}
		t.ids[a] = set
	}
	return set[id]
}

// anchors checks every link with an #anchor against its target's headings.
func anchors(s *site.Site, pl *places, unchecked []string, diags *diag.List) {
	t := newTargets(s)
	for _, p := range s.Pages {
		a := p.Article
		if a == nil {
			continue
		}
		for _, l := range a.Links {
			target, ok := t.byPath[l.Target]
			if !ok || t.has(target, l.Anchor) || slices.Contains(unchecked, l.Target) {
				continue // not an article (the link itself was checked while parsing), fine, or not checked
			}
			diags.Add(pl.at(l.Pos, diag.Error, diag.RuleLinkMissingAnchor, "%s", anchorMessage(l.Anchor, target)))
		}
	}
}

func anchorMessage(anchor string, target *article.Article) string {
	msg := `"#` + anchor + `" is not a heading or anchor of ` + target.Path
	if len(target.Headings) == 0 && len(target.Anchors) == 0 {
		return msg + ", which has no headings; link to the page without an anchor"
	}
	best := article.ClosestID(anchor, target.IDs())
	return msg + `; did you mean "#` + best + `"?`
}
