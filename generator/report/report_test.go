package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

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
	want := "content/a,b.md: warning: 100% wrong:\\nsecond line [front-matter-date]\n" + // a newline in a message is shown escaped
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
	want := "::warning file=content/a%2Cb.md,title=front-matter-date::100%25 wrong:\\nsecond line [front-matter-date]\n" +
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
		{Path: "r.toml", Line: 5, Col: 1, Severity: diag.Error, Rule: "matrix-conflict", Message: "contradicts another statement", Excerpt: "[[statement]]",
			Notes: []diag.Note{{Path: "r.toml", Line: 3, Col: 1, Message: "the other statement", Excerpt: "[[statement]]"}}},
	}
	b := NewBaseline(old)
	moved := []diag.Diagnostic{old[0], old[1], old[2]}
	for i := range moved {
		moved[i].Line += 7 // lines added above
	}
	moved[2].Notes = []diag.Note{{Path: "r.toml", Line: 9, Col: 1, Message: "the other statement", Excerpt: "[[statement]]"}}
	fresh := diag.Diagnostic{Path: "a.md", Line: 30, Col: 1, Severity: diag.Error, Rule: "link-missing-file", Message: `link target "y.md" does not exist`, Excerpt: "See [y](y.md)."}
	third := old[0]
	third.Line = 40
	kept, silenced := b.Filter(append(moved, fresh, third))
	if silenced != 3 || len(kept) != 2 || !reflect.DeepEqual(kept[0], fresh) || !reflect.DeepEqual(kept[1], third) {
		t.Errorf("silenced %d, kept %v", silenced, kept)
	}
}

