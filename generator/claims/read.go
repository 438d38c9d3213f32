package claims

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// fact is a selection of values of one dimension and where it comes from.
type fact struct {
	dim    *matrix.Dimension
	values []*matrix.Value
	origin string
	scope  bool   // the claim must hold for each value (context, conditions)
	rng    string // the range phrase that selected the values, if any
}

// unit is one piece of text read as a claim, with its context.
type unit struct {
	kind       string
	p          prose
	scope      []fact  // the context: each value must satisfy the claim
	facts      []fact  // what the table's headers say the claim is about
	topic      []topic // the features when the text names none
	implicit   bool    // a heading, list item or table cell: no phrase needed
	each       bool    // each value named is a claim of its own (lists, cells)
	status     matrix.Status
	statusFrom string
	mark       bool // the text is a cell mark
}

// own names the unit as the origin of what it says itself: "the sentence".
func (u unit) own() string {
	if strings.HasPrefix(u.kind, "the ") {
		return u.kind
	}
	return "the " + strings.TrimPrefix(u.kind, "a ")
}

var (
	clauseBreak = regexp.MustCompile(`;|,?\s(?:but|while|whereas|however)\b|,?\s+(?:and\s+)?(?:neither|nor)\s+(?:is|are|does|do|can)\b`)
	pronoun     = regexp.MustCompile(`^\s+(?:it|them|this\s+feature|these\s+features)\b`)
	// A coordinator between two values: "Standard Edition and SQL Server 2008".
	coordinator = regexp.MustCompile(`^\s*(?:,|,?\s*(?:and|or|nor))\s*$`)
	negative    = regexp.MustCompile(`\b(?:(?:neither|nor)\s+(?:is|are|does|do|can)|(?:is|are|was|were|be|been)\s+(?:not|no\s+longer|never)\s+(?:a\s+)?(?:supported|available)|(?:isn't|aren't)\s+(?:a\s+)?supported|not\s+supported|no\s+longer\s+supported|unsupported|(?:does|do|did)\s+not\s+support|(?:doesn't|don't|didn't)\s+support|not\s+available|(?:cannot|can't|can\s+not)\s+be\s+(?:used|deployed|installed)|not\s+compatible|incompatible|(?:isn't|aren't|is\s+not|are\s+not|not)\s+running\s+the\s+minimum|(?:doesn't|don't|does\s+not|do\s+not)\s+meet\s+the\s+minimum)\b`)
	positive    = regexp.MustCompile(`\b(?:supports|(?:is|are|be)\s+(?:also\s+|still\s+|now\s+|fully\s+|only\s+)?(?:a\s+)?supported|supported\s+(?:on|in|with|by|for|only)|(?:is|are)\s+(?:still\s+)?available|available\s+(?:on|in|with|only)|works\s+with|compatible\s+with|(?:we\s+)?recommend(?:ed|s)?|prefer(?:red|s)?|can\s+(?:use|run|be\s+(?:used|installed|deployed))|with\s+limitations|install(?:s|ed|ing)?\s+(?:[\w.-]+\s+){0,6}on)\b`)
	requirement = regexp.MustCompile(`\b(?:requires?|required|must\s+(?:be\s+running|run|use|have|install|be\s+at|raise|be\s+installed)|needs?\s+to\s+(?:be\s+running|run|have|install|be\s+installed)|minimum)\b`)
	only        = regexp.MustCompile(`\b(?:supported\s+only|only\s+supported|available\s+only|only\s+available|only\s+(?:on|with|in|for|as))\b`)
	// A check that fails: "Setup can't continue because the level isn't X
	// or later" states the threshold X.
	failedCheck = regexp.MustCompile(`\b(?:can't|cannot|can\s+not)\s+continue\b|\b(?:isn't|is\s+not|aren't|are\s+not)\b`)
	hedge       = regexp.MustCompile(`\b(?:may|might|could)\s+(?:also\s+)?(?:require|need|be\s+required)`)
	// Verbs whose object is the claim: "requires X", "supports X".
	active = regexp.MustCompile(`^(?:requires?|supports|(?:does|do)\s+not\s+support|(?:doesn't|don't)\s+support|must\b.*|needs?\s+to\b.*)$`)
	// A lead-in or table header that speaks of support.
	cue         = regexp.MustCompile(`(?i)\bsupported\b|\brequire|\bcompatible\b|\bprerequisite|\bone\s+of\s+the\s+following\b|\bminimum\b`)
	past        = regexp.MustCompile(`\b(?:was|were|had\s+been)\s+(?:not\s+|also\s+|only\s+)?(?:supported|available|required)\b|\bpreviously\b|\bused\s+to\b|\bintroduced\s+in\b`)
	notRequired = regexp.MustCompile(`\b(?:(?:does|do|did)\s+not|doesn't|don't|didn't)\s+require|\bnot\s+required\b|\bisn't\s+required\b|\bno\s+longer\s+required\b`)
	// An introductory phrase up to its comma: the scope of what follows.
	condition = regexp.MustCompile(`^\s*(?:if|when|whenever|before|after|once|unless|to|in\s+order\s+to|in|for|on|with)\b[^,]{0,160},`)
	// "X is required for Y": Y is the scope.
	requiredFor = regexp.MustCompile(`\b(?:is|are)\s+required\s+(?:for|with|to)\b`)
	rangeAfter  = regexp.MustCompile(`^(?:\s+[\w-]+){0,2}?(?:\s*\([^)]{0,40}\))?\s*(?:,\s*)?(?:or|and)\s+(later|higher|newer|greater|above|earlier|lower|older|below)\b`)
	rangeBefore = regexp.MustCompile(`\b(at\s+least|a\s+minimum\s+of|minimum\s+of|the\s+minimum\s+(?:version\s+)?(?:of\s+)?|newer\s+than|later\s+than|higher\s+than|before|earlier\s+than|older\s+than|prior\s+to|up\s+to)\s+(?:the\s+)?$`)
	shortName   = regexp.MustCompile(`\b(?:` + updateNames + `)\b|\bRTM\b`)
	// updateName: a name that starts with an update, in any letter case.
	updateName = regexp.MustCompile(`(?i)^(?:` + updateNames + `)`)
)

