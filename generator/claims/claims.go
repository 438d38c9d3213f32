// Package claims finds support claims in the prose of articles and checks them
// against the support matrix.
//
// A claim is read from a unit of text: a sentence (or a clause of one, split
// at ";", at "but", "while", "whereas", "however", and before ", and
// neither is" and "nor is"), a heading, the title
// or description, a list item, or a table cell. It has
//
//   - one or more features of the matrix, named by name or alias; a clause that
//     names none takes the feature of the clause before it, a list item that of
//     its lead-in, a table cell that of its row or column header, and a
//     heading or a sentence the feature of the article when its title, H1 or
//     description names exactly one;
//   - dimension values, named by name or alias, with ranges ("X or later",
//     "at least X", "a minimum of X", "X or higher", "newer than X", "before
//     X", "up to X", "X or earlier") read in the dimension's order; values of
//     a dimension the unit does not name come from its context: the heading
//     chain, the moniker block, the article's H1, title or description (when it
//     names exactly one value of the dimension), the front matter's
//     monikerRange and the article's path ([claims] in config.toml), and
//     what the article applies to (products: in the front matter, an
//     "APPLIES TO:" banner; appliesto.go), which a claim need only hold for
//     one value of;
//   - a phrase: negative ("is not supported", "no longer supported", "does not
//     support", "can't be deployed"), positive ("is supported", "supports",
//     "we recommend", "preferred", "can use", "with limitations"), or a
//     requirement ("requires X", "X is required", "must run", "need to be
//     running", a minimum range). A heading, a list item under a lead-in and a
//     table cell need no phrase: they present their values as supported
//     (or as the lead-in or the cell mark says: X, ✓, Yes, Supported, Not
//     supported, No).
//
// config.toml's [claims.phrases] and [claims.marks] (Options.Phrases,
// Options.Marks) add phrases of each kind and cell marks; each Checker
// compiles its own, and the built-in matchers stay shared and read-only.
//
// What is not a claim: past tense and "previously" (history), "does not
// require" (no statement about support), code and raw HTML attributes. An
// introductory phrase ("If you use X,", "Before you install X,", "To run X,",
// "In X,") restricts the scope of the claim: its values are the versions the
// claim must hold for, and its features are not claimed. So is what follows
// "is required for": "X is required for F with Y" claims X for every Y.
//
// A requirement or a minimum claims that its minimum is supported: "requires
// .NET Framework 4.7.2" does not say "only 4.7.2", and "Windows Server 2008
// or later" claims Windows Server 2008. A positive claim is contradicted when
// every cell it selects is not supported, for some value of its scope; a
// negative one when every cell it selects is supported (limited support is
// not contradicted by "not supported": some configurations are not). An
// "only" claim ("supported only on X") is also contradicted when a value it
// leaves out is supported. Cells the matrix does not cover are left out; a
// claim with no covered cell is never reported. So a claim that is true for
// some of its cells is not reported: the checker prefers silence to a false
// alarm.
//
// Authors can state a claim explicitly, checked strictly (every selected cell
// must have the status):
//
//	<!-- kb-claim mirroring server=sfb2019 status=not-supported -->
//
// and silence one sentence with <!-- kb-disable-next-line claim-contradiction -->.
package claims

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// Options configure a Checker.
type Options struct {
	// Scope maps article paths to dimension values: an article whose path
	// (relative to the content folder) matches a pattern is about those
	// values, unless its text says otherwise. A pattern is a path.Match
	// pattern, or a folder followed by "/**" (everything under it).
	Scope []Rule
	// Monikers maps moniker ids (monikerRange, ::: moniker range="...") to
	// dimension values.
	Monikers map[string]map[string][]string
	// Phrases are phrases to read besides the built-in ones.
	Phrases Phrases
	// Marks map table cell texts to statuses, besides (or instead of) the
	// built-in marks; a text is looked up without regard to case, and
	// without the emphasis and final period around it.
	Marks map[string]matrix.Status
	// Keep keeps every claim read, for Readings (kb check --explain).
	Keep bool
}

// Rule is one [claims.scope] entry.
type Rule struct {
	Pattern string
	Values  map[string][]string // dimension id -> value ids
}

