package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpus is the real Microsoft Docs corpus beside the project, or "" (with
// the test skipped) when it is absent.
func corpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpora", "sharepoint-docs")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the SharePoint corpus is not at %s; skipping the test on real input", dir)
	}
	return dir
}

type finding struct {
	Path, Rule, Message string
	Line                int
}

func checkJSON(t *testing.T, args ...string) (int, []finding) {
	t.Helper()
	code, out, errOut := run(append([]string{"check", "--format", "json"}, args...)...)
	var doc struct{ Diagnostics []finding }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("kb check %v: %v\n%s%s", args, err, out, errOut)
	}
	return code, doc.Diagnostics
}

// TestSharePointCorpus checks 1,416 real Microsoft Docs articles and counts
// what kb finds. The numbers were checked by hand against the corpus: 41
// relative links to Markdown files that do not exist, and 62 links and images
// whose target exists only in another letter case; and in the toc.yml files,
// 6 hrefs to articles that do not exist and 15 in another letter case.
func TestSharePointCorpus(t *testing.T) {
	dir := corpus(t)
	code, found := checkJSON(t, "--source", dir)
	rules, inTOCs := map[string]int{}, map[string]int{}
	for _, f := range found {
		if strings.HasSuffix(strings.ToLower(f.Path), "toc.yml") {
			inTOCs[f.Rule]++
		} else {
			rules[f.Rule]++
		}
	}
	// A DocFX repository builds: what DocFX publishes with a warning is a
	// warning (docs/checks.md).
	if code != 0 || rules["link-missing-file"] != 41 || rules["link-case"] != 62 {
		t.Errorf("exit %d; found %v", code, rules)
	}
	if inTOCs["link-missing-file"] != 6 || inTOCs["link-case"] != 15 || len(inTOCs) != 2 {
		t.Errorf("in the TOCs: found %v", inTOCs)
	}
	// Every case-only finding names the file it would find.
	for _, f := range found {
		if f.Rule == "link-case" && !strings.Contains(f.Message, " finds ") {
			t.Errorf("%s:%d: %s", f.Path, f.Line, f.Message)
		}
	}
}

// TestSharePointBaseline records the corpus's findings in a baseline, then
// breaks one more link in a copy of the corpus: only the new link fails.
func TestSharePointBaseline(t *testing.T) {
	src := corpus(t)
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		// A hard link costs no copy of the 24 MB: the one file the test
		// changes is removed and written anew below, never written through
		// the link.
		if os.Link(p, target) == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, errOut := run("check", "--source", dir, "--write-baseline", base); code != 0 || !strings.Contains(errOut, "recorded") {
		t.Fatalf("write-baseline: exit %d\n%s", code, errOut)
	}
	if code, found := checkJSON(t, "--source", dir, "--baseline", base); code != 0 || len(found) != 0 {
		t.Fatalf("with the baseline: exit %d, %d findings: %v", code, len(found), found)
	}
	// Add lines at the top of an article with recorded findings, and a new
	// broken link at its end.
	article := filepath.Join(dir, "SharePoint/SharePointOnline/b2b-sync.md")
	b, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	end := strings.Index(text[4:], "\n---") + 8
	text = text[:end] + "\nA new paragraph.\n\nAnother one.\n" + text[end:] + "\nSee [the new page](brand-new-page.md).\n"
	if err := os.Remove(article); err != nil { // perhaps a link to the corpus's file
		t.Fatal(err)
	}
	if err := os.WriteFile(article, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, found := checkJSON(t, "--source", dir, "--baseline", base, "--fail-on", "warning")
	if code != 1 || len(found) != 1 || found[0].Rule != "link-missing-file" || !strings.Contains(found[0].Message, "brand-new-page.md") {
		t.Errorf("after a new broken link: exit %d, %v", code, found)
	}
}
