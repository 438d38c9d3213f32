package matrix

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kb/generator/diag"
	"kb/generator/tomlpos"
)

// builder turns decoded files into the model, checking ids and references.
//
// What cannot be used is reported once, where it is written; what refers to
// it is then not reported again. lost is set when part of the rules could not
// be read at all (a file that is not valid TOML, a misspelt [[dimension]]):
// anything may be missing, so no reference is reported unknown. rejected
// holds what was written but not taken ("dimension:sql", "feature:Sync",
// "value:sql:v1"), so that what names it is left out silently.
type builder struct {
	m        *Matrix
	diags    *diag.List
	ids      map[string]diag.Pos // "dimension:sql", "feature:mirroring", ... -> first definition
	lost     bool
	rejected map[string]bool
	noDims   bool // features without a [[dimension]]: reported once
	// hinted holds, per entry ("dimension[0]"), the keys that an unknown key
	// of the entry was probably meant to be: a missing id is then not
	// reported too.
	hinted tomlpos.Hints
}

func (b *builder) reject(key string) {
	if b.rejected == nil {
		b.rejected = map[string]bool{}
	}
	b.rejected[key] = true
}

// missing reports whether a reference to key ("feature:x") that names
// nothing was to be expected, because of a problem reported already.
// An entry rejected without an id ("dimension:") may be what any name of its
// kind means.
func (b *builder) missing(key string) bool {
	kind := key[:strings.LastIndexByte(key, ':')+1]
	return b.lost || b.rejected[key] || b.rejected[kind] || b.noDims && kind == "dimension:"
}

// meant reports whether an unknown key of the index-th entry of the array
// name was probably meant to be key (and so was reported already).
func (b *builder) meant(name string, index int, key string) bool {
	return b.hinted.Meant(tomlpos.Path{name, index}, key)
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// id checks an id: present, well formed and unique among its kind. An id
// that is missing because its key is misspelt (reported already) is not
// reported again.
func (b *builder) id(kind, id string, pos diag.Pos, misspelt bool) bool {
	if b.ids == nil {
		b.ids = map[string]diag.Pos{}
	}
	switch {
	case id == "" && misspelt:
		return false
	case id == "":
		b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixId, "%s has no id; add id = \"...\" (lower case letters, digits, - and _)", kind))
		return false
	case !idPattern.MatchString(id):
		b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixId, "%s id %q is not valid; use lower case letters, digits, - and _, such as %q", kind, id, suggestID(id)))
		return false
	}
	key := kind + ":" + id
	if first, dup := b.ids[key]; dup {
		b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixDuplicateId, "%s id %q is already used; ids must be unique", kind, id).
			WithNotes(b.m.Note(first, "already used here")))
		return false
	}
	b.ids[key] = pos
	return true
}

// entry checks the id of the index-th entry of the array kind ("feature")
// in f, as id does, and returns the position of its id key. An entry whose
// id is refused is rejected (kind:id), so that references to it are not
// reported again.
func (b *builder) entry(f parsed, kind string, index int, id string) (diag.Pos, bool) {
	pos := diag.Pos{File: f.name, Offset: f.loc.Key(kind, index, "id")}
	if !b.id(kind, id, pos, b.meant(kind, index, "id")) {
		b.reject(kind + ":" + id)
		return pos, false
	}
	return pos, true
}

// notID is a run of characters an id may not hold.
var notID = regexp.MustCompile(`[^a-z0-9_-]+`)

func suggestID(s string) string {
	s = strings.ToLower(s)
	s = notID.ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}

