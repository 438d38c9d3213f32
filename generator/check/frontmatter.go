package check

import (
	"fmt"
	"slices"
	"strings"

	"kb/generator/article"
	"kb/generator/config"
	"kb/generator/diag"
	"kb/generator/matrix"
	"kb/generator/site"
)

// knownKeys are the front matter keys kb reads, and those Microsoft Docs
// articles commonly carry, for front-matter-unknown-key.
var knownKeys = []string{
	"title", "description", "ms.date", "author", "ms.author", "ms.topic", "ms.assetid", "order", "hidden",
	"features", "products", "manager", "ms.service", "ms.subservice", "ms.prod", "ms.technology", "ms.custom",
	"ms.collection", "ms.reviewer", "ms.localizationpriority", "localization_priority", "ms.audience", "audience",
	"f1.keywords", "search.appverid", "appliesto", "titleSuffix", "ROBOTS", "redirect_url", "keywords",
	"ms.devlang", "ms.search.form", "recommendations", "uid", "zone_pivot_groups", "monikerRange",
}

// FrontMatter runs the checks that compare articles' front matter:
//
//	front-matter-duplicate-title    two articles share a title (warning)
//	front-matter-duplicate-assetid  two articles share an ms.assetid
//	front-matter-unknown-key        a key kb does not know (off unless enabled)
//	front-matter-applies            features: or products: name unknown ids
//	page-orphan                     a hidden article no other article links to
//
// Generated pages are left out. read reads a content file as the articles
// were parsed from it (article.Text), so that the keys' offsets
// (article.Key) are placed when a diagnostic is made at one; a finding
// concerns the line of its key, column 1.
func FrontMatter(s *site.Site, cfg config.Config, m *matrix.Matrix, generated func(string) bool, read Read, diags *diag.List) {
	var articles []*article.Article
	for _, p := range s.Pages {
		if p.Article != nil && !p.Fragment && !generated(p.Article.Path) {
			articles = append(articles, p.Article)
		}
	}
	pl := newPlaces(read)
	duplicates(pl, articles, "title", func(a *article.Article) string { return a.Meta.Title }, diag.RuleFrontMatterDuplicateTitle, diag.Warning, diags)
	duplicates(pl, articles, "ms.assetid", func(a *article.Article) string { return strings.ToLower(a.Meta.AssetID) }, diag.RuleFrontMatterDuplicateAssetid, diag.Error, diags)
	known := append(slices.Clone(knownKeys), cfg.Check.FrontMatterKeys...)
	for _, a := range articles {
		for _, k := range a.Meta.Keys {
			if !slices.Contains(known, k.Name) {
				diags.Add(diag.Diagnostic{Path: a.SourcePath(), Line: pl.line(a, k.At), Col: 1, Severity: diag.Warning, Rule: diag.RuleFrontMatterUnknownKey,
					Message: fmt.Sprintf("unknown front matter key %q; fix its spelling, or list it in config.toml under [check] front-matter-keys", k.Name)})
			}
		}
		applies(pl, a, m, diags)
	}
	orphans(pl, s, articles, diags)
}

// keyLine returns the line of an article's front matter key, or 1 (the ---
// line) when it is absent.
func (pl *places) keyLine(a *article.Article, key string) int {
	return pl.line(a, a.Meta.At(key))
}

// line returns the line of a byte offset in an article's text (0 when the
// article cannot be read again).
func (pl *places) line(a *article.Article, offset int) int {
	line, _ := pl.position(diag.Pos{File: a.SourcePath(), Offset: offset})
	return line
}

// duplicates reports articles whose key (by value) repeats an earlier one's.
func duplicates(pl *places, articles []*article.Article, key string, value func(*article.Article) string, rule string, sev diag.Severity, diags *diag.List) {
	first := map[string]*article.Article{}
	for _, a := range articles {
		v := value(a)
		if v == "" {
			continue
		}
		if f, dup := first[v]; dup {
			diags.Add(diag.Diagnostic{Path: a.SourcePath(), Line: pl.keyLine(a, key), Col: 1, Severity: sev, Rule: rule,
				Message: fmt.Sprintf("%s %q is also the %s of another article; give each article its own", key, value(a), key),
				Notes:   []diag.Note{{Path: f.SourcePath(), Line: pl.keyLine(f, key), Col: 1, Message: "the other article's " + key}}})
			continue
		}
		first[v] = a
	}
}

// applies checks the ids an article declares it applies to, unless the
// matrix Failed to load (the ids may be among what it lost).
func applies(pl *places, a *article.Article, m *matrix.Matrix, diags *diag.List) {
	if m.Failed() {
		return
	}
	for _, key := range []string{"features", "products"} {
		v, ok := a.Meta.Params[key]
		if !ok {
			continue
		}
		var ids []string
		switch v := v.(type) {
		case string:
			ids = []string{v}
		case []any:
			for _, x := range v {
				ids = append(ids, fmt.Sprint(x))
			}
		}
		for _, id := range ids {
			if key == "features" && m.Feature(id) == nil {
				diags.Add(diag.Diagnostic{Path: a.SourcePath(), Line: pl.keyLine(a, key), Col: 1, Severity: diag.Error, Rule: diag.RuleFrontMatterApplies,
					Message: fmt.Sprintf("features: %q is not a feature of the support matrix; the features are %s", id, m.FeatureIDs())})
			}
			if key == "products" && !isValue(m, id) {
				diags.Add(diag.Diagnostic{Path: a.SourcePath(), Line: pl.keyLine(a, key), Col: 1, Severity: diag.Error, Rule: diag.RuleFrontMatterApplies,
					Message: fmt.Sprintf("products: %q is not a value of any dimension of the support matrix; the values are %s", id, m.ValueIDs())})
			}
		}
	}
}

// orphans reports hidden articles that no other article links to.
func orphans(pl *places, s *site.Site, articles []*article.Article, diags *diag.List) {
	linked := map[string]bool{}
	for _, a := range articles {
		for _, t := range a.LinksTo {
			if t != a.Path {
				linked[t] = true
			}
		}
	}
	for _, p := range s.Pages {
		if p.Hidden && !linked[p.Article.Path] {
			diags.Add(diag.Diagnostic{Path: p.Article.SourcePath(), Line: pl.keyLine(p.Article, "hidden"), Col: 1, Severity: diag.Warning, Rule: diag.RulePageOrphan,
				Message: "this article is hidden from the navigation and no other article links to it, so readers cannot find it; link to it or remove hidden: true"})
		}
	}
}

func isValue(m *matrix.Matrix, id string) bool {
	for _, d := range m.Dimensions {
		if d.Value(id) != nil {
			return true
		}
	}
	return false
}
