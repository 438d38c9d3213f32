package decision

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kb/generator/diag"
	"kb/generator/matrix"
	"kb/generator/tomlpos"
)

type rawTree struct {
	ID          string        `toml:"id"`
	Title       string        `toml:"title"`
	Description string        `toml:"description"`
	Start       string        `toml:"start"`
	Question    []rawQuestion `toml:"question"`
	Outcome     []rawOutcome  `toml:"outcome"`
}

type rawQuestion struct {
	ID        string      `toml:"id"`
	Text      string      `toml:"text"`
	Help      string      `toml:"help"`
	Dimension string      `toml:"dimension"`
	Covers    bool        `toml:"covers"`
	Options   []rawOption `toml:"options"`
}

type rawOption struct {
	Label string         `toml:"label"`
	Value any            `toml:"value"`
	Set   map[string]any `toml:"set"`
	Next  string         `toml:"next"`
}

type rawOutcome struct {
	ID        string    `toml:"id"`
	Title     string    `toml:"title"`
	Text      string    `toml:"text"`
	Recommend []string  `toml:"recommend"`
	Links     []rawLink `toml:"links"`
}

type rawLink struct {
	Text string `toml:"text"`
	Href string `toml:"href"`
}

// maxPaths bounds path enumeration, so that a tree with too many paths is
// reported rather than exhausting memory.
const maxPaths = 10_000

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Load reads every tree in rules/decisions/ of the source folder fsys and checks
// it against the matrix m. It adds each tree file to table, the build's table
// of files that also holds the matrix's, through which its diagnostics (and
// their notes at statements) are placed. Problems are reported in diags with
// file:line:col.
func Load(fsys fs.FS, m *matrix.Matrix, table *diag.Files, diags *diag.List) []*Tree {
	files, _ := tomlpos.ReadFiles(fsys, Dir+"/*.toml", diag.RuleTreeRead, diags)
	var trees []*Tree
	ids := map[string]diag.Pos{}
	for _, f := range files {
		name := f.Name
		var raw rawTree
		loc, problems, ok := tomlpos.DecodeFile(name, f.Src, table.Add(name, f.Src), &raw, diag.RuleTreeSyntax, diags)
		if !ok {
			continue
		}
		l := loader{m: m, table: table, diags: diags, file: name, loc: loc}
		if !l.decodeProblems(problems) {
			continue
		}
		t := l.tree(raw)
		if t == nil {
			continue
		}
		if other, dup := ids[t.ID]; dup {
			diags.Add(table.At(t.Pos, diag.Error, diag.RuleTreeId, "tree id %q is already used by another tree; give each tree its own id", t.ID).
				WithNotes(table.Note(other, "already used here")))
			continue
		}
		ids[t.ID] = t.Pos
		trees = append(trees, t)
	}
	return trees
}

// Lost returns the ids of the tree files in rules/decisions/ of fsys that
// gave no tree among trees (what Load returned): files that could not be
// read or decoded, or trees too broken to use. Load has reported why; what
// refers to these trees is then not reported unknown. A file's tree id is its
// name, or the id = "..." it sets, when that can be read; an id that a tree
// has, or an earlier lost file, is not repeated.
func Lost(fsys fs.FS, trees []*Tree) []string {
	names, _ := fs.Glob(fsys, Dir+"/*.toml")
	slices.Sort(names)
	loaded, ids := map[string]bool{}, map[string]bool{}
	for _, t := range trees {
		loaded[t.File], ids[t.ID] = true, true
	}
	var lost []string
	for _, name := range names {
		if loaded[name] {
			continue
		}
		id := strings.TrimSuffix(path.Base(name), ".toml")
		if src, err := fs.ReadFile(fsys, name); err == nil {
			if m := idLine.FindSubmatch(src); m != nil {
				id = string(m[1])
			}
		}
		if idPattern.MatchString(id) && !ids[id] {
			ids[id] = true
			lost = append(lost, id)
		}
	}
	return lost
}

// idLine is a top-level id = "..." before any table.
var idLine = regexp.MustCompile(`\A(?:[^\[]*\n)?[ \t]*id[ \t]*=[ \t]*"([a-z0-9][a-z0-9_-]*)"`)

type loader struct {
	m     *matrix.Matrix
	table *diag.Files // the build's table of files, this one's and the matrix's
	diags *diag.List
	file  string
	loc   *tomlpos.Locator
	// hinted holds, per entry ("question[0]", "" for the top), the keys
	// that an unknown key of the entry was probably meant to be: a missing
	// id, text or start is then not reported too.
	hinted tomlpos.Hints
	// lostNode is set when a question or outcome was rejected (and
	// reported): an option or start naming an unknown node may name it.
	lostNode bool
}

