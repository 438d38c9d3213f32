package claims

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/matrix"
)

// A small matrix in the shape of real ones: a product with updates, an
// operating system, a client whose versions form two families, and a
// dimension (peer) that one feature alone depends on.
const testMatrix = `
[[dimension]]
id = "server"
name = "Server version"
values = [
  { id = "s1", name = "Contoso Server 2016", aliases = ["Contoso Server 2016 CU1"] },
  { id = "s2", name = "Contoso Server 2016 CU5", aliases = ["Contoso Server 2016 CU5", "Contoso Server 2016 CU6"] },
  { id = "s3", name = "Contoso Server 2019" },
]

[[dimension]]
id = "os"
name = "Windows version"
values = [
  { id = "w2012", name = "Windows Server 2012" },
  { id = "w2012r2", name = "Windows Server 2012 R2" },
  { id = "w2016", name = "Windows Server 2016" },
  { id = "w2019", name = "Windows Server 2019" },
  { id = "w10", name = "Windows 10" },
]

[[feature]]
id = "install"
name = "Server installation"
aliases = ["install Contoso Server"]
article = "a.md"

[[feature]]
id = "tools"
name = "Admin tools"
aliases = ["admin tools"]
article = "a.md"

[[statement]]
feature = "install"
server = ["s1", "s2"]
os = ["w2012", "w2016"]
status = "supported"
source = "a.md"

[[statement]]
feature = "install"
server = ["s1", "s2"]
os = ["w2019", "w10"]
status = "not-supported"
source = "a.md"

[[statement]]
feature = "install"
server = "s3"
os = ["w2016", "w2019"]
status = "supported"
source = "a.md"

[[statement]]
feature = "install"
server = "s3"
os = ["w2012", "w10"]
status = "not-supported"
source = "a.md"

[[statement]]
feature = "tools"
server = ["s1", "s2"]
status = "supported"
source = "a.md"

[[statement]]
feature = "tools"
server = "s3"
status = "not-supported"
source = "a.md"
`

func testChecker(t *testing.T, o Options) *Checker { return checkerFor(t, testMatrix, o) }

// checkerFor returns a checker for a matrix written in TOML.
func checkerFor(t *testing.T, toml string, o Options) *Checker {
	t.Helper()
	var diags diag.List
	m := matrix.Load(fstest.MapFS{"rules/matrix.toml": {Data: []byte(toml)}}, &diag.Files{}, &diags)
	if diags.HasErrors() || len(m.Features) == 0 {
		t.Fatalf("the test matrix does not load: %v", diags.Items())
	}
	return NewWith(m, o)
}

// analyze parses one article and returns its claim findings, as
// "line:message" strings, and the readings.
func analyze(t *testing.T, c *Checker, path, text string) ([]string, []Reading) {
	t.Helper()
	var out []string
	for _, d := range claimFindings(c, path, text) {
		out = append(out, strings.TrimSpace(strings.SplitN(d.Message, " says ", 2)[0])+"@"+strconv.Itoa(d.Line))
	}
	readings, _ := c.Readings(path)
	return out, readings
}

