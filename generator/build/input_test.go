package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"kb/generator/foldertest"
)

// TestUTF16Article: an article in UTF-16 with a byte order mark is read as
// UTF-8, in both passes and for the excerpts of findings made after parsing
// (a missing #anchor is found by the check stage).
func TestUTF16Article(t *testing.T) {
	dir := foldertest.New(t, map[string]string{
		"content/b.md": "---\ntitle: B\ndescription: B.\n---\n## Here\n",
	})
	var b []byte
	for _, u := range utf16.Encode([]rune("\ufeff---\r\ntitle: Ünïcode\r\ndescription: A.\r\n---\r\nSee [b](b.md#gone) and [here](b.md#here).\r\n")) {
		b = append(b, byte(u), byte(u>>8))
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		t.Fatal(err)
	}
	items := res.Diagnostics.Items()
	if len(items) != 1 || items[0].Rule != "link-missing-anchor" || items[0].Line != 5 || items[0].Col != 5 {
		t.Fatalf("got %v, want one link-missing-anchor at 5:5", items)
	}
	if want := "See [b](b.md#gone) and [here](b.md#here)."; items[0].Excerpt != want {
		t.Errorf("excerpt %q, want %q", items[0].Excerpt, want)
	}
	for _, p := range res.Site.Pages {
		if p.Article != nil && p.Article.Path == "a.md" && p.Article.Meta.Title != "Ünïcode" {
			t.Errorf("title %q", p.Article.Meta.Title)
		}
	}
	if strings.Contains(items[0].Message, "\x00") {
		t.Errorf("message holds NUL bytes: %q", items[0].Message)
	}
}

