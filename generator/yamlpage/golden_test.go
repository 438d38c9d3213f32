package yamlpage

import (
	"flag"
	"fmt"
	"html"
	iofs "io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/foldertest"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// TestGolden converts the first file of each testdata/*.txtar archive (the
// other files are the files its links may name) and compares the Markdown
// ("md"), its spans ("spans", each "md range → file:line:col"), Convert's
// diagnostics ("diags"), the HTML kb's article parser makes of the Markdown
// ("html") and the parser's diagnostics placed in the .yml file through the
// spans ("checked").
func TestGolden(t *testing.T) {
	foldertest.Golden(t, "testdata/*.txtar", *update, isOutput, func(t *testing.T, ar *txtar.Archive) map[string][]byte {
		in := ar.Files[0]
		exist := fileSet{}
		for _, f := range ar.Files[1:] {
			if !isOutput(f.Name) {
				exist[f.Name] = true
			}
		}
		md, spans, diags := Convert(in.Name, in.Data)
		checkSpans(t, md, spans, in.Data)
		got := map[string][]byte{
			"md":    md,
			"spans": []byte(printSpans(md, spans, in.Name, in.Data)),
			"diags": []byte(printDiags(diags)),
		}
		if md != nil {
			a, adiags := article.NewParser(exist, nil).Parse(in.Name, md)
			body := string(a.Body)
			if a.H1 != "" {
				body = "<h1>" + html.EscapeString(a.H1) + "</h1>\n" + body
			}
			got["html"] = []byte(body)
			got["checked"] = []byte(printDiags(mapDiags(adiags, md, spans, in.Data)))
		}
		return got
	})
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
	var all []string
	for f := range fs {
		if strings.EqualFold(f, p) {
			all = append(all, f)
		}
	}
	if len(all) == 0 {
		return "", false
	}
	return slices.Min(all), true // the first in sorted order, as source.Source's
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