// updateNames are the names of one update, short and long: CU5, SP 1, RU12,
// Cumulative Update 5, Service Pack 1, Update Rollup 12 (longUpdate).
const updateNames = `(?:CU|SP|RU)\s?\d+|(?:Cumulative Update|Service Pack|Update Rollup) \d+`

// mention is a term found in a text.
type mention struct {
	feature *matrix.Feature
	values  []*matrix.Value // several when the text names values of several dimensions
	// written: values[:written] are named by a name the matrix writes,
	// the rest by a name derived from one (derivedNames).
	written    int
	start, end int
	rng        string // "min", "max", "after", "before" or ""
	rngText    string
}

// find returns the features and values a text names, longest first at
// each place, at word boundaries (a plural "s" allowed).
func (c *Checker) find(text string) []mention { return c.findLower(text, asciiLower(text)) }

// findLower is find with the text's asciiLower given.
func (c *Checker) findLower(text, lower string) []mention {
	// The word starts where some feature's or value's name may start: most
	// texts have none, and are done after one pass.
	var buf [16]int
	cand := buf[:0]
	for i := 0; i < len(lower); {
		if !isWord(lower[i]) {
			i++
			continue
		}
		w := i
		for w < len(lower) && isWord(lower[w]) {
			w++
		}
		if c.startsAny(lower[i:w]) {
			cand = append(cand, i)
		}
		i = w
	}
	if len(cand) == 0 {
		return nil
	}
	var out []mention
	scan := func(index termIndex, isFeature bool) {
		next := 0 // the end of the last name found
		for _, i := range cand {
			if i < next {
				continue
			}
			two, one := index.at(lower[i:])
			if len(two) == 0 && len(one) == 0 {
				continue
			}
			best := 0
			var m mention
			for k := range len(two) + len(one) {
				var t term
				if k < len(two) {
					t = two[k] // the index's lists are shared: read, never append to them
				} else {
					t = one[k-len(two)]
				}
				if best > 0 && len(t.text) < best {
					break
				}
				if !strings.HasPrefix(lower[i:], t.text) {
					continue
				}
				end := i + len(t.text)
				if end < len(lower) && isWord(lower[end]) {
					if lower[end] == 's' && (end+1 == len(lower) || !isWord(lower[end+1])) {
						end++
					} else {
						continue
					}
				}
				if best == 0 {
					best = len(t.text)
					m = mention{start: i, end: end, feature: t.feature}
				}
				if t.value != nil && !containsValue(m.values, t.value) && !sameDim(m.values, t.value) {
					if t.derived {
						m.values = append(m.values, t.value)
					} else {
						m.values = slices.Insert(m.values, m.written, t.value)
						m.written++
					}
				}
				if m.end < end {
					m.end = end
				}
			}
			if best == 0 {
				continue // no name starts with this word
			}
			if isFeature || len(m.values) > 0 {
				out = append(out, m)
			}
			next = m.end
		}
	}
	scan(c.featureIndex, true)
	scan(c.valueIndex, false)
	for k := range out {
		m := &out[k]
		after := lower[m.end:min(len(lower), m.end+80)]
		before := lower[max(0, m.start-40):m.start]
		if !strings.Contains(after, "or ") && !strings.Contains(after, "and ") && !rangeWords(before) {
			continue // the common case: no range word near the name
		}
		if r := rangeAfter.FindStringSubmatch(after); r != nil && !c.namesValue(r[0]) {
			switch r[1] {
			case "later", "higher", "newer", "greater", "above":
				m.rng = "min"
			default:
				m.rng = "max"
			}
			m.rngText = strings.TrimSpace(text[m.end : m.end+len(r[0])])
		} else if r := rangeBefore.FindStringSubmatch(before); r != nil {
			w := strings.Join(strings.Fields(r[1]), " ")
			switch {
			case w == "newer than" || w == "later than" || w == "higher than":
				m.rng = "after"
			case w == "before" || w == "earlier than" || w == "older than" || w == "prior to":
				m.rng = "before"
			case w == "up to":
				m.rng = "max"
			default:
				m.rng = "min"
			}
			m.rngText = w
		}
	}
	return out
}

