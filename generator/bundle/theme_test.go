package bundle

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"

	"kb/generator/pipeline"
	"kb/theme"
)

// renamedTheme is the default page.html, with the templates of parts.html
// that it uses defined again in it, and the classes and ids a reader of the
// built pages could look for renamed, as a site's theme may.
func renamedTheme(t *testing.T) string {
	t.Helper()
	s := defaultTemplate(t, "page.html") + defaultTemplate(t, "parts.html")
	s = strings.NewReplacer(`class="site-header"`, `class="masthead"`, `class="toc"`, `class="on-this-page"`,
		`id="site-nav" class="site-nav"`, `id="menu" class="menu"`, `href="#site-nav"`, `href="#menu"`,
		`class="site-footer"`, `class="colophon"`, `<main id="main" tabindex="-1">`, `<div role="main" id="content">`,
		`</main>`, `</div><!-- content -->`).Replace(s)
	for _, old := range []string{`class="site-header"`, `class="toc"`, `"site-nav"`, `"#site-nav"`, `class="site-footer"`, "<main"} {
		if strings.Contains(s, old) {
			t.Fatalf("the renamed page.html still has %s", old)
		}
	}
	return s
}

// TestSingleFileThemeRenamesClasses: a site theme whose page.html renames
// the classes of the header, "On this page", the navigation and the footer
// (also in the templates of parts.html, which it defines again) gets its
// pages so, and still a complete single file: it is made from the site, not
// from the built pages' class names, and with parts.html's own templates.
func TestSingleFileThemeRenamesClasses(t *testing.T) {
	src := writeSite(t, map[string]string{"theme/templates/page.html": renamedTheme(t)})
	dest := t.TempDir()
	if res, err := pipeline.Build(pipeline.Options{Source: src, Dest: dest}); err != nil || !res.Written {
		t.Fatalf("%v %v", err, res.Diagnostics.Items())
	}
	page, _ := os.ReadFile(filepath.Join(dest, "guide", "article.html"))
	for _, want := range []string{`<header class="masthead">`, `<div role="main" id="content">`, `<aside class="on-this-page"`, `<footer class="colophon">`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the theme's page has no %s", want)
		}
	}
	data := singleFile(t, src)
	doc, err := nethtml.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// The start page and the header, search box, navigation and footer.
	for _, want := range []string{
		`<header class="site-header">`,
		`<a class="site-title" href="#/index.html">Field notes: Back End &lt;HA&gt;</a>`,
		`<input id="search-input" name="q" type="search"`,
		`<nav id="site-nav" class="site-nav" aria-label="Site">`,
		`<a href="#/guide/index.html">Guide</a>`,
		`<p class="edition">Offline edition, built 2026-11-27`,
		`<div id="kb-page" data-page="index.html" data-title="Field notes: Back End &lt;HA&gt;">`,
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the single file has no %s", want)
		}
	}
	// Every page, each with its main content, and "On this page" where it
	// has headings.
	pages := map[string]*nethtml.Node{}
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && (n.Data == "template" || attr(n, "id") == "kb-page") {
			pages[attr(n, "data-page")] = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, p := range []string{"index.html", "guide/index.html", "guide/article.html", "search.html"} {
		n := pages[p]
		if n == nil {
			t.Errorf("no page %s", p)
			continue
		}
		if find(n, "main") == nil {
			t.Errorf("%s has no main content", p)
		}
	}
	if len(pages) != 4 {
		t.Errorf("%d pages, want 4", len(pages))
	}
	if a := pages["guide/article.html"]; a == nil || !strings.Contains(inner(a), `<aside class="toc" aria-labelledby="toc-title">`) ||
		!strings.Contains(inner(a), `<a href="#second">Second</a>`) {
		t.Error(`the article has no "On this page" box with its heading`)
	}
}

// find returns the first element named tag at or below n.
func find(n *nethtml.Node, tag string) *nethtml.Node {
	if n == nil {
		return nil
	}
	if n.Type == nethtml.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// inner writes what n holds back as HTML.
func inner(n *nethtml.Node) string {
	var b bytes.Buffer
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		nethtml.Render(&b, c)
	}
	return b.String()
}

