package claims

import (
	"slices"
	"testing"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// FuzzAnalyze reads any article with the test matrix, as a matrix statement's
// source too: no panic, every finding and reading inside the file, and the
// same findings twice.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Contoso Server 2019 tools\ndescription: D.\n---\nThe admin tools are supported.\n",
		"## Admin tools\n\nSupport is available in Contoso Server 2019, and neither is it in Contoso Server 2016.\n",
		"|Windows version|Contoso Server 2019|Contoso Server 2016|\n|---|---|---|\n|Windows Server 2016|Supported<sup>1</sup>|X*|\n|All earlier versions of Windows Server|No|Yes|\n",
		"|Contoso Server 2016 update|CU5, CU6|CU1 to RTM|\n|---|---|---|\n|Admin tools|✓|Not supported|\n",
		"Windows Server 2012 and Contoso Server 2016 are not supported for Server installation; Contoso Server 2016 CU5 doesn't support it.\n",
		"Server installation is supported on:\n\n- Windows Server 2016 or later\n- Windows 10\n",
		"# T\n\n**APPLIES TO:** ![yes](media/yes.png)2019 ![no](media/no.png)2016 ✓ 2016 ✗\n\nThe admin tools are supported.\n",
		"---\ntitle: T\nproducts: [s3, w2012]\nfeatures: tools\n---\nSupport is available.\n",
		"<table><tr><th>Server installation</th><th>Contoso Server 2019</th></tr><tr><td>Windows Server 2019</td><td>Yes</td></tr></table>\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		o := Options{Keep: true, Phrases: Phrases{Supported: []string{"runs on"}}, Marks: map[string]matrix.Status{"●": matrix.Supported}}
		c := checkerFor(t, testMatrix, o)
		first, readings := analyze(t, c, "a.md", body)
		for _, r := range readings {
			if r.Line < 1 || r.Line > len(body)+1 || r.Col < 1 {
				t.Fatalf("reading outside the file: %+v", r)
			}
		}
		var sources diag.List
		c.CheckSources(&sources) // every statement cites a.md
		for _, d := range sources.Items() {
			if d.Rule != diag.RuleMatrixSourceDisagrees && d.Rule != diag.RuleMatrixSourceSilent {
				t.Fatalf("CheckSources reported %s", d.Rule)
			}
		}
		again, _ := analyze(t, checkerFor(t, testMatrix, o), "a.md", body)
		if !slices.Equal(first, again) {
			t.Fatalf("two readings differ:\n%q\n%q", first, again)
		}
	})
}
