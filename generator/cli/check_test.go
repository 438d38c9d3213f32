package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// defaultSiteWith copies the default site and appends text to one article.
func defaultSiteWith(t *testing.T, article, text string) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "../..", dir, "content", "rules", "config.toml")
	p := filepath.Join(dir, "content", filepath.FromSlash(article))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, []byte("\n"+text+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCheckDefaultSiteIsClean(t *testing.T) {
	code, out, errOut := run("check", "--source", "../..", "--fail-on", "warning")
	if code != 0 || out != "" {
		t.Errorf("kb check on the default site: exit %d\n%s%s", code, out, errOut)
	}
}

// TestCheckClaimInEveryFormat appends the sentence to every default
// article that mentions mirroring and checks each report format.
func TestCheckClaimInEveryFormat(t *testing.T) {
	const sentence = "Database mirroring is supported in Skype for Business Server 2019."
	var articles []string
	_ = filepath.WalkDir("../../content", func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			if strings.Contains(strings.ToLower(string(b)), "mirroring") {
				rel, _ := filepath.Rel("../../content", p)
				articles = append(articles, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if len(articles) < 5 {
		t.Fatalf("only %d default articles mention mirroring", len(articles))
	}
	statement := regexp.MustCompile(`rules/matrix\.toml:\d+:1`)
	for _, article := range articles {
		dir := defaultSiteWith(t, article, sentence)
		lines := strings.Count(snapshotFile(t, filepath.Join(dir, "content", article)), "\n")
		path := "content/" + article
		where := path + ":" + itoa(lines)

		code, out, _ := run("check", "--source", dir)
		if code != 1 || !strings.Contains(out, where+":1: error: \""+sentence+"\" says Database mirroring is supported for Skype for Business Server 2019") ||
			!statement.MatchString(out) || !strings.Contains(out, "[claim-contradiction]") {
			t.Errorf("%s, text: exit %d\n%s", article, code, out)
		}

		code, out, _ = run("check", "--source", dir, "--format", "github")
		if code != 1 || !strings.Contains(out, "::error file="+path+",line="+itoa(lines)+",col=1,title=claim-contradiction::") || !statement.MatchString(out) {
			t.Errorf("%s, github: exit %d\n%s", article, code, out)
		}

		code, out, _ = run("check", "--source", dir, "--format", "json")
		var doc struct {
			Diagnostics []struct {
				Path    string `json:"path"`
				Line    int    `json:"line"`
				Rule    string `json:"rule"`
				Message string `json:"message"`
				Notes   []struct {
					Path string `json:"path"`
					Line int    `json:"line"`
				} `json:"notes"`
			} `json:"diagnostics"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 1 || len(doc.Diagnostics) != 1 ||
			doc.Diagnostics[0].Path != path || doc.Diagnostics[0].Line != lines || doc.Diagnostics[0].Rule != "claim-contradiction" ||
			len(doc.Diagnostics[0].Notes) != 1 || doc.Diagnostics[0].Notes[0].Path != "rules/matrix.toml" || doc.Diagnostics[0].Notes[0].Line == 0 {
			t.Errorf("%s, json: exit %d, %v\n%s", article, code, err, out)
		}

		code, out, _ = run("check", "--source", dir, "--format", "sarif")
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine int }
						}
					}
					RelatedLocations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil || code != 1 || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
			t.Fatalf("%s, sarif: exit %d, %v\n%s", article, code, err, out)
		}
		r := log.Runs[0].Results[0]
		if r.RuleID != "claim-contradiction" || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != path ||
			r.Locations[0].PhysicalLocation.Region.StartLine != lines || len(r.RelatedLocations) != 1 ||
			r.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != "rules/matrix.toml" || r.RelatedLocations[0].PhysicalLocation.Region.StartLine == 0 {
			t.Errorf("%s, sarif: %+v", article, r)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestCheckFailOnAndRules(t *testing.T) {
	dir := defaultSiteWith(t, "glossary.md", "> [!DANGER]\n> Unknown alert type: a warning.")
	if code, out, _ := run("check", "--source", dir); code != 0 || !strings.Contains(out, "[alert-unknown]") {
		t.Errorf("warnings only: exit %d\n%s", code, out)
	}
	if code, _, _ := run("check", "--source", dir, "--fail-on", "warning"); code != 1 {
		t.Errorf("--fail-on warning: exit %d, want 1", code)
	}
	code, out, _ := run("check", "--rules")
	if code != 0 || !strings.Contains(out, "claim-contradiction") || !regexp.MustCompile(`front-matter-unknown-key\s+off\s`).MatchString(out) {
		t.Errorf("--rules: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"check", "--format", "xml"}, {"check", "--fail-on", "never"}, {"check", "--baseline", filepath.Join(dir, "none.json")}} {
		if code, _, _ := run(args...); code != 2 {
			t.Errorf("kb %s: exit %d, want 2", strings.Join(args, " "), code)
		}
	}
}

// TestDocsListEveryRule keeps docs/checks.md true.
func TestDocsListEveryRule(t *testing.T) {
	b, err := os.ReadFile("../../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	_, out, _ := run("check", "--rules")
	for _, line := range strings.Split(out, "\n")[1:] {
		id := strings.Fields(line + " x")[0]
		if strings.Contains(id, "-") && !strings.Contains(string(b), "`"+id+"`") {
			t.Errorf("docs/checks.md does not explain rule %s", id)
		}
	}
}