func (b *builder) dimensions(f parsed) {
	for i, rd := range f.raw.Dimension {
		pos, ok := b.entry(f, "dimension", i, rd.ID)
		if !ok {
			continue
		}
		if rd.ID == "feature" || rd.ID == "status" || rd.ID == "notes" || rd.ID == "note" || rd.ID == "source" || rd.ID == "page" {
			b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixId, "dimension id %q is reserved for statements; choose another", rd.ID))
			b.reject("dimension:" + rd.ID)
			continue
		}
		d := &Dimension{ID: rd.ID, Name: cmp.Or(rd.Name, rd.ID), Aliases: rd.Aliases, Pos: pos}
		if len(rd.Values) == 0 {
			if !b.meant("dimension", i, "values") {
				b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixDimensionEmpty, "dimension %q has no values; add values = [{ id = \"...\", name = \"...\" }, ...] in order", rd.ID))
			}
			b.reject("dimension:" + rd.ID)
			continue
		}
		seen := map[string]int{}
		for j, rv := range rd.Values {
			vpos := diag.Pos{File: f.name, Offset: f.loc.NthValue("dimension", i, "", rv.ID, seen[rv.ID])}
			seen[rv.ID]++
			misspelt := b.hinted.Meant(tomlpos.Path{"dimension", i, "values", j}, "id")
			if !b.id("dimension "+strconv.Quote(rd.ID)+" value", rv.ID, vpos, misspelt) {
				b.reject("value:" + rd.ID + ":" + rv.ID)
				continue
			}
			d.Values = append(d.Values, &Value{ID: rv.ID, Name: cmp.Or(rv.Name, rv.ID), Aliases: rv.Aliases,
				Index: len(d.Values), Dimension: d, Pos: vpos})
		}
		if len(d.Values) == 0 {
			// Every value was rejected, and reported; a dimension needs one.
			b.reject("dimension:" + rd.ID)
			continue
		}
		b.m.Dimensions = append(b.m.Dimensions, d)
	}
}

func (b *builder) features(f parsed) {
	for i, rf := range f.raw.Feature {
		pos, ok := b.entry(f, "feature", i, rf.ID)
		if !ok {
			continue
		}
		feat := &Feature{ID: rf.ID, Name: cmp.Or(rf.Name, rf.ID), Aliases: rf.Aliases, Article: rf.Article,
			Description: rf.Description, Pos: pos, ArticlePos: diag.Pos{File: f.name, Offset: f.loc.Key("feature", i, "article")}}
		if rf.Article == "" && !b.meant("feature", i, "article") {
			b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixFeatureArticle,
				"feature %q names no article; add article = \"path/to/article.md\" for the article that documents it", rf.ID))
		}
		b.m.Features = append(b.m.Features, feat)
	}
}

// noDimensions reports a matrix with features but no [[dimension]] written
// (one written but not usable has been reported): its features would have
// no cells, and no table could show them.
func (b *builder) noDimensions(files []parsed) {
	if len(b.m.Dimensions) > 0 || len(b.m.Features) == 0 || b.lost || len(b.rejected) > 0 {
		return
	}
	for _, f := range files {
		if len(f.raw.Dimension) > 0 {
			return
		}
	}
	f := b.m.Features[0]
	b.diags.Add(b.m.At(f.Pos, diag.Error, diag.RuleMatrixNoDimensions,
		"the support matrix has features but no dimension, so no feature has a status for anything; "+
			"add a [[dimension]] with id, name and values = [{ id = \"...\", name = \"...\" }, ...] (see docs/matrix.md)"))
	b.noDims = true
}

// IDList reads a TOML value that is one string (an id, a note) or a list of
// them. It reports false for any other value, or a list holding something
// other than strings.
func IDList(v any) ([]string, bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case []any:
		ids := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, false
			}
			ids = append(ids, s)
		}
		return ids, true
	}
	return nil, false
}