// hasAny reports whether s contains one of the words.
func hasAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// rangeWords reports whether text (lower case) holds a word that can start
// a range before a name.
func rangeWords(text string) bool {
	for _, w := range []string{"least", "minimum", "than", "before", "prior", "up to"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// cueIn reports whether text speaks of support (the cue regexp), without
// running the regexp on text that has none of its words: most table cells and
// lead-ins. Text with a byte outside ASCII is left to the regexp, whose case
// folding goes beyond ASCII.
func cueIn(text string) bool {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii && !hasAny(asciiLower(text), "supported", "requir", "compatible", "prerequisite", "following", "minimum") {
		return false
	}
	return cue.MatchString(text)
}

// mayShortName reports whether text may hold a short name (the shortName
// regexp, which is case-sensitive), as a cheap test before the regexp.
func mayShortName(text string) bool {
	return hasAny(text, "CU", "SP", "RU", "RTM", "Cumulative Update ", "Service Pack ", "Update Rollup ") && shortName.MatchString(text)
}

// asciiLower lowers ASCII letters only, so that offsets stay those of s.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func sameDim(vs []*matrix.Value, v *matrix.Value) bool {
	for _, x := range vs {
		if x.Dimension == v.Dimension {
			return true
		}
	}
	return false
}

func containsValue(vs []*matrix.Value, v *matrix.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// namesValue reports whether a text names a value.
func (c *Checker) namesValue(text string) bool {
	for _, m := range c.find0(text) {
		if m.values != nil {
			return true
		}
	}
	return false
}

// find0 is find without ranges.
func (c *Checker) find0(text string) []mention {
	lower := asciiLower(text)
	var out []mention
	for i := 0; i < len(lower); i++ {
		if i > 0 && isWord(lower[i-1]) || !isWord(lower[i]) {
			continue
		}
		for _, t := range c.values {
			if strings.HasPrefix(lower[i:], t.text) && (i+len(t.text) == len(lower) || !isWord(lower[i+len(t.text)])) {
				out = append(out, mention{values: []*matrix.Value{t.value}})
				break
			}
		}
	}
	return out
}

func isWord(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b == '_' || b >= 0x80
}

// featuresIn returns the features a text names.
func (c *Checker) featuresIn(text string) []*matrix.Feature {
	var out []*matrix.Feature
	for _, m := range c.find(text) {
		if m.feature != nil && !containsFeature(out, m.feature) {
			out = append(out, m.feature)
		}
	}
	return out
}

func containsFeature(fs []*matrix.Feature, f *matrix.Feature) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// valuesIn returns the values a text names without ambiguity.
func (c *Checker) valuesIn(text string) []*matrix.Value {
	var out []*matrix.Value
	for _, m := range c.find(text) {
		vs := m.values
		if len(vs) > 1 && m.written == 1 {
			vs = vs[:1] // a written name wins over a derived one
		}
		if len(vs) == 1 && !containsValue(out, vs[0]) {
			out = append(out, vs[0])
		}
	}
	return out
}

// namedFacts returns, for each dimension of which a text names exactly one
// value, that value: the context a title or heading gives.
func (c *Checker) namedFacts(text, origin string) []fact {
	per := map[*matrix.Dimension][]*matrix.Value{}
	for _, v := range c.valuesIn(text) {
		per[v.Dimension] = append(per[v.Dimension], v)
	}
	var out []fact
	for _, d := range c.m.Dimensions {
		if len(per[d]) == 1 {
			out = append(out, fact{dim: d, values: per[d], origin: origin, scope: true})
		}
	}
	return out
}

// allFacts returns every value a text names, per dimension: what a table's
// header says its row or column is about.
func (c *Checker) allFacts(text, origin string) []fact {
	var out []fact
	for _, v := range c.valuesIn(text) {
		merged := false
		for i := range out {
			if out[i].dim == v.Dimension {
				out[i].values = append(out[i].values, v)
				merged = true
			}
		}
		if !merged {
			out = append(out, fact{dim: v.Dimension, values: []*matrix.Value{v}, origin: origin})
		}
	}
	return out
}

// expandShort rewrites the short names of a table's first column ("CU19",
// "RTM") as names of the product the table is about ("Exchange 2013 CU19").
func (c *Checker) expandShort(text string, products []*matrix.Value) string {
	if len(products) == 0 || !mayShortName(text) || len(c.valuesIn(text)) > 0 {
		return text
	}
	return shortName.ReplaceAllStringFunc(text, func(s string) string {
		for _, p := range products {
			for _, stem := range c.stems[p] {
				full := stem + " " + strings.ToLower(s)
				for _, t := range c.values {
					if t.text == full {
						return full
					}
				}
			}
		}
		return s
	})
}

// claim is one reading of a clause, ready to check.
type claim struct {
	features []topic
	facts    []fact // per dimension: the values the claim is about, or must hold for
	polarity matrix.Status
	phrase   string
	quoted   bool // phrase is words of the text, not a description of how it was read
	only     bool
	// configured: the phrase is one of config.toml's [claims.phrases].
	configured bool
}

// readUnit reads the claims of a unit and reports those the matrix
// contradicts.
func (c *Checker) readUnit(d *doc, u unit) {
	text := u.p.text
	lower := u.p.lower
	if len(lower) != len(text) {
		lower = asciiLower(text)
	}
	all := c.findLower(text, lower)
	if strings.TrimSpace(text) == "" || len(u.facts) == 0 && !u.mark && len(all) == 0 {
		return // names nothing of the matrix: the common case, kept cheap
	}
	if u.kind == "a heading" {
		u.implicit = !finiteVerb.MatchString(text) // a sentence needs a phrase
	}
	var bounds [][2]int
	last := 0
	lc := lower
	var breaks [][]int
	if strings.Contains(lc, ";") || strings.Contains(lc, " but") || strings.Contains(lc, " while") || strings.Contains(lc, " whereas") || strings.Contains(lc, " however") || strings.Contains(lc, "neither ") || strings.Contains(lc, " nor ") {
		breaks = clauseBreak.FindAllStringIndex(lc, -1)
	}
	for _, loc := range breaks {
		bounds = append(bounds, [2]int{last, loc[0]})
		last = loc[1]
		// "..., and neither is X": the next clause keeps its negation.
		if i := strings.LastIndex(lc[loc[0]:loc[1]], "neither "); i >= 0 {
			last = loc[0] + i
		} else if i := strings.LastIndex(lc[loc[0]:loc[1]], "nor "); i >= 0 {
			last = loc[0] + i
		}
	}
	bounds = append(bounds, [2]int{last, len(text)})
	var previous []topic
	for _, b := range bounds {
		clause := text[b[0]:b[1]]
		var ms []mention
		for _, m := range all {
			if m.start >= b[0] && m.end <= b[1] {
				m.start, m.end = m.start-b[0], m.end-b[0]
				ms = append(ms, m)
			}
		}
		claims, why := c.readClause(clause, lc[b[0]:b[1]], ms, u, previous)
		if len(claims) > 0 {
			previous = claims[0].features
		}
		if why != "" {
			d.record(u, b[0], clause, nil, why)
		}
		for _, cl := range claims {
			c.check(d, u, b[0], clause, cl)
		}
	}
}

// readClause reads a clause into claims (one per value named when the unit
// is a list item or cell), or says why it is not a claim.
func (c *Checker) readClause(written, clause string, ms []mention, u unit, previous []topic) ([]claim, string) {
	// clause is written in ASCII lower case (same offsets): the phrases are
	// matched in it.
	if len(ms) == 0 && len(u.facts) == 0 && !u.mark {
		return nil, ""
	}
	namesFeature := false
	for _, m := range ms {
		if m.feature != nil {
			namesFeature = true
		}
	}
	if !namesFeature && len(previous) == 0 && len(u.topic) == 0 {
		return nil, "" // no feature: no claim
	}
	if hasAny(clause, "was ", "were ", "had been", "previously", "used to", "introduced") && past.MatchString(clause) {
		return nil, "not a claim: past tense or \"previously\" describes history"
	}
	if loc := c.phrases.history.find(clause); loc != nil {
		return nil, "not a claim: \"" + written[loc[0]:loc[1]] + "\" (a history phrase of config.toml's [claims.phrases]) describes history"
	}
	if strings.Contains(clause, "requir") && notRequired.MatchString(clause) {
		return nil, "not a claim: \"does not require\" says nothing about support"
	}
	if loc := c.phrases.notRequired.find(clause); loc != nil {
		return nil, "not a claim: \"" + written[loc[0]:loc[1]] + "\" (a not-required phrase of config.toml's [claims.phrases]) says nothing about support"
	}
	if hasAny(clause, "may ", "might ", "could ") && hedge.MatchString(clause) {
		return nil, "not a claim: \"may require\" is a possibility"
	}
	condEnd := 0
	if loc := condition.FindStringIndex(clause); loc != nil {
		condEnd = loc[1]
	}
	reqAt := len(clause)
	if loc := requiredFor.FindStringIndex(clause); loc != nil {
		reqAt = loc[1]
	}
	main := clause[condEnd:]
	cl := claim{}
	phraseAt := []int(nil)
	phrased := hasAny(main, "support", "avail", "requir", "must", "need", "recommend", "prefer", "can", "compat", "work", "install", "limit", "minimum", "not", "n't", "deploy", "neither", "nor ")
	configured := false
	if phrased || c.phrases.any {
		// Negative, then positive, then requirement: the first kind that
		// matches, at its earliest built-in or configured phrase.
		if phraseAt, configured = first(main, phrased, negative, c.phrases.notSupported); phraseAt != nil {
			cl.polarity = matrix.NotSupported
		} else if phraseAt, configured = first(main, phrased, positive, c.phrases.supported); phraseAt != nil {
			cl.polarity = matrix.Supported
		} else if phraseAt, configured = first(main, phrased, requirement, c.phrases.required); phraseAt != nil {
			cl.polarity = matrix.Supported
		}
	}
	onlyAt := -1
	if loc := only.FindStringIndex(main); loc != nil && cl.polarity == matrix.Supported {
		onlyAt = condEnd + loc[1]
	}
	if phraseAt != nil {
		cl.phrase, cl.quoted = main[phraseAt[0]:phraseAt[1]], true
		cl.configured = configured
		// "F requires X", "F supports X": something named must follow the
		// verb; "X is required": something named must come before it.
		start, end := condEnd+phraseAt[0], condEnd+phraseAt[1]
		after, before := false, false
		for _, m := range ms {
			if m.start >= end {
				after = true
			}
			if m.end <= start && m.start >= condEnd {
				before = true
			}
		}
		passive := strings.HasPrefix(strings.ToLower(cl.phrase), "is ") || strings.HasPrefix(strings.ToLower(cl.phrase), "are ") || strings.EqualFold(cl.phrase, "required")
		// "Version 2 doesn't support it": the object is the feature of the
		// clause before, or of the section.
		pronounObject := before && pronoun.MatchString(clause[end:])
		if active.MatchString(cl.phrase) && !after && !pronounObject || passive && cl.polarity == matrix.Supported && requirement.MatchString(cl.phrase) && !before {
			return nil, "not a claim: the " + cl.phrase + " of the clause is about something the matrix does not name"
		}
	}
	ms = dropStems(clause, ms)
	// Features: those the clause names outside its introductory phrase.
	var features []topic
	var own []mention    // the values the claim is about
	var scoped []mention // the values it must hold for
	for _, m := range ms {
		if m.feature != nil {
			if m.rng != "" {
				continue // "F 4.5 or later": a range of features is not read
			}
			if m.start >= condEnd && !hasTopic(features, m.feature) {
				features = append(features, topic{m.feature, u.own()})
			}
			continue
		}
		if m.start < condEnd || m.start >= reqAt {
			scoped = append(scoped, m)
		} else {
			own = append(own, m)
		}
	}
	hasMin := false
	for _, m := range own {
		if m.rng != "" {
			hasMin = true
		}
	}
	presented, necessary := false, false
	if cl.polarity == "" {
		switch {
		case u.status != "":
			cl.polarity, cl.phrase = u.status, u.statusFrom
		case hasMin && failedCheck.MatchString(main):
			cl.polarity, cl.phrase = matrix.Supported, "a threshold that is not met (\""+failedCheck.FindString(main)+"\")"
		case hasMin && !u.implicit:
			// A bare "X or later" is a necessary condition: some value of
			// the range must be supported.
			cl.polarity, cl.phrase, necessary = matrix.Supported, "a range (\"or later\") as a necessary condition", true
		case u.implicit:
			cl.polarity, cl.phrase = matrix.Supported, u.kind+" that presents what it names as supported"
			presented = true
		default:
			return nil, ""
		}
	} else if u.status == matrix.NotSupported && cl.polarity == matrix.Supported && u.statusFrom != "" && !u.mark {
		cl.polarity = matrix.NotSupported
	}
	switch {
	case len(features) > 0:
	case len(previous) > 0:
		features = previous
	case len(u.topic) > 0 && !(presented && u.kind == "a heading") && (len(own) > 0 || len(u.facts) > 0 || u.mark):
		// A heading that names only a value is a section's label.
		features = u.topic
	default:
		return nil, ""
	}
	cl.features = features
	// "Only" holds for the values named after it, of a feature the clause names.
	if onlyAt >= 0 && len(features) > 0 && features[0].origin == u.own() {
		for _, m := range own {
			if m.start >= onlyAt {
				cl.only = true
			}
		}
	}
	// Ambiguous names go to a dimension the clause does not otherwise name.
	named := map[*matrix.Dimension]bool{}
	for _, m := range append(append([]mention(nil), own...), scoped...) {
		if len(m.values) == 1 {
			named[m.values[0].Dimension] = true
		}
	}
	pick := func(m mention) *matrix.Value {
		for _, v := range m.values {
			if !named[v.Dimension] {
				return v
			}
		}
		return m.values[0]
	}
	base := []fact{}
	for _, f := range u.scope {
		base = override(base, []fact{f})
	}
	for _, m := range scoped {
		v := pick(m)
		base = override(base, []fact{{dim: v.Dimension, values: c.rangeOf(v, m.rng, true), origin: "the clause's scope \"" + clip(written[m.start:m.end], 60) + "\"", scope: true, rng: m.rngText}})
	}
	base = mergeFacts(base, u.facts)
	ownFacts := func(sel []mention) []fact {
		var out []fact
		for _, m := range sel {
			v := pick(m)
			scopeRange := cl.polarity == matrix.NotSupported || necessary
			vals := c.rangeOf(v, m.rng, scopeRange)
			merged := false
			for i := range out {
				if out[i].dim == v.Dimension {
					for _, x := range vals {
						if !containsValue(out[i].values, x) {
							out[i].values = append(out[i].values, x)
						}
					}
					merged = true
				}
			}
			if !merged {
				out = append(out, fact{dim: v.Dimension, values: vals, origin: u.own(), rng: m.rngText})
			}
		}
		return out
	}
	var out []claim
	if u.each && len(own) > 1 {
		for i, m := range own {
			sel := []mention{m}
			for j, o := range own {
				if j != i && pick(o).Dimension != pick(m).Dimension {
					sel = append(sel, o)
				}
			}
			one := cl
			one.facts = mergeFacts(base, ownFacts(sel))
			one.only = false
			out = append(out, one)
		}
		return out, ""
	}
	if groups := coordinated(written, own, pick); cl.polarity == matrix.NotSupported && len(groups) > 1 && !hasAny(clause, "together", "combination", "combined", "with each other") {
		// "Standard Edition and SQL Server 2008 are not supported": each
		// is not supported, not only the two together.
		for _, g := range groups {
			one := cl
			one.facts = mergeFacts(base, ownFacts(g))
			out = append(out, one)
		}
		return out, ""
	}
	cl.facts = mergeFacts(base, ownFacts(own))
	if hasMin {
		cl.only = false
	}
	return []claim{cl}, ""
}

// coordinated groups a clause's values by dimension when values of
// different dimensions are joined by "and", "or", "nor" or a comma and
// nothing else, as in "X and Y are not supported"; otherwise it returns
// nil ("SQL Server 2008 Standard Edition" is one combination).
func coordinated(clause string, own []mention, pick func(mention) *matrix.Value) [][]mention {
	if len(own) < 2 {
		return nil
	}
	var groups [][]mention
	dims := map[*matrix.Dimension]int{}
	for i, m := range own {
		d := pick(m).Dimension
		if i > 0 && pick(own[i-1]).Dimension != d {
			if own[i-1].end > m.start || !coordinator.MatchString(clause[own[i-1].end:m.start]) {
				return nil
			}
		}
		k, ok := dims[d]
		if !ok {
			k = len(groups)
			dims[d] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], m)
	}
	return groups
}

// mergeFacts returns base with top's facts replacing those of their dimension.
func mergeFacts(base, top []fact) []fact {
	return override(base, top)
}

// rangeOf returns the values a range selects. For a claim of support, a
// minimum or maximum selects its bound (the claim is that the bound is
// supported); for a scope or a negative claim, every value of the range,
// among the values of the same family ("Windows Server ...").
func (c *Checker) rangeOf(v *matrix.Value, rng string, whole bool) []*matrix.Value {
	if rng == "" {
		return []*matrix.Value{v}
	}
	vals := v.Dimension.Values
	fam := family(v.Name)
	var out []*matrix.Value
	switch rng {
	case "min", "after":
		for i := v.Index; i < len(vals); i++ {
			if (rng == "after" && i == v.Index) || family(vals[i].Name) != fam {
				continue
			}
			out = append(out, vals[i])
		}
	case "max", "before":
		for i := v.Index; i >= 0; i-- {
			if (rng == "before" && i == v.Index) || family(vals[i].Name) != fam {
				continue
			}
			out = append(out, vals[i])
		}
	}
	if len(out) == 0 {
		return []*matrix.Value{v}
	}
	if !whole {
		return out[:1]
	}
	return out
}

// family is the words of a value's name before its first word with a digit.
func family(name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if strings.ContainsAny(w, "0123456789") {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// check checks one claim about each of its features and reports each
// contradiction.
func (c *Checker) check(d *doc, u unit, at int, clause string, cl claim) {
	cited := d.cite(u, cl)
	for _, t := range cl.features {
		f := t.feature
		rel := c.relevant[f]
		if rel == nil {
			d.record(u, at, clause, &cl, "no verdict: the matrix has no statement about "+f.Name)
			continue
		}
		if len(cl.facts) == 0 {
			d.record(u, at, clause, &cl, "no verdict: it names no value")
			continue
		}
		bad, cell, msg := c.verdict(f, cl)
		if !bad {
			d.record(u, at, clause, &cl, msg)
			continue
		}
		// Report at the first value the claim names in the text, else at the clause.
		off := at
		if u.each {
			for _, m := range c.find(clause) {
				if m.values != nil {
					for _, fa := range cl.facts {
						if !fa.scope && containsAnyValue(fa.values, m.values) && fa.origin == u.own() {
							off = at + m.start
							goto found
						}
					}
				}
			}
		found:
		}
		pos := off
		if pos >= len(u.p.text) {
			pos = len(u.p.text) - 1
		}
		fileOff := u.p.offset(pos)
		if u.kind == "a sentence" || u.kind == "a heading" || strings.HasPrefix(u.kind, "the ") {
			fileOff = u.p.offset(0)
		}
		quoted := clip(strings.Join(strings.Fields(u.p.text), " "), 240)
		says := "is supported"
		if cl.polarity == matrix.NotSupported {
			says = "is not supported"
		}
		if cl.only && bad && cell.Status != matrix.NotSupported {
			says = "is supported only"
		}
		context := c.contextNote(t, cl, u.own())
		message := fmt.Sprintf("%q says %s %s for %s, but the support matrix says %s%s; fix the sentence or the support matrix%s",
			quoted, f.Name, says, c.describe(cl.facts), cell.Status, msg, context)
		dg := d.lines.At(d.a.SourcePath(), fileOff, diag.Error, diag.RuleClaimContradiction, "%s", message)
		if cell.Statement != nil {
			dg = dg.WithNotes(c.m.Note(cell.Statement.Pos, "the statement that says "+string(cell.Status)))
			if cited != nil {
				cited.against = append(cited.against, cell.Statement)
			}
		}
		d.diags.Add(dg)
		d.record(u, at, clause, &cl, "contradicted: the support matrix says "+string(cell.Status)+" for "+c.cellName(cell))
	}
}

// cellName names a cell by the values its feature's status depends on.
func (c *Checker) cellName(cell matrix.Cell) string {
	rel := c.relevant[cell.Feature]
	var parts []string
	for i, v := range cell.Values {
		if rel == nil || rel[i] {
			parts = append(parts, v.Name)
		}
	}
	if len(parts) == 0 {
		return "every combination"
	}
	return strings.Join(parts, ", ")
}

func containsAnyValue(a, b []*matrix.Value) bool {
	for _, v := range b {
		if containsValue(a, v) {
			return true
		}
	}
	return false
}

// contextNote names the feature and the facts that do not come from the
// text itself (own names it: "the sentence").
func (c *Checker) contextNote(t topic, cl claim, own string) string {
	parts := []string{"read from " + phraseNote(cl)}
	if t.origin != own {
		parts = append(parts, t.feature.Name+" from "+t.origin)
	}
	for _, fa := range cl.facts {
		if fa.origin != own {
			parts = append(parts, valueNames(fa.values)+" from "+fa.origin)
		}
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// phraseNote names what gave a claim its polarity: "the phrase \"is
// supported\"", "the cell mark \"Yes\"", "a list item that presents what
// it names as supported".
func phraseNote(cl claim) string {
	if cl.quoted {
		return fmt.Sprintf("the phrase %q", cl.phrase)
	}
	return cl.phrase
}

func valueNames(vs []*matrix.Value) string {
	var names []string
	for _, v := range vs {
		names = append(names, v.Name)
	}
	return strings.Join(names, " or ")
}

// describe names the values of a claim: "Skype for Business Server 2019, SQL
// Server 2014 or SQL Server 2012 SP2 CU2".
func (c *Checker) describe(facts []fact) string {
	var parts []string
	for _, d := range c.m.Dimensions {
		for _, fa := range facts {
			if fa.dim == d {
				parts = append(parts, valueNames(fa.values))
			}
		}
	}
	if len(parts) == 0 {
		return "every combination"
	}
	return strings.Join(parts, ", ")
}

// verdict checks a claim about f. A positive claim is contradicted when,
// for some value of its scope, every covered cell it selects is not
// supported; a negative one when every such cell is supported.
func (c *Checker) verdict(f *matrix.Feature, cl claim) (bool, matrix.Cell, string) {
	rel := c.relevant[f]
	n := len(c.m.Dimensions)
	choices := make([][]int, n)
	scopeDim := make([]bool, n)
	for i, d := range c.m.Dimensions {
		var fa *fact
		for k := range cl.facts {
			if cl.facts[k].dim == d {
				fa = &cl.facts[k]
			}
		}
		switch {
		case fa != nil && rel[i]:
			for _, v := range fa.values {
				choices[i] = append(choices[i], v.Index)
			}
			scopeDim[i] = fa.scope
		case rel[i]:
			for j := range d.Values {
				choices[i] = append(choices[i], j)
			}
		default:
			choices[i] = []int{0} // the status does not depend on it
		}
	}
	// Split into scope combinations and, within each, the cells of the claim.
	var scopeIdx, claimIdx []int
	for i := range choices {
		if scopeDim[i] {
			scopeIdx = append(scopeIdx, i)
		} else {
			claimIdx = append(claimIdx, i)
		}
	}
	idx := make([]int, n)
	var verdictCell matrix.Cell
	bad := false
	anyKnown := false
	eachCombo(choices, scopeIdx, idx, func() bool {
		var cells []matrix.Cell
		eachCombo(choices, claimIdx, idx, func() bool {
			cell := c.m.Cell(f, idx)
			if cell.Status != matrix.Unknown {
				cells = append(cells, cell)
			}
			return true
		})
		if len(cells) == 0 {
			return true
		}
		anyKnown = true
		switch cl.polarity {
		case matrix.NotSupported:
			// Limited support is not contradicted by "not supported": some
			// configurations are not supported.
			if allOf(cells, matrix.Supported) {
				bad, verdictCell = true, cells[0]
				return false
			}
		default:
			if allOf(cells, matrix.NotSupported) {
				bad, verdictCell = true, cells[0]
				return false
			}
		}
		return true
	})
	if bad {
		return true, verdictCell, ""
	}
	if !anyKnown {
		return false, matrix.Cell{}, "no verdict: the support matrix covers none of its cells"
	}
	if cl.only && cl.polarity != matrix.NotSupported {
		// "Only": a value the claim leaves out must not be supported.
		for i, d := range c.m.Dimensions {
			if scopeDim[i] {
				continue
			}
			given := false
			for _, fa := range cl.facts {
				if fa.dim == d {
					given = true
				}
			}
			if !given {
				continue
			}
			others := make([][]int, n)
			copy(others, choices)
			others[i] = nil
			var given0 []*matrix.Value
			for _, fa := range cl.facts {
				if fa.dim == d {
					given0 = fa.values
				}
			}
			for j, v := range d.Values {
				if !containsValue(given0, v) {
					others[i] = append(others[i], j)
				}
			}
			all := make([]int, n)
			for k := range all {
				all[k] = k
			}
			var found matrix.Cell
			eachCombo(others, all, idx, func() bool {
				cell := c.m.Cell(f, idx)
				if cell.Status == matrix.Supported || cell.Status == matrix.Limited {
					found = cell
					return false
				}
				return true
			})
			if found.Statement != nil {
				return true, found, " for " + c.cellName(found) + " too"
			}
		}
	}
	return false, matrix.Cell{}, "consistent with the support matrix"
}

// eachCombo sets idx at the dimensions dims to each combination of their
// choices and calls fn, until fn returns false; it reports whether it ran
// to the end.
func eachCombo(choices [][]int, dims []int, idx []int, fn func() bool) bool {
	if len(dims) == 0 {
		return fn()
	}
	d := dims[0]
	for _, v := range choices[d] {
		idx[d] = v
		if !eachCombo(choices, dims[1:], idx, fn) {
			return false
		}
	}
	return true
}

// allOf reports whether every cell has the status s.
func allOf(cells []matrix.Cell, s matrix.Status) bool {
	for _, c := range cells {
		if c.Status != s {
			return false
		}
	}
	return true
}

// dropStems leaves out a value's name that begins another name in the
// clause followed by an update ("all Exchange 2013 servers need to be
// running Exchange 2013 CU10"): the product, of which the clause names the
// update. "Windows Server 2012 and Windows Server 2012 R2" names two values.
func dropStems(clause string, ms []mention) []mention {
	var out []mention
	for i, m := range ms {
		stem := false
		if m.values != nil && m.rng == "" {
			name := clause[m.start:m.end]
			for j, o := range ms {
				if j != i && o.values != nil && o.end-o.start > len(name)+1 && strings.HasPrefix(clause[o.start:o.end], name+" ") && updateName.MatchString(clause[o.start+len(name)+1:o.end]) {
					stem = true
				}
			}
		}
		if !stem {
			out = append(out, m)
		}
	}
	return out
}
