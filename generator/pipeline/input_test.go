package pipeline

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

// TestSymlinkSkipped: kb does not follow symbolic links in content/ (one
// could lead out of the source folder), and says so for each one.
func TestSymlinkSkipped(t *testing.T) {
	dir := foldertest.New(t, map[string]string{
		"content/a.md":        "---\ntitle: A\ndescription: A.\n---\nText.\n",
		"content/shared/b.md": "---\ntitle: B\ndescription: B.\n---\nText.\n",
		"outside.md":          "---\ntitle: Secret\ndescription: S.\n---\nText.\n",
	})
	for link, target := range map[string]string{
		"content/inside.md":  "a.md",
		"content/leaves.md":  "../outside.md",
		"content/folder":     "shared",
		"content/broken.png": "nothing.png",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics.Items() {
		got = append(got, d.Path+" "+d.Severity.String()+" "+d.Rule)
	}
	want := []string{
		"content/broken.png warning source-symlink",
		"content/folder warning source-symlink",
		"content/inside.md warning source-symlink",
		"content/leaves.md warning source-symlink",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !res.Written {
		t.Fatal("not written")
	}
	for _, name := range []string{"leaves.html", "inside.html", "folder/b.html", "broken.png"} {
		if _, err := os.Lstat(filepath.Join(dir, "public", name)); err == nil {
			t.Errorf("%s was written from a symbolic link", name)
		}
	}
}

// TestNoContentFolder: a source folder without content/ is the content
// folder, so diagnostics name articles by their content paths ("b.md"), get
// their excerpts, and a kb-disable comment still silences its line (and lets
// the pages be written).
func TestNoContentFolder(t *testing.T) {
	files := map[string]string{
		"a.md": "---\ntitle: A\ndescription: A.\n---\nSee [old](old.md). <!-- kb-disable-line link-missing-file -->\n",
	}
	dir := foldertest.New(t, files)
	res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Diagnostics.Len(); n != 0 || !res.Written {
		t.Fatalf("silenced link: %d diagnostics %v, written %v; want none, written", n, res.Diagnostics.Items(), res.Written)
	}

	files["b.md"] = "---\ntitle: B\ndescription: B.\n---\nSee [gone](gone.md).\n"
	dir = foldertest.New(t, files)
	res, err = Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		t.Fatal(err)
	}
	items := res.Diagnostics.Items()
	if len(items) != 1 || items[0].Path != "b.md" || items[0].Rule != "link-missing-file" || items[0].Line != 5 {
		t.Fatalf("got %v, want one link-missing-file at b.md:5", items)
	}
	if want := "See [gone](gone.md)."; items[0].Excerpt != want {
		t.Errorf("excerpt %q, want %q", items[0].Excerpt, want)
	}
	if res.Written {
		t.Error("written despite an error")
	}
}

// TestAnchorPlacedInCharacters: a missing #anchor, found after parsing from
// the byte offset of its link, is placed at the column in characters, after
// text of several bytes a character.
func TestAnchorPlacedInCharacters(t *testing.T) {
	dir := foldertest.New(t, map[string]string{
		"content/a.md": "---\ntitle: A\ndescription: A.\n---\nÜber ünd [b](b.md#gone), ✓ [c](b.md#lost)\n",
		"content/b.md": "---\ntitle: B\ndescription: B.\n---\n## Here\n",
	})
	res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics.Items() {
		got = append(got, d.String())
	}
	want := []string{
		`content/a.md:5:10: error: "#gone" is not a heading or anchor of b.md; did you mean "#here"? [link-missing-anchor]`,
		`content/a.md:5:28: error: "#lost" is not a heading or anchor of b.md; did you mean "#here"? [link-missing-anchor]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