// featureList reads a statement's or requirement's feature key: one id or a list.
func (b *builder) featureList(v any, pos func(id string) diag.Pos, what string) []*Feature {
	ids, ok := IDList(v)
	switch {
	case ok:
	case v == nil:
		b.diags.Add(b.m.At(pos(""), diag.Error, diag.RuleMatrixReference, "%s names no feature; add feature = \"id\" or a list of ids", what))
		return nil
	default:
		b.diags.Add(b.m.At(pos(""), diag.Error, diag.RuleMatrixType, "%s: feature must be an id or a list of ids (strings)", what))
		return nil
	}
	var out []*Feature
	for _, id := range ids {
		f := b.m.Feature(id)
		if f == nil && b.missing("feature:"+id) {
			continue
		}
		if f == nil {
			b.diags.Add(b.m.At(pos(id), diag.Error, diag.RuleMatrixReference, "%s names unknown feature %q; the features are %s", what, id, b.m.FeatureIDs()))
			continue
		}
		out = append(out, f)
	}
	return out
}

func (b *builder) statements(f parsed) {
	for i, raw := range f.raw.Statement {
		header := diag.Pos{File: f.name, Offset: f.loc.Header("statement", i)}
		at := func(key, text string) diag.Pos {
			if text == "" {
				return diag.Pos{File: f.name, Offset: f.loc.Key("statement", i, key)}
			}
			return diag.Pos{File: f.name, Offset: f.loc.Value("statement", i, key, text)}
		}
		s := &Statement{Pos: header, SourcePos: at("source", ""), Select: make([][]int, len(b.m.Dimensions))}
		s.Features = b.featureList(raw["feature"], func(id string) diag.Pos { return at("feature", id) }, "statement")
		ok := len(s.Features) > 0
		for key, v := range raw {
			switch key {
			case "feature":
			case "status":
				st, _ := v.(string)
				switch Status(st) {
				case Supported, NotSupported, Limited, Deprecated:
					s.Status = Status(st)
				default:
					b.diags.Add(b.m.At(at("status", ""), diag.Error, diag.RuleMatrixStatus,
						"status %q is not one of supported, not-supported, limited, deprecated", fmt.Sprint(v)))
					ok = false
				}
			case "notes", "note":
				notes, good := IDList(v)
				if !good {
					b.diags.Add(b.m.At(at(key, ""), diag.Error, diag.RuleMatrixType, "%s must be a string or a list of strings", key))
				}
				s.Notes = append(s.Notes, notes...)
			case "source":
				s.Source, _ = v.(string)
			default:
				d := b.m.Dimension(key)
				if d == nil && b.missing("dimension:"+key) {
					ok = false
					continue
				}
				if d == nil {
					b.diags.Add(b.m.At(at(key, ""), diag.Error, diag.RuleMatrixUnknownKey,
						"unknown key %q in [[statement]]; the keys are feature, status, notes, source and the dimension ids (%s)", key, b.m.DimensionIDs()))
					ok = false
					continue
				}
				sel, good := b.selection(d, v, func(text string) diag.Pos { return at(key, text) })
				if !good {
					ok = false
					continue
				}
				s.Select[slices.Index(b.m.Dimensions, d)] = sel
			}
		}
		if _, has := raw["status"]; !has {
			b.diags.Add(b.m.At(header, diag.Error, diag.RuleMatrixStatus, "statement has no status; add status = \"supported\", \"not-supported\", \"limited\" or \"deprecated\""))
			ok = false
		}
		if s.Status == Limited && len(s.Notes) == 0 {
			b.diags.Add(b.m.At(at("status", ""), diag.Error, diag.RuleMatrixLimitedNote,
				"a limited statement must say what the limit is; add notes = [\"...\"]"))
		}
		if s.Source == "" {
			b.diags.Add(b.m.At(header, diag.Error, diag.RuleMatrixSource,
				"statement has no source; add source = \"article.md#section\" for the article section it comes from"))
		}
		for di, d := range b.m.Dimensions {
			if s.Select[di] == nil {
				s.Select[di] = allIndexes(d)
			}
		}
		if ok {
			b.m.Statements = append(b.m.Statements, s)
		}
	}
}