// meant reports whether an unknown key of the entry at path p was probably
// meant to be key, and so was reported already.
func (l *loader) meant(key string, p ...any) bool {
	return l.hinted.Meant(tomlpos.Path(p), key)
}

// lostDimension reports whether a name that is not a dimension of the
// matrix may be one the matrix lost (it Failed to load, and said why).
func (l *loader) lostDimension(id string) bool { return l.m.Dimension(id) == nil && l.m.Failed() }

func (l *loader) pos(off int) diag.Pos { return diag.Pos{File: l.file, Offset: off} }

// at makes a diagnostic at a position of a tree or matrix file.
func (l *loader) at(p diag.Pos, sev diag.Severity, rule, format string, args ...any) diag.Diagnostic {
	return l.table.At(p, sev, rule, format, args...)
}

// note makes a note at a position of a tree or matrix file.
func (l *loader) note(p diag.Pos, message string) diag.Note {
	return l.table.Note(p, message)
}

func (l *loader) errorf(p diag.Pos, rule, format string, args ...any) {
	l.diags.Add(l.at(p, diag.Error, rule, format, args...))
}

// decodeProblems reports the unknown keys and the values of the wrong type
// of a tree file. It reports false when the tree cannot be used: a value of
// the wrong type leaves a hole that every check after it would report again.
func (l *loader) decodeProblems(problems []tomlpos.Problem) bool {
	allowed := map[string]string{
		"":                 "id, title, description, start, question and outcome",
		"question":         "id, text, help, dimension, covers and options",
		"question.options": "label, value, set and next",
		"outcome":          "id, title, text, recommend and links",
		"outcome.links":    "text and href",
	}
	usable := true
	for _, pr := range problems {
		if !pr.Unknown {
			l.errorf(l.pos(pr.Offset), diag.RuleTreeType, "%s", pr.TypeMessage())
			usable = false
			continue
		}
		parent := pr.Parent()
		where := "at the top of the tree"
		if parent != "" {
			where = "in " + parent
		}
		hint := ""
		if pr.Hint != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", pr.Hint)
			l.hinted.Add(pr)
		}
		l.errorf(l.pos(pr.Offset), diag.RuleTreeUnknownKey, "unknown key %q %s%s; the keys are %s", pr.Key(), where, hint, allowed[parent])
	}
	return usable
}

// tree builds and checks one tree; it returns nil when the tree is too broken
// to enumerate. Nodes come first, so that options and start can name any of
// them; then the structure is checked and the paths enumerated.
func (l *loader) tree(raw rawTree) *Tree {
	t := l.treeHeader(raw)
	if t == nil {
		return nil
	}
	seen := map[string]diag.Pos{}
	l.questions(t, raw.Question, seen)
	l.outcomes(t, raw.Outcome, seen)
	for i, rq := range raw.Question {
		// Only the question that node n was made from, not a duplicate id.
		n := t.Node(rq.ID)
		if n == nil || n.Outcome || n.Pos != l.pos(l.loc.Key("question", i, "id")) {
			continue
		}
		l.question(t, n, i, rq)
	}
	if !l.start(t, raw.Start) || !l.structure(t) {
		return nil
	}
	l.paths(t)
	return t
}

// treeHeader makes the tree from the keys at the top of its file, or returns
// nil when its id is not valid. The id defaults to the file name.
func (l *loader) treeHeader(raw rawTree) *Tree {
	t := &Tree{ID: raw.ID, Title: raw.Title, Description: raw.Description, File: l.file}
	t.Pos = l.pos(l.topKey("id"))
	if t.ID == "" {
		t.ID = strings.TrimSuffix(path.Base(l.file), ".toml")
		t.Pos = l.pos(0)
	}
	if !idPattern.MatchString(t.ID) {
		l.errorf(t.Pos, diag.RuleTreeId, "tree id %q is not valid; use lower case letters, digits, - and _ (the file name is the id when id is left out)", t.ID)
		return nil
	}
	if strings.TrimSpace(t.Title) == "" && !l.meant("title") {
		l.errorf(l.pos(0), diag.RuleTreeTitle, "tree %q has no title; add title = \"...\" at the top of the file", t.ID)
	}
	return t
}

