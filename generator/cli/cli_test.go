package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kb/generator/foldertest"
)

// writeSite writes files (path -> content) into a new temporary folder.
func writeSite(t *testing.T, files map[string]string) string { return foldertest.New(t, files) }

// snapshot reads every file below dir.
func snapshot(t *testing.T, dir string) map[string]string { return foldertest.Read(t, dir) }

// unchanged fails t unless after, a snapshot of public/, holds the files of
// before, the snapshot taken before a failed build.
func unchanged(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("public/ had %d files, now %d", len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("public/%s changed by a failed build", name)
		}
	}
}

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(args, &o, &e)
	return code, o.String(), e.String()
}

var small = map[string]string{
	"config.toml":      "title = \"Small\"\n",
	"content/index.md": "---\ntitle: Home\ndescription: The home page.\n---\nSee [a](a.md#part-one).\n",
	"content/a.md":     "---\ntitle: A\ndescription: Article A.\nms.date: 01/02/2024\n---\n## Part one\n\nBack [home](index.md).\n",
}

func TestBuildWritesSite(t *testing.T) {
	dir := writeSite(t, small)
	code, out, errOut := run("build", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "built 3 pages") { // two articles and the search page
		t.Errorf("stdout = %q", out)
	}
	got := snapshot(t, filepath.Join(dir, "public"))
	for _, want := range []string{"index.html", "a.html", "assets/kb.css", "assets/kb.js", "assets/syntax.css"} {
		if _, ok := got[want]; !ok {
			t.Errorf("public/%s not written", want)
		}
	}
	if !strings.Contains(got["index.html"], `<a href="a.html#part-one">a</a>`) {
		t.Errorf("index.html does not link to a.html#part-one:\n%s", got["index.html"])
	}
	if !strings.Contains(got["a.html"], `<time datetime="2024-01-02">January 2, 2024</time>`) {
		t.Errorf("a.html does not show its ms.date")
	}
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := writeSite(t, small)
	if code, _, errOut := run("build", "--source", dir); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, errOut)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	broken := "---\ntitle: A\ndescription: Article A.\n---\n## Part one\n\nSee [gone](gone.md).\n"
	if err := os.WriteFile(filepath.Join(dir, "content/a.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run("build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	want := "content/a.md:7:5: error: link target \"gone.md\" does not exist; fix the path or create the file [link-missing-file]\n" +
		"  7 | See [gone](gone.md).\n" +
		"    |     ^\n" +
		"1 error, 0 warnings\n"
	if !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to start with:\n%s", errOut, want)
	}
	unchanged(t, before, snapshot(t, filepath.Join(dir, "public")))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "kb-tmp") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestBuildsAreByteIdentical(t *testing.T) {
	dir := writeSite(t, small)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		if code, _, errOut := run("build", "--source", dir, "--dest", dest); code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) || len(sa) == 0 {
		t.Fatalf("%d files vs %d", len(sa), len(sb))
	}
	for name := range sa {
		if sa[name] != sb[name] {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func TestFolderOfMarkdownIsContent(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"docs/intro.md": "---\ntitle: Intro\ndescription: Intro.\n---\nHello.\n",
		"readme.md":     "---\ntitle: Readme\ndescription: Readme.\n---\nSee [intro](docs/intro.md).\n",
	})
	if code, _, errOut := run("build", "--source", dir); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	got := snapshot(t, filepath.Join(dir, "public"))
	for _, want := range []string{"readme.html", "docs/intro.html", "docs/index.html", "index.html"} {
		if _, ok := got[want]; !ok {
			t.Errorf("%s not written; have %d files", want, len(got))
		}
	}
	// A second build must not read the first build's output as content.
	if code, _, errOut := run("build", "--source", dir); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, errOut)
	}
	if _, ok := snapshot(t, filepath.Join(dir, "public"))["public/readme.html"]; ok {
		t.Error("the output folder was built as content")
	}
}

func TestThemeOverride(t *testing.T) {
	files := map[string]string{"theme/templates/article.html": `{{define "main"}}<p class="custom">{{.Title}}</p>{{end}}`,
		"theme/assets/extra.css": "p { color: red }"}
	for k, v := range small {
		files[k] = v
	}
	dir := writeSite(t, files)
	if code, _, errOut := run("build", "--source", dir); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	got := snapshot(t, filepath.Join(dir, "public"))
	if !strings.Contains(got["a.html"], `<p class="custom">A</p>`) {
		t.Errorf("article template not overridden:\n%s", got["a.html"])
	}
	if !strings.Contains(got["a.html"], `assets/kb.css`) {
		t.Error("page shell should still come from the default theme")
	}
	if got["assets/extra.css"] != "p { color: red }" || got["assets/kb.css"] == "" {
		t.Error("theme assets should be the union of the site's and the default ones")
	}
}

