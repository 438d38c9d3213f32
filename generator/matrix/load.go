package matrix

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"kb/generator/diag"
	"kb/generator/tomlpos"
)

// Dir is the folder of a site that holds the matrix files.
const Dir = "rules"

type rawFile struct {
	Dimension   []rawDimension   `toml:"dimension"`
	Feature     []rawFeature     `toml:"feature"`
	Statement   []map[string]any `toml:"statement"`
	Requirement []rawRequirement `toml:"requirement"`
}

type rawDimension struct {
	ID      string     `toml:"id"`
	Name    string     `toml:"name"`
	Aliases []string   `toml:"aliases"`
	Values  []rawValue `toml:"values"`
}

type rawValue struct {
	ID      string   `toml:"id"`
	Name    string   `toml:"name"`
	Aliases []string `toml:"aliases"`
}

type rawFeature struct {
	ID          string   `toml:"id"`
	Name        string   `toml:"name"`
	Aliases     []string `toml:"aliases"`
	Article     string   `toml:"article"`
	Description string   `toml:"description"`
}

type rawRequirement struct {
	ID      string `toml:"id"`
	Feature any    `toml:"feature"`
	Text    string `toml:"text"`
	Source  string `toml:"source"`
}

// parsed is one decoded file with its locator.
type parsed struct {
	name string
	raw  rawFile
	loc  *tomlpos.Locator
}

// Load reads every rules/*.toml file of the source folder fsys. A site without
// them has an empty matrix. Problems are reported in diags; the matrix holds
// whatever could be understood, and Failed tells whether that is all of it.
func Load(fsys fs.FS, diags *diag.List) *Matrix {
	m := &Matrix{cells: map[*Feature][]Cell{}, lines: map[string]*diag.Lines{}}
	names, err := fs.Glob(fsys, Dir+"/*.toml")
	if err != nil || len(names) == 0 {
		return m
	}
	slices.Sort(names)
	b := builder{m: m, diags: diags}
	var files []parsed
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			diags.Add(diag.Diagnostic{Path: name, Severity: diag.Error, Rule: diag.RuleMatrixRead, Message: err.Error()})
			b.lost = true
			continue
		}
		m.lines[name] = diag.NewLines(src)
		p := parsed{name: name}
		loc, problems, err := tomlpos.Decode(src, &p.raw)
		if err != nil {
			diags.Add(m.syntaxError(name, src, err))
			b.lost = true
			continue
		}
		p.loc = loc
		if !b.decodeProblems(p, problems) {
			b.lost = true
			continue
		}
		files = append(files, p)
	}
	for _, f := range files {
		b.dimensions(f)
	}
	for _, f := range files {
		b.features(f)
	}
	b.noDimensions(files)
	for _, f := range files {
		b.statements(f)
		b.requirements(f)
	}
	m.failed = b.lost || len(b.rejected) > 0 || b.noDims
	m.resolve(diags)
	return m
}

func (m *Matrix) syntaxError(name string, src []byte, err error) diag.Diagnostic {
	if off, msg, ok := tomlpos.SyntaxError(err, src); ok {
		return m.At(Pos{name, off}, diag.Error, diag.RuleMatrixSyntax, "%s", msg)
	}
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	return diag.Diagnostic{Path: name, Line: 1, Severity: diag.Error, Rule: diag.RuleMatrixSyntax, Message: msg}
}

// decodeProblems reports the keys of a decoded file that nothing reads and
// its values of the wrong type. Statement keys are checked in statements,
// since dimension ids are keys there. It reports false when the file cannot
// be used: a value of the wrong type leaves a hole that would only be
// reported again, differently, by every check after it.
func (b *builder) decodeProblems(p parsed, problems []tomlpos.Problem) bool {
	allowed := map[string]string{
		"":                 "dimension, feature, statement and requirement",
		"dimension":        "id, name, aliases and values",
		"dimension.values": "id, name and aliases",
		"feature":          "id, name, aliases, article and description",
		"requirement":      "id, feature, text and source",
	}
	usable := true
	for _, pr := range problems {
		pos := Pos{p.name, pr.Offset}
		if !pr.Unknown {
			b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixType, "%s", pr.TypeMessage()))
			usable = false
			continue
		}
		parent := pr.Parent()
		where := "at the top of a rules file"
		if parent == "" {
			// A misspelt [[dimension]] or [[feature]]: what it held is
			// missing, and everything that names it would be reported.
			if pr.Hint == "dimension" || pr.Hint == "feature" || pr.Found == "a list" {
				b.lost = true
			}
		} else {
			where = "in [[" + parent + "]]"
		}
		hint := ""
		if pr.Hint != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", pr.Hint)
			b.misspelt(pr)
		}
		b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixUnknownKey, "unknown key %q %s%s; the keys are %s", pr.Key(), where, hint, allowed[parent]))
	}
	return usable
}
