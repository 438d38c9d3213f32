package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"kb/generator/foldertest"
)

// The whole-site fuzz tests write a small but complete site (config.toml, a
// support matrix, a decision tree, articles using every directive, alerts,
// links to real files and an image), replace one part of it with the
// fuzzer's input (or add files that hold it), and run the whole build. Whatever the input:
//
//   - nothing panics (the fuzzer fails on a panic by itself);
//   - every diagnostic names a file of the site (or one of its folders), and
//     a line and column inside that file;
//   - nothing written carries an on* attribute, a javascript:, vbscript: or
//     data:text/html URL, or a script that is not the theme's: every inline
//     script is one of the theme's, every script file is one of the theme's
//     or a search or tree data file that parses as data.
//
// Seeds are the f.Add calls (the site's own file and variations of it) and
// hostile inputs shared by all four tests in testdata/fuzz/FuzzSite*/; go
// test runs them all. Run one for longer with, for example,
//
//	go test ./generator/pipeline -run '^$' -fuzz '^FuzzSiteArticle$' -fuzztime 60s

// fuzzSite is the site every whole-site fuzz test starts from.
var fuzzSite = map[string]string{
	"config.toml": `title = "Fuzz <site>"
description = "A site for fuzzing."
language = "en"
`,
	"rules/matrix.toml": `[[dimension]]
id = "version"
name = "Product version"
values = [{ id = "v1", name = "Version 1" }, { id = "v2", name = "Version 2" }]

[[feature]]
id = "sync"
name = "Sync"
article = "sync.md"

[[statement]]
feature = "sync"
version = "v1"
status = "supported"
source = "sync.md#support"

[[statement]]
feature = "sync"
version = "v2"
status = "not-supported"
source = "sync.md#support"
`,
	"rules/decisions/t.toml": `title = "Pick one"
start = "version"

[[question]]
id = "version"
text = "Which version?"
dimension = "version"
covers = true
options = [
  { label = "Version 1", value = "v1", next = "sync" },
  { label = "Version 2", value = "v2", next = "none" },
]

[[outcome]]
id = "sync"
title = "Use sync"
text = "Sync & relax."
recommend = ["sync"]
links = [{ text = "Sync support", href = "sync.md#support" }]

[[outcome]]
id = "none"
title = "Nothing fits"
`,
	"content/guide.md": `---
title: Guide
description: A test article.
---
# Guide

> [!NOTE]
> See [sync](sync.md#support) and [the picture](media/pic.png).

:::image type="content" source="media/pic.png" alt-text="A picture":::

:::compat feature="sync":::

:::decision tree="t":::

:::decision-embed tree="t":::
`,
	"content/sync.md": `---
title: Sync
description: How sync works.
---
## Support

Sync is supported in Version 1 and not in Version 2.
`,
	"content/media/pic.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89",
}

// FuzzSiteArticle replaces the article that uses every directive.
func FuzzSiteArticle(f *testing.F) {
	f.Add(fuzzSite["content/guide.md"])
	f.Add(`---
title: "<script>alert(1)</script>"
description: "\" onload=\"alert(1)"
---
:::image source="javascript:alert(1)" alt-text="x":::

:::image source="data:text/html,<script>alert(1)</script>" alt-text="x":::

:::compat feature="sync" rows="version" columns="nope":::

:::decision tree="<t>":::

<a href="javascript:alert(1)" onclick="alert(1)">x</a>
<svg onload="alert(1)"></svg>
`)
	fuzzWholeSite(f, fuzzSite, "content/guide.md")
}

// FuzzSiteMatrix replaces the support matrix.
func FuzzSiteMatrix(f *testing.F) {
	f.Add(fuzzSite["rules/matrix.toml"])
	f.Add(strings.Replace(fuzzSite["rules/matrix.toml"], "[[dimension]]", "[[dimensions]]", 1))
	f.Add(strings.Replace(fuzzSite["rules/matrix.toml"], `id = "version"`, `ids = "version"`, 1))
	f.Add(strings.Replace(fuzzSite["rules/matrix.toml"], `values = [{ id = "v1", name = "Version 1" }, { id = "v2", name = "Version 2" }]`, "values = []", 1))
	f.Add(strings.Replace(fuzzSite["rules/matrix.toml"], `name = "Sync"`, `name = "<script>alert(1)</script>"`, 1))
	f.Add(strings.Replace(fuzzSite["rules/matrix.toml"], `article = "sync.md"`, `article = "javascript:alert(1)"`, 1))
	fuzzWholeSite(f, fuzzSite, "rules/matrix.toml")
}

