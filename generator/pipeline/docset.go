package pipeline

import (
	"net/url"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/docfx"
)

// docset makes a DocFX repository's content what its docfx.json files
// publish: a file that no build.content or build.resource glob names is
// left out (links to it are link-unpublished), but for the includes, which
// stay as fragments, and the TOCs, which the navigation reads. The rules'
// levels become a docset's (diag.DocsetLevel).
func (b *run) docset() {
	if b.repo == nil {
		return
	}
	b.cfg.Docfx.Repository = true
	for _, f := range slices.Concat(b.src.Markdown, b.src.Static) {
		switch b.repo.Published(f) {
		case docfx.Content, docfx.Resource, docfx.TOC:
			continue
		}
		if strings.HasSuffix(f, ".md") && article.IsFragment(f) {
			continue // an include: rendered where it is included
		}
		why := "docfx.json does not publish it (no build.content or build.resource glob names it)"
		if b.repo.Docset(f) == nil {
			why = "it is in no docset of .openpublishing.publish.config.json"
		}
		b.src.Drop(f, why)
	}
}

// docsetLinks is how the parser reads site-absolute links in a DocFX
// repository's articles; nil for any other site.
func (b *run) docsetLinks() *article.Docset {
	if b.repo == nil {
		return nil
	}
	return &article.Docset{
		Resolve: func(u string) (string, bool) {
			target, inRepo, _ := b.repo.Resolve(u, b.src)
			return target, inRepo
		},
		Host: b.cfg.Docfx.LearnHost,
		Root: func(p string) string {
			if d := b.repo.Docset(p); d != nil {
				return d.Folder
			}
			return ""
		},
	}
}

// inherit gives each article of a docset the metadata of its docfx.json
// (globalMetadata, then the fileMetadata whose globs match it) that its
// front matter does not set, as DocFX merges them.
func (b *run) inherit(articles []*article.Article) {
	if b.repo == nil {
		return
	}
	for _, a := range articles {
		a.Meta.Inherit(b.repo.Metadata(a.Path))
	}
}

// tocLinks is how the TOCs read site-absolute hrefs in a DocFX repository:
// the content file of one of its docsets, or (for a missing one) the path
// as written, which is then reported; any other is a page of Learn. nil
// for any other site.
func (b *run) tocLinks() func(href string) (file, url string) {
	if b.repo == nil {
		return nil
	}
	return func(href string) (string, string) {
		p, _, _ := strings.Cut(href, "#")
		p, _, _ = strings.Cut(p, "?")
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		target, inRepo, _ := b.repo.Resolve(p, b.src)
		switch {
		case target != "":
			return target, ""
		case inRepo:
			return strings.TrimPrefix(p, "/"), ""
		}
		return "", b.cfg.Docfx.LearnHost + href
	}
}