// selection reads a statement's choice on one dimension: "id", ["id", ...] or
// { from = "id", to = "id" } (either end may be left out).
func (b *builder) selection(d *Dimension, v any, at func(text string) diag.Pos) ([]int, bool) {
	value := func(id string) (*Value, bool) {
		val := d.Value(id)
		if val == nil && b.missing("value:"+d.ID+":"+id) {
			return nil, false
		}
		if val == nil {
			b.diags.Add(b.m.At(at(id), diag.Error, diag.RuleMatrixReference, "%q is not a value of dimension %q; the values are %s", id, d.ID, d.ValueIDs()))
		}
		return val, val != nil
	}
	switch v := v.(type) {
	case string:
		val, ok := value(v)
		if !ok {
			return nil, false
		}
		return []int{val.Index}, true
	case []any:
		var out []int
		ok := true
		for _, x := range v {
			s, isString := x.(string)
			if !isString {
				b.diags.Add(b.m.At(at(""), diag.Error, diag.RuleMatrixType, "%s: a list must hold value ids as strings", d.ID))
				return nil, false
			}
			val, good := value(s)
			if !good {
				ok = false
				continue
			}
			if slices.Contains(out, val.Index) {
				b.diags.Add(b.m.At(at(s), diag.Warning, diag.RuleMatrixRedundant, "%q is listed twice", s))
				continue
			}
			out = append(out, val.Index)
		}
		if len(out) == 0 && ok {
			b.diags.Add(b.m.At(at(""), diag.Error, diag.RuleMatrixType, "%s: the list is empty; leave the key out to mean every value", d.ID))
			return nil, false
		}
		slices.Sort(out)
		return out, ok
	case map[string]any:
		lo, hi := 0, len(d.Values)-1
		for k, x := range v {
			s, isString := x.(string)
			if (k != "from" && k != "to") || !isString {
				b.diags.Add(b.m.At(at(""), diag.Error, diag.RuleMatrixType, "%s: a range is { from = \"id\", to = \"id\" }, with either end left out; %q is not allowed", d.ID, k))
				return nil, false
			}
			val, ok := value(s)
			if !ok {
				return nil, false
			}
			if k == "from" {
				lo = val.Index
			} else {
				hi = val.Index
			}
		}
		if lo > hi {
			from, to := v["from"].(string), v["to"].(string)
			b.diags.Add(b.m.At(at(from), diag.Error, diag.RuleMatrixRangeOrder,
				"range from %q to %q is backwards: in dimension %q, %q comes after %q; swap the ends", from, to, d.ID, from, to))
			return nil, false
		}
		var out []int
		for i := lo; i <= hi; i++ {
			out = append(out, i)
		}
		return out, true
	}
	b.diags.Add(b.m.At(at(""), diag.Error, diag.RuleMatrixType, "%s must be a value id, a list of ids, or a range { from = \"id\", to = \"id\" }", d.ID))
	return nil, false
}

func (b *builder) requirements(f parsed) {
	for i, rr := range f.raw.Requirement {
		pos, ok := b.entry(f, "requirement", i, rr.ID)
		if !ok {
			continue
		}
		at := func(id string) diag.Pos {
			if id == "" {
				return diag.Pos{File: f.name, Offset: f.loc.Key("requirement", i, "feature")}
			}
			return diag.Pos{File: f.name, Offset: f.loc.Value("requirement", i, "feature", id)}
		}
		r := &Requirement{ID: rr.ID, Text: strings.TrimSpace(rr.Text), Source: rr.Source, Pos: pos,
			SourcePos: diag.Pos{File: f.name, Offset: f.loc.Key("requirement", i, "source")}}
		r.Features = b.featureList(rr.Feature, at, "requirement "+rr.ID)
		if r.Text == "" {
			b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixRequirementText, "requirement %q has no text; add text = \"...\" stating the rule", rr.ID))
		}
		if r.Source == "" {
			b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixSource,
				"requirement %q has no source; add source = \"article.md#section\" for the article section it comes from", rr.ID))
		}
		b.m.Requirements = append(b.m.Requirements, r)
	}
}

func allIndexes(d *Dimension) []int {
	out := make([]int, len(d.Values))
	for i := range out {
		out[i] = i
	}
	return out
}
