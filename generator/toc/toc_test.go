package toc

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"kb/generator/diag"
	"kb/generator/foldertest"
	"kb/generator/report"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// files is a content folder in memory.
type files map[string][]byte

func (fs files) File(p string) bool { _, ok := fs[p]; return ok }
func (fs files) Dir(p string) bool {
	for f := range fs {
		if strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return p == "."
}
func (fs files) Fold(p string) (string, bool) {
	var all []string
	for f := range fs {
		if strings.EqualFold(f, p) {
			all = append(all, f)
		}
	}
	slices.Sort(all)
	if len(all) == 0 {
		return "", false
	}
	return all[0], true
}
func (fs files) ReadFile(p string) ([]byte, error) {
	b, ok := fs[p]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
}

// dump writes a TOC as the tests compare it: one entry a line, indented by
// depth, with what it leads to and where it is written.
func dump(b *bytes.Buffer, t *TOC) {
	fmt.Fprintf(b, "%s (includes %v)\n", t.File, t.Includes)
	Walk(t.Items, func(e *Entry, parents []*Entry) bool {
		b.WriteString(strings.Repeat("  ", len(parents)+1))
		fmt.Fprintf(b, "%q", e.Name)
		switch e.Kind {
		case Page:
			fmt.Fprintf(b, " page %s%s", e.File, e.Fragment)
		case External:
			fmt.Fprintf(b, " link %s", e.URL)
		default:
			b.WriteString(" group")
		}
		if e.Expanded {
			b.WriteString(" expanded")
		}
		fmt.Fprintf(b, " (%s:%d:%d)\n", e.TOC, e.Line, e.Col)
		return true
	})
}

// TestGolden loads the TOCs of each testdata/*.txtar archive: its files
// are the content folder; "-- roots --" lists the TOC files to load, one a
// line; want/tocs and want/diagnostics are what comes out. A Learn-absolute
// href "/site/x" resolves to the content file x.md, any other to
// https://learn.example/... . Run with -update to rewrite the want sections.
func TestGolden(t *testing.T) {
	isWant := func(name string) bool { return strings.HasPrefix(name, "want/") }
	foldertest.Golden(t, "testdata/*.txtar", *update, isWant, func(t *testing.T, ar *txtar.Archive) map[string][]byte {
		fs := files{}
		var roots []string
		for _, f := range ar.Files {
			switch {
			case f.Name == "roots":
				roots = strings.Fields(string(f.Data))
			case !isWant(f.Name):
				fs[f.Name] = f.Data
			}
		}
		var diags diag.List
		tocs := Load(fs, roots, Options{Prefix: "content/", Resolve: learn}, &diags)
		var b bytes.Buffer
		for _, t := range tocs {
			dump(&b, t)
		}
		got := map[string][]byte{"want/tocs": slices.Clone(b.Bytes())}
		b.Reset()
		diags.FillExcerpts(func(p string) ([]byte, error) { return fs.ReadFile(strings.TrimPrefix(p, "content/")) })
		_ = report.Write(&b, "text", diags.Items(), report.Options{})
		got["want/diagnostics"] = b.Bytes()
		return got
	})
}

// learn resolves the tests' Learn-absolute hrefs.
func learn(href string) (string, string) {
	if rest, ok := strings.CutPrefix(href, "/site/"); ok {
		return path.Clean(rest) + ".md", ""
	}
	if strings.HasPrefix(href, "/unknown/") {
		return "", ""
	}
	return "", "https://learn.example" + href
}

func TestIsTOCFile(t *testing.T) {
	for p, want := range map[string]bool{"toc.yml": true, "a/TOC.yml": true, "a/Toc.MD": true, "a/toc.yaml": false, "a/mytoc.yml": false, "toc.md/x.md": false} {
		if got := IsTOCFile(p); got != want {
			t.Errorf("IsTOCFile(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestLoadReadsEachFileOnce: a TOC included from two places is checked once,
// so its broken href is reported once, and each place gets entries of its own.
func TestLoadReadsEachFileOnce(t *testing.T) {
	fs := files{
		"toc.yml":     []byte("- name: A\n  href: sub/toc.yml\n- name: B\n  href: sub/\n"),
		"sub/toc.yml": []byte("- name: Missing\n  href: nowhere.md\n"),
	}
	var diags diag.List
	tocs := Load(fs, []string{"toc.yml", "sub/toc.yml"}, Options{}, &diags)
	if n := diags.Len(); n != 1 {
		t.Errorf("%d diagnostics, want 1: %v", n, diags.Items())
	}
	a, b := tocs[0].Items[0].Items[0], tocs[0].Items[1].Items[0]
	if a == b || a.Name != "Missing" || b.Name != "Missing" {
		t.Errorf("included entries: %+v and %+v, want two entries named Missing", a, b)
	}
}

// TestIncludesAreBounded: TOCs that each include the next one twice would
// make 2^n entries; past MaxEntries, further includes are left out, with
// one error at the first href left out.
func TestIncludesAreBounded(t *testing.T) {
	fs := files{}
	const n = 17 // 2^17 = 131,072 entries unbounded
	for i := range n {
		fs[fmt.Sprintf("t%d/toc.yml", i)] = fmt.Appendf(nil, "- name: A\n  href: ../t%d/toc.yml\n- name: B\n  href: ../t%d/toc.yml\n", i+1, i+1)
	}
	fs[fmt.Sprintf("t%d/toc.yml", n)] = []byte("- name: Leaf\n")
	var diags diag.List
	tocs := Load(fs, []string{"t0/toc.yml"}, Options{}, &diags)
	count := 0
	Walk(tocs[0].Items, func(*Entry, []*Entry) bool { count++; return true })
	if count > 2*MaxEntries {
		t.Errorf("%d entries, want at most %d", count, 2*MaxEntries)
	}
	if items := diags.Items(); len(items) != 1 || items[0].Rule != "toc-syntax" || items[0].Line == 0 {
		t.Errorf("diagnostics %v, want one toc-syntax error at an href", items)
	}
}
