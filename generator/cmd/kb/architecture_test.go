package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// goPackage is what a package's non-test files declare.
type goPackage struct {
	dir     string                     // "generator/embed", from the module root
	names   map[string]bool            // top-level funcs, types, vars and consts
	members map[string]map[string]bool // by type: its methods and struct fields
	tests   map[string]bool            // the Test, Fuzz and Benchmark funcs of its test files
	// main is the type named like the package (source.Source), whose methods
	// the doc names as the package's (source.Add).
	main string
}

func (p *goPackage) declares(name string) bool {
	if p.names[name] {
		return true
	}
	for _, m := range p.members {
		if m[name] {
			return true
		}
	}
	return false
}

// goPackages reads every package under root/generator, by package name (main
// for the command) and by folder.
func goPackages(t *testing.T, root string) (byName, byDir map[string]*goPackage) {
	t.Helper()
	byName, byDir = map[string]*goPackage{}, map[string]*goPackage{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "generator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		dir := filepath.ToSlash(rel)
		pkg := byDir[dir]
		if pkg == nil {
			pkg = &goPackage{dir: dir, names: map[string]bool{}, members: map[string]map[string]bool{}, tests: map[string]bool{}}
			byDir[dir] = pkg
		}
		if strings.HasSuffix(p, "_test.go") {
			for _, decl := range f.Decls {
				if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil {
					pkg.tests[fn.Name.Name] = true
				}
			}
			return nil
		}
		if other, ok := byName[f.Name.Name]; ok && other != pkg {
			t.Errorf("%s and %s are both package %s; the test cannot tell which one docs/architecture.md means", other.dir, dir, f.Name.Name)
		}
		byName[f.Name.Name] = pkg
		pkg.main = strings.ToUpper(f.Name.Name[:1]) + f.Name.Name[1:]
		member := func(typ, name string) {
			if pkg.members[typ] == nil {
				pkg.members[typ] = map[string]bool{}
			}
			pkg.members[typ][name] = true
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil {
					pkg.names[decl.Name.Name] = true
					continue
				}
				typ := decl.Recv.List[0].Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				if gen, ok := typ.(*ast.IndexExpr); ok {
					typ = gen.X
				}
				if id, ok := typ.(*ast.Ident); ok {
					member(id.Name, decl.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						pkg.names[spec.Name.Name] = true
						if st, ok := spec.Type.(*ast.StructType); ok {
							for _, field := range st.Fields.List {
								for _, n := range field.Names {
									member(spec.Name.Name, n.Name)
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range spec.Names {
							pkg.names[n.Name] = true
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return byName, byDir
}

var (
	codeSpan  = regexp.MustCompile("`([^`]+)`")
	mdLink    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	qualified = regexp.MustCompile(`\b([a-z][a-z0-9]*)\.([A-Z][A-Za-z0-9_]*)(?:\.([A-Z][A-Za-z0-9_]*))?\b`)
	tableRow  = regexp.MustCompile("^\\| `([^`]+)` \\|")
	pkgPath   = regexp.MustCompile(`^generator/[a-z0-9/]*[a-z0-9]$`)
	goFuzz    = regexp.MustCompile(`^(?:go test )?(\./generator/[a-z0-9/]+) .*-fuzz '?\^?([A-Za-z0-9_]+)\$?'?`)
	exported  = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)
	testFunc  = regexp.MustCompile(`^(?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*$`)
	typeDot   = regexp.MustCompile(`^([A-Z][A-Za-z0-9_]*)\.([A-Z][A-Za-z0-9_]*)$`)
)

// blocks splits a Markdown text into its table rows, list items and
// paragraphs (fenced code is one block), each with its first line number.
func blocks(doc string) (texts []string, lines []int) {
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			texts, lines = append(texts, strings.Join(cur, "\n")), append(lines, start)
		}
		cur = nil
	}
	fenced := false
	for i, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			if fenced {
				cur = append(cur, line)
				flush()
				fenced = false
				continue
			}
			flush()
			fenced = true
		case fenced:
		case trimmed == "", strings.HasPrefix(trimmed, "#"):
			flush()
			continue
		case strings.HasPrefix(line, "|"), strings.HasPrefix(line, "- "):
			flush()
		}
		if len(cur) == 0 {
			start = i + 1
		}
		cur = append(cur, line)
	}
	flush()
	return texts, lines
}

// TestArchitectureDoc keeps docs/architecture.md true: every package of the
// program has its row in the package table and every row is a package; every
// file, folder, test and Go name it mentions exists.
func TestArchitectureDoc(t *testing.T) {
	root := moduleRoot(t)
	doc, err := os.ReadFile(filepath.Join(root, "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	byName, byDir := goPackages(t, root)
	problems, checked := docProblems(root, string(doc), byName, byDir)
	for _, p := range problems {
		t.Errorf("docs/architecture.md:%s", p)
	}
	if checked < 80 {
		t.Errorf("only %d names and files of docs/architecture.md were checked; the test no longer reads it", checked)
	}
}

// docProblems checks an architecture document against the module at root:
// its problems, as "line: what is wrong", and how many things it checked.
func docProblems(root, doc string, byName, byDir map[string]*goPackage) (problems []string, checked int) {
	errorf := func(line int, format string, args ...any) {
		problems = append(problems, strconv.Itoa(line)+": "+fmt.Sprintf(format, args...))
	}
	exists := func(rel string) bool {
		if strings.Contains(rel, "*") {
			m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(rel)))
			return len(m) > 0
		}
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		return err == nil && (info.IsDir() || !strings.HasSuffix(rel, "/"))
	}
	texts, lines := blocks(doc)

	// The package table.
	rows := map[string]bool{}
	for i, b := range texts {
		m := tableRow.FindStringSubmatch(b)
		if m == nil || m[1] == "package" {
			continue
		}
		rows[m[1]] = true
		if byDir[m[1]] == nil && !(m[1] == "theme" && exists("theme/")) {
			errorf(lines[i], "the package table has %s, which is not a package", m[1])
		}
	}
	if len(rows) == 0 {
		errorf(1, "there is no package table")
	}
	for _, dir := range slices.Sorted(func(yield func(string) bool) {
		for dir := range byDir {
			if !yield(dir) {
				return
			}
		}
	}) {
		if !rows[dir] {
			errorf(1, "package %s has no row in the package table", dir)
		}
	}

	// Names and files, block by block. A file without a folder is one of the
	// package the block is about: its table row, or the package it named last.
	for i, b := range texts {
		// each match reported at its own line
		matches := func(re *regexp.Regexp) (found [][]string, at []int) {
			for _, loc := range re.FindAllStringSubmatchIndex(b, -1) {
				m := make([]string, len(loc)/2)
				for j := range m {
					if loc[2*j] >= 0 {
						m[j] = b[loc[2*j]:loc[2*j+1]]
					}
				}
				found, at = append(found, m), append(at, lines[i]+strings.Count(b[:loc[0]], "\n"))
			}
			return found, at
		}
		var context *goPackage
		rowPkg := ""
		if m := tableRow.FindStringSubmatch(b); m != nil {
			rowPkg, context = m[1], byDir[m[1]]
		}
		row := rowPkg != ""
		found, where := matches(qualified)
		for k, m := range found {
			at := where[k]
			pkg := byName[m[1]]
			if pkg == nil {
				continue // another package (os.Root)
			}
			checked++
			switch {
			case m[3] != "" && !pkg.members[m[2]][m[3]]:
				errorf(at, "%s: %s has no type %s with a method or field %s", m[0], pkg.dir, m[2], m[3])
			case m[3] == "" && !pkg.names[m[2]] && !pkg.members[pkg.main][m[2]]:
				errorf(at, "%s: %s declares no %s", m[0], pkg.dir, m[2])
			}
		}
		found, where = matches(mdLink)
		for k, m := range found {
			at := where[k]
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") {
				continue
			}
			checked++
			if !exists(path.Join("docs", target)) {
				errorf(at, "the link to %s leads nowhere", m[1])
			}
		}
		found, where = matches(codeSpan)
		for k, m := range found {
			at, span := where[k], m[1]
			if span == rowPkg {
				continue // the row's own package, checked above
			}
			if pkg := byDir[span]; pkg != nil && pkgPath.MatchString(span) && !row {
				context = pkg
			} else if pkg := byDir[path.Dir(span)]; pkg != nil && !row {
				context = pkg // generator/pipeline/fuzz_test.go
			}
			file := ""
			switch {
			case strings.HasPrefix(span, "../"), strings.Contains(span, " "):
				if f := goFuzz.FindStringSubmatch(span); f != nil {
					checked++
					dir := strings.TrimPrefix(f[1], "./")
					if pkg := byDir[dir]; pkg == nil || !pkg.tests[f[2]] {
						errorf(at, "%s: %s has no test %s", span, dir, f[2])
					} else if !row {
						context = pkg
					}
				}
				continue // outside the repository, or a command
			case strings.HasPrefix(span, "generator/"), strings.HasPrefix(span, "theme/"), strings.HasPrefix(span, "docs/"), strings.HasPrefix(span, ".ci/"):
				file = span
			case strings.HasSuffix(span, ".go") && strings.Contains(span, "/"):
				file = "generator/" + span // article/limits.go
			case span == "cmd/kb":
				file = "generator/cmd/kb/"
			case strings.HasSuffix(span, ".go"), strings.HasSuffix(span, ".js") && strings.Contains(span, "/"):
				if context == nil {
					errorf(at, "%s: the test cannot tell in which package to look; write its folder", span)
					continue
				}
				file = context.dir + "/" + span // highlight.go, assets/reload.js in a package's row
			case testFunc.MatchString(span) && context != nil:
				checked++
				if !context.tests[span] {
					errorf(at, "%s: %s has no test %s", span, context.dir, span)
				}
				continue
			case exported.MatchString(span) && context != nil && row:
				checked++
				if !context.declares(span) {
					errorf(at, "%s: %s declares no %s", span, context.dir, span)
				}
				continue
			case typeDot.MatchString(span):
				checked++
				tm := typeDot.FindStringSubmatch(span)
				found := false
				for _, pkg := range byDir {
					found = found || pkg.members[tm[1]][tm[2]]
				}
				if !found {
					errorf(at, "%s: no package has a type %s with a method or field %s", span, tm[1], tm[2])
				}
				continue
			default:
				continue
			}
			checked++
			if !exists(file) {
				errorf(at, "%s: there is no %s", span, file)
			}
		}
	}
	return problems, checked
}

// TestDocProblemsFound checks the checker on a document that names what is
// gone, so that TestArchitectureDoc cannot pass by finding nothing.
func TestDocProblemsFound(t *testing.T) {
	root := moduleRoot(t)
	byName, byDir := goPackages(t, root)
	doc := "# Architecture\n" +
		"\n" +
		"```\n" +
		"load      source.Load              fine\n" +
		"          source.Gone              gone\n" +
		"render    article.Parser.Render    fine; article.Parser.Gone is gone\n" +
		"```\n" +
		"\n" +
		"`output.Dir` and `Dest.Begin` are there, `Dest.Gone` is not; see [security](security.md) and [gone](gone.md).\n" +
		"\n" +
		"| package | holds |\n" +
		"|---|---|\n" +
		"| `generator/article` | `highlight.go`, `gone.go`, `article/limits.go`, `Text`, `Gone` |\n" +
		"| `generator/matrix` | a locator (`matrix/locate.go`) |\n" +
		"| `generator/nothing` | nothing, `Gone` |\n" +
		"| `theme` | the theme |\n" +
		"\n" +
		"- `generator/serve`: `host_test.go`, `gone_test.go`, `assets/reload.js`\n" +
		"- `go test ./generator/tomlpos -fuzz FuzzDecode` (and `FuzzKeyLine`, not `FuzzGone2`), `go test ./generator/tomlpos -fuzz FuzzGone`; `theme/assets/gone.js`\n"
	problems, _ := docProblems(root, doc, byName, byDir)
	var got []string
	for _, p := range problems {
		if strings.HasPrefix(p, "1: package ") && !strings.Contains(p, "generator/serve ") {
			continue // every other package has no row here; one is enough
		}
		got = append(got, p)
	}
	want := []string{
		"1: package generator/serve has no row in the package table",
		"5: source.Gone: generator/source declares no Gone",
		"6: article.Parser.Gone: generator/article has no type Parser with a method or field Gone",
		"9: Dest.Gone: no package has a type Dest with a method or field Gone",
		"9: the link to gone.md leads nowhere",
		"13: gone.go: there is no generator/article/gone.go",
		"13: Gone: generator/article declares no Gone",
		"14: matrix/locate.go: there is no generator/matrix/locate.go",
		"15: the package table has generator/nothing, which is not a package",
		"18: gone_test.go: there is no generator/serve/gone_test.go",
		"19: go test ./generator/tomlpos -fuzz FuzzGone: generator/tomlpos has no test FuzzGone",
		"19: theme/assets/gone.js: there is no theme/assets/gone.js",
		"19: FuzzGone2: generator/tomlpos has no test FuzzGone2",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
