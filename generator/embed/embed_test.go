package embed_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"kb/generator/embed"
	"kb/generator/pipeline"
	"kb/theme"
)

const breakout = "</script><script>alert(1)</script>"

// Theme overrides that the test site adds: the default files with a
// comment and a string that would end an inline style or script.
const (
	cssExtra = "\n/* </style><script>alert(6)</script> */ .kb-override { content: \"</STYLE>\"; }\n"
	jsExtra  = "\nvar kbOverride = \"</SCRIPT><!-- \"; // </script>\n"
)

// buildSite builds testdata/site.txtar, with the theme overrides, into a
// temporary folder and returns the output folder and the result.
func buildSite(t *testing.T) (string, *pipeline.Result) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range ar.Files {
		write(f.Name, f.Data)
	}
	for name, extra := range map[string]string{"assets/kb.css": cssExtra, "assets/decision.js": jsExtra} {
		b, err := fs.ReadFile(theme.Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		write("theme/"+name, append(b, extra...))
	}
	dest := filepath.Join(dir, "public")
	res, err := pipeline.Build(pipeline.Options{Source: dir, Dest: dest})
	if err != nil || !res.Written {
		t.Fatalf("build: %v %v", err, res.Diagnostics.Items())
	}
	return dest, res
}

func read(t *testing.T, dest, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// inline is what an embed file holds inline, as the browser parses it.
type inline struct {
	policy          string
	scripts, styles []string
	doc             *html.Node
}

// parseFrame parses an embed file and checks what every embed file must be:
// a CSP in a meta element before any script or style, no inline event
// handler, no style attribute, nothing loaded from elsewhere.
func parseFrame(t *testing.T, name string, b []byte) inline {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var in inline
	in.doc = doc
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		text := ""
		if n.FirstChild != nil {
			text = n.FirstChild.Data
		}
		switch n.Data {
		case "meta":
			if attr(n, "http-equiv") == "Content-Security-Policy" {
				if len(in.scripts)+len(in.styles) > 0 {
					t.Errorf("%s: the policy comes after inline content", name)
				}
				in.policy = attr(n, "content")
			}
		case "script":
			in.scripts = append(in.scripts, text)
		case "style":
			in.styles = append(in.styles, text)
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "style" || strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: <%s %s=%q> would be blocked by the policy", name, n.Data, a.Key, a.Val)
			case a.Key == "src" || (a.Key == "href" && strings.Contains(a.Val, ":") && a.Val != "data:,"):
				t.Errorf("%s: <%s %s=%q> loads or links outside the site", name, n.Data, a.Key, a.Val)
			}
		}
	}
	return in
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// directive returns the sources of one directive of a policy.
func directive(policy, name string) []string {
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 && f[0] == name {
			return f[1:]
		}
	}
	return nil
}

// TestFramePolicyMatchesInline checks that the policy of each embed file
// allows exactly its one inline script and one inline style, by hash, and
// nothing else, and that the theme's overrides are what is inlined.
func TestFramePolicyMatchesInline(t *testing.T) {
	dest, _ := buildSite(t)
	in := parseFrame(t, "embed/t.html", read(t, dest, "embed/t.html"))
	if len(in.scripts) != 1 || len(in.styles) != 1 {
		t.Fatalf("%d scripts and %d styles, want one of each (did tree text end the script?)", len(in.scripts), len(in.styles))
	}
	want := map[string][]string{
		"default-src": {"'none'"},
		"script-src":  {embed.Hash(in.scripts[0])},
		"style-src":   {embed.Hash(in.styles[0])},
		"img-src":     {"data:"},
		"base-uri":    {"'none'"},
		"form-action": {"'none'"},
	}
	for name, sources := range want {
		if got := directive(in.policy, name); !slices.Equal(got, sources) {
			t.Errorf("%s: %v, want %v (policy %q)", name, got, sources, in.policy)
		}
	}
	if !strings.Contains(in.styles[0], ".kb-override") || !strings.Contains(in.scripts[0], "kbOverride") {
		t.Error("the site's theme overrides of kb.css and decision.js are not what the embed inlines")
	}
	if !strings.Contains(in.scripts[0], "kb-decision-tree:height") {
		t.Error("the inline script does not post the height")
	}
}