func TestExitStatus(t *testing.T) {
	site := writeSite(t, small)
	badConfig := writeSite(t, map[string]string{"config.toml": "title = \"x\"\ncolour = \"red\"\n", "content/a.md": "---\ntitle: A\n---\n"})
	for _, tc := range []struct {
		args   []string
		code   int
		output string
	}{
		{[]string{"help"}, 0, "kb build"},
		{[]string{"version"}, 0, "kb "},
		{[]string{"build", "--help"}, 0, "--source"},
		{[]string{}, 2, "Usage"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "--source", site, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "--source", filepath.Join(site, "missing")}, 2, "no such file"},
		{[]string{"build", "--source", site, "--dest", site}, 2, "would replace the source folder"},
		{[]string{"build", "--source", badConfig}, 2, "config.toml:2:1: error: unknown setting \"colour\""},
	} {
		code, out, errOut := run(tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.output) {
			t.Errorf("kb %s: exit %d, want %d with %q; output:\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.output, out, errOut)
		}
	}
}

// copyTree copies the folders of the repository's default site into dst.
func copyTree(t *testing.T, src, dst string, folders ...string) {
	t.Helper()
	for _, f := range folders {
		err := filepath.WalkDir(filepath.Join(src, f), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			target := filepath.Join(dst, rel)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestContradictingStatementFailsBuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../..", dir, "content", "rules", "config.toml")
	if code, _, errOut := run("build", "--source", dir); code != 0 {
		t.Fatalf("default site: exit %d\n%s", code, errOut)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	f, err := os.OpenFile(filepath.Join(dir, "rules/matrix.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\n[[statement]]\nfeature = \"mirroring\"\nserver = \"sfb2019\"\nsql = \"sql2014\"\nstatus = \"supported\"\nsource = \"options/database-mirroring.md\"\n")
	f.Close()
	code, _, errOut := run("build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	// The new statement is reported at its own line, with a note at the line
	// of the statement it contradicts.
	lines := strings.Count(snapshotFile(t, filepath.Join(dir, "rules/matrix.toml")), "\n")
	want := regexp.MustCompile(`rules/matrix\.toml:(\d+):1: error: this statement says Database mirroring is "supported" for Skype for Business Server 2019, SQL Server 2014, Standard Edition, but another statement says "not-supported"; remove or narrow one of them \[matrix-conflict\]\n(?:  .*\n)*rules/matrix\.toml:(\d+):1: note: the other statement\n`)
	m := want.FindStringSubmatch(errOut)
	if m == nil {
		t.Fatalf("stderr does not name both statements:\n%s", errOut)
	}
	if at, _ := strconv.Atoi(m[1]); at != lines-5 {
		t.Errorf("reported at line %s, the new statement starts at line %d", m[1], lines-5)
	}
	after := snapshot(t, filepath.Join(dir, "public"))
	if len(after) != len(before) || after["matrix.json"] != before["matrix.json"] {
		t.Error("a failed build changed public/")
	}
}

func snapshotFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTreePathAgainstMatrixFailsBuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../..", dir, "content", "rules", "config.toml")
	p := filepath.Join(dir, "rules/decisions/choose-ha-option.toml")
	src := snapshotFile(t, p)
	// Send Skype for Business Server 2019 down the Topology Builder branch,
	// which ends in database mirroring.
	changed := strings.Replace(src, `value = "sfb2019", next = "edition"`, `value = "sfb2019", next = "setup"`, 1)
	if changed == src {
		t.Fatal("the default tree no longer has the option this test changes")
	}
	if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run("build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	want := regexp.MustCompile(`rules/decisions/choose-ha-option\.toml:\d+:1: error: outcome mirroring-witness recommends Database mirroring, but on path server: Skype for Business Server 2019 → setup: Yes, in Topology Builder alone → automatic: Yes, failover must be automatic → outcome mirroring-witness: the support matrix says not-supported for Skype for Business Server 2019, SQL Server 2008 R2 SP2, Standard Edition; .*\[tree-matrix\]\n(?:  .*\n)*rules/matrix\.toml:\d+:1: note: the statement that says not-supported\n`)
	if !want.MatchString(errOut) {
		t.Errorf("stderr does not name the path and the statement:\n%s", errOut)
	}
	if strings.Count(errOut, "[tree-matrix]") != 4 {
		t.Errorf("want one error per path from 2019 to mirroring (4):\n%s", errOut)
	}
}
