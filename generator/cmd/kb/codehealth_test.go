package main

// Rules about kb's own source that hold across packages. They live beside the
// command because the command is the whole program: the tests read every
// package of the module from here.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// moduleRoot is the folder that holds go.mod, found upwards from the test's
// folder (the package's).
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

// sourceFiles parses every non-test .go file under root/generator, by path
// relative to root (with slashes).
func sourceFiles(t *testing.T, root string) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	err := filepath.WalkDir(filepath.Join(root, "generator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if name == "testdata" || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Go files found under generator/")
	}
	return fset, files
}

// regexpCompilers are the functions of the regular expression packages that
// compile a pattern (MatchString and the like compile theirs on every call).
var regexpCompilers = map[string]map[string]bool{
	"regexp": {"Compile": true, "CompilePOSIX": true, "MustCompile": true, "MustCompilePOSIX": true,
		"Match": true, "MatchString": true, "MatchReader": true},
	"github.com/dlclark/regexp2":    {"Compile": true, "MustCompile": true},
	"github.com/dlclark/regexp2/v2": {"Compile": true, "MustCompile": true},
}

// perCallCompiles lists, as "path:line: regexp.Func", every call that compiles
// a regular expression inside a function body (a function literal counts, even
// in a package-level declaration): such a call compiles the pattern again each
// time the function runs. Package-level var declarations compile once.
func perCallCompiles(fset *token.FileSet, files map[string]*ast.File) []string {
	var found []string
	for _, f := range files {
		names := map[string]map[string]bool{} // local package name -> compilers
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			funcs, ok := regexpCompilers[path]
			if !ok {
				continue
			}
			name := path[strings.LastIndex(path, "/")+1:]
			if name == "v2" {
				name = "regexp2"
			}
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = funcs
		}
		if len(names) == 0 {
			continue
		}
		var inFunc func(n ast.Node) bool
		inFunc = func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && names[pkg.Name][sel.Sel.Name] {
				found = append(found, fset.Position(call.Pos()).String()+": "+pkg.Name+"."+sel.Sel.Name)
			}
			return true
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Body != nil {
					ast.Inspect(decl.Body, inFunc)
				}
			case *ast.GenDecl:
				// Only function literals inside a package-level declaration
				// run more than once.
				ast.Inspect(decl, func(n ast.Node) bool {
					if lit, ok := n.(*ast.FuncLit); ok {
						ast.Inspect(lit.Body, inFunc)
						return false
					}
					return true
				})
			}
		}
	}
	slices.Sort(found)
	return found
}

// TestNoRegexpCompiledPerCall: no regular expression is compiled on every call
// of a function; patterns are package-level vars, and a pattern that depends
// on an argument is a plain string scan instead.
func TestNoRegexpCompiledPerCall(t *testing.T) {
	root := moduleRoot(t)
	fset, files := sourceFiles(t, root)
	for _, pos := range perCallCompiles(fset, files) {
		rel := pos
		if r, err := filepath.Rel(root, pos); err == nil {
			rel = filepath.ToSlash(r)
		}
		t.Errorf("%s compiles a regular expression on every call; make it a package-level var (or scan the string when the pattern depends on an argument)", rel)
	}
}

// TestPerCallCompilesFound checks the finder itself on a file with each kind
// of call, so that TestNoRegexpCompiledPerCall cannot pass by finding nothing.
func TestPerCallCompilesFound(t *testing.T) {
	const src = `package p

import (
	"regexp"
	re2 "github.com/dlclark/regexp2/v2"
)

var once = regexp.MustCompile("a")

var (
	twice = regexp.MustCompile("b")
	lazy  = func() bool { return regexp.MustCompile("c").MatchString("c") }
)

func f(k string) bool {
	ok, _ := regexp.MatchString(k, "x")
	_ = once.MatchString(k)
	_ = re2.MustCompile(k, 0)
	return ok && regexp.QuoteMeta(k) != ""
}

func g() {
	func() { regexp.Compile("d") }()
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(perCallCompiles(fset, map[string]*ast.File{"p.go": f}), "\n")
	want := strings.Join([]string{
		"p.go:12:31: regexp.MustCompile",
		"p.go:16:11: regexp.MatchString",
		"p.go:18:6: re2.MustCompile",
		"p.go:23:11: regexp.Compile",
	}, "\n")
	if got != want {
		t.Errorf("found\n%s\nwant\n%s", got, want)
	}
}
