// Package article turns one Markdown source file into an Article: its front
// matter, its body rendered to HTML, its headings and the links that can only
// be checked once every article is known.
//
// An article is Microsoft-Docs-flavoured Markdown (CommonMark with GitHub's
// tables, task lists, strikethrough and autolinks) after a YAML front matter
// header:
//
//	---
//	title: "Database mirroring"         # required
//	description: "..."                   # page meta description
//	ms.date: 05/17/2024                  # last updated, MM/DD/YYYY
//	order: 10                            # sorts the page among its siblings
//	redirect_url: new/place.md           # a moved article's stub (package hosting)
//	---
//	> [!NOTE]
//	> Alerts are callouts: NOTE, TIP, IMPORTANT, CAUTION, WARNING.
//
// Line numbers in diagnostics are those of the file: the body is parsed in
// place, not cut out of it. Every heading gets a stable id, unique within the
// page ("Recovery time" becomes "recovery-time", a second one
// "recovery-time-1"). Relative links to .md files become links to the built
// .html pages; a link to a file that does not exist is an error at its line,
// and a link with an #anchor is kept in Links for the check stage, which knows
// every article's headings.
//
// An article is read in two passes: ReadHeader reads the front matter, which
// the site's page tree needs for every article before any page is rendered;
// Parser.Render then parses and renders the body, page by page, so that the
// bodies of all articles never need to be in memory at once.
//
// A Parser is safe for concurrent use: Render keeps its per-article state
// on the stack and in the result. What it records across articles is in
// sync.Maps: the files included (Included) and shown as code (ReadAsCode),
// the zone-pivot-groups.yml files read, and those whose problems were
// reported (once per site).
package article

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"kb/generator/diag"
)

// Article is one parsed and rendered Markdown file.
type Article struct {
	Path     string // source path, slash-separated, relative to the content folder
	URL      string // output path, relative to the site root, such as "options/mirroring.html"
	Meta     Meta
	H1       string    // text of the heading 1 the body starts with, if any; it is not in Body
	H1ID     string    // its id (also in Anchors)
	Body     []byte    // the body as HTML
	Headings []Heading // headings of level 2 and deeper, in order
	Anchors  []string  // ids of raw <a name="..."> anchors, in order
	Links    []Link    // links with an #anchor, to be checked against their target's headings
	LinksTo  []string  // source paths of the articles this one links to
	Suppress []Suppression
	Fragment bool      // in an includes/ folder: checked, but not a page of its own
	Sections []Section // the body's text by section, for search; set by the CollectSections analyzer

	prefix    string // the content folder's path relative to the source folder ("content/" or "")
	made      *made  // the text kb made of the file, when it is not the file's own (a YAML page)
	bodyStart int    // offset of the body in the file (as Text reads it), after the front matter
	unparsed  bool   // not text, or past MaxFileSize or MaxLineLength: the body is not parsed
}

// Heading is one heading of an article.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link to an anchor, in this article or another.
type Link struct {
	Target string   // source path of the target article
	Anchor string   // without the #
	Pos    diag.Pos // of the link in the article (its SourcePath), in the text Text makes of the file
}

// Suppression silences rules on one line, from a comment in the article:
//
//	<!-- kb-disable-line claim-contradiction -->       (this line)
//	<!-- kb-disable-next-line link-missing-anchor -->  (the line after it)
//
// No rule ids silences every rule.
type Suppression struct {
	Line  int
	Rules []string // empty: every rule
}

// Silences reports whether s silences rule.
func (s Suppression) Silences(rule string) bool {
	return len(s.Rules) == 0 || slices.Contains(s.Rules, rule)
}

