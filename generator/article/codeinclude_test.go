package article

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kb/generator/diag"
)

func TestParseRanges(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want []lineRange
		err  string
	}{
		{"3", 5, []lineRange{{3, 3}}, ""},
		{"3-10,12", 12, []lineRange{{3, 10}, {12, 12}}, ""},
		{" 2 - 3 , 5 ", 5, []lineRange{{2, 3}, {5, 5}}, ""},
		{"4-", 6, []lineRange{{4, 6}}, ""},
		{"1-1", 1, []lineRange{{1, 1}}, ""},
		{"0", 5, nil, `"0" has "0", not a line number`},
		{"-3", 5, nil, `has "", not a line number`},
		{"3-x", 5, nil, `has "x", not a line number`},
		{"+3", 5, nil, "not a line number"},
		{"5-3", 5, nil, "runs backwards (5-3)"},
		{"2-40", 5, nil, "goes past the last line, 5"},
		{"6", 5, nil, "goes past the last line, 5"},
		{"1,,2", 5, nil, "not a line number"},
		{"1-2-3", 5, nil, "not a line number"},
		{"", 5, nil, "not a line number"},
		{"99999999999999999999", 5, nil, "not a line number"},
	} {
		got, err := parseRanges(c.in, c.n)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("parseRanges(%q, %d) error = %v, want one with %q", c.in, c.n, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("parseRanges(%q, %d) = %v, %v; want %v", c.in, c.n, got, err, c.want)
		}
	}
}

// regionOf runs extractRegion on text and returns the lines it shows.
func regionOf(t *testing.T, text, lang, name string) (string, string) {
	t.Helper()
	all := codeLines(text)
	shown, problem, _ := extractRegion(all, lang, name)
	return dedent(all, shown), problem
}

func TestExtractRegionPerLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, name, text, want string
	}{
		{"csharp", "Main", "class A {\n    #region Main\n    void Main() {}\n    #endregion\n}\n", "void Main() {}\n"},
		{"cs", "main", "#Region MAIN\nx\n#EndRegion\n", "x\n"}, // letter case ignored, extension as language
		{"csharp", "snippet1", "// <snippet1>\nint x;\n// </snippet1>\n", "int x;\n"},
		{"csharp", "1", "//<snippet1>\nint x;\n//</snippet1>\n", "int x;\n"}, // "snippet" + name
		{"javascript", "a", "  // < a >\n  let a;\n  //  </a>\n", "let a;\n"},
		{"vb", "v", "' <v>\nDim x\n' </v>\n", "Dim x\n"},
		{"vb", "v", "#Region \"v\"\nDim x\n#End Region\n", "Dim x\n"},
		{"powershell", "connect", "# <connect>\nConnect-X\n# </connect>\nGet-Y\n", "Connect-X\n"},
		{"python", "p", "#<p>\nprint(1)\n#</p>\n", "print(1)\n"},
		{"xml", "s", "<a>\n  <!-- <s> -->\n  <b/>\n  <!-- </s> -->\n</a>\n", "<b/>\n"},
		{"html", "s", "<!--<s>-->\n<p>\n<!--</s>-->\n", "<p>\n"},
		{"sql", "q", "-- <q>\nSELECT 1;\n-- </q>\n", "SELECT 1;\n"},
		{"batchfile", "b", "REM <b>\necho hi\nREM </b>\n", "echo hi\n"},
		{"css", "c", "/* <c> */\na { }\n/* </c> */\n", "a { }\n"},
		{"erlang", "e", "% <e>\nx.\n% </e>\n", "x.\n"},
		{"lisp", "l", "; <l>\n(x)\n; </l>\n", "(x)\n"},
		{"no-such-language", "z", "# <z>\nzz\n# </z>\n", "zz\n"}, // every kind of marker
		// Nested: the inner markers are left out, the outer region's indent removed.
		{"csharp", "outer", "// <outer>\n    a\n    // <inner>\n    b\n    // </inner>\n// </outer>\n", "a\nb\n"},
		{"csharp", "inner", "#region outer\n#region inner\n  x\n#endregion\n  y\n#endregion\n", "x\n"},
		// Tabs count to the next multiple of 4.
		{"go", "t", "// <t>\n\tif x {\n\t\ty()\n\t}\n// </t>\n", "if x {\n    y()\n}\n"},
	} {
		got, problem := regionOf(t, c.text, c.lang, c.name)
		if problem != "" || got != c.want {
			t.Errorf("%s region %q of %q = %q (%s), want %q", c.lang, c.name, c.text, got, problem, c.want)
		}
	}
}