// TestScriptEndInTreeText builds a tree whose every text holds
// </script><script>: it stays text in the embed file, the custom element's
// script and the oEmbed response.
func TestScriptEndInTreeText(t *testing.T) {
	dest, res := buildSite(t)
	frame := read(t, dest, "embed/t.html")
	in := parseFrame(t, "embed/t.html", frame)
	if len(in.scripts) != 1 {
		t.Fatalf("%d script elements, want 1", len(in.scripts))
	}
	title := ""
	for n := range in.doc.Descendants() {
		if n.Type == html.ElementNode && attr(n, "class") == "decision-title" {
			title = n.FirstChild.Data
		}
	}
	if title != "Pick "+breakout {
		t.Errorf("the tree's title reads %q", title)
	}
	for n := 1; n <= 5; n++ { // the tree's texts, not the theme's comments
		if bad := fmt.Sprintf("<script>alert(%d)", n); strings.Contains(string(frame), bad) {
			t.Errorf("embed/t.html holds %q unescaped", bad)
		}
	}

	js := string(read(t, dest, embed.ElementPath))
	for _, bad := range []string{"</script", "<script", "<!--", "</style"} {
		if strings.Contains(strings.ToLower(js), bad) {
			t.Errorf("%s holds %q: pasted into a script element, it would end it", embed.ElementPath, bad)
		}
	}
	start := strings.Index(js, "var trees = ")
	end := strings.Index(js, ";\nvar css = ")
	if start < 0 || end < start {
		t.Fatalf("%s: no trees data", embed.ElementPath)
	}
	var trees map[string]string
	if err := json.Unmarshal([]byte(js[start+len("var trees = "):end]), &trees); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(trees["t"]))
	if err != nil {
		t.Fatal(err)
	}
	texts := ""
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "script" {
			t.Errorf("the element's HTML of tree t has a script element")
		}
		if n.Type == html.TextNode {
			texts += n.Data
		}
	}
	for _, want := range []string{"alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the element's tree lost the text %q", want)
		}
	}
	if len(res.Trees) != 1 {
		t.Fatalf("%d trees", len(res.Trees))
	}
}

// TestOEmbed checks the oEmbed response of a tree and the tree page's link
// to it.
func TestOEmbed(t *testing.T) {
	dest, res := buildSite(t)
	var o map[string]any
	if err := json.Unmarshal(read(t, dest, "embed/t.oembed.json"), &o); err != nil {
		t.Fatal(err)
	}
	tree := res.Trees[0]
	height := float64(embed.Height(tree))
	want := map[string]any{"version": "1.0", "type": "rich", "title": "Pick " + breakout,
		"provider_name": "Test <KB> & co", "width": float64(720), "height": height}
	for k, v := range want {
		if o[k] != v {
			t.Errorf("%s: %v, want %v", k, o[k], v)
		}
	}
	if _, ok := o["provider_url"]; ok {
		t.Error("provider_url without a base URL")
	}
	if height < 200 || height > 2000 {
		t.Errorf("height %v", height)
	}
	doc, err := html.Parse(strings.NewReader(o["html"].(string)))
	if err != nil {
		t.Fatal(err)
	}
	var frames []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "iframe" {
			frames = append(frames, n)
		}
		if n.Type == html.ElementNode && n.Data == "script" {
			t.Error("the oEmbed html has a script element")
		}
	}
	if len(frames) != 1 {
		t.Fatalf("html %q has %d iframes", o["html"], len(frames))
	}
	f := frames[0]
	sandbox := strings.Fields(attr(f, "sandbox"))
	if attr(f, "src") != "t.html" || attr(f, "title") != "Pick "+breakout || attr(f, "height") != strconv.Itoa(embed.Height(tree)) ||
		!slices.Contains(sandbox, "allow-scripts") || slices.Contains(sandbox, "allow-same-origin") {
		t.Errorf("iframe %v", f.Attr)
	}

	page := string(read(t, dest, "decisions/t.html"))
	link := `<link rel="alternate" type="application/json+oembed" href="../embed/t.oembed.json" title="Pick &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;">`
	if !strings.Contains(page, link) {
		t.Errorf("decisions/t.html has no %s", link)
	}
}

