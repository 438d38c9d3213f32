package article

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"kb/generator/diag"
)

// TestDuplicateKey: YAML keys must be unique; a second one is an error at
// its own line and column with a note at the first, and the first one is kept.
func TestDuplicateKey(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	a, diags := p.Parse("a.md", []byte("---\ntitle: First\ndescription: B\n  \ntitle: Second\n---\nbody\n"))
	d := only(t, "duplicate title", diags, "front-matter-syntax", 5, 1)
	if !strings.Contains(d.Message, `"title"`) || len(d.Notes) != 1 || d.Notes[0].Path != "" || d.Notes[0].Line != 2 ||
		d.Notes[0].Col != 1 || d.Notes[0].Excerpt != "title: First" {
		t.Errorf("message %q, notes %+v: want the key, and a note at the first", d.Message, d.Notes)
	}
	if a.Meta.Title != "First" {
		t.Errorf("title %q, want the first one", a.Meta.Title)
	}
	_, diags = p.Parse("a.md", []byte("---\ntitle: A\ndescription: B\nms.custom: x\n   ms.custom: y\n---\n"))
	if ds := diags.Items(); len(ds) == 0 || ds[0].Rule != "front-matter-syntax" {
		t.Errorf("indented duplicate: %v", rules(diags))
	}
}

// TestUnclosedFence: a fenced code block that is never closed runs to the end
// of the article (or of its list item or quote); kb warns at its opening fence.
func TestUnclosedFence(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	_, diags := p.Parse("a.md", []byte(header+"text\n\n  ```go\nx := 1\n\n## Not a heading\n"))
	d := only(t, "unclosed at the end", diags, "code-fence-unclosed", 7, 3)
	if !strings.Contains(d.Message, "```") {
		t.Errorf("message %q: want the fence to close it with", d.Message)
	}
	_, diags = p.Parse("a.md", []byte(header+"- item\n\n  ~~~~\n  code\n- next\n"))
	only(t, "unclosed in a list item", diags, "code-fence-unclosed", 7, 3)
	_, diags = p.Parse("a.md", []byte(header+"```\na\n```\n\n> ```\n> b\n> ```\n\n````md\n```\n````\n"))
	none(t, "closed", diags)
	_, diags = p.Parse("a.md", []byte(header+"```"))
	only(t, "a fence as the last line", diags, "code-fence-unclosed", 5, 1)
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune("\ufeff" + s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// TestEncodings: UTF-16 with a byte order mark is read as DocFX reads it;
// line endings of a lone CR (classic Mac OS) are line endings, as CommonMark
// says; other encodings are named instead of failing as "no title".
func TestEncodings(t *testing.T) {
	p := NewParser(noFiles{}, nil)
	article := "---\ntitle: Été\ndescription: B\n---\n## Überschrift 𝄞\n\n[x](gone.md)\n"
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"UTF-16 LE", utf16Bytes(article, false)},
		{"UTF-16 BE", utf16Bytes(article, true)},
		{"UTF-16 LE, CRLF", utf16Bytes(strings.ReplaceAll(article, "\n", "\r\n"), false)},
		{"CR line endings", []byte(strings.ReplaceAll(article, "\n", "\r"))},
	} {
		a, diags := p.Parse("a.md", tc.src)
		if a.Meta.Title != "Été" || len(a.Headings) != 1 || a.Headings[0].Text != "Überschrift 𝄞" {
			t.Errorf("%s: title %q, headings %v", tc.name, a.Meta.Title, a.Headings)
		}
		d := only(t, tc.name, diags, "link-missing-file", 7, 1)
		if d.Excerpt != "[x](gone.md)" {
			t.Errorf("%s: excerpt %q", tc.name, d.Excerpt)
		}
	}
	for _, tc := range []struct {
		name, src, want string
		line, col       int
	}{
		{"UTF-16 without a byte order mark", string(utf16Bytes(article, false)[2:]), "UTF-16", 0, 0},
		{"Windows-1252", "---\ntitle: A\ndescription: B\n---\nIt\x92s caf\xe9.\n", "not UTF-8", 5, 3},
	} {
		_, diags := p.Parse("a.md", []byte(tc.src))
		d := only(t, tc.name, diags, "file-encoding", tc.line, tc.col)
		if !strings.Contains(d.Message, tc.want) {
			t.Errorf("%s: message %q, want %q in it", tc.name, d.Message, tc.want)
		}
	}
}

type someFiles map[string]bool

func (f someFiles) File(p string) bool            { return f[p] }
func (someFiles) Dir(string) bool                 { return false }
func (someFiles) Fold(string) (string, bool)      { return "", false }
func (someFiles) ReadFile(string) ([]byte, error) { return nil, fs.ErrNotExist }

// TestLinkDestinations: a link's destination is read as the browser reads it:
// entity references and backslash escapes decoded, tabs and newlines dropped,
// so "java&#x09;script:" is a javascript: URL (an error, and removed), not a
// file "java&".
func TestLinkDestinations(t *testing.T) {
	p := NewParser(someFiles{"a&b.md": true, "a(b.md": true, "media/pic.png": true}, nil)
	a, diags := p.Parse("x.md", []byte(header+
		"[1](java&#x09;script:alert(1)) [2](&#106;avascript:alert(2)) [3](java&Tab;script:alert(3)) "+
		"[4](a&amp;b.md) [5](a\\(b.md) ![6](media\\pic.png) [7](gone&amp;away.md)\n"))
	var unsafe []int
	var missing []diag.Diagnostic
	for _, d := range diags.Items() {
		switch d.Rule {
		case "link-unsafe-url":
			unsafe = append(unsafe, d.Col)
			if !strings.Contains(d.Message, `"javascript:alert(`) {
				t.Errorf("message %q: want the decoded javascript: target", d.Message)
			}
		case "link-missing-file":
			missing = append(missing, d)
		default:
			t.Errorf("unexpected %s", d)
		}
	}
	if !slices.Equal(unsafe, []int{1, 32, 62}) {
		t.Errorf("link-unsafe-url at columns %v, want [1 32 62]", unsafe)
	}
	if len(missing) != 1 || missing[0].Line != 5 || missing[0].Col != 141 {
		t.Fatalf("link-missing-file: %v, want one at 5:141", missing)
	}
	if d := missing[0]; !strings.Contains(d.Message, `"gone&away.md"`) {
		t.Errorf("message %q: want the decoded target", d.Message)
	}
	body := string(a.Body)
	for _, want := range []string{`<a href="">1</a>`, `<a href="">2</a>`, `<a href="">3</a>`, `<a href="a&amp;b.html">4</a>`, `<a href="a(b.html">5</a>`, `src="media/pic.png"`} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(strings.ToLower(body), "script:") {
		t.Errorf("a script URL is left:\n%s", body)
	}
}