// Checker checks claims against one matrix. It is safe for concurrent use.
type Checker struct {
	m        *matrix.Matrix
	features []term // longest first
	values   []term // longest first; one text may name values of several dimensions
	// The terms by their first word, longest first, for find.
	featureIndex, valueIndex termIndex
	firsts                   map[string]bool // the first words of both
	dimIndex                 map[*matrix.Dimension]int
	// relevant[f][d]: some statement of f selects part of dimension d, so
	// that the status of f depends on it (Matrix.DependsOn); nil for a
	// feature no statement speaks of.
	relevant map[*matrix.Feature][]bool
	// stems are the short forms of a value's product ("Exchange 2013" for
	// "Exchange 2013 CU23"), which a table's short cells ("CU19") extend.
	stems    map[*matrix.Value][]string
	scope    []scopeRule
	monikers map[string][]fact
	phrases  phraseSet                // [claims.phrases]
	marks    map[string]matrix.Status // the built-in marks and those of [claims.marks]
	keep     bool
	readings sync.Map // source path -> []Reading
	// cited holds the statements citing each article; sourced the claims
	// read in those articles (path -> []*sourceClaim), for CheckSources.
	cited   map[string][]*matrix.Statement
	sourced sync.Map
}

type scopeRule struct {
	pattern string
	facts   []fact
}

// term is a name or alias, lower case, and what it names.
type term struct {
	text    string
	feature *matrix.Feature
	value   *matrix.Value
	derived bool // a name derivedNames gives, not one the matrix writes
}

// RuleIDs returns the ids of the rules the checker reports, in one list so a
// new claims rule is added here: when config.toml turns every one of them
// off, the build does not read claims at all.
func RuleIDs() []string {
	return []string{diag.RuleClaimContradiction, diag.RuleClaimExplicit, diag.RuleClaimSyntax,
		diag.RuleMatrixSourceDisagrees, diag.RuleMatrixSourceSilent}
}

// New returns a checker for m.
func New(m *matrix.Matrix) *Checker { return NewWith(m, Options{}) }

// NewWith returns a checker for m with options. Scope and moniker entries
// that name unknown dimensions or values are left out (see CheckOptions).
func NewWith(m *matrix.Matrix, o Options) *Checker {
	c := &Checker{m: m, dimIndex: map[*matrix.Dimension]int{}, relevant: map[*matrix.Feature][]bool{},
		stems: map[*matrix.Value][]string{}, monikers: map[string][]fact{}, keep: o.Keep,
		phrases: newPhraseSet(o.Phrases), marks: builtinMarks, cited: citedSections(m)}
	if len(o.Marks) > 0 {
		c.marks = maps.Clone(builtinMarks)
		configured := map[string]bool{}
		for _, text := range slices.Sorted(maps.Keys(o.Marks)) {
			// Marks the same once folded: the first in sorted order.
			if k := MarkKey(text); k != "" && !configured[k] {
				c.marks[k], configured[k] = o.Marks[text], true
			}
		}
	}
	for _, f := range m.Features {
		for _, t := range append([]string{f.Name}, f.Aliases...) {
			c.features = append(c.features, term{text: asciiLower(t), feature: f})
		}
	}
	for i, d := range m.Dimensions {
		c.dimIndex[d] = i
		// A name derived from a value's name ("Contoso 5 CU2" from "Contoso
		// 5 CU1 to CU4") gives way to a name the matrix writes for a value
		// of the same dimension; one that another dimension writes makes
		// the name ambiguous, and the written one is preferred (find).
		written := map[string]bool{}
		for _, v := range d.Values {
			written[asciiLower(v.Name)] = true
			for _, a := range v.Aliases {
				written[asciiLower(a)] = true
			}
		}
		for _, v := range d.Values {
			names := append([]string{v.Name}, v.Aliases...)
			for _, t := range names {
				c.values = append(c.values, term{text: asciiLower(t), value: v})
			}
			for _, n := range names {
				for _, t := range derivedNames(n) {
					if !written[asciiLower(t)] {
						written[asciiLower(t)] = true
						c.values = append(c.values, term{text: asciiLower(t), value: v, derived: true})
					}
				}
			}
			for _, s := range names {
				for _, t := range names {
					if len(t) > len(s)+1 && strings.HasPrefix(asciiLower(t), asciiLower(s)+" ") {
						c.stems[v] = append(c.stems[v], asciiLower(s))
						break
					}
				}
			}
		}
	}
	longest := func(a, b term) int { return len(b.text) - len(a.text) }
	slices.SortStableFunc(c.features, longest)
	slices.SortStableFunc(c.values, longest)
	c.featureIndex, c.valueIndex = byFirstWord(c.features), byFirstWord(c.values)
	c.firsts = maps.Clone(c.featureIndex.first)
	maps.Copy(c.firsts, c.valueIndex.first)
	for _, s := range m.Statements {
		for _, f := range s.Features {
			if c.relevant[f] == nil {
				c.relevant[f] = m.DependsOn(f)
			}
		}
	}
	for _, r := range o.Scope {
		c.scope = append(c.scope, scopeRule{pattern: r.Pattern, facts: c.factsOf(r.Values, "the path pattern \""+r.Pattern+"\" of config.toml's [claims.scope]")})
	}
	// The longest pattern is the most specific: it is applied last.
	sort.SliceStable(c.scope, func(i, j int) bool { return len(c.scope[i].pattern) < len(c.scope[j].pattern) })
	for id, vals := range o.Monikers {
		c.monikers[id] = c.factsOf(vals, "the moniker "+id+" of config.toml's [claims.monikers]")
	}
	return c
}

