package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kb/generator/claims"
	"kb/generator/diag"
	"kb/generator/foldertest"
	"kb/generator/matrix"
)

// claimsSite is a site with one contradicting sentence and one explicit claim
// that cannot be read.
var claimsSite = map[string]string{
	"rules/matrix.toml": `[[dimension]]
id = "version"
name = "Product version"
values = [{ id = "v1", name = "Version 1" }, { id = "v2", name = "Version 2" }]

[[feature]]
id = "sync"
name = "Sync"
article = "sync.md"

[[statement]]
feature = "sync"
version = "v1"
status = "supported"
source = "sync.md"

[[statement]]
feature = "sync"
version = "v2"
status = "not-supported"
source = "sync.md"
`,
	"content/sync.md": "---\ntitle: Sync\ndescription: Sync.\n---\nSync is supported in Version 2.\n\n<!-- kb-claim sync version=v9 status=supported -->\n",
}

// checkRules runs kb check on claimsSite with severity as config.toml's
// [check.severity] lines, and returns the rules of what it reports.
func checkRules(t *testing.T, severity string) []string {
	t.Helper()
	files := map[string]string{"config.toml": "title = \"T\"\n[check.severity]\n" + severity}
	for name, text := range claimsSite {
		files[name] = text
	}
	dir := foldertest.New(t, files)
	res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public"), Check: true})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, d := range res.Diagnostics.Items() {
		rules = append(rules, d.Rule)
	}
	return rules
}

// claimsOff is config.toml's [check.severity] turning every claims rule off.
func claimsOff() string {
	var b strings.Builder
	for _, r := range claims.RuleIDs() {
		b.WriteString(r + " = \"off\"\n")
	}
	return b.String()
}

// TestClaimsOff: with every claims rule off, a contradicting sentence and a
// broken explicit claim give no finding, and the claims are not read at all;
// with one of them on, they are read and it reports.
func TestClaimsOff(t *testing.T) {
	on := strings.Join(checkRules(t, ""), " ")
	// The sentence contradicts the statement of Version 2, which cites the
	// article (matrix-source-disagrees); the article says nothing of
	// Version 1 (matrix-source-silent).
	if want := diag.RuleClaimContradiction + " " + diag.RuleClaimSyntax + " " + diag.RuleMatrixSourceSilent + " " + diag.RuleMatrixSourceDisagrees; on != want {
		t.Errorf("claims on: got rules %q, want %q", on, want)
	}
	if got := checkRules(t, claimsOff()); len(got) != 0 {
		t.Errorf("claims off: got rules %q, want none", got)
	}
	some := strings.Replace(claimsOff(), diag.RuleClaimSyntax+` = "off"`, diag.RuleClaimSyntax+` = "warning"`, 1)
	if got := strings.Join(checkRules(t, some), " "); got != diag.RuleClaimSyntax {
		t.Errorf("only claim-syntax on: got rules %q, want claim-syntax", got)
	}

	analyzers := func(severity map[string]string, explain bool) int {
		b := &run{opts: Options{Explain: explain}, res: &Result{}, m: &matrix.Matrix{}}
		b.cfg.Check.Severity = severity
		_, a := b.claimsAnalyzers(&b.res.Diagnostics)
		return len(a)
	}
	off := map[string]string{}
	for _, r := range claims.RuleIDs() {
		off[r] = "off"
	}
	if n := analyzers(off, false); n != 0 {
		t.Errorf("every claims rule off: %d analyzers, want none", n)
	}
	if n := analyzers(off, true); n != 1 {
		t.Errorf("every claims rule off, explaining: %d analyzers, want the claims checker", n)
	}
	if n := analyzers(nil, false); n != 1 {
		t.Errorf("claims rules on: %d analyzers, want the claims checker", n)
	}
	delete(off, diag.RuleClaimExplicit)
	if n := analyzers(off, false); n != 1 {
		t.Errorf("claim-explicit on: %d analyzers, want the claims checker", n)
	}
}

// BenchmarkCheckClaims runs kb check on the Exchange documentation
// (../shared/corpora/exchange-docs/Exchange) with the claims dev set's support
// matrix and [claims] scope, with the claims rules on ("claims") and off
// ("no-claims"): the difference is what reading the claims costs. Besides
// ns/op (wall time) it reports cpu-ns/op, the process's CPU time per check.
//
//	go test -run XXX -bench CheckClaims -count 5 -benchmem ./generator/pipeline
func BenchmarkCheckClaims(b *testing.B) {
	content, err := filepath.Abs("../../../shared/corpora/exchange-docs/Exchange")
	if err != nil {
		b.Fatal(err)
	}
	matrixFile := "../../../shared/corpora/claims-devset/matrix.toml"
	if _, err := os.Stat(content); err != nil {
		b.Skipf("the Exchange corpus is absent (%v)", err)
	}
	rules, err := os.ReadFile(matrixFile)
	if err != nil {
		b.Skipf("the claims dev set is absent (%v)", err)
	}
	const scope = `[claims.scope]
"ExchangeServer2013/**" = { exchange = "ex2013cu23" }
"ExchangeServer/**" = { exchange = ["ex2016cu15", "ex2019cu4"] }

[claims.monikers]
"exchserver-2016" = { exchange = "ex2016cu15" }
"exchserver-2019" = { exchange = "ex2019cu4" }
`
	for _, c := range []struct{ name, config string }{
		{"claims", scope},
		{"no-claims", scope + "\n[check.severity]\n" + claimsOff()},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := os.Symlink(content, filepath.Join(dir, "content")); err != nil {
				b.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "rules"), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "rules", "matrix.toml"), rules, 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(c.config), 0o644); err != nil {
				b.Fatal(err)
			}
			cpu0, cpuOK := cpuTime()
			for b.Loop() {
				res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public"), Check: true})
				if err != nil {
					b.Fatal(err)
				}
				claimed := false
				for _, d := range res.Diagnostics.Items() {
					claimed = claimed || d.Rule == diag.RuleClaimContradiction
				}
				if claimed != (c.name == "claims") {
					b.Fatalf("claim findings: %v, want %v", claimed, c.name == "claims")
				}
			}
			// ns/op is wall time, which other processes on the machine
			// move; the process's CPU time (both cores, GC included) is
			// what reading the claims adds.
			if cpu1, ok := cpuTime(); ok && cpuOK {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