func TestExtractRegionProblems(t *testing.T) {
	if _, p := regionOf(t, "# <a>\nx\n# </a>\n", "powershell", "b"); !strings.Contains(p, `no region "b"`) {
		t.Errorf("missing region: %q", p)
	}
	// PowerShell's #region is not one of DocFX's markers for it.
	if _, p := regionOf(t, "#region a\nx\n#endregion\n", "powershell", "a"); !strings.Contains(p, `no region "a"`) {
		t.Errorf("#region in PowerShell: %q", p)
	}
	all := codeLines("// <a>\nx\n")
	if _, p, unclosed := extractRegion(all, "csharp", "a"); !unclosed || !strings.Contains(p, "starts at line 1 and never ends") {
		t.Errorf("unclosed region: %q %v", p, unclosed)
	}
	// A marker with a name that is not one is no marker.
	if _, p := regionOf(t, "// <a b>\nx\n// </a b>\n", "csharp", "a b"); p == "" {
		t.Error("a region name with a space was found")
	}
}

func TestCodeHTMLMarksLines(t *testing.T) {
	got := codeHTML("powershell", "a\nb <c>\nd\n", map[int]bool{2: true}, false)
	want := `<div class="code"><pre class="chroma" data-lang="powershell"><code class="language-powershell">a
<mark class="code-line">b &lt;c&gt;</mark>
d
</code></pre></div>
`
	if got != want {
		t.Errorf("codeHTML =\n%s\nwant\n%s", got, want)
	}
}

func FuzzParseRanges(f *testing.F) {
	for _, s := range []string{"3-10,12", "4-", "0", "5-3", "1,,2", " 2 - 3 "} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n % 1000
		if n < 0 {
			n = -n
		}
		ranges, err := parseRanges(s, n)
		if err != nil {
			return
		}
		for _, r := range ranges {
			if r.From < 1 || r.To < r.From || r.To > n {
				t.Fatalf("parseRanges(%q, %d) gave %v", s, n, r)
			}
		}
	})
}

func FuzzExtractRegion(f *testing.F) {
	f.Add("// <a>\nx\n// </a>\n", "csharp", "a")
	f.Add("#region a\n#region b\ny\n#endregion\n#endregion\n", "cs", "b")
	f.Add("<!-- <s> -->\n<b/>\n", "xml", "s")
	f.Add("# <z>\n\tzz\n# </z>\n", "", "z")
	f.Fuzz(func(t *testing.T, text, lang, name string) {
		if !utf8.ValidString(text) {
			return
		}
		all := codeLines(text)
		shown, problem, unclosed := extractRegion(all, lang, name)
		if unclosed && problem == "" {
			t.Fatal("unclosed without a problem")
		}
		last := -1
		for _, i := range shown {
			if i <= last || i >= len(all) {
				t.Fatalf("shown lines %v of %d", shown, len(all))
			}
			last = i
		}
		out := dedent(all, shown)
		if strings.Count(out, "\n") != len(shown) {
			t.Fatalf("dedent made %d lines of %d", strings.Count(out, "\n"), len(shown))
		}
	})
}

// TestCodeIncludeLimits: a code file past MaxFileSize is refused with a
// diagnostic; the code of code includes spends the article's highlighting
// budget with fenced code, in order, and the one past it is plain.
func TestCodeIncludeLimits(t *testing.T) {
	big := strings.Repeat("x = 1\n", MaxFileSize/6+1)
	half := strings.Repeat("$x = 1\n", HighlightBudget/7/2+1)
	files := mapFiles{
		"a.md":     "---\ntitle: A\n---\n:::code language=\"powershell\" source=\"big.ps1\":::\n",
		"big.ps1":  big,
		"b.md":     "---\ntitle: B\n---\n[!code-powershell[](half.ps1)]\n\n[!code-powershell[](half.ps1)]\n\n```powershell\n$y = 2\n```\n",
		"half.ps1": half,
	}
	_, diags := render(t, files, "a.md")
	if items := diags.Items(); len(items) != 1 || items[0].Rule != diag.RuleLimitFileSize || items[0].Line != 4 {
		t.Errorf("big code file: %v", items)
	}
	a, diags := render(t, files, "b.md")
	items := diags.Items()
	if len(items) != 1 || items[0].Rule != diag.RuleLimitCodeHighlight || items[0].Line != 6 {
		t.Errorf("highlight budget: %v", items)
	}
	body := string(a.Body)
	if n := strings.Count(body, `<span class="nv">$x</span>`); n != strings.Count(half, "\n") {
		t.Errorf("the first include is not highlighted whole: %d highlighted lines", n)
	}
	if strings.Contains(body, `<span class="nv">$y</span>`) {
		t.Error("the fenced block after the budget is highlighted")
	}
}
