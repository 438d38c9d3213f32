package yamlpage

import (
	"flag"
	"fmt"
	"html"
	iofs "io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"kb/generator/article"
	"kb/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// TestGolden converts the first file of each testdata/*.txtar archive (the
// other files are the files its links may name) and compares the Markdown
// ("md"), its spans ("spans", each "md range → file:line:col"), Convert's
// diagnostics ("diags"), the HTML kb's article parser makes of the Markdown
// ("html") and the parser's diagnostics placed in the .yml file through the
// spans ("checked").
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in := ar.Files[0]
			exist := fileSet{}
			for _, f := range ar.Files[1:] {
				if !isOutput(f.Name) {
					exist[f.Name] = true
				}
			}
			got := map[string]string{}
			md, spans, diags := Convert(in.Name, in.Data)
			checkSpans(t, md, spans, in.Data)
			got["md"] = string(md)
			got["spans"] = printSpans(md, spans, in.Name, in.Data)
			got["diags"] = printDiags(diags)
			if md != nil {
				a, adiags := article.NewParser(exist, nil).Parse(in.Name, md)
				got["html"] = string(a.Body)
				got["checked"] = printDiags(mapDiags(adiags, md, spans, in.Data))
				if a.H1 != "" {
					got["html"] = "<h1>" + html.EscapeString(a.H1) + "</h1>\n" + got["html"]
				}
			}
			if *update {
				out := &txtar.Archive{Comment: ar.Comment}
				for _, f := range ar.Files {
					if !isOutput(f.Name) {
						out.Files = append(out.Files, f)
					}
				}
				for _, name := range outputs {
					if got[name] != "" {
						out.Files = append(out.Files, txtar.File{Name: name, Data: []byte(got[name])})
					}
				}
				if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := map[string]string{}
			for _, f := range ar.Files {
				if isOutput(f.Name) {
					want[f.Name] = string(f.Data)
				}
			}
			for _, name := range outputs {
				if got[name] != want[name] {
					t.Errorf("%s differs (run with -update and review the diff)\ngot:\n%s\nwant:\n%s", name, got[name], want[name])
				}
			}
		})
	}
}

var outputs = []string{"md", "spans", "diags", "html", "checked"}

func isOutput(name string) bool {
	for _, o := range outputs {
		if name == o {
			return true
		}
	}
	return false
}

// fileSet is the article.Files of the archive's other files.
type fileSet map[string]bool

func (fs fileSet) File(p string) bool           { return fs[p] }
func (fileSet) ReadFile(string) ([]byte, error) { return nil, iofs.ErrNotExist }
func (fs fileSet) Dir(p string) bool {
	for f := range fs {
		if strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}
func (fs fileSet) Fold(p string) (string, bool) {
	for f := range fs {
		if strings.EqualFold(f, p) {
			return f, true
		}
	}
	return "", false
}

func printSpans(md []byte, spans []diag.Span, name string, src []byte) string {
	var b strings.Builder
	lines := diag.NewLines(src)
	for _, s := range spans {
		text := string(md[s.Start:s.End])
		if len(text) > 60 {
			text = text[:57] + "..."
		}
		line, col, _ := lines.Position(s.Pos.Offset)
		kind := ""
		if s.Linear {
			kind = " (copy)"
		}
		fmt.Fprintf(&b, "%d-%d %s → %s:%d:%d%s\n", s.Start, s.End, strconv.Quote(text), path.Clean(s.Pos.File), line, col, kind)
	}
	return b.String()
}

func printDiags(l diag.List) string {
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// mapDiags places diagnostics the article parser made at lines of the
// Markdown in the .yml file, through the spans: what the pipeline does.
func mapDiags(l diag.List, md []byte, spans []diag.Span, src []byte) diag.List {
	mdLines, srcLines := diag.NewLines(md), diag.NewLines(src)
	var out diag.List
	for _, d := range l.Items() {
		off := mdLines.Offset(d.Line, d.Col)
		for _, s := range spans {
			if s.Start <= off && off < s.End {
				at := s.Pos.Offset
				if s.Linear {
					at += off - s.Start
				}
				m := srcLines.At(s.Pos.File, at, d.Severity, d.Rule, "%s", d.Message)
				out.Add(m)
				break
			}
		}
	}
	return out
}