// TestSingleFileThemeLayout: a site's theme/templates/single.html replaces
// the single file's layout, and an error in it is a theme-template error at
// its line, with nothing written.
func TestSingleFileThemeLayout(t *testing.T) {
	own := strings.Replace(defaultSingle(t), `<div id="kb-page" `, `<div id="kb-page" data-theme="own" `, 1)
	src := writeSite(t, map[string]string{"theme/templates/single.html": own})
	res, err := Make(Options{Source: src, Dest: t.TempDir(), SingleFile: true, Now: day})
	if err != nil || res.Path == "" {
		t.Fatalf("%v %v", err, res.Build.Diagnostics.Items())
	}
	if data, _ := os.ReadFile(res.Path); !bytes.Contains(data, []byte(`<div id="kb-page" data-theme="own" `)) {
		t.Error("the theme's single.html was not used")
	}

	broken := strings.Replace(defaultSingle(t), "{{.Start.HTML}}", "{{.Start.NoSuchField}}", 1)
	line := 1 + strings.Count(broken[:strings.Index(broken, "NoSuchField")], "\n")
	src = writeSite(t, map[string]string{"theme/templates/single.html": broken})
	dest := t.TempDir()
	res, err = Make(Options{Source: src, Dest: dest, SingleFile: true, Now: day})
	if !errors.As(err, new(pipeline.ConfigError)) || res.Path != "" {
		t.Fatalf("err %v, path %q", err, res.Path)
	}
	items := res.Build.Diagnostics.Items()
	if len(items) != 1 || items[0].Path != "theme/templates/single.html" || items[0].Line != line || items[0].Rule != "theme-template" {
		t.Errorf("diagnostics %v, want one theme-template error at theme/templates/single.html:%d", items, line)
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 0 {
		t.Errorf("a failed bundle left %d files", len(entries))
	}
}

func defaultSingle(t *testing.T) string { t.Helper(); return defaultTemplate(t, "single.html") }

// defaultTemplate is the default theme's templates/name.
func defaultTemplate(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(theme.Files(), "templates/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestThemeParts: a site theme's templates/parts.html replaces the templates
// both layouts use, for the pages and for the single file.
func TestThemeParts(t *testing.T) {
	own := strings.NewReplacer(`<footer class="site-footer">`, `<footer class="site-footer" data-theme="own">`,
		`<aside class="toc"`, `<aside class="toc" data-theme="own"`,
		`<header class="site-header">`, `<header class="site-header" data-theme="own">`).Replace(defaultTemplate(t, "parts.html"))
	src := writeSite(t, map[string]string{"theme/templates/parts.html": own})
	dest := t.TempDir()
	if res, err := pipeline.Build(pipeline.Options{Source: src, Dest: dest}); err != nil || !res.Written {
		t.Fatalf("%v %v", err, res.Diagnostics.Items())
	}
	page, _ := os.ReadFile(filepath.Join(dest, "guide", "article.html"))
	single := singleFile(t, src)
	for _, want := range []string{`<footer class="site-footer" data-theme="own">`, `<aside class="toc" data-theme="own"`, `<header class="site-header" data-theme="own">`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page has no %s", want)
		}
		if !bytes.Contains(single, []byte(want)) {
			t.Errorf("the single file has no %s", want)
		}
	}

	broken := strings.Replace(defaultTemplate(t, "parts.html"), "{{.Site.Title}}", "{{.Site.NoSuchField}}", 1)
	line := 1 + strings.Count(broken[:strings.Index(broken, "NoSuchField")], "\n")
	src = writeSite(t, map[string]string{"theme/templates/parts.html": broken})
	b, err := pipeline.Build(pipeline.Options{Source: src, Dest: t.TempDir()})
	items := b.Diagnostics.Items()
	if !errors.As(err, new(pipeline.ConfigError)) || len(items) != 1 || items[0].Path != "theme/templates/parts.html" || items[0].Line != line || items[0].Rule != "theme-template" {
		t.Errorf("err %v, diagnostics %v, want one theme-template error at theme/templates/parts.html:%d", err, items, line)
	}
}

// TestSingleFileIsReproducible: the pages' parts are collected as the build
// renders them, on several goroutines; the file is the same bytes each time.
func TestSingleFileIsReproducible(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/guide/b.md": "---\ntitle: B\ndescription: B.\n---\n\n## One\n",
		"content/guide/c.md": "---\ntitle: C\ndescription: C.\n---\n\n## Two\n",
	})
	var first []byte
	for range 3 {
		data := singleFile(t, src)
		if first == nil {
			first = data
		} else if !bytes.Equal(data, first) {
			t.Fatal("two single files of the same site on the same day differ")
		}
	}
}
