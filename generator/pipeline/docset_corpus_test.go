package pipeline

import (
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kb/generator/diag"
)

// corpusDir is a real Microsoft Docs repository beside the project, or the
// test is skipped.
func corpusDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpora", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the corpus %s is not at %s; skipping the test on real input", name, dir)
	}
	return dir
}

var refresh = regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]*)">`)

// TestDocsetCorpora builds the two real Microsoft Docs repositories as they
// are, with no config.toml, and looks at the site: it is written (every
// finding is a warning, as DocFX publishes them), no page shows [!INCLUDE]
// syntax, every redirect of .openpublishing.redirection.json answers at its
// old path with its target (but those reported), and nothing DocFX does not
// publish is in the output.
func TestDocsetCorpora(t *testing.T) {
	for _, name := range []string{"sharepoint-docs", "exchange-docs"} {
		t.Run(name, func(t *testing.T) {
			src := corpusDir(t, name)
			dest := filepath.Join(t.TempDir(), "public")
			res, err := Build(Options{Source: src, Dest: dest})
			if err != nil {
				t.Fatal(err)
			}
			rules := map[string]int{}
			reported := map[int]bool{} // lines of the redirection file with a finding
			for _, d := range res.Diagnostics.Items() {
				rules[d.Rule]++
				if d.Severity == diag.Error {
					t.Errorf("error: %s", d)
				}
				if d.Path == ".openpublishing.redirection.json" {
					reported[d.Line] = true
				}
			}
			t.Logf("findings by rule: %v", rules)
			if !res.Written {
				t.Fatal("the site was not written")
			}
			pages := 0
			err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dest, p)
				rel = filepath.ToSlash(rel)
				base := strings.ToLower(path.Base(rel))
				switch {
				case strings.HasSuffix(base, ".md"), strings.HasSuffix(base, ".yml"), base == "docfx.json",
					base == "license", base == "codeowners", base == "readme.html", base == "license-code",
					base == "thirdpartynotices", base == "contentowners.txt", strings.HasPrefix(rel, "."):
					t.Errorf("%s is in the output, but docfx.json does not publish it", rel)
				}
				if !strings.HasSuffix(rel, ".html") {
					return nil
				}
				pages++
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if strings.Contains(strings.ToUpper(string(b)), "[!INCLUDE") {
					t.Errorf("%s shows [!INCLUDE] syntax", rel)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			checkRedirects(t, src, dest, reported)
			t.Logf("%d pages", pages)
			// Every construct of Learn's Markdown is rendered: none shows
			// as raw syntax, and no table cell is lost.
			scan := scanPages(t, dest)
			for _, m := range learnMarkers {
				if n := len(scan.markers[m]); n > 0 {
					t.Errorf("%d pages show %q as text, such as %s", n, m, strings.Join(scan.markers[m][:min(3, n)], ", "))
				}
			}
			var articles []string
			for _, p := range res.Site.Pages {
				if a := p.Article; a != nil && !p.Fragment && strings.HasSuffix(a.Path, ".md") {
					if _, err := os.Stat(filepath.Join(src, filepath.FromSlash(a.Path))); err == nil {
						articles = append(articles, a.Path) // not a page kb made
					}
				}
			}
			want := sourceCells(t, src, articles)
			t.Logf("table cells: %d in the pages, %d in the sources of %d articles", scan.cells, want, len(articles))
			if scan.cells < want {
				t.Errorf("the pages hold %d table cells, the sources %d", scan.cells, want)
			}
		})
	}
}

// checkRedirects reads the redirection file on its own and checks that each
// redirect's old page sends the reader on to an existing page or an
// absolute address, but for those kb reported (at their lines).
func checkRedirects(t *testing.T, src, dest string, reported map[int]bool) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(src, ".openpublishing.redirection.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Redirections []struct {
			SourcePath  string `json:"source_path"`
			RedirectURL string `json:"redirect_url"`
		} `json:"redirections"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	lines := diag.NewLines(raw)
	// A source_path may spell the repository's folders in another letter
	// case ("sharepoint/sharepointserver/"), which Learn ignores: kb writes
	// the redirect page in the folders' real case.
	real := map[string]string{}
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			rel = filepath.ToSlash(rel)
			real[strings.ToLower(rel)] = rel
		}
		return nil
	})
	answered, skipped := 0, 0
	for _, r := range doc.Redirections {
		at := strings.Index(string(raw), `"`+r.SourcePath+`"`)
		line, _, _ := lines.Position(at)
		if reported[line] || reported[line+1] || reported[line-1] {
			skipped++
			continue
		}
		old := strings.TrimSuffix(strings.TrimSuffix(r.SourcePath, ".md"), ".yml") + ".html"
		if p, ok := real[strings.ToLower(old)]; ok {
			old = p
		}
		page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(old)))
		if err != nil {
			t.Errorf("redirect %s: no page at %s", r.SourcePath, old)
			continue
		}
		m := refresh.FindSubmatch(page)
		if m == nil {
			t.Errorf("redirect %s: %s does not redirect", r.SourcePath, old)
			continue
		}
		to, _ := url.Parse(strings.ReplaceAll(string(m[1]), "&amp;", "&"))
		if to.IsAbs() {
			answered++
			continue
		}
		target := path.Join(path.Dir(old), to.Path)
		if strings.HasSuffix(to.Path, "/") || to.Path == "" {
			target = path.Join(target, "index.html")
		}
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(target))); err != nil {
			t.Errorf("redirect %s -> %s: %s is not in the site", r.SourcePath, r.RedirectURL, target)
			continue
		}
		answered++
	}
	t.Logf("%d redirects: %d answer with their target, %d reported", len(doc.Redirections), answered, skipped)
	if answered == 0 {
		t.Error("no redirect answered")
	}
}
