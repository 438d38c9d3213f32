package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"kb/generator/diag"
)

func sample() []diag.Diagnostic {
	ls := diag.NewLines([]byte("a\n\tsee [x](y.md)\n"))
	d1 := ls.At("content/b.md", 7, diag.Error, "link-missing-file", "link target %q does not exist", "y.md")
	d2 := diag.Diagnostic{Path: "content/a,b.md", Severity: diag.Warning, Rule: "front-matter-date", Message: "100% wrong:\nsecond line"}
	return []diag.Diagnostic{d2, d1}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "text", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "content/a,b.md: warning: 100% wrong:\nsecond line [front-matter-date]\n" +
		"content/b.md:2:6: error: link target \"y.md\" does not exist [link-missing-file]\n" +
		"  2 |  see [x](y.md)\n" + // the tab is shown as one space
		"    |      ^\n" +
		"1 error, 1 warning\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	_ = Write(&b, "text", sample(), Options{Color: true})
	if !strings.Contains(b.String(), "\x1b[31merror\x1b[0m") {
		t.Errorf("colour requested but not written: %q", b.String())
	}
	b.Reset()
	_ = Write(&b, "text", nil, Options{})
	if b.Len() != 0 {
		t.Errorf("nothing to report printed %q", b.String())
	}
}

func TestGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "github", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=content/a%2Cb.md,title=front-matter-date::100%25 wrong:%0Asecond line [front-matter-date]\n" +
		"::error file=content/b.md,line=2,col=6,title=link-missing-file::link target \"y.md\" does not exist [link-missing-file]\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSARIF(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "sarif", sample(), Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID                   string                 `json:"id"`
						ShortDescription     struct{ Text string }  `json:"shortDescription"`
						DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                `json:"ruleId"`
				RuleIndex int                   `json:"ruleIndex"`
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine   int                   `json:"startLine"`
							StartColumn int                   `json:"startColumn"`
							Snippet     struct{ Text string } `json:"snippet"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF 2.1.0 log: %s", b.String())
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "kb" || len(run.Tool.Driver.Rules) != len(diag.Rules()) {
		t.Errorf("driver %q with %d rules, want kb with %d", run.Tool.Driver.Name, len(run.Tool.Driver.Rules), len(diag.Rules()))
	}
	if len(run.Results) != 2 {
		t.Fatalf("%d results", len(run.Results))
	}
	for _, r := range run.Results {
		rule := run.Tool.Driver.Rules[r.RuleIndex]
		if rule.ID != r.RuleID || rule.ShortDescription.Text == "" {
			t.Errorf("result %s points at rule %d, %s", r.RuleID, r.RuleIndex, rule.ID)
		}
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %s: locations %+v", r.RuleID, r.Locations)
		}
		if len(r.PartialFingerprints[FingerprintKey]) != 32 {
			t.Errorf("result %s: fingerprints %v", r.RuleID, r.PartialFingerprints)
		}
	}
	loc := run.Results[1].Locations[0].PhysicalLocation
	if run.Results[1].Level != "error" || loc.ArtifactLocation.URI != "content/b.md" || loc.Region == nil ||
		loc.Region.StartLine != 2 || loc.Region.StartColumn != 6 || loc.Region.Snippet.Text != "\tsee [x](y.md)" {
		t.Errorf("second result: %+v %+v", run.Results[1], loc.Region)
	}
	if run.Results[0].Locations[0].PhysicalLocation.Region != nil {
		t.Error("a finding about a whole file has no region")
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "json", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Summary     struct{ Errors, Warnings int }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Diagnostics) != 2 || doc.Summary.Errors != 1 || doc.Summary.Warnings != 1 ||
		doc.Diagnostics[1]["line"].(float64) != 2 || doc.Diagnostics[1]["rule"] != "link-missing-file" {
		t.Errorf("got %s", b.String())
	}
}

// TestBaseline: a finding moved to another line is still the same finding;
// a new one is not; identical findings are counted.
func TestBaseline(t *testing.T) {
	old := []diag.Diagnostic{
		{Path: "a.md", Line: 10, Col: 3, Severity: diag.Error, Rule: "link-missing-file", Message: `link target "x.md" does not exist`, Excerpt: "See [x](x.md)."},
		{Path: "a.md", Line: 12, Col: 3, Severity: diag.Error, Rule: "link-missing-file", Message: `link target "x.md" does not exist`, Excerpt: "See [x](x.md)."},
		{Path: "r.toml", Line: 5, Col: 1, Severity: diag.Error, Rule: "matrix-conflict", Message: "contradicts the statement at r.toml:3:1", Excerpt: "[[statement]]"},
	}
	b := NewBaseline(old)
	moved := []diag.Diagnostic{old[0], old[1], old[2]}
	for i := range moved {
		moved[i].Line += 7 // lines added above
	}
	moved[2].Message = "contradicts the statement at r.toml:9:1"
	fresh := diag.Diagnostic{Path: "a.md", Line: 30, Col: 1, Severity: diag.Error, Rule: "link-missing-file", Message: `link target "y.md" does not exist`, Excerpt: "See [y](y.md)."}
	third := old[0]
	third.Line = 40
	kept, silenced := b.Filter(append(moved, fresh, third))
	if silenced != 3 || len(kept) != 2 || kept[0] != fresh || kept[1] != third {
		t.Errorf("silenced %d, kept %v", silenced, kept)
	}
}
