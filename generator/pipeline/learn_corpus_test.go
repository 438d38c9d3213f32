package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmtext "github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// learnMarkers are Microsoft Learn syntax that must never reach a reader as
// text: each is rendered, or reported and shown some other way.
var learnMarkers = []string{":::", "[!INCLUDE", "[!VIDEO", "[!div", "#tab/", "::: zone", "::: moniker"}

// pageScan is what the visible text and tables of the built pages hold.
type pageScan struct {
	markers map[string][]string // marker -> pages whose visible text shows it
	cells   int                 // <td> and <th> in the pages' main content
}

// scanPages reads every page of the site at dest with x/net/html: the text
// a reader sees (outside code, pre and the head) and the table cells of
// each page's <main>.
func scanPages(t *testing.T, dest string) pageScan {
	t.Helper()
	s := pageScan{markers: map[string][]string{}}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		var visible strings.Builder
		var walk func(n *html.Node, inMain bool)
		walk = func(n *html.Node, inMain bool) {
			switch n.DataAtom {
			case atom.Code, atom.Pre, atom.Head, atom.Script, atom.Style, atom.Template:
				return
			case atom.Main:
				inMain = true
			case atom.Td, atom.Th:
				if inMain {
					s.cells++
				}
			case atom.A:
				// A DocFX tab left as the heading link it is written as.
				for _, at := range n.Attr {
					if at.Key == "href" && strings.Contains(at.Val, "#tab/") {
						visible.WriteString("#tab/\n")
					}
				}
			}
			if n.Type == html.TextNode {
				visible.WriteString(n.Data)
				visible.WriteByte('\n')
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inMain)
			}
		}
		walk(doc, false)
		for _, m := range learnMarkers {
			if strings.Contains(visible.String(), m) {
				s.markers[m] = append(s.markers[m], filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sourceCells counts the table cells of the published articles' sources
// (not their includes): the cells of pipe tables, by goldmark's parse, and of
// raw HTML tables, by x/net/html's tokenizer over the raw HTML goldmark
// finds.
func sourceCells(t *testing.T, src string, articles []string) int {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	cells := 0
	for _, name := range articles {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		doc := md.Parser().Parse(gmtext.NewReader(b))
		var raw bytes.Buffer
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *extast.TableCell:
				cells++
			case *ast.HTMLBlock:
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					raw.Write(seg.Value(b))
				}
				if n.HasClosure() {
					raw.Write(n.ClosureLine.Value(b))
				}
			case *ast.RawHTML:
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					raw.Write(seg.Value(b))
				}
			}
			return ast.WalkContinue, nil
		})
		z := html.NewTokenizer(&raw)
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt == html.StartTagToken {
				if name, _ := z.TagName(); string(name) == "td" || string(name) == "th" {
					cells++
				}
			}
		}
	}
	return cells
}
