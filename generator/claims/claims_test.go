package claims

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/matrix"
)

type noFiles struct{}

func (noFiles) File(string) bool                { return false }
func (noFiles) Dir(string) bool                 { return false }
func (noFiles) Fold(string) (string, bool)      { return "", false }
func (noFiles) ReadFile(string) ([]byte, error) { return nil, fs.ErrNotExist }

// findings parses one article against the default support matrix of this
// repository and returns the claim diagnostics.
func findings(t *testing.T, body string) []diag.Diagnostic {
	t.Helper()
	var diags diag.List
	m := matrix.Load(os.DirFS("../.."), &diag.Files{}, &diags)
	if diags.HasErrors() || len(m.Features) == 0 {
		t.Fatalf("the default matrix does not load: %v", diags.Items())
	}
	return claimFindings(New(m), "a.md", "---\ntitle: A\ndescription: A.\n---\n"+body+"\n")
}

// claimFindings parses one article with checker c and returns its claim
// diagnostics.
func claimFindings(c *Checker, path, text string) []diag.Diagnostic {
	p := article.NewParser(noFiles{}, nil, c.Analyze)
	_, found := p.Parse(path, []byte(text))
	var out []diag.Diagnostic
	for _, d := range found.Items() {
		if strings.HasPrefix(d.Rule, "claim-") {
			out = append(out, d)
		}
	}
	return out
}

func TestClaims(t *testing.T) {
	for _, tc := range []struct {
		sentence      string
		contradiction bool
	}{
		// The sentence of the issue, and its negations.
		{"Database mirroring is supported in Skype for Business Server 2019.", true},
		{"Database mirroring is not supported in Skype for Business Server 2019.", false},
		{"Database mirroring isn't supported in Skype for Business Server 2019.", false},
		{"Database mirroring is no longer supported in Skype for Business Server 2019.", false},
		{"Database mirroring is no longer supported in Skype for Business Server 2015.", true},
		{"Skype for Business Server 2019 does not support database mirroring.", false},
		{"Skype for Business Server 2015 does not support database mirroring.", true},
		// Two clauses, the second inheriting the feature of the first.
		{"SQL mirroring is available in Skype for Business Server 2015 but is no longer supported in Skype for Business Server 2019.", false},
		{"SQL mirroring is available in Skype for Business Server 2019 but is no longer supported in Skype for Business Server 2015.", true},
		{"Mirroring is supported in Skype for Business Server 2015; it is not supported in Skype for Business Server 2019.", false},
		// Lists of versions: alternatives, all of which must contradict.
		{"Database mirroring is supported with SQL Server 2014, SQL Server 2012 SP2 CU2 and SQL Server 2008 R2 SP2.", false},
		{"AlwaysOn Availability Groups are supported on SQL Server 2008 R2 SP2 and SQL Server 2014 with Standard Edition.", true},
		{"AlwaysOn Availability Groups are supported with SQL Server 2014.", false}, // true for Enterprise Edition
		// Only and requires.
		{"AlwaysOn Availability Groups are supported only on SQL Server 2014 Enterprise Edition and SQL Server 2012 Enterprise Edition.", false},
		{"AlwaysOn Availability Groups are supported only on SQL Server 2014 Enterprise Edition.", true},
		{"AlwaysOn Failover Cluster Instances (FCI) requires Enterprise Edition.", false},
		// "Requires X" names a minimum, not "only X" (issue 15).
		{"SQL Server failover clustering requires Enterprise Edition.", false},
		{"SQL Server failover clustering is supported only on Enterprise Edition.", true},
		// Sentences naming two products.
		{"SQL Server failover clustering is supported on Skype for Business Server 2019 with SQL Server 2008 R2 SP2.", false},
		{"Database mirroring supports Skype for Business Server 2019 and SQL Server 2014.", true},
		{"Standard Edition is not supported for AlwaysOn Failover Cluster Instances.", false},
		{"Standard Edition isn't supported for SQL Server failover clustering.", true},
		{"AlwaysOn Availability Groups, AlwaysOn Failover Cluster Instances (FCI), and SQL failover clustering are preferred with Skype for Business Server 2019.", false},
		{"AlwaysOn Availability Groups and database mirroring are preferred with Skype for Business Server 2019.", true},
		// No support phrase, no feature, or no value: no claim.
		{"SQL Server 2008 R2 SP2 appears only in the support lists for database mirroring and SQL Server failover clustering.", false},
		{"Database mirroring keeps a copy of the databases on local storage.", false},
		{"Skype for Business Server 2019 is supported on SQL Server 2014.", false},
		{"Database mirroring is supported.", false},
		// Two sentences: only the false one is reported.
		{"Mirroring works in Skype for Business Server 2015. It is supported in Skype for Business Server 2019 too.", false},
	} {
		got := findings(t, tc.sentence)
		if (len(got) > 0) != tc.contradiction {
			t.Errorf("%q: got %v, want contradiction=%v", tc.sentence, got, tc.contradiction)
		}
	}
}

func TestClaimReport(t *testing.T) {
	got := findings(t, "Intro line.\n\nFirst sentence is fine. Database mirroring is supported in Skype for Business Server 2019.")
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	d := got[0]
	want := `"Database mirroring is supported in Skype for Business Server 2019." says Database mirroring is supported for Skype for Business Server 2019, but the support matrix says not-supported;`
	if d.Line != 7 || d.Col != 25 || !strings.HasPrefix(d.Message, want) || d.Rule != "claim-contradiction" {
		t.Errorf("got %d:%d %q [%s]", d.Line, d.Col, d.Message, d.Rule)
	}
	if len(d.Notes) != 1 || d.Notes[0].Path != "rules/matrix.toml" || d.Notes[0].Line == 0 || d.Notes[0].Excerpt == "" {
		t.Errorf("notes %+v: want one at the statement of rules/matrix.toml", d.Notes)
	}
}

func TestExplicitClaims(t *testing.T) {
	for _, tc := range []struct {
		comment, rule string
	}{
		{"<!-- kb-claim mirroring server=sfb2019 status=not-supported -->", ""},
		{"<!-- kb-claim ag,fci edition=enterprise sql=sql2012sp2cu2,sql2014 status=supported -->", ""},
		{"<!-- kb-claim ag edition=standard status=supported -->", "claim-explicit"},
		{"<!-- kb-claim ag status=supported -->", "claim-explicit"}, // strict: every cell
		{"<!-- kb-claim sink status=supported -->", "claim-syntax"},
		{"<!-- kb-claim ag edition=pro status=supported -->", "claim-syntax"},
		{"<!-- kb-claim ag edition=standard -->", "claim-syntax"},
		{"Text with <!-- kb-claim mirroring server=sfb2015 status=deprecated --> inline.", "claim-explicit"},
	} {
		got := findings(t, tc.comment)
		switch {
		case tc.rule == "" && len(got) > 0:
			t.Errorf("%s: unexpected %v", tc.comment, got)
		case tc.rule != "" && (len(got) != 1 || got[0].Rule != tc.rule):
			t.Errorf("%s: got %v, want one %s", tc.comment, got, tc.rule)
		}
	}
}
