package pipeline

import (
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
	b.src.RefreshDirs()
}

// docsetLinks is how the parser reads site-absolute links in a DocFX
// repository's articles; nil for any other site.
func (b *run) docsetLinks() *article.Docset {
	if b.repo == nil {
		return nil
	}
	return &article.Docset{
		Resolve: func(u string) (string, bool, bool) { return b.repo.Resolve(u, b.src) },
		Host:    b.cfg.Docfx.LearnHost,
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
