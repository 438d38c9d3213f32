package article

import (
	"io/fs"
	"strings"
	"testing"
)

type noFiles struct{}

func (noFiles) File(string) bool                { return false }
func (noFiles) Dir(string) bool                 { return false }
func (noFiles) Fold(string) (string, bool)      { return "", false }
func (noFiles) ReadFile(string) ([]byte, error) { return nil, fs.ErrNotExist }

// FuzzParse feeds arbitrary files to the front-matter reader and the Markdown
// pipeline: no input may panic, and every diagnostic must point inside the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: A\n---\nbody\n",
		"---\ntitle: \"unterminated\n---\n",
		"---\ntitle: [a, b]\norder: x\nms.date: 13/45/2024\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: A\n",
		"\ufeff---\r\ntitle: A\r\n---\r\n> [!NOTE]\r\n> x\r\n",
		"---\ntitle: A\n...\n# H1\n## H2\n[x](../y.md#z) ![i](p.png)\n",
		"---\ntitle: &a A\nb: *a\n---\n",
		"> [!WARNING]\n> - list\n\n```go\nfunc\n```\n",
		"---\ntitle: A\n---\n[a](%zz) [b](#) [c](?q)\n",
		"---\ntitle: A\ntitle: B\n---\n- ```go\n  x\n- y\n",
		"---\rtitle: A\r---\r[a](java&#x09;script:x) [b](a&amp;b\\(c.md)\r",
		"\xff\xfe-\x00-\x00-\x00\n\x00t\x00:\x00 \x00A\x00\n\x00",
		strings.Repeat("> - ", 60) + "x\n" + strings.Repeat("[a]: b\n", 20),
		// Microsoft Learn's blocks (learn.go).
		"> [!VIDEO https://www.youtube.com/watch?v=dQw4w9WgXcQ]\n**Next**\n\n[!VIDEO javascript:x]\n> [!VIDEO http://a]\n",
		"> [!div class=\"nextstepaction\"]\n> [a](b.md)\n\n> [!div class=\"x\"]\n\n> [!div class=\"checklist\"]\n> - a\n",
		"a :::image type=\"icon\" source=\"i.png\"::: b :::image source=\"\"::: :::image:::\n| :::image type=\"icon\"::: |\n|-|\n",
		":::image type=\"complex\" source=\"a.png\" alt-text=\"b\" lightbox=\"c.png\":::\n   text\n:::image-end:::\n:::image-end:::\n",
		":::row:::\n   :::column span=\"9\":::\n      x\n   :::column-end:::\n:::row-end:::\n:::column:::\n:::row:::\n",
		strings.Repeat(":::row:::\n:::column:::\n", 40) + ":::column-end:::\n:::row-end:::\n",
		"> [!SECURITY NOTE]\n:::foo a=\"b\"::: `:::x` ::: zone pivot=\"a\"\n[![i](p.png)](q.png) [!",
	} {
		f.Add(seed)
	}
	p := NewParser(noFiles{}, nil)
	f.Fuzz(func(t *testing.T, src string) {
		a, diags := p.Parse("dir/a.md", []byte(src))
		if a == nil {
			t.Fatal("nil article")
		}
		lines := strings.Count(string(Text([]byte(src))), "\n") + 1 // a lone CR ends a line too
		for _, d := range diags.Items() {
			if d.Line < 0 || d.Line > lines {
				t.Errorf("diagnostic at line %d of a %d-line file: %s", d.Line, lines, d)
			}
			if d.Message == "" || d.Rule == "" {
				t.Errorf("diagnostic without message or rule: %+v", d)
			}
		}
	})
}