// termIndex finds the terms that can start at a place: one-word terms by
// their word, longer ones by their first two words (with the byte between).
// Most words of a text start no term: first, the first words of all the
// terms, turns them away with one look-up.
type termIndex struct {
	first map[string]bool
	one   map[string][]term
	two   map[string][]term // by the text of the first two words, as words returns them
}

// words returns the first word of s and the byte and word after it.
func words(s string) (string, string) {
	w := 0
	for w < len(s) && isWord(s[w]) {
		w++
	}
	if w == 0 || w+1 >= len(s) || !isWord(s[w+1]) {
		return s[:w], ""
	}
	v := w + 1
	for v < len(s) && isWord(s[v]) {
		v++
	}
	return s[:w], s[w:v]
}

// byFirstWord indexes terms (longest first) by their first words.
func byFirstWord(terms []term) termIndex {
	ix := termIndex{first: map[string]bool{}, one: map[string][]term{}, two: map[string][]term{}}
	for _, t := range terms {
		a, b := words(t.text)
		switch {
		case a == "":
		case b == "":
			ix.first[a] = true
			ix.one[a] = append(ix.one[a], t)
		default:
			ix.first[a] = true
			ix.two[a+b] = append(ix.two[a+b], t)
		}
	}
	return ix
}

// startsAny reports whether some feature's or value's name may start with
// the word w (or, for a plural, with its singular): one look-up in the
// union of both indexes' first words.
func (c *Checker) startsAny(w string) bool {
	return c.firsts[w] || len(w) > 1 && w[len(w)-1] == 's' && c.firsts[w[:len(w)-1]]
}

// at returns the terms that may start at s (lower case), longest first.
func (ix termIndex) at(s string) (two, one []term) {
	a, b := words(s)
	plural := len(a) > 1 && a[len(a)-1] == 's'
	if !ix.first[a] {
		// No term starts with the word; a one-word term may be its singular.
		if plural && ix.first[a[:len(a)-1]] {
			one = ix.one[a[:len(a)-1]]
		}
		return nil, one
	}
	if b != "" {
		two = ix.two[s[:len(a)+len(b)]]
		if len(two) == 0 && len(b) > 2 && b[len(b)-1] == 's' {
			two = ix.two[s[:len(a)+len(b)-1]]
		}
	}
	one = ix.one[a]
	if len(one) == 0 && plural {
		one = ix.one[a[:len(a)-1]]
	}
	return two, one
}

// factsOf turns dimension id -> value ids into facts, leaving out unknown ids.
func (c *Checker) factsOf(vals map[string][]string, origin string) []fact {
	var out []fact
	for _, d := range c.m.Dimensions {
		ids, ok := vals[d.ID]
		if !ok {
			continue
		}
		f := fact{dim: d, origin: origin, scope: true}
		for _, id := range ids {
			if v := d.Value(id); v != nil {
				f.values = append(f.values, v)
			}
		}
		if len(f.values) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// CheckValues returns the problems of one [claims] entry (dimension id ->
// value ids) for m: each names what is wrong and what would be right.
func CheckValues(m *matrix.Matrix, vals map[string][]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		d := m.Dimension(k)
		if d == nil {
			out = append(out, fmt.Sprintf("%q is not a dimension of the support matrix; the dimensions are %s", k, m.DimensionIDs()))
			continue
		}
		for _, id := range vals[k] {
			if d.Value(id) == nil {
				out = append(out, fmt.Sprintf("%q is not a value of dimension %q; its values are %s", id, k, d.ValueIDs()))
			}
		}
	}
	return out
}

// ValidPattern reports whether a [claims.scope] pattern is a path pattern.
func ValidPattern(p string) bool {
	_, err := path.Match(strings.TrimSuffix(p, "/**"), "")
	return err == nil && p != "" && !strings.HasPrefix(p, "/")
}

// matchPath reports whether an article path matches a scope pattern.
func matchPath(pattern, p string) bool {
	if dir, ok := strings.CutSuffix(pattern, "/**"); ok {
		return dir == "" || dir == "**" || strings.HasPrefix(p, dir+"/")
	}
	ok, _ := path.Match(pattern, p)
	return ok
}

// Readings returns the claims read in the article at source path (as
// Article.SourcePath gives it), and whether the checker analysed it, when it
// keeps them (Options.Keep).
func (c *Checker) Readings(sourcePath string) ([]Reading, bool) {
	r, ok := c.readings.Load(sourcePath)
	out, _ := r.([]Reading)
	return out, ok
}
