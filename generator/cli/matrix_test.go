package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// brokenMatrixSite is a site whose only dimension is written with a
// mistake, with a compat table and a tree that recommends the feature.
func brokenMatrixSite(t *testing.T, dimension string) string {
	return writeSite(t, map[string]string{
		"rules/matrix.toml": dimension + `
[[feature]]
id = "sync"
name = "Sync"
article = "sync.md"

[[statement]]
feature = "sync"
status = "supported"
source = "sync.md"
`,
		"rules/decisions/t.toml": `title = "Pick"
start = "need"

[[question]]
id = "need"
text = "What do you need?"
options = [{ label = "Sync", next = "sync" }, { label = "Sync too", next = "sync" }]

[[outcome]]
id = "sync"
title = "Use sync"
recommend = ["sync"]
`,
		"content/sync.md": "---\ntitle: Sync\ndescription: Sync.\n---\n:::compat feature=\"sync\":::\n",
	})
}

// TestMatrixWithoutDimensions checks that a matrix left without dimensions
// (a misspelt [[dimension]] or id, or values = []) makes kb build and kb
// check exit 1 with one diagnostic at the mistake; they used to panic in
// matrix.(*Matrix).Cell.
func TestMatrixWithoutDimensions(t *testing.T) {
	for _, tc := range []struct{ name, dimension, want string }{
		{"misspelt table", "[[dimensions]]\nid = \"version\"\nvalues = [{ id = \"v1\" }]\n",
			`rules/matrix.toml:1:1: error: unknown key "dimensions" at the top of a rules file (did you mean "dimension"?)`},
		{"misspelt id", "[[dimension]]\nids = \"version\"\nvalues = [{ id = \"v1\" }]\n",
			`rules/matrix.toml:2:1: error: unknown key "ids" in [[dimension]] (did you mean "id"?)`},
		{"no values", "[[dimension]]\nid = \"version\"\nvalues = []\n",
			`rules/matrix.toml:2:1: error: dimension "version" has no values`},
		{"no dimension", "",
			`rules/matrix.toml:3:1: error: the support matrix has features but no dimension`},
	} {
		dir := brokenMatrixSite(t, tc.dimension)
		for _, cmd := range []string{"build", "check"} {
			code, out, errOut := run(cmd, "--source", dir)
			errOut = out + errOut // kb check reports on stdout
			if code != 1 || !strings.HasPrefix(errOut, tc.want) || !strings.Contains(errOut, "\n1 error, 0 warnings\n") {
				t.Errorf("%s: kb %s: exit %d, want 1 with one error starting %q; stderr:\n%s", tc.name, cmd, code, tc.want, errOut)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
			t.Errorf("%s: public/ was written", tc.name)
		}
	}
}

// TestMatrixSyntaxErrorAlone checks that one syntax error in the default
// site's matrix, which its articles, tables and trees refer to throughout,
// is the only error reported (it was the last of 55).
func TestMatrixSyntaxErrorAlone(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../..", dir, "content", "rules", "config.toml")
	p := filepath.Join(dir, "rules/matrix.toml")
	src := snapshotFile(t, p)
	broken := strings.Replace(src, `status = "supported"`, `status = supported`, 1)
	line := strings.Count(broken[:strings.Index(broken, "status = supported")], "\n") + 1
	if err := os.WriteFile(p, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, errOut, _ := run("check", "--source", dir)
	want := "rules/matrix.toml:" + itoa(line) + ":10: error: expected value but found \"supported\" instead [matrix-syntax]\n"
	if code != 1 || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "\n1 error, 0 warnings\n") {
		t.Errorf("exit %d, want 1 with the one error %q; stderr:\n%s", code, want, errOut)
	}
}
