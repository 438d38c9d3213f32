package yamlpage

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kb/generator/article"
	"kb/generator/diag"
)

const corpora = "../../../shared/corpora"

// urlLine is a "url: ..." line of a YAML page, read without YAML: the count
// of links the Markdown must hold, found independently of Convert.
var urlLine = regexp.MustCompile(`^\s*(?:-\s+)?url:\s*(.*?)\s*(?:\s#.*)?$`)

// TestCorpusPages converts every YAML page of the Microsoft Docs corpora:
// none has an error, and every url: value of the file is a link
// destination of the Markdown, as many times as the file has it.
func TestCorpusPages(t *testing.T) {
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("no corpora at " + corpora)
	}
	counts := map[string]int{}
	pages, links := 0, 0
	err := filepath.WalkDir(corpora, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yml") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		mime, ok := IsPage(src)
		if !ok {
			return nil
		}
		rel, _ := filepath.Rel(corpora, p)
		rel = filepath.ToSlash(rel)
		counts[mime]++
		pages++
		md, spans, diags := Convert(rel, src)
		for _, d := range diags.Items() {
			t.Errorf("%s", d)
		}
		if md == nil {
			t.Errorf("%s: not converted", rel)
			return nil
		}
		checkSpans(t, md, spans, src)
		sc := bufio.NewScanner(bytes.NewReader(src))
		want := map[string]int{}
		for sc.Scan() {
			if m := urlLine.FindStringSubmatch(sc.Text()); m != nil {
				want[strings.Trim(m[1], `"'`)]++
			}
		}
		for u, n := range want {
			links += n
			dest, _ := destination(u)
			if got := bytes.Count(md, []byte("]("+dest+")")); got != n {
				t.Errorf("%s: url %q is %d times in the file, %d times a link of the Markdown", rel, u, n, got)
			}
		}
		// The Markdown is an article kb renders.
		a, adiags := article.NewParser(noFiles{}, nil).Parse(rel, md)
		if len(a.Body) == 0 || a.H1 == "" {
			t.Errorf("%s: rendered to no body or no heading 1", rel)
		}
		for _, d := range adiags.Items() {
			if d.Rule != diag.RuleLinkMissingFile && d.Rule != diag.RuleLinkMissingAnchor {
				t.Errorf("%s: the article parser reports %s", rel, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages (%v), %d links", pages, counts, links)
	if pages != 7 {
		t.Errorf("found %d YAML pages, want the corpora's 7", pages)
	}
}

// noFiles is a site without files: every relative link is missing.
type noFiles struct{}

func (noFiles) File(string) bool                { return false }
func (noFiles) Dir(string) bool                 { return false }
func (noFiles) ReadFile(string) ([]byte, error) { return nil, fs.ErrNotExist }
func (noFiles) Fold(string) (string, bool)      { return "", false }

// checkSpans checks that spans are in order, cover md, point into src, and
// that a copy is a copy.
func checkSpans(t *testing.T, md []byte, spans []diag.Span, src []byte) {
	t.Helper()
	at := 0
	for _, s := range spans {
		if s.Start != at || s.End <= s.Start || s.End > len(md) {
			t.Fatalf("span %+v: want one from %d, inside the Markdown's %d bytes", s, at, len(md))
		}
		if s.Pos.Offset < 0 || s.Pos.Offset > len(src) {
			t.Fatalf("span %+v: position outside the file's %d bytes", s, len(src))
		}
		if s.Linear {
			end := s.Pos.Offset + s.End - s.Start
			if end > len(src) || !bytes.Equal(md[s.Start:s.End], src[s.Pos.Offset:end]) {
				t.Fatalf("span %+v: %q is not a copy of the file", s, md[s.Start:s.End])
			}
		}
		at = s.End
	}
	if at != len(md) {
		t.Fatalf("spans end at %d, the Markdown at %d", at, len(md))
	}
}