// FuzzSiteTree replaces the decision tree.
func FuzzSiteTree(f *testing.F) {
	f.Add(fuzzSite["rules/decisions/t.toml"])
	f.Add(strings.Replace(fuzzSite["rules/decisions/t.toml"], `href = "sync.md#support"`, `href = "javascript:alert(1)"`, 1))
	f.Add(strings.Replace(fuzzSite["rules/decisions/t.toml"], `text = "Sync & relax."`, `text = "</script><script>alert(1)</script><img src=x onerror=alert(1)>"`, 1))
	fuzzWholeSite(f, fuzzSite, "rules/decisions/t.toml")
}

// FuzzSiteConfig replaces config.toml.
func FuzzSiteConfig(f *testing.F) {
	f.Add(fuzzSite["config.toml"])
	f.Add("title = \"x\"\nbaseURL = \"javascript:alert(1)//\"\n")
	f.Add("title = \"x\"\nbaseURL = \"https://example.org/docs/\"\n[redirects]\n\"old.html\" = \"guide.md\"\n\"x.html\" = \"javascript:alert(1)\"\n")
	f.Add("title = \"x\"\n[check.severity]\nimage-alt = \"error\"\n")
	fuzzWholeSite(f, fuzzSite, "config.toml")
}

// FuzzSiteFiles puts the input in files that are not articles: an HTML page
// and an SVG picture under content/, both linked from an article.
func FuzzSiteFiles(f *testing.F) {
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><text>x</text></a><foreignObject><iframe src="javascript:alert(4)"></iframe></foreignObject></svg>`)
	f.Add(`<html><head><meta http-equiv="refresh" content="0; url=javascript:alert(1)"></head><body onload="alert(2)"></body></html>`)
	site := maps.Clone(fuzzSite)
	site["content/sync.md"] += "\n[The page](page.html) and ![the drawing](media/drawing.svg).\n"
	fuzzWholeSite(f, site, "content/page.html", "content/media/drawing.svg")
}

// fuzzWholeSite runs a fuzz test that writes its input into the files names
// of site.
func fuzzWholeSite(f *testing.F, site map[string]string, names ...string) {
	theme := themeScripts(f)
	f.Fuzz(func(t *testing.T, input string) {
		files := maps.Clone(site)
		for _, name := range names {
			files[name] = input
		}
		fuzzBuild(t, files, theme)
	})
}

// fuzzBuild builds a site of files and checks what came out.
func fuzzBuild(t *testing.T, files map[string]string, theme scripts) {
	dir := foldertest.New(t, files)
	dest := filepath.Join(dir, "public")
	res, err := Build(Options{Source: dir, Dest: dest})
	if res == nil {
		if err == nil {
			t.Fatal("Build returned neither a result nor an error")
		}
		return
	}
	for _, d := range res.Diagnostics.Items() {
		if msg := diagnosticOutside(d.Path, d.Line, d.Col, files); msg != "" {
			t.Errorf("%s: %s", d, msg)
		}
		if d.Message == "" || d.Rule == "" {
			t.Errorf("diagnostic without message or rule: %+v", d)
		}
	}
	if !res.Written {
		return
	}
	for _, problem := range scriptProblems(t, dest, theme) {
		t.Error(problem)
	}
}

// diagnosticOutside says what is wrong with a diagnostic's position, or ""
// when it is inside a file of the site (or names one of its folders).
func diagnosticOutside(p string, line, col int, files map[string]string) string {
	data, ok := files[p]
	if !ok {
		for name := range files {
			if strings.HasPrefix(name, p+"/") {
				if line != 0 {
					return "a position in a folder"
				}
				return ""
			}
		}
		return "no such file in the site"
	}
	if line == 0 {
		return ""
	}
	// Lines as kb counts them: a lone CR ends one too, as in CommonMark.
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n"), "\n")
	if line < 0 || line > len(lines) {
		return fmt.Sprintf("line %d of a %d-line file", line, len(lines))
	}
	text := lines[line-1]
	if n := utf8.RuneCountInString(text); col < 0 || col > n+1 {
		return fmt.Sprintf("column %d of a %d-character line", col, n)
	}
	return ""
}

// scripts is what the theme may put in a page: the bodies of inline scripts
// and the files of script that come from the theme as they are.
type scripts struct {
	inline map[string]bool
	files  map[string]string // path in the site -> content
	// element is kb-decision-tree.js with its data (the trees) cut out.
	element string
}

// themeScripts builds fuzzSite and records its scripts: a fuzzed site may
// have fewer, never others.
func themeScripts(tb testing.TB) scripts {
	tb.Helper()
	dir := foldertest.New(tb, fuzzSite)
	dest := filepath.Join(dir, "public")
	res, err := Build(Options{Source: dir, Dest: dest})
	if err != nil || !res.Written {
		tb.Fatalf("the fuzz site does not build: %v %v", err, res.Diagnostics.Items())
	}
	seen := scripts{inline: map[string]bool{}, files: map[string]string{}}
	for rel, data := range foldertest.Read(tb, dest) {
		switch {
		case rel == elementPath:
			seen.element = cutTreeData(data)
		case strings.HasPrefix(rel, "assets/") && strings.HasSuffix(rel, ".js"):
			seen.files[rel] = data
		case isMarkup(rel):
			for _, s := range inlineScripts([]byte(data)) {
				seen.inline[s] = true
			}
		}
	}
	return seen
}

const elementPath = "embed/kb-decision-tree.js"

var treeData = regexp.MustCompile(`(?s)\nvar trees = (.*?);\nvar css = `)

// cutTreeData returns kb-decision-tree.js without the trees' JSON.
func cutTreeData(js string) string {
	return treeData.ReplaceAllString(js, "\nvar trees = TREES;\nvar css = ")
}

func isMarkup(name string) bool {
	switch path.Ext(name) {
	case ".html", ".htm", ".svg", ".xhtml", ".xml":
		return true
	}
	return false
}

// inlineScripts returns the text of every script element without a src.
func inlineScripts(b []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			if name, hasAttr := z.TagName(); string(name) == "script" {
				src := false
				for hasAttr {
					var k []byte
					k, _, hasAttr = z.TagAttr()
					src = src || string(k) == "src"
				}
				if !src && z.Next() == html.TextToken {
					out = append(out, string(z.Text()))
				} else if !src {
					out = append(out, "")
				}
			}
		}
	}
}

var dataCall = regexp.MustCompile(`(?s)^kb[A-Za-z]+\((.*)\);?\n?$`)

// scriptProblems reads every file written below dest and lists what could
// run script that is not the theme's.
func scriptProblems(t *testing.T, dest string, theme scripts) []string {
	var problems []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		switch {
		case isMarkup(rel):
			problems = append(problems, markupProblems(rel, b, theme)...)
		case rel == elementPath:
			js := string(b)
			if cutTreeData(js) != theme.element {
				problems = append(problems, rel+": differs from the theme's but for the trees")
			}
			if m := treeData.FindStringSubmatch(js); m != nil {
				var trees map[string]string
				if err := json.Unmarshal([]byte(m[1]), &trees); err != nil {
					problems = append(problems, rel+": the trees are not JSON: "+err.Error())
				}
				for id, h := range trees {
					problems = append(problems, markupProblems(rel+" (tree "+id+")", []byte(h), scripts{})...)
				}
			}
		case strings.HasPrefix(rel, "assets/") && strings.HasSuffix(rel, ".js"):
			if want, ok := theme.files[rel]; !ok || want != string(b) {
				problems = append(problems, rel+": a script file that is not the theme's")
			}
		case strings.HasPrefix(rel, "search/") && strings.HasSuffix(rel, ".js"):
			m := dataCall.FindSubmatch(b)
			var v []any
			if m == nil || json.Unmarshal(append(append([]byte("["), m[1]...), ']'), &v) != nil {
				problems = append(problems, rel+": a search file that is not one call with JSON arguments")
			}
		case path.Ext(rel) == ".js" || path.Ext(rel) == ".mjs":
			problems = append(problems, rel+": a script file kb does not make")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

// markupProblems parses an HTML or SVG file and lists its event handler
// attributes, script URLs and foreign scripts.
func markupProblems(name string, b []byte, theme scripts) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tag, hasAttr := z.TagName()
		tagName := string(tag)
		var src bool
		var attrs [][2]string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs = append(attrs, [2]string{string(k), string(v)})
		}
		for _, a := range attrs {
			k, v := a[0], a[1]
			if strings.HasPrefix(k, "on") {
				problems = append(problems, fmt.Sprintf("%s: <%s %s=%q>: an event handler", name, tagName, k, v))
			}
			if unsafeURL(v) && (isURLAttr(k) || strings.Contains(strings.ToLower(v), "script:")) {
				problems = append(problems, fmt.Sprintf("%s: <%s %s=%q>: a script URL", name, tagName, k, v))
			}
			if tagName == "meta" && strings.EqualFold(k, "content") && strings.Contains(strings.ToLower(v), "url=") {
				if i := strings.Index(strings.ToLower(v), "url="); unsafeURL(v[i+4:]) {
					problems = append(problems, fmt.Sprintf("%s: <meta content=%q>: a refresh to a script URL", name, v))
				}
			}
			src = src || k == "src"
		}
		if tagName == "script" {
			if src {
				continue // its file is checked on its own
			}
			body := ""
			if z.Next() == html.TextToken {
				body = string(z.Text())
			}
			if !theme.inline[body] {
				problems = append(problems, fmt.Sprintf("%s: an inline script that is not the theme's: %.80q", name, body))
			}
		}
		if tagName == "iframe" || tagName == "object" || tagName == "embed" || tagName == "foreignobject" {
			problems = append(problems, fmt.Sprintf("%s: <%s> from content", name, tagName))
		}
	}
}

func isURLAttr(k string) bool {
	switch strings.ToLower(k) {
	case "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite", "ping":
		return true
	}
	return false
}

// unsafeURL reports a URL a browser would run as script, after removing what
// browsers ignore in a scheme (whitespace and control characters).
func unsafeURL(v string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(html.UnescapeString(v)) {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := b.String()
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") ||
		strings.HasPrefix(s, "data:text/html") || strings.HasPrefix(s, "data:image/svg") ||
		strings.HasPrefix(s, "data:application/xhtml") || strings.HasPrefix(s, "data:text/xml")
}

// docfxSite is a small DocFX repository: a docset with a TOC, an include, a
// YAML page and a redirection file.
var docfxSite = map[string]string{
	".openpublishing.publish.config.json": `{"docsets_to_publish": [{"docset_name": "D", "build_source_folder": "docs"}]}`,
	".openpublishing.redirection.json":    `{"redirections": [{"source_path": "docs/old.md", "redirect_url": "/d/guide#setup"}]}`,
	"docs/docfx.json": `{"build": {"content": [{"files": ["**/*.md", "**/*.yml"], "exclude": ["**/includes/**"]}],
		"resource": [{"files": ["**/*.png"]}], "globalMetadata": {"breadcrumb_path": "/d/breadcrumb/toc.json", "titleSuffix": "D"}}}`,
	"docs/toc.yml":       "- name: Home\n  href: index.yml\n- name: Guide\n  href: guide.md\n  items:\n  - name: Learn\n    href: /powershell/x\n",
	"docs/index.yml":     "### YamlMime:Landing\ntitle: D\nsummary: S\nlandingContent:\n- title: Start\n  linkLists:\n  - linkListType: overview\n    links:\n    - text: Guide\n      url: guide.md\n",
	"docs/guide.md":      "---\ntitle: Guide\ndescription: G.\n---\n# Guide\n\n[!INCLUDE [a](includes/a.md)]\n\n## Setup\n\n[d](/d/guide#setup) [x](/other/x)\n",
	"docs/includes/a.md": "**APPLIES TO:** [guide](../guide.md#setup) ![p](../media/p.png)\n",
	"docs/media/p.png":   "png",
}

// FuzzSiteDocfx builds the DocFX repository with one of its files (chosen
// by the input's first byte) replaced by the rest of the input: the
// configuration, the redirections, the TOC, the YAML page, an article or
// its include.
func FuzzSiteDocfx(f *testing.F) {
	names := []string{"docs/docfx.json", ".openpublishing.redirection.json", "docs/toc.yml", "docs/index.yml",
		"docs/includes/a.md", "docs/guide.md", ".openpublishing.publish.config.json"}
	for i, n := range names {
		f.Add(string(rune('0'+i)) + docfxSite[n])
	}
	f.Add("4[!INCLUDE [self](a.md)] [!INCLUDE [up](../guide.md)] <script>alert(1)</script>")
	f.Add("3### YamlMime:FAQ\ntitle: \"<script>\"\nsections:\n- name: x\n  questions:\n  - question: q\n    answer: \"[j](javascript:alert(1))\"\n")
	theme := themeScripts(f)
	f.Fuzz(func(t *testing.T, input string) {
		if input == "" {
			return
		}
		files := maps.Clone(docfxSite)
		files[names[int(input[0])%len(names)]] = input[1:]
		fuzzBuild(t, files, theme)
	})
}