// TestURL checks the one function that makes the embeds' URLs.
func TestURL(t *testing.T) {
	for _, c := range []struct{ base, from, target, want string }{
		{"", "decisions/t.html", "embed/t.html", "../embed/t.html"},
		{"", "embed/t.oembed.json", "embed/t.html", "t.html"},
		{"", "embed/t.html", "decisions/t.html", "../decisions/t.html"},
		{"", "index.html", "embed/kb-decision-tree.js", "embed/kb-decision-tree.js"},
		{"https://kb.example.com/docs/", "decisions/t.html", "embed/t.html", "https://kb.example.com/docs/embed/t.html"},
		{"https://kb.example.com", "embed/t.oembed.json", "embed/t.html", "https://kb.example.com/embed/t.html"},
	} {
		if got := embed.URL(c.base, c.from, c.target); got != c.want {
			t.Errorf("URL(%q, %q, %q) = %q, want %q", c.base, c.from, c.target, got, c.want)
		}
	}
}

// TestBase checks that a base URL makes the oEmbed response absolute, as
// oEmbed consumers need it.
func TestBase(t *testing.T) {
	_, res := buildSite(t)
	s := embed.New(res.Trees, embed.Options{SiteTitle: "KB", Language: "en", Base: "https://kb.example.com/"})
	b, err := s.OEmbed(res.Trees[0])
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		HTML        string `json:"html"`
		ProviderURL string `json:"provider_url"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(o.HTML, `src="https://kb.example.com/embed/t.html"`) || o.ProviderURL != "https://kb.example.com/index.html" {
		t.Errorf("with a base: html %q, provider_url %q", o.HTML, o.ProviderURL)
	}
	if alt := s.Alternates()["decisions/t.html"]; len(alt) != 1 || alt[0].URL != "https://kb.example.com/embed/t.oembed.json" {
		t.Errorf("with a base: alternates %+v", alt)
	}
}

// TestIdenticalBuilds builds the site twice: every embed file is the same.
func TestIdenticalBuilds(t *testing.T) {
	a, _ := buildSite(t)
	b, _ := buildSite(t)
	names, _ := filepath.Glob(filepath.Join(a, "embed", "*"))
	if len(names) != 3 {
		t.Fatalf("embed files: %v", names)
	}
	for _, n := range names {
		name := "embed/" + filepath.Base(n)
		if !bytes.Equal(read(t, a, name), read(t, b, name)) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestPanel checks the Embed panel of a tree page: a closed details element
// with the three snippets as plain code blocks, which are what a reader
// pastes.
func TestPanel(t *testing.T) {
	dest, res := buildSite(t)
	doc, err := html.Parse(bytes.NewReader(read(t, dest, "decisions/t.html")))
	if err != nil {
		t.Fatal(err)
	}
	var panel *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "details" && attr(n, "class") == "decision-embed" {
			panel = n
		}
	}
	if panel == nil {
		t.Fatal("decisions/t.html has no Embed panel")
	}
	if _, open := attrOK(panel, "open"); open {
		t.Error("the panel is open")
	}
	var codes []string
	for n := range panel.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q> in the panel", n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "button" {
			t.Error("the panel has a button without JavaScript; kb.js adds the Copy buttons")
		}
		if n.Data == "code" && n.Parent.Data == "pre" && attr(n.Parent.Parent, "class") == "code" {
			var b strings.Builder
			for c := range n.Descendants() {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			codes = append(codes, b.String())
		}
	}
	want := []string{
		`<iframe src="../embed/t.html" title="Pick &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" width="100%" height="` +
			strconv.Itoa(embed.Height(res.Trees[0])) + `" sandbox="` + embed.Sandbox + `"></iframe>`,
		embed.ListenerSnippet(),
		`<script src="../embed/kb-decision-tree.js" defer></script>` + "\n" + `<kb-decision-tree tree="t"></kb-decision-tree>`,
	}
	if !slices.Equal(codes, want) {
		t.Errorf("snippets:\n%q\nwant\n%q", codes, want)
	}
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