// addNode adds n to t when its id is present, valid and not already in seen
// (the first position of each id). A missing id whose key was misspelt has
// been reported already. A node not added sets lostNode; a duplicate does
// not, as the id it has is in the tree.
func (l *loader) addNode(t *Tree, seen map[string]diag.Pos, n *Node, misspelt bool) bool {
	if n.ID == "" {
		l.lostNode = true
		if !misspelt {
			l.errorf(n.Pos, diag.RuleTreeId, "%s has no id; add id = \"...\"", map[bool]string{true: "an outcome", false: "a question"}[n.Outcome])
		}
		return false
	}
	if !idPattern.MatchString(n.ID) {
		l.errorf(n.Pos, diag.RuleTreeId, "id %q is not valid; use lower case letters, digits, - and _", n.ID)
		l.lostNode = true
		return false
	}
	if first, dup := seen[n.ID]; dup {
		l.diags.Add(l.at(n.Pos, diag.Error, diag.RuleTreeId, "id %q is already used; questions and outcomes need unique ids", n.ID).
			WithNotes(l.note(first, "already used here")))
		return false
	}
	seen[n.ID] = n.Pos
	t.Nodes = append(t.Nodes, n)
	return true
}

// questions adds the tree's questions, without their options.
func (l *loader) questions(t *Tree, raw []rawQuestion, seen map[string]diag.Pos) {
	for i, rq := range raw {
		n := &Node{ID: rq.ID, Tree: t, Text: strings.TrimSpace(rq.Text), Help: strings.TrimSpace(rq.Help), Covers: rq.Covers,
			Pos: l.pos(l.loc.Key("question", i, "id"))}
		if l.addNode(t, seen, n, l.meant("id", "question", i)) && n.Text == "" && !l.meant("text", "question", i) {
			l.errorf(n.Pos, diag.RuleTreeText, "question %q has no text; add text = \"...?\"", n.ID)
		}
	}
}

// outcomes adds the tree's outcomes with the features they recommend and
// their links.
func (l *loader) outcomes(t *Tree, raw []rawOutcome, seen map[string]diag.Pos) {
	for i, ro := range raw {
		n := &Node{ID: ro.ID, Tree: t, Outcome: true, Title: strings.TrimSpace(ro.Title), Body: strings.TrimSpace(ro.Text),
			Pos: l.pos(l.loc.Key("outcome", i, "id"))}
		if l.addNode(t, seen, n, l.meant("id", "outcome", i)) && n.Title == "" && !l.meant("title", "outcome", i) {
			l.errorf(n.Pos, diag.RuleTreeText, "outcome %q has no title; add title = \"...\"", n.ID)
		}
		l.recommend(n, i, ro)
		l.links(n, i, ro)
	}
}

// recommend sets the features outcome n, the i-th, recommends.
func (l *loader) recommend(n *Node, i int, ro rawOutcome) {
	for _, id := range ro.Recommend {
		f := l.m.Feature(id)
		if f == nil && l.m.Failed() {
			continue // the matrix's problem, reported there
		}
		if f == nil {
			l.errorf(l.pos(l.loc.Value("outcome", i, "recommend", id)), diag.RuleTreeReference,
				"outcome %q recommends unknown feature %q; the features are %s", ro.ID, id, l.m.FeatureIDs())
			continue
		}
		n.Recommend = append(n.Recommend, f)
	}
}

// links sets the links of outcome n, the i-th.
func (l *loader) links(n *Node, i int, ro rawOutcome) {
	for _, rl := range ro.Links {
		lp := l.pos(l.loc.Value("outcome", i, "links", rl.Href))
		if rl.Href == "" || strings.TrimSpace(rl.Text) == "" {
			l.errorf(lp, diag.RuleTreeLink, "a link needs text and href: { text = \"...\", href = \"article.md#section\" }")
			continue
		}
		n.Links = append(n.Links, Link{Text: rl.Text, Href: rl.Href, Pos: lp})
	}
}

// start sets the tree's first node from start = "id"; it reports false when
// there is none. A start that is missing because its key was misspelt, or
// unknown because it may name a node rejected, has been reported already.
func (l *loader) start(t *Tree, start string) bool {
	if start == "" {
		if !l.meant("start") {
			l.errorf(l.pos(0), diag.RuleTreeStart, "tree %q has no start; add start = \"id\" naming its first question", t.ID)
		}
		return false
	}
	if t.Start = t.Node(start); t.Start == nil {
		if !l.lostNode {
			l.errorf(l.pos(l.topValue("start", start)), diag.RuleTreeStart, "start %q is not a question or outcome of this tree; the ids are %s", start, nodeIDs(t))
		}
		return false
	}
	return true
}