// Files tells which source files and folders exist, so that links can be
// resolved while articles are parsed in any order.
type Files interface {
	// File reports whether path (slash-separated, relative to the content
	// folder) is a file.
	File(path string) bool
	// Dir reports whether path is a folder holding at least one file.
	Dir(path string) bool
	// Fold returns the file whose path equals path when letter case is
	// ignored, if there is one.
	Fold(path string) (string, bool)
	// ReadFile reads a file, for the includes ([!INCLUDE]) of articles.
	ReadFile(path string) ([]byte, error)
}

// Parser parses articles. Make one with NewParser and share it.
type Parser struct {
	md         goldmark.Markdown
	files      Files
	directives map[string]Handler
	analyzers  []Analyzer
	docset     *Docset
	xrefs      *Xrefs             // uids of the site's articles (xref.go)
	html       *bluemonday.Policy // the raw HTML sanitiser (htmlpolicy.go), built once
	videoEmbed bool               // SetVideoEmbed
	used       sync.Map           // content paths of the files some article included -> true
	shownCode  sync.Map           // content paths of the files some article showed as code -> true
	// Selections (select.go): the site's monikers, the zone-pivot-groups.yml
	// files read (path -> *pivotFile), and those whose problems were reported.
	sel                   Selections
	pivots, pivotReported sync.Map
}

// Included reports whether an article rendered so far included the file at
// path (relative to the content folder).
func (p *Parser) Included(path string) bool {
	_, ok := p.used.Load(path)
	return ok
}

// Analyzer looks at an article's parsed body and reports what it finds, such
// as prose that contradicts the support matrix. It runs on the goldmark AST
// after links are resolved, must not change it, and must be safe for
// concurrent use.
type Analyzer func(a *Article, doc ast.Node, source []byte, lines *diag.Lines, diags *diag.List)

// NewParser returns a parser that resolves relative links against files,
// renders the directives named in directives (which may be nil) and runs the
// analyzers on every body.
func NewParser(files Files, directives map[string]Handler, analyzers ...Analyzer) *Parser {
	return &Parser{md: newMarkdown(directives), files: files, directives: directives, analyzers: analyzers, html: newHTMLPolicy()}
}

// ReadHeader reads the front matter of the article at path (relative to the
// content folder, whose path relative to the source folder is prefix), whose
// content is src. It is the first of an article's two passes: the site's page
// tree needs every title before any page can be rendered, but not the bodies.
// The article's diagnostics, from both passes, name its SourcePath.
func ReadHeader(prefix, path string, src []byte) (*Article, diag.List) {
	return readHeader(&Article{Path: path, prefix: prefix}, src)
}

func readHeader(a *Article, src []byte) (*Article, diag.List) {
	var diags diag.List
	src = Text(src)
	lines := a.lines(src)
	a.URL, a.Fragment, a.Meta = OutputPath(a.Path), IsFragment(a.Path), Meta{Params: map[string]any{}}
	report := a.SourcePath()
	if !checkEncoding(report, src, lines, &diags) {
		a.unparsed = true // not text: no front matter to find
		return a, diags
	}
	a.unparsed = !checkSize(report, src, lines, &diags)
	if a.unparsed {
		if yamlText, _, _, _ := frontMatter(src); len(yamlText) > MaxFileSize {
			return a, diags // a header past the limit is not read either
		}
	}
	a.Meta, a.bodyStart = parseMeta(report, src, lines, &diags)
	if a.made != nil {
		a.Meta.placeIn(a.SourcePath(), lines)
	}
	if a.Fragment || a.Meta.RedirectURL != "" {
		// A fragment is part of other articles, and a redirect stub
		// (redirect_url) is never shown: neither needs a title of its own.
		diags.Drop(func(d diag.Diagnostic) bool {
			return d.Rule == diag.RuleFrontMatterTitle || d.Rule == diag.RuleFrontMatterDescription
		})
	}
	return a, diags
}

// SourcePath is the article's path relative to the source folder, which its
// diagnostics name ("content/a.md" for Path "a.md" in a content folder).
func (a *Article) SourcePath() string { return a.prefix + a.Path }

