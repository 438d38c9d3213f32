package yamlpage

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"kb/generator/article"
)

// FuzzConvert: Convert never panics; its spans cover the Markdown in order
// and point into the file; and the HTML kb renders from the Markdown has no
// script, no event handler and no javascript: URL, whatever the YAML says
// (FAQ answers included: they are Markdown, whose raw HTML kb drops).
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil {
			f.Add(ar.Files[0].Data)
		}
	}
	f.Add([]byte("### YamlMime:Landing\ntitle: &a x\nlandingContent: [{title: *a, linkLists: [{links: [{text: '<script>', url: 'javascript:x'}]}]}]\n"))
	f.Add([]byte("### YamlMime:FAQ\ntitle: t\nsections:\n- name: n\n  questions:\n  - question: q\n    answer: |\n      <script>x</script>\n      [a](javascript:alert(1))\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		md, spans, _ := Convert("page.yml", src)
		if md == nil {
			if len(spans) != 0 {
				t.Fatalf("no Markdown but %d spans", len(spans))
			}
			return
		}
		checkSpans(t, md, spans, src)
		a, _ := article.NewParser(noFiles{}, nil).Parse("page.yml", md)
		checkHTML(t, a.Body)
	})
}

// checkHTML fails on a script, style or iframe element, an on* attribute,
// or a javascript:, vbscript: or data: URL in an href or src.
func checkHTML(t *testing.T, body []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "script", "style", "iframe", "object", "embed":
				t.Fatalf("<%s> in %s", name, body)
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := strings.ToLower(string(k))
				val := strings.ToLower(strings.TrimSpace(string(v)))
				if strings.HasPrefix(key, "on") {
					t.Fatalf("attribute %s in %s", k, body)
				}
				if (key == "href" || key == "src") && (strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text")) {
					t.Fatalf("%s=%q in %s", k, v, body)
				}
			}
		}
	}
}

// FuzzEscape: text escaped by escape reads back as the same text (white
// space collapsed) in every place Convert writes text: a paragraph, a
// heading, a list item and a link text. No character of it becomes markup.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a *b* _c_ `d`", "1. x", "- y", "# z #", "<b>x</b>", "[a](b)", "www.example.com https://x.y a@b.c",
		"x\n===", "| a | b |", "~~s~~", "![i](j)", "\\*", ":::x:::", "> q", "+ r", "10) s", "=", "<!-- c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "&\x00") ||
			strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }) >= 0 {
			return // character references are kept on purpose; NUL is U+FFFD in Markdown
		}
		want := strings.Join(strings.Fields(s), " ")
		if want == "" {
			return
		}
		for _, form := range []string{"%s\n", "## %s\n", "- %s\n", "[%s](<x.md>)\n"} {
			md := "---\ntitle: t\n---\n\n" + strings.Replace(form, "%s", escape(s), 1)
			a, _ := article.NewParser(noFiles{}, nil).Parse("p.md", []byte(md))
			if got := textOf(a.Body); got != want {
				t.Fatalf("form %q: %q reads back as %q (Markdown %q)", form, want, got, md)
			}
		}
	})
}

// textOf is the text of an HTML fragment.
func textOf(body []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			b.Write(z.Text())
		}
	}
}
