package pipeline

import (
	"cmp"
	"path"
	"slices"

	"kb/generator/article"
	"kb/generator/docfx"
)

// selections are the site's monikers, defined once: config.toml's
// [monikers]; else, in a DocFX repository, the ids its docsets'
// moniker_ranges name, in the order written (docset by docset); else none,
// and each article's are the ids it names (article.Selections).
func (b *run) selections() article.Selections {
	if v := b.cfg.Monikers.Versions; len(v) > 0 {
		s := article.Selections{From: "config.toml's [monikers]"}
		for _, m := range v {
			s.Monikers = append(s.Monikers, article.Option{ID: m.ID, Title: cmp.Or(m.Title, m.ID)})
		}
		return s
	}
	if b.repo == nil {
		return article.Selections{}
	}
	s := article.Selections{From: docfx.PublishConfig + "'s moniker_ranges"}
	var ids []string
	for _, d := range b.repo.Docsets {
		for _, r := range d.MonikerRanges {
			for _, id := range article.RangeMonikers(r) {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
					s.Monikers = append(s.Monikers, article.Option{ID: id, Title: id})
				}
			}
		}
	}
	return s
}

// withoutPivotGroups leaves out the zone-pivot-groups.yml files, which
// define the articles' zone pivots and are not published (like toc.yml);
// they stay readable for the parser.
func withoutPivotGroups(files []string) []string {
	return slices.DeleteFunc(slices.Clone(files), func(f string) bool { return path.Base(f) == article.PivotGroupsFile })
}
