package main

// Rules about kb's own source that hold across packages. They live beside the
// command because the command is the whole program: the tests read every
// package of the module from here.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
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
	reportFound(t, perCallCompiles, " compiles a regular expression on every call; make it a package-level var (or scan the string when the pattern depends on an argument)")
}

// reportFound runs find over the module's Go files and fails t once for each
// place it finds ("path:line:col..."), the path made relative to the module's
// root, followed by fix.
func reportFound(t *testing.T, find func(*token.FileSet, map[string]*ast.File) []string, fix string) {
	t.Helper()
	root := moduleRoot(t)
	fset, files := sourceFiles(t, root)
	for _, pos := range find(fset, files) {
		if r, err := filepath.Rel(root, pos); err == nil && !strings.HasPrefix(r, "..") {
			pos = filepath.ToSlash(r)
		}
		t.Errorf("%s%s", pos, fix)
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

// artifactOwners names, per package, the exported constants that hold the
// paths of the files it writes into the site (a folder, a file, or a page's
// source path, whose page is the same path ending in .html). Every other
// package takes the path from there.
var artifactOwners = []artifactOwner{
	{"generator/search", []string{"Folder", "TermsFolder", "DocsFolder", "ManifestPath", "PagePath"}},
	{"generator/render", []string{"AssetsFolder", "StyleAsset", "SyntaxAsset", "ScriptAsset", "DecisionAsset", "SearchAsset"}},
	{"generator/hosting", []string{"NotFoundPath", "RobotsPath", "SitemapPath", "RedirectsPath"}},
	{"generator/compat", []string{"PagePath", "JSONPath"}},
	{"generator/decisionui", []string{"Folder", "IndexPath"}},
	{"generator/embed", []string{"Folder", "ElementPath"}},
}

// artifactOwner is a package's folder and the names of its path constants.
type artifactOwner struct {
	dir   string
	names []string
}

// artifactExempt are literals that equal an artifact path by chance, by the
// folder of the file and the literal's start: serve reads its own scripts
// from its own embedded assets/ folder, not the site's.
var artifactExempt = []struct{ dir, prefix string }{
	{"generator/serve", "assets/"},
}

// constStrings evaluates the package-level string constants of the files in
// dir: literals, other constants of the package and sums of them.
func constStrings(files map[string]*ast.File, dir string) map[string]string {
	exprs := map[string]ast.Expr{}
	for p, f := range files {
		if path.Dir(p) != dir {
			continue
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						exprs[name.Name] = vs.Values[i]
					}
				}
			}
		}
	}
	var eval func(e ast.Expr, depth int) (string, bool)
	eval = func(e ast.Expr, depth int) (string, bool) {
		if depth > 10 {
			return "", false
		}
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.Ident:
			if x, ok := exprs[e.Name]; ok {
				return eval(x, depth+1)
			}
		case *ast.ParenExpr:
			return eval(e.X, depth+1)
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				a, ok1 := eval(e.X, depth+1)
				b, ok2 := eval(e.Y, depth+1)
				return a + b, ok1 && ok2
			}
		}
		return "", false
	}
	out := map[string]string{}
	for name, e := range exprs {
		if s, ok := eval(e, 0); ok {
			out[name] = s
		}
	}
	return out
}

// namesPath reports whether the string literal s is the artifact path v or
// a path under it or an address in it: v itself, v/..., v#..., and for a
// page's source path (x.md) the same for its page (x.html).
func namesPath(s, v string) bool {
	forms := []string{v}
	if strings.HasSuffix(v, ".md") {
		forms = append(forms, strings.TrimSuffix(v, ".md")+".html")
	}
	for _, f := range forms {
		if s == f || strings.HasPrefix(s, f+"/") || strings.HasPrefix(s, f+"#") {
			return true
		}
	}
	return false
}

// foreignArtifactPaths lists, as "path:line: "literal" is owner.Name", every
// string literal outside an owner's package that names one of its artifact
// paths, and every owner constant that is missing. Import paths, struct
// tags and the values of constants named ...Directive (a directive's name,
// not a path) are not paths.
func foreignArtifactPaths(fset *token.FileSet, files map[string]*ast.File, owners []artifactOwner) []string {
	type owned struct{ dir, name, value string }
	var paths []owned
	var found []string
	for _, o := range owners {
		consts := constStrings(files, o.dir)
		for _, name := range o.names {
			v, ok := consts[name]
			if !ok || v == "" {
				found = append(found, o.dir+": no exported string constant "+name)
				continue
			}
			paths = append(paths, owned{o.dir, name, v})
		}
	}
	for p, f := range files {
		dir := path.Dir(p)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.Field:
				return n.Tag == nil
			case *ast.ValueSpec:
				for _, name := range n.Names {
					if strings.HasSuffix(name.Name, "Directive") {
						return false
					}
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil {
					return true
				}
				for _, e := range artifactExempt {
					if dir == e.dir && strings.HasPrefix(s, e.prefix) {
						return true
					}
				}
				var best *owned // the longest path the literal names
				for i, o := range paths {
					if dir != o.dir && namesPath(s, o.value) && (best == nil || len(o.value) > len(best.value)) {
						best = &paths[i]
					}
				}
				if best != nil {
					found = append(found, fset.Position(n.Pos()).String()+": "+strconv.Quote(s)+" is "+path.Base(best.dir)+"."+best.name)
				}
			}
			return true
		})
	}
	slices.Sort(found)
	return found
}

// TestArtifactPathsOwned: the path of a file kb writes into the site is
// written once, as a constant of the package that makes the file; every
// other package uses the constant, so that moving a file cannot leave a link,
// a folder list or a bundle reading the old place.
func TestArtifactPathsOwned(t *testing.T) {
	reportFound(t, func(fset *token.FileSet, files map[string]*ast.File) []string {
		return foreignArtifactPaths(fset, files, artifactOwners)
	}, "; use the owner's constant")
}

// TestForeignArtifactPathsFound checks the finder itself on an owner and a
// user of its paths, so that TestArtifactPathsOwned cannot pass by finding
// nothing.
func TestForeignArtifactPathsFound(t *testing.T) {
	srcs := map[string]string{
		"generator/own/own.go": `package own

const (
	Folder = "idx"
	Manifest = Folder + "/m.js"
	PagePath = "find.md"
)

var local = "idx/x.js"
`,
		"generator/use/use.go": `package use

import _ "idx"

const findDirective = "idx"

type T struct {
	F string ` + "`toml:\"idx\"`" + `
}

var (
	a = "idx"
	b = "idx/m.js"
	c = "find.html#top"
	d = "find.md"
	e = "idxs"
	f = "see idx/"
)
`,
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, p := range slices.Sorted(maps.Keys(srcs)) {
		f, err := parser.ParseFile(fset, p, srcs[p], 0)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = f
	}
	got := strings.Join(foreignArtifactPaths(fset, files, []artifactOwner{
		{"generator/own", []string{"Folder", "Manifest", "PagePath", "Missing"}},
	}), "\n")
	want := strings.Join([]string{
		"generator/own: no exported string constant Missing",
		`generator/use/use.go:12:6: "idx" is own.Folder`,
		`generator/use/use.go:13:6: "idx/m.js" is own.Manifest`,
		`generator/use/use.go:14:6: "find.html#top" is own.PagePath`,
		`generator/use/use.go:15:6: "find.md" is own.PagePath`,
	}, "\n")
	if got != want {
		t.Errorf("found\n%s\nwant\n%s", got, want)
	}
}