func TestReadingRules(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string // quoted text @ line of each finding
	}{
		{"title context", "---\ntitle: Contoso Server 2019 tools\ndescription: D.\n---\nThe admin tools are supported.\n", []string{`"The admin tools are supported."@5`}},
		{"sentence wins over the title", "---\ntitle: Contoso Server 2019 tools\ndescription: D.\n---\nThe admin tools are supported in Contoso Server 2016.\n", nil},
		{"requires is a minimum", "---\ntitle: T\ndescription: D.\n---\nContoso Server 2019 requires Windows Server 2016.\n\nServer installation of Contoso Server 2019 requires Windows Server 2016.\n", nil},
		{"requires X or later: X", "---\ntitle: T\ndescription: D.\n---\nServer installation of Contoso Server 2019 requires Windows Server 2012 or later.\n", []string{`"Server installation of Contoso Server 2019 requires Windows Server 2012 or later."@5`}},
		// The range stays in its family: Windows 10 is not "later" than Windows Server 2019.
		{"bare range is a necessary condition", "---\ntitle: T\ndescription: D.\n---\nYou install Contoso Server 2016 on a Windows Server 2016 or later computer.\n", nil},
		{"failed check states the threshold", "---\ntitle: T\ndescription: Setup of Contoso Server 2019 can't continue because the operating system for Server installation isn't Windows Server 2012 or later.\n---\nText.\n", []string{`"Setup of Contoso Server 2019 can't continue because the operating system for Server installation isn't Windows Server 2012 or later."@3`}},
		{"past tense", "---\ntitle: T\ndescription: D.\n---\nThe admin tools were supported in Contoso Server 2019 previews.\n", nil},
		{"previously", "---\ntitle: T\ndescription: D.\n---\nPreviously, the admin tools are supported in Contoso Server 2019.\n", nil},
		{"does not require", "---\ntitle: T\ndescription: D.\n---\nContoso Server 2019 does not require the admin tools.\n", nil},
		{"condition is scope", "---\ntitle: T\ndescription: D.\n---\nIf you run Contoso Server 2019, the admin tools are supported.\n", []string{`"If you run Contoso Server 2019, the admin tools are supported."@5`}},
		{"condition's feature is not claimed", "---\ntitle: T\ndescription: D.\n---\nBefore you install Contoso Server 2019, make sure Windows Server 2012 is supported by your hardware.\n", nil},
		{"negation", "---\ntitle: T\ndescription: D.\n---\nThe admin tools aren't supported in Contoso Server 2019.\n\nThe admin tools are no longer supported in Contoso Server 2016.\n", []string{`"The admin tools are no longer supported in Contoso Server 2016."@7`}},
		{"two findings in one sentence", "---\ntitle: T\ndescription: D.\n---\nThe admin tools and Server installation on Windows 10 are supported in Contoso Server 2019.\n", []string{`"The admin tools and Server installation on Windows 10 are supported in Contoso Server 2019."@5`, `"The admin tools and Server installation on Windows 10 are supported in Contoso Server 2019."@5`}},
		{"heading without a verb presents", "---\ntitle: T\ndescription: D.\n---\n## Admin tools for Contoso Server 2019\n\nText.\n", []string{`"Admin tools for Contoso Server 2019"@5`}},
		{"heading with only a value is a label", "---\ntitle: Admin tools\ndescription: D.\n---\n## Contoso Server 2019\n\nText.\n", nil},
		{"lead-in gives feature and values", "---\ntitle: T\ndescription: D.\n---\nServer installation of Contoso Server 2019 is supported on:\n\n- Windows Server 2016\n- Windows Server 2012\n", []string{`"Windows Server 2012"@8`}},
		{"coordinated values are each not supported", "---\ntitle: T\ndescription: D.\n---\nWindows Server 2012 and Contoso Server 2016 are not supported for Server installation.\n", nil},
		{"values said to go together are one combination", "---\ntitle: T\ndescription: D.\n---\nWindows Server 2012 and Contoso Server 2016 are not supported together for Server installation.\n", []string{`"Windows Server 2012 and Contoso Server 2016 are not supported together for Server installation."@5`}},
		{"values written together are one combination", "---\ntitle: T\ndescription: D.\n---\nServer installation of Contoso Server 2016 on Windows Server 2012 is not supported.\n", []string{`"Server installation of Contoso Server 2016 on Windows Server 2012 is not supported."@5`}},
		{"neither is a negative clause", "---\ntitle: T\ndescription: D.\n---\nThe admin tools are not supported in Contoso Server 2019, and neither are they in Contoso Server 2016.\n", []string{`"The admin tools are not supported in Contoso Server 2019, and neither are they in Contoso Server 2016."@5`}},
		{"the section's heading gives the feature", "---\ntitle: T\ndescription: D.\n---\n## Admin tools\n\nSupport is available in Contoso Server 2019.\n", []string{`"Support is available in Contoso Server 2019."@7`}},
		{"a product and a later release of it are two values", "---\ntitle: T\ndescription: D.\n---\nServer installation of Contoso Server 2019 is supported on Windows Server 2012 and Windows Server 2012 R2.\n", []string{`"Server installation of Contoso Server 2019 is supported on Windows Server 2012 and Windows Server 2012 R2."@5`}},
		{"an applies-to banner gives the versions", "---\ntitle: T\ndescription: D.\n---\n# T\n\n**APPLIES TO:** ![yes](media/yes.png)2019 ![no](media/no.png)2016\n\nThe admin tools are supported.\n", []string{`"The admin tools are supported."@9`}},
		{"a claim must hold for one version the banner names", "---\ntitle: T\ndescription: D.\n---\n# T\n\n**APPLIES TO:** ✓ 2016 ✓ 2019\n\nThe admin tools are supported.\n", nil},
		{"a banner without marks lists the versions", "---\ntitle: T\ndescription: D.\n---\n# T\n\n**Applies to:** Contoso Server 2019\n\nThe admin tools are supported.\n", []string{`"The admin tools are supported."@9`}},
		{"the front matter's products give the versions", "---\ntitle: T\ndescription: D.\nproducts: [s3]\n---\nThe admin tools are supported.\n", []string{`"The admin tools are supported."@6`}},
		{"the front matter's features give the feature", "---\ntitle: T\ndescription: D.\nfeatures: [tools]\n---\nSupport is available in Contoso Server 2019.\n", []string{`"Support is available in Contoso Server 2019."@6`}},
		{"a lead-in without a feature takes the section's", "---\ntitle: T\ndescription: D.\n---\n## Admin tools\n\nOne of the following server versions:\n\n- Contoso Server 2016\n- Contoso Server 2019\n", []string{`"Contoso Server 2019"@10`}},
		{"a pronoun object takes the clause before's feature", "---\ntitle: T\ndescription: D.\n---\nThe admin tools are supported in Contoso Server 2016; Contoso Server 2016 CU5 doesn't support them.\n", []string{`"The admin tools are supported in Contoso Server 2016; Contoso Server 2016 CU5 doesn't support them."@5`}},
		{"short names in a table", "---\ntitle: T\ndescription: D.\n---\n|Contoso Server 2016 update|Admin tools|\n|---|---|\n|CU5, CU6|✓|\n|CU1|Not supported|\n", []string{`"Not supported"@8`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := analyze(t, testChecker(t, Options{}), "a.md", tc.body)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestScopeOptions(t *testing.T) {
	c := testChecker(t, Options{
		Scope:    []Rule{{Pattern: "v2019/**", Values: map[string][]string{"server": {"s3"}}}, {Pattern: "v2019/old/*.md", Values: map[string][]string{"server": {"s1"}}}},
		Monikers: map[string]map[string][]string{"m2019": {"server": {"s3"}}},
	})
	body := "---\ntitle: T\ndescription: D.\n---\nThe admin tools are supported.\n"
	if got, _ := analyze(t, c, "v2019/a.md", body); len(got) != 1 {
		t.Errorf("path scope: got %v, want one finding", got)
	}
	if got, _ := analyze(t, c, "v2019/old/a.md", body); len(got) != 0 {
		t.Errorf("the longest pattern wins: got %v", got)
	}
	if got, _ := analyze(t, c, "other/a.md", body); len(got) != 0 {
		t.Errorf("no scope: got %v", got)
	}
	moniker := "---\ntitle: T\ndescription: D.\nmonikerRange: m2019\n---\nThe admin tools are supported.\n"
	if got, _ := analyze(t, c, "b.md", moniker); len(got) != 1 {
		t.Errorf("moniker scope: got %v, want one finding", got)
	}
	if p := CheckValues(c.m, map[string][]string{"server": {"s9"}, "edition": {"x"}}); len(p) != 2 {
		t.Errorf("CheckValues: %v", p)
	}
}

func TestReadingString(t *testing.T) {
	c := testChecker(t, Options{Keep: true})
	_, readings := analyze(t, c, "a.md", "---\ntitle: Contoso Server 2019 tools\ndescription: D.\n---\nThe admin tools are supported.\n\nThe admin tools were supported.\n")
	var all []string
	for _, r := range readings {
		all = append(all, r.String())
	}
	got := strings.Join(all, "")
	for _, want := range []string{
		"a.md:5:1: a sentence: \"The admin tools are supported.\"\n  feature Admin tools (from the sentence)\n  server = Contoso Server 2019 (from the title, must hold for each)\n  phrase \"are supported\": supported\n  verdict: contradicted: the support matrix says not-supported for Contoso Server 2019\n",
		"a.md:7:1: a sentence: \"The admin tools were supported.\"\n  verdict: not a claim: past tense",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%s\nin\n%s", want, got)
		}
	}
	if _, kept := analyze(t, New(c.m), "a.md", "The admin tools are supported in Contoso Server 2019.\n"); kept != nil {
		t.Errorf("a checker without Keep keeps readings: %v", kept)
	}
}

// BenchmarkAnalyze reads the Exchange articles of the claims development
// set against its matrix (skipped when the corpus is absent): compare with
// -bench . -run ^$ and KB_BENCH_NOCLAIMS=1, which parses without the checker.
func BenchmarkAnalyze(b *testing.B) {
	root := "../../../shared/corpora/exchange-docs/Exchange/ExchangeServer2013"
	mat, err := os.ReadFile("../../../shared/corpora/claims-devset/matrix.toml")
	entries, err2 := os.ReadDir(root)
	if err != nil || err2 != nil {
		b.Skip("the Exchange corpus or the claims development set is absent")
	}
	var diags diag.List
	m := matrix.Load(fstest.MapFS{"rules/matrix.toml": {Data: mat}}, &diag.Files{}, &diags)
	var analyzers []article.Analyzer
	if os.Getenv("KB_BENCH_NOCLAIMS") == "" {
		analyzers = append(analyzers, New(m).Analyze)
	}
	p := article.NewParser(noFiles{}, nil, analyzers...)
	var files [][]byte
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") {
			if data, err := os.ReadFile(root + "/" + e.Name()); err == nil {
				files, names = append(files, data), append(names, e.Name())
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for i, f := range files {
			p.Parse(names[i], append([]byte(nil), f...))
		}
	}
}
