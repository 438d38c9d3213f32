package config

import (
	"fmt"
	"maps"
	"slices"

	"kb/generator/diag"
	"kb/generator/tomlpos"
)

// Claims holds the settings of the claims checker (package claims,
// docs/checks.md#claims-in-prose): which dimension values an article is
// about when its text does not say.
//
//	[claims.scope]
//	"product-2019/**" = { server = "v2019" }
//	"legacy/*.md"     = { server = ["v2013", "v2016"] }
//
//	[claims.monikers]
//	"product-2019" = { server = "v2019" }
//
//	[claims.phrases]
//	supported = ["is certified for"]
//
//	[claims.marks]
//	"◐" = "limited"
type Claims struct {
	// Scope maps path patterns (relative to the content folder; "dir/**"
	// is everything under dir) to dimension ids and value ids.
	Scope map[string]map[string]any `toml:"scope"`
	// Monikers maps moniker ids (monikerRange, ::: moniker range) likewise.
	Monikers map[string]map[string]any `toml:"monikers"`
	// Phrases are phrases of claims to read besides the built-in ones.
	Phrases ClaimPhrases `toml:"phrases"`
	// Marks map table cell texts to statuses.
	Marks map[string]string `toml:"marks"`

	// Read by readClaims: the same, with the values as lists, and where
	// each entry is written in config.toml.
	ScopeValues, MonikerValues map[string]map[string][]string `toml:"-"`
	ScopeAt, MonikerAt         map[string]int                 `toml:"-"`
	// Where each mark's value, and each phrase (by kind), is written.
	MarkAt   map[string]int   `toml:"-"`
	PhraseAt map[string][]int `toml:"-"`
}

// ClaimPhrases are the lists of [claims.phrases], by kind of claim.
type ClaimPhrases struct {
	Supported    []string `toml:"supported"`
	NotSupported []string `toml:"not-supported"`
	Required     []string `toml:"required"`
	NotRequired  []string `toml:"not-required"`
	History      []string `toml:"history"`
}

// PhraseKinds are the keys of [claims.phrases].
var PhraseKinds = []string{"supported", "not-supported", "required", "not-required", "history"}

// Of returns the phrases of a kind (one of PhraseKinds).
func (p ClaimPhrases) Of(kind string) []string {
	switch kind {
	case "supported":
		return p.Supported
	case "not-supported":
		return p.NotSupported
	case "required":
		return p.Required
	case "not-required":
		return p.NotRequired
	case "history":
		return p.History
	}
	return nil
}

// readClaims checks that each value of [claims.scope] and [claims.monikers]
// is a value id or a list of them, and records where each entry is.
func readClaims(c *Claims, loc *tomlpos.Locator, lines *diag.Lines, diags *diag.List) {
	read := func(section string, in map[string]map[string]any) (map[string]map[string][]string, map[string]int) {
		out := map[string]map[string][]string{}
		at := map[string]int{}
		for _, key := range slices.Sorted(maps.Keys(in)) {
			off, _ := loc.KeyOf(tomlpos.Path{"claims", section, key})
			at[key] = off
			vals := map[string][]string{}
			for _, dim := range slices.Sorted(maps.Keys(in[key])) {
				ok := false
				switch v := in[key][dim].(type) {
				case string:
					vals[dim], ok = []string{v}, true
				case []any:
					ok = len(v) > 0
					for _, x := range v {
						s, isString := x.(string)
						if !isString {
							ok = false
							break
						}
						vals[dim] = append(vals[dim], s)
					}
				}
				if !ok {
					diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
						"[claims.%s] %q: %s = %s is not a value id or a list of them; write, for example, { %s = \"v2019\" }",
						section, key, dim, fmt.Sprint(in[key][dim]), dim))
					delete(vals, dim)
				}
			}
			out[key] = vals
		}
		return out, at
	}
	c.ScopeValues, c.ScopeAt = read("scope", c.Scope)
	c.MonikerValues, c.MonikerAt = read("monikers", c.Monikers)
	c.MarkAt = map[string]int{}
	for key := range c.Marks {
		c.MarkAt[key], _ = loc.ValueOf(tomlpos.Path{"claims", "marks", key})
	}
	c.PhraseAt = map[string][]int{}
	for _, kind := range PhraseKinds {
		for i := range c.Phrases.Of(kind) {
			off, _ := loc.ValueOf(tomlpos.Path{"claims", "phrases", kind, i})
			c.PhraseAt[kind] = append(c.PhraseAt[kind], off)
		}
	}
}
