package matrix

import (
	"fmt"
	"io/fs"

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

// Load reads every rules/*.toml file of the source folder fsys, adding each
// to table, through which the matrix's diagnostics are placed. A site without
// them has an empty matrix. Problems are reported in diags; the matrix holds
// whatever could be understood, and Failed tells whether that is all of it.
func Load(fsys fs.FS, table *diag.Files, diags *diag.List) *Matrix {
	m := &Matrix{cells: map[*Feature][]Cell{}, files: table}
	read, all := tomlpos.ReadFiles(fsys, Dir+"/*.toml", diag.RuleMatrixRead, diags)
	if len(read) == 0 && all {
		return m // no rules files
	}
	b := builder{m: m, diags: diags, lost: !all}
	var files []parsed
	for _, f := range read {
		p := parsed{name: f.Name}
		loc, problems, ok := tomlpos.DecodeFile(f.Name, f.Src, table.Add(f.Name, f.Src), &p.raw, diag.RuleMatrixSyntax, diags)
		if !ok {
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
		pos := diag.Pos{File: p.name, Offset: pr.Offset}
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
			b.hinted.Add(pr)
		}
		b.diags.Add(b.m.At(pos, diag.Error, diag.RuleMatrixUnknownKey, "unknown key %q %s%s; the keys are %s", pr.Key(), where, hint, allowed[parent]))
	}
	return usable
}
