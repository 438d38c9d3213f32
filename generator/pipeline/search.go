package pipeline

import (
	"strings"

	"kb/generator/article"
	"kb/generator/compat"
	"kb/generator/decision"
	"kb/generator/decisionui"
	"kb/generator/matrix"
	"kb/generator/output"
	"kb/generator/search"
	"kb/generator/site"
)

// searchPage is the generated article that shows full search results; its
// directive becomes the container the search script fills from ?q=.
const searchPage = search.PagePath

var searchPageMarkdown = []byte(`---
title: "Search"
description: "Search results."
hidden: true
---
:::` + searchDirective + `:::
`)

// searchDirective is the name of the directive searchHandler renders.
const searchDirective = "search"

// searchHandler renders the container of the search page's results.
func searchHandler(article.Call) (string, []article.Problem) {
	return `<div id="search-page" role="region" aria-live="polite" aria-label="Search results">` +
		`<p>Type in the search box above; results appear as you type.</p></div>` + "\n" +
		`<noscript><p>Search needs JavaScript. Every page is also reachable from the navigation.</p></noscript>` + "\n", nil
}

// indexer adds every page to the search index as it is rendered, then the
// matrix features and decision outcomes, and writes the index files.
type indexer struct {
	idx  *search.Index
	ids  map[*site.Page]int
	n    int
	home *site.Page
	out  *output.Dir
}

func newIndexer(s *site.Site, out *output.Dir) *indexer {
	x := &indexer{idx: search.NewIndex(), ids: map[*site.Page]int{}, out: out, home: s.Home}
	for _, p := range s.Pages {
		if p.Article != nil && !p.Fragment && !p.Article.Meta.NoIndex && p.Article.Path != searchPage {
			x.ids[p] = x.n
			x.n++
		}
	}
	return x
}

// page indexes one rendered page and writes its document file. A nil indexer
// (search is off) does nothing.
func (x *indexer) page(p *site.Page) error {
	if x == nil {
		return nil
	}
	id, ok := x.ids[p]
	if !ok {
		return nil
	}
	a := p.Article
	doc := search.Doc{Title: p.Title, URL: p.URL, Breadcrumb: breadcrumb(x.home, p)}
	for _, s := range a.Sections {
		doc.Sections = append(doc.Sections, search.Section{Anchor: s.Anchor, Heading: s.Heading, Text: s.Text})
	}
	a.Sections = nil // indexed; let it go
	return x.out.WriteFile(search.DocPath(id), x.idx.Add(id, doc))
}

// finish indexes the matrix features and the decision outcomes, then writes
// the manifest and the term shards.
func (x *indexer) finish(m *matrix.Matrix, trees []*decision.Tree) error {
	add := func(doc search.Doc) error {
		id := x.n
		x.n++
		return x.out.WriteFile(search.DocPath(id), x.idx.Add(id, doc))
	}
	for _, f := range m.Features {
		text := strings.TrimSpace(f.Description + " " + strings.Join(f.Aliases, ", "))
		doc := search.Doc{Title: f.Name, URL: article.PageURL(compat.PagePath) + "#" + article.HeadingID(f.Name), Breadcrumb: "Support matrix",
			Sections: []search.Section{{Anchor: article.HeadingID(f.Name), Text: text}}}
		if err := add(doc); err != nil {
			return err
		}
	}
	for _, t := range trees {
		for _, n := range t.Nodes {
			if !n.Outcome {
				continue
			}
			anchor := t.ID + "-" + n.ID
			doc := search.Doc{Title: n.Title, URL: article.PageURL(decisionui.PagePath(t)) + "#" + anchor, Breadcrumb: "Decision trees › " + t.Title,
				Sections: []search.Section{{Anchor: anchor, Text: n.Body}}}
			if err := add(doc); err != nil {
				return err
			}
		}
	}
	for name, data := range x.idx.Files() {
		if err := x.out.WriteFile(name, data); err != nil {
			return err
		}
	}
	return nil
}

// breadcrumb is "Home › Section › Page".
func breadcrumb(home, p *site.Page) string {
	var parts []string
	for _, a := range p.Crumbs(home) {
		parts = append(parts, a.Title)
	}
	return strings.Join(append(parts, p.Title), " › ")
}
