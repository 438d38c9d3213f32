package tomlpos

import (
	"io/fs"
	"slices"
	"strings"

	"kb/generator/diag"
)

// File is one TOML file of a folder, read whole.
type File struct {
	Name string // its path in the folder: "rules/matrix.toml"
	Src  []byte
}

// ReadFiles reads the files of fsys that match pattern ("rules/*.toml", as
// fs.Glob reads it), sorted by name. A file that cannot be read is reported
// in diags, an error of rule at the file, and left out; all tells whether
// every file was read.
func ReadFiles(fsys fs.FS, pattern, rule string, diags *diag.List) (files []File, all bool) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, true
	}
	slices.Sort(names)
	all = true
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			diags.Add(diag.Diagnostic{Path: name, Severity: diag.Error, Rule: rule, Message: err.Error()})
			all = false
			continue
		}
		files = append(files, File{name, src})
	}
	return files, all
}

// DecodeFile is Decode for the file name, whose text src has the lines
// lines. A document that does not parse is reported in diags, an error of
// rule at the line and column of the syntax error, and ok is false.
func DecodeFile(name string, src []byte, lines *diag.Lines, v any, rule string, diags *diag.List) (loc *Locator, problems []Problem, ok bool) {
	loc, problems, err := Decode(src, v)
	if err == nil {
		return loc, problems, true
	}
	if off, msg, ok := SyntaxError(err, src); ok {
		diags.Add(lines.At(name, off, diag.Error, rule, "%s", msg))
	} else {
		diags.Add(diag.Diagnostic{Path: name, Line: 1, Severity: diag.Error, Rule: rule, Message: strings.TrimPrefix(err.Error(), "toml: ")})
	}
	return nil, nil, false
}