// question reads the options of question n, the i-th of the file, now that
// every node of t is known, and checks that they cover its dimension when it
// says so.
func (l *loader) question(t *Tree, n *Node, i int, rq rawQuestion) {
	dimensionLost := l.questionDimension(n, i, rq)
	names := optionNames{labels: map[string]bool{}, slugs: map[string]string{}}
	for j, ro := range rq.Options {
		op := l.optionLabel(n, i, j, ro, names)
		if op == nil {
			continue
		}
		if ro.Value != nil && !dimensionLost {
			l.bindValue(n, op, ro.Value)
		}
		l.bindSet(op, ro.Set)
		l.optionNext(t, n, op, i, j, ro.Next)
		n.Options = append(n.Options, op)
	}
	if len(rq.Options) < 2 {
		l.errorf(n.Pos, diag.RuleTreeDeadEnd, "question %q has %d option(s); a question needs at least two (use an outcome for a single answer)", n.ID, len(rq.Options))
	}
	if n.Dimension != nil && n.Covers {
		l.coverage(n)
	}
}

// questionDimension sets the dimension question n, the i-th, binds. It
// reports whether the dimension is one the matrix lost, so that values bound
// to it are not reported too.
func (l *loader) questionDimension(n *Node, i int, rq rawQuestion) (lost bool) {
	if rq.Dimension == "" {
		if rq.Covers {
			l.errorf(l.pos(l.loc.Key("question", i, "covers")), diag.RuleTreeCoverage, "covers = true needs the dimension the options cover: add dimension = \"id\"")
		}
		return false
	}
	if n.Dimension = l.m.Dimension(rq.Dimension); n.Dimension != nil {
		return false
	}
	if l.lostDimension(rq.Dimension) {
		return true
	}
	l.errorf(l.pos(l.loc.Value("question", i, "dimension", rq.Dimension)), diag.RuleTreeReference,
		"question %q names unknown dimension %q; the dimensions are %s", n.ID, rq.Dimension, l.m.DimensionIDs())
	return false
}

// optionNames holds the labels (in lower case) and slugs of a question's
// options so far, to keep them unique.
type optionNames struct {
	labels map[string]bool
	slugs  map[string]string // slug: the label it was made from
}

// optionLabel makes option j of question n, the i-th, from its label, or
// returns nil when the label is missing or not unique within the question.
func (l *loader) optionLabel(n *Node, i, j int, ro rawOption, names optionNames) *Option {
	op := &Option{Label: strings.TrimSpace(ro.Label), Pos: l.pos(l.loc.Value("question", i, "options", ro.Label))}
	if ro.Label == "" {
		op.Pos = l.pos(l.loc.Key("question", i, "options"))
		if !l.meant("label", "question", i, "options", j) {
			l.errorf(op.Pos, diag.RuleTreeLabel, "option %d of question %q has no label; add label = \"...\"", j+1, n.ID)
		}
		return nil
	}
	if names.labels[strings.ToLower(op.Label)] {
		l.errorf(op.Pos, diag.RuleTreeLabel, "question %q has two options labelled %q; labels must be unique within a question", n.ID, op.Label)
		return nil
	}
	names.labels[strings.ToLower(op.Label)] = true
	op.Slug = slug(op.Label)
	if other, dup := names.slugs[op.Slug]; dup {
		l.errorf(op.Pos, diag.RuleTreeLabel, "options %q and %q of question %q differ only in punctuation or letter case; make them clearly different", other, op.Label, n.ID)
		return nil
	}
	names.slugs[op.Slug] = op.Label
	return op
}

// bindValue binds the value = ... of option op to the dimension of its
// question n.
func (l *loader) bindValue(n *Node, op *Option, value any) {
	if n.Dimension == nil {
		l.errorf(op.Pos, diag.RuleTreeReference, "option %q has a value but question %q names no dimension; add dimension = \"id\" or use set = { dimension = \"value\" }", op.Label, n.ID)
	} else if vals, ok := l.values(n.Dimension, value, op.Pos); ok {
		op.Binds = append(op.Binds, Binding{Dimension: n.Dimension, Key: n.Dimension.ID, Values: vals})
	}
}

