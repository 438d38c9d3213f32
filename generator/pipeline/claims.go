package pipeline

import (
	"fmt"
	"maps"
	"slices"

	"kb/generator/article"
	"kb/generator/claims"
	"kb/generator/config"
	"kb/generator/diag"
	"kb/generator/matrix"
)

// claimsAnalyzers returns the claims checker and its analyzer, or neither
// when config.toml turns off every rule it reports (claims.RuleIDs) and no
// explanation is asked for: its findings would all be dropped, and reading
// the claims is most of a check's work. config.toml's [claims] is checked
// either way.
func (b *run) claimsAnalyzers(diags *diag.List) (*claims.Checker, []article.Analyzer) {
	checker := b.claimsChecker(diags)
	if !b.opts.Explain && allOff(b.cfg, claims.RuleIDs()) {
		return nil, nil
	}
	return checker, []article.Analyzer{checker.Analyze}
}

// allOff says whether every one of rules is off (ruleOff).
func allOff(cfg config.Config, rules []string) bool {
	for _, r := range rules {
		if !ruleOff(cfg, r) {
			return false
		}
	}
	return true
}

// claimsChecker returns the claims checker of the site, with the scope,
// monikers, phrases and marks of config.toml's [claims], reporting the
// entries that name what the support matrix does not have or are not
// phrases or marks.
func (b *run) claimsChecker(diags *diag.List) *claims.Checker {
	c := b.cfg.Claims
	o := claims.Options{Keep: b.opts.Explain, Monikers: map[string]map[string][]string{}}
	report := func(section, key string, at int, problem string) {
		if b.cfg.Lines != nil {
			diags.Add(b.cfg.Lines.At(config.FileName, at, diag.Error, diag.RuleConfigValue, "[claims.%s] %q: %s", section, key, problem))
		}
	}
	if len(b.m.Features) > 0 {
		for _, key := range slices.Sorted(maps.Keys(c.ScopeValues)) {
			if !claims.ValidPattern(key) {
				report("scope", key, c.ScopeAt[key], "not a path pattern; write one such as \"product-2019/**\" or \"legacy/*.md\", from the content folder")
				continue
			}
			for _, p := range claims.CheckValues(b.m, c.ScopeValues[key]) {
				report("scope", key, c.ScopeAt[key], p)
			}
			o.Scope = append(o.Scope, claims.Rule{Pattern: key, Values: c.ScopeValues[key]})
		}
		for _, key := range slices.Sorted(maps.Keys(c.MonikerValues)) {
			for _, p := range claims.CheckValues(b.m, c.MonikerValues[key]) {
				report("monikers", key, c.MonikerAt[key], p)
			}
			o.Monikers[key] = c.MonikerValues[key]
		}
	}
	// Phrases and marks do not depend on the matrix: checked always. A
	// phrase CheckPhrase rejects is reported here and left out by the checker.
	for _, kind := range config.PhraseKinds {
		for i, p := range c.Phrases.Of(kind) {
			if problem := claims.CheckPhrase(p); problem != "" && b.cfg.Lines != nil {
				diags.Add(b.cfg.Lines.At(config.FileName, c.PhraseAt[kind][i], diag.Error, diag.RuleConfigValue, "[claims.phrases] %s: %s", kind, problem))
			}
		}
	}
	o.Phrases = claims.Phrases(c.Phrases)
	folded := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(c.Marks)) {
		s, problem := claims.CheckMark(key, c.Marks[key])
		if problem == "" {
			if first, ok := folded[claims.MarkKey(key)]; ok {
				problem = fmt.Sprintf("the same mark as %q (marks are compared without letter case and the * _ . around them); keep one", first)
			}
			folded[claims.MarkKey(key)] = key
		}
		if problem != "" {
			report("marks", key, c.MarkAt[key], problem)
			continue
		}
		if o.Marks == nil {
			o.Marks = map[string]matrix.Status{}
		}
		o.Marks[key] = s
	}
	checker := claims.NewWith(b.m, o)
	if b.opts.Explain && len(b.m.Features) > 0 && !b.m.Failed() {
		b.res.Claims = checker // without a matrix, no claim is read
	}
	return checker
}