// TestTextEscapesControls: an article line or a message with terminal escape
// sequences (ESC[2J clears the screen, ESC]0;...BEL retitles the window) or
// bidirectional overrides must not reach the terminal as they are.
func TestTextEscapesControls(t *testing.T) {
	line := "Hi \x1b[2J\x1b]0;pwned\a \u202egnp.exe\u2066 \x9b \u009b \xff [x](gone.md)"
	ls := diag.NewLines([]byte(line + "\n"))
	at := strings.Index(line, "[x]")
	d := ls.At("content/\x1b[31ma.md", at, diag.Error, "link-missing-file", "link target %s does not exist\r\x1b[1A", "\x1b]8;;x\a")
	var b bytes.Buffer
	if err := Write(&b, "text", []diag.Diagnostic{d}, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, r := range strings.TrimSuffix(out, "\n") {
		if r < 0x20 && r != '\n' || r == 0x7f || 0x80 <= r && r <= 0x9f || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 || r == utf8.RuneError {
			t.Fatalf("control character %U written as it is:\n%q", r, out)
		}
	}
	for _, want := range []string{`content/\x1b[31ma.md:1:`, `\x1b[2J\x1b]0;pwned\x07`, `\u202egnp.exe\u2066 \x9b \u009b \xff`, `does not exist\r\x1b[1A`, `link target \x1b]8;;x\x07`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	// The caret stays under the column: under the [ of [x], after the escapes.
	lines := strings.Split(out, "\n")
	src, caret := lines[1], lines[2]
	if i, j := strings.Index(src, "[x]"), strings.Index(caret, "^"); utf8.RuneCountInString(src[:i]) != utf8.RuneCountInString(caret[:j]) {
		t.Errorf("caret not under the column:\n%s\n%s", src, caret)
	}
}

// TestTextLongLine: a diagnostic on a long line shows the window around the
// column, with the caret under the column.
func TestTextLongLine(t *testing.T) {
	line := strings.Repeat("word ", 1000) + "[x](gone.md) " + strings.Repeat("more ", 1000)
	ls := diag.NewLines([]byte(line))
	d := ls.At("content/a.md", strings.Index(line, "[x]"), diag.Error, "link-missing-file", "gone")
	var b bytes.Buffer
	_ = Write(&b, "text", []diag.Diagnostic{d}, Options{})
	lines := strings.Split(b.String(), "\n")
	src, caret := lines[1], lines[2]
	if len(src) > 200 || !strings.Contains(src, "| …word") || !strings.HasSuffix(src, "…") {
		t.Errorf("source line not cut around the column: %q", src)
	}
	if i, j := strings.Index(src, "[x]"), strings.Index(caret, "^"); i < 0 || utf8.RuneCountInString(src[:i]) != utf8.RuneCountInString(caret[:j]) {
		t.Errorf("caret not under the column:\n%s\n%s", src, caret)
	}
}

// TestGitHubEscapesControls: annotations show control characters escaped too.
func TestGitHubEscapesControls(t *testing.T) {
	d := diag.Diagnostic{Path: "content/\x1b[2Ja.md", Line: 1, Col: 1, Severity: diag.Error, Rule: "link-missing-file",
		Message: "link \x1b]0;t\a \u202e target"}
	var b bytes.Buffer
	_ = Write(&b, "github", []diag.Diagnostic{d}, Options{})
	want := "::error file=content/\\x1b[2Ja.md,line=1,col=1,title=link-missing-file::link \\x1b]0;t\\x07 \\u202e target [link-missing-file]\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// withNotes is a diagnostic with two notes: one in its own file (Path ""),
// with an excerpt, and one in another file, with control characters in its
// path and message.
func withNotes() []diag.Diagnostic {
	ls := diag.NewLines([]byte("[a]\nx = 1\n[a]\n"))
	d := ls.At("rules/t.toml", 10, diag.Error, "tree-id", "id %q is used twice; give each its own", "a").
		WithNotes(ls.Note("", 0, "the first is here"),
			diag.Note{Path: "rules/\x1b[2Jm.toml", Line: 4, Col: 2, Message: "the other\nstatement"})
	return []diag.Diagnostic{d}
}

// TestNotes: every format shows a diagnostic's notes, each at its place.
func TestNotes(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "text", withNotes(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "rules/t.toml:3:1: error: id \"a\" is used twice; give each its own [tree-id]\n" +
		"  3 | [a]\n" +
		"    | ^\n" +
		"rules/t.toml:1:1: note: the first is here\n" +
		"  1 | [a]\n" +
		"    | ^\n" +
		"rules/\\x1b[2Jm.toml:4:2: note: the other\\nstatement\n" + // no excerpt: none was given
		"1 error, 0 warnings\n"
	if b.String() != want {
		t.Errorf("text, got:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	_ = Write(&b, "github", withNotes(), Options{})
	want = "::error file=rules/t.toml,line=3,col=1,title=tree-id::id \"a\" is used twice; give each its own; " +
		"see rules/t.toml:1:1 (the first is here); see rules/\\x1b[2Jm.toml:4:2 (the other\\nstatement) [tree-id]\n"
	if b.String() != want {
		t.Errorf("github, got  %q\nwant %q", b.String(), want)
	}

	b.Reset()
	_ = Write(&b, "json", withNotes(), Options{})
	var doc struct {
		Diagnostics []struct {
			Notes []struct {
				Path    string
				Line    int
				Column  int
				Message string
				Excerpt string
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if n := doc.Diagnostics[0].Notes; len(n) != 2 || n[0].Path != "rules/t.toml" || n[0].Line != 1 || n[0].Column != 1 ||
		n[0].Message != "the first is here" || n[0].Excerpt != "[a]" || n[1].Path != "rules/\x1b[2Jm.toml" || n[1].Line != 4 {
		t.Errorf("json notes: %+v\n%s", n, b.String())
	}

	b.Reset()
	_ = Write(&b, "sarif", withNotes(), Options{})
	var log struct {
		Runs []struct {
			Results []struct {
				RelatedLocations []struct {
					ID               int
					Message          struct{ Text string }
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	rl := log.Runs[0].Results[0].RelatedLocations
	if len(rl) != 2 || rl[0].PhysicalLocation.ArtifactLocation.URI != "rules/t.toml" || rl[0].PhysicalLocation.Region.StartLine != 1 ||
		rl[0].Message.Text != "the first is here" || rl[1].ID != 1 || rl[1].PhysicalLocation.Region.StartLine != 4 ||
		rl[1].PhysicalLocation.Region.StartColumn != 2 || rl[1].Message.Text != "the other\nstatement" {
		t.Errorf("sarif related locations: %+v\n%s", rl, b.String())
	}
}

// TestFingerprintNotes: a note moved to another line keeps the fingerprint;
// a note in another file changes it.
func TestFingerprintNotes(t *testing.T) {
	d := withNotes()[0]
	fp := Fingerprint(d)
	moved := d.WithNotes()
	moved.Notes = slices.Clone(d.Notes)
	moved.Notes[1].Line = 40
	if Fingerprint(moved) != fp {
		t.Error("a note moved to another line changed the fingerprint")
	}
	moved.Notes[1].Path = "rules/n.toml"
	if Fingerprint(moved) == fp {
		t.Error("a note in another file kept the fingerprint")
	}
	spaced := d
	spaced.Message = " id  \"a\" is used\ttwice;\ngive each its own "
	if Fingerprint(spaced) != fp {
		t.Error("white space changed the fingerprint")
	}
}

// TestFingerprintKept: a finding with no position in its message and no
// notes keeps the fingerprint kb gave it before notes (when it stripped
// positions with a regular expression), so existing baselines still match.
func TestFingerprintKept(t *testing.T) {
	d := diag.Diagnostic{Path: "content/a b.md", Line: 3, Col: 5, Rule: "link-missing-file",
		Message: "link target \"x.md\"\n does  not exist", Excerpt: "  See [x](x.md).\t\tNow "}
	if got, want := Fingerprint(d), "470d818c501cca69196c0068f7f8782b"; got != want {
		t.Errorf("fingerprint %s, want %s", got, want)
	}
}