// IsFragment reports whether path is in an includes/ folder, where Microsoft
// Docs keeps Markdown that other articles include rather than pages.
func IsFragment(path string) bool {
	return strings.HasPrefix(path, "includes/") || strings.Contains(path, "/includes/")
}

// Render parses and renders the body of a, whose content is src (read again,
// the same bytes ReadHeader had; Render may overwrite them). It fills in H1,
// Body, Headings and Links. It never fails: problems are returned as
// diagnostics, and the article is as complete as the input allows. The body
// of an article past a limit (see limits.go) is not rendered but written as
// plain text.
func (p *Parser) Render(a *Article, src []byte) diag.List {
	var diags diag.List
	if a.made != nil {
		src = bytes.Clone(a.made.text)
	}
	src = Text(src)
	if a.unparsed { // reported by ReadHeader
		a.Body = plainBody(src, a.bodyStart)
		return diags
	}
	// Blank the front matter rather than cut it, so that every offset goldmark
	// reports is an offset of the file (or, with includes, one that the
	// line table places in the file it comes from). The blanking is done on
	// a copy: the line table keeps the file's text, so that a diagnostic at
	// a front matter value (a claim in the description) shows its line.
	file := src
	if a.bodyStart > 0 {
		src = bytes.Clone(src)
	}
	for i := 0; i < a.bodyStart && i < len(src); i++ {
		if src[i] != '\n' {
			src[i] = ' '
		}
	}
	source, lines := p.expand(a, src, file, &diags)
	doc := p.md.Parser().Parse(text.NewReader(source), parser.WithContext(parser.NewContext(parser.WithIDs(newHeadingIDs()))))
	a.H1, a.H1ID = takeH1(doc, source)
	if a.H1ID != "" {
		a.Anchors = append(a.Anchors, a.H1ID)
	}
	p.resolveXrefs(a, doc, source, lines, &diags) // xref.go: before walk resolves the links
	if limited := p.walk(a, doc, source, lines, &diags); limited {
		a.Body = plainBody(src, a.bodyStart)
		return diags
	}
	p.selections(a, doc, source, file, lines, &diags)
	p.learn(a, doc, source, lines, &diags)
	for _, analyze := range p.analyzers {
		analyze(a, doc, source, lines, &diags)
	}

	var body bytes.Buffer
	body.Grow(len(src) + len(src)/4)
	if err := p.md.Renderer().Render(&body, source, doc); err != nil {
		diags.Add(diag.Diagnostic{Path: a.SourcePath(), Severity: diag.Error, Rule: diag.RuleRender, Message: err.Error()})
	}
	a.Body = body.Bytes()
	return diags
}

// Parse reads the header and renders the body of one article in one call.
// src is not modified.
func (p *Parser) Parse(path string, src []byte) (*Article, diag.List) {
	a, diags := ReadHeader("", path, src)
	diags.Merge(p.Render(a, bytes.Clone(src)))
	return a, diags
}

// takeH1 removes a heading 1 that opens the body and returns its text and
// id: the page template shows it in place of the front-matter title, with
// the id, to which links may point as they do on Microsoft Learn.
func takeH1(doc ast.Node, source []byte) (text, id string) {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return "", ""
	}
	t := plainText(h, source)
	if v, ok := h.AttributeString("id"); ok {
		b, _ := v.([]byte)
		id = string(b)
	}
	doc.RemoveChild(doc, h)
	return t, id
}

