package matrix

import (
	"errors"
	"io/fs"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

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
// whatever could be understood.
func Load(fsys fs.FS, diags *diag.List) *Matrix {
	m := &Matrix{cells: map[*Feature][]Cell{}, lines: map[string]*diag.Lines{}}
	names, err := fs.Glob(fsys, Dir+"/*.toml")
	if err != nil || len(names) == 0 {
		return m
	}
	slices.Sort(names)
	var files []parsed
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			diags.Add(diag.Diagnostic{Path: name, Severity: diag.Error, Rule: "matrix-read", Message: err.Error()})
			continue
		}
		m.lines[name] = diag.NewLines(src)
		p := parsed{name: name, loc: tomlpos.New(src)}
		md, err := toml.Decode(string(src), &p.raw)
		if err != nil {
			diags.Add(m.syntaxError(name, err))
			continue
		}
		m.unknownKeys(p, md, diags)
		files = append(files, p)
	}
	b := builder{m: m, diags: diags}
	for _, f := range files {
		b.dimensions(f)
	}
	for _, f := range files {
		b.features(f)
	}
	for _, f := range files {
		b.statements(f)
		b.requirements(f)
	}
	m.resolve(diags)
	return m
}

func (m *Matrix) syntaxError(name string, err error) diag.Diagnostic {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		d := m.At(Pos{name, perr.Position.Start}, diag.Error, "matrix-syntax", "%s", perr.Message)
		if perr.Position.Line > 0 {
			d.Line, d.Col, d.Excerpt = perr.Position.Line, perr.Position.Col, m.lines[name].LineText(perr.Position.Line)
		}
		return d
	}
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	return diag.Diagnostic{Path: name, Line: 1, Severity: diag.Error, Rule: "matrix-syntax", Message: msg}
}

// unknownKeys reports keys of the typed tables that nothing reads. Statement
// keys are checked in statements, since dimension ids are keys there.
func (m *Matrix) unknownKeys(p parsed, md toml.MetaData, diags *diag.List) {
	allowed := map[string]string{
		"":                 "dimension, feature, statement and requirement",
		"dimension":        "id, name, aliases and values",
		"dimension.values": "id, name and aliases",
		"feature":          "id, name, aliases, article and description",
		"requirement":      "id, feature, text and source",
	}
	reported := map[string]bool{}
	for _, key := range md.Undecoded() {
		if len(key) > 0 && key[0] == "statement" {
			continue
		}
		parent := strings.Join(key[:len(key)-1], ".")
		if reported[parent] {
			continue // inside an unknown table, already reported
		}
		reported[key.String()] = true
		want, ok := allowed[parent]
		if !ok {
			continue
		}
		pos := Pos{p.name, findKey(p.loc, parent, key[len(key)-1])}
		where := "at the top of a rules file"
		if parent != "" {
			where = "in [[" + parent + "]]"
		}
		diags.Add(m.At(pos, diag.Error, "matrix-unknown-key", "unknown key %q %s; the keys are %s", key[len(key)-1], where, want))
	}
}

// findKey finds "key =" in the first entry of the array name that has it, or a
// [[key]] header at the top level.
func findKey(loc *tomlpos.Locator, name, key string) int {
	if name == "" {
		return loc.Header(key, 0)
	}
	top, sub, _ := strings.Cut(name, ".")
	for i := 0; ; i++ {
		start, end, ok := loc.Extent(top, i)
		if !ok {
			return 0
		}
		text := loc.Text(start, end)
		if sub != "" {
			if j := strings.Index(text, sub); j >= 0 {
				text = text[j:]
				start += j
			}
		}
		for _, form := range []string{key + " =", key + "=", `"` + key + `"`} {
			if j := strings.Index(text, form); j >= 0 {
				return start + j
			}
		}
	}
}