// bindSet binds the set = { ... } of option op, in key order: a key that
// names a dimension takes its value ids, any other is a plain fact.
func (l *loader) bindSet(op *Option, set map[string]any) {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := set[k]
		if d := l.m.Dimension(k); d != nil {
			if vals, ok := l.values(d, v, op.Pos); ok {
				op.Binds = append(op.Binds, Binding{Dimension: d, Key: k, Values: vals})
			}
			continue
		}
		s, ok := plain(v)
		if !ok && l.lostDimension(k) {
			continue // a list of values, for a dimension the matrix lost
		}
		if !ok {
			l.errorf(op.Pos, diag.RuleTreeType, "option %q sets plain fact %q to a value that is not a string, number or true/false", op.Label, k)
			continue
		}
		op.Binds = append(op.Binds, Binding{Key: k, Values: []string{s}})
	}
}

// optionNext links option op (option j of question n, the i-th) to the node
// its next = "id" names.
func (l *loader) optionNext(t *Tree, n *Node, op *Option, i, j int, next string) {
	if next == "" {
		if !l.meant("next", "question", i, "options", j) {
			l.errorf(op.Pos, diag.RuleTreeDeadEnd, "option %q of question %q leads nowhere; add next = \"id\" of a question or outcome", op.Label, n.ID)
		}
	} else if op.Next = t.Node(next); op.Next == nil && !l.lostNode {
		l.errorf(l.pos(l.loc.Value("question", i, "options", next)), diag.RuleTreeTarget,
			"option %q leads to %q, which is not a question or outcome of this tree; the ids are %s", op.Label, next, nodeIDs(t))
	}
}

// coverage checks a question that covers its dimension: every option binds
// a value of it, and together they bind every value.
func (l *loader) coverage(n *Node) {
	covered := map[string]bool{}
	for _, op := range n.Options {
		bound := false
		for _, b := range op.Binds {
			if b.Dimension == n.Dimension {
				bound = true
				for _, v := range b.Values {
					covered[v] = true
				}
			}
		}
		if !bound {
			l.errorf(op.Pos, diag.RuleTreeCoverage, "option %q binds no value of dimension %q, which question %q covers; add value = \"id\"", op.Label, n.Dimension.ID, n.ID)
		}
	}
	var missing []string
	for _, v := range n.Dimension.Values {
		if !covered[v.ID] {
			missing = append(missing, v.ID)
		}
	}
	if len(missing) > 0 {
		l.errorf(n.Pos, diag.RuleTreeCoverage, "question %q covers dimension %q but no option binds %s; add options for them or remove covers", n.ID, n.Dimension.ID, strings.Join(missing, ", "))
	}
}

// values reads a binding of dimension d: one value id or a list.
func (l *loader) values(d *matrix.Dimension, v any, p diag.Pos) ([]string, bool) {
	ids, ok := matrix.IDList(v)
	if !ok {
		l.errorf(p, diag.RuleTreeType, "dimension %q takes a value id or a list of value ids (strings)", d.ID)
		return nil, false
	}
	ok = len(ids) > 0
	for _, id := range ids {
		if d.Value(id) == nil && l.m.Failed() {
			ok = false // perhaps a value the matrix rejected, and reported
			continue
		}
		if d.Value(id) == nil {
			l.errorf(p, diag.RuleTreeReference, "%q is not a value of dimension %q; the values are %s", id, d.ID, d.ValueIDs())
			ok = false
		}
	}
	return ids, ok
}

func plain(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		if v {
			return "yes", true
		}
		return "no", true
	case int64:
		return strconv.FormatInt(v, 10), true
	}
	return "", false
}

func (l *loader) topKey(key string) int {
	end := l.loc.Len()
	if first := l.firstHeader(); first >= 0 {
		end = first
	}
	line, _, _ := tomlpos.KeyLine(l.loc.Text(0, end), key, false)
	return line // 0 when the key is not written there
}

func (l *loader) topValue(key, value string) int {
	if off, ok := l.loc.ValueOf(tomlpos.Path{key}); ok {
		return off
	}
	return l.loc.String(l.topKey(key), value)
}

// firstHeader is the offset of the first [[question]] or [[outcome]], or -1.
func (l *loader) firstHeader() int {
	a, b := l.loc.Header("question", 0), l.loc.Header("outcome", 0)
	switch {
	case a == 0 && b == 0:
		return -1
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

func kind(n *Node) string {
	if n.Outcome {
		return "outcome"
	}
	return "question"
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(label string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(label), "-"), "-")
}

func nodeIDs(t *Tree) string {
	var ids []string
	for _, n := range t.Nodes {
		ids = append(ids, n.ID)
	}
	return strings.Join(ids, ", ")
}