// walk collects headings, warns about unknown alerts, resolves links and
// spends the highlighting budget. It reports whether the body went past a
// parsing limit (a Limit node).
func (p *Parser) walk(a *Article, doc ast.Node, source []byte, lines *diag.Lines, diags *diag.List) (limited bool) {
	calls := map[string]int{}
	var budget highlightBudget
	raw := newRawHTML(p, a, source, lines, diags)
	defer raw.finish()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Limit:
			if !limited {
				diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Error, n.Rule, "%s", limitMessage(n)))
			}
			limited = true
		case *ast.FencedCodeBlock:
			if _, closed := n.AttributeString(closedAttr); !closed {
				diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Warning, diag.RuleCodeFenceUnclosed,
					"this code block is never closed, so it takes in the rest of the article (or of its list item or block quote); end it with a line %s", fence(source, n.Pos())))
			}
			if !highlightable(string(n.Language(source))) {
				n.SetAttributeString(plainAttr, true) // renderCode need not look the language up again
				break
			}
			size := 0
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				size += seg.Len()
			}
			if !budget.spend(size, a, n.Pos(), lines, diags) {
				n.SetAttributeString(plainAttr, true)
			}
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idText, _ := id.([]byte)
			if n.Level >= 2 {
				a.Headings = append(a.Headings, Heading{Level: n.Level, ID: string(idText), Text: plainText(n, source)})
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			if s, ok := suppression(RawText(n, source), lines, n, source); ok {
				a.Suppress = append(a.Suppress, s)
			}
			raw.node(n) // sanitised: rawhtml.go
		case *ast.Blockquote:
			if word, line, ok := alertMarker(n, source); ok {
				diags.Add(lines.At(a.SourcePath(), line.Start, diag.Warning, diag.RuleAlertUnknown,
					"unknown alert type [!%s]; use NOTE, TIP, IMPORTANT, CAUTION or WARNING", strings.ToUpper(word)))
			}
		case *Directive:
			calls[n.Name]++
			if n.TwoColons {
				diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Warning, diag.RuleLearnSyntaxUnknown,
					"::%s opens with two colons: kb reads it as :::%s, but Microsoft Learn shows the line as text; write :::%s", n.Name, n.Name, n.Name))
			}
			if n.Name == "image" {
				p.image(a, n, lines, diags)
				return ast.WalkSkipChildren, nil
			}
			if n.Name == "code" { // codeinclude.go
				p.code(a, n, lines, diags, &budget)
				return ast.WalkSkipChildren, nil
			}
			html, problems := p.directives[n.Name](Call{Name: n.Name, Attrs: n.Attrs, Order: n.Order, Article: a, Index: calls[n.Name]})
			n.HTML = html
			for _, pr := range problems {
				pos, ok := n.AttrPos[pr.Attr]
				if !ok {
					pos = n.Pos()
				}
				diags.Add(lines.At(a.SourcePath(), pos, diag.Error, pr.Rule, "%s", pr.Message))
			}
		case *ast.Link:
			n.Destination = p.resolve(a, n.Destination, n.Pos(), false, lines, diags)
		case *ast.Image:
			n.Destination = p.resolve(a, n.Destination, n.Pos(), true, lines, diags)
		}
		return ast.WalkContinue, nil
	})
	return limited
}

// plainText is the text of a node's inline content, without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				b.Write(c.Segment.Value(source))
			} else {
				b.Write(util.UnescapePunctuations(c.Segment.Value(source)))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

var suppressComment = regexp.MustCompile(`^\s*<!--\s*kb-disable-(next-line|line)((?:\s+[a-z][a-z0-9-]*)*)\s*-->\s*$`)

// suppression reads a kb-disable comment.
func suppression(raw []byte, lines *diag.Lines, n ast.Node, source []byte) (Suppression, bool) {
	m := suppressComment.FindSubmatch(raw)
	if m == nil {
		return Suppression{}, false
	}
	line, _, _ := lines.Position(nodeStart(n, source))
	if string(m[1]) == "next-line" {
		line++
	}
	return Suppression{Line: line, Rules: strings.Fields(string(m[2]))}, true
}

// nodeStart is the offset where a raw HTML node begins.
func nodeStart(n ast.Node, source []byte) int {
	switch n := n.(type) {
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	case *ast.HTMLBlock:
		if n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}
