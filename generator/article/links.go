package article

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/util"

	"kb/generator/diag"
)

// OutputPath maps a source path to the path of its built page: "a/b.md"
// (or the YAML page "a/b.yml") becomes "a/b.html", and a folder's "index.md" or "_index.md" becomes
// "index.html". The output tree mirrors the source tree, so a relative link
// between two sources stays right between their pages.
func OutputPath(src string) string {
	dir, file := path.Split(src)
	if file == "_index.md" {
		file = "index.md"
	}
	if strings.HasSuffix(file, ".yml") { // a YAML page
		return dir + strings.TrimSuffix(file, ".yml") + ".html"
	}
	return dir + strings.TrimSuffix(file, ".md") + ".html"
}

// PageURL is the site-root-relative URL of a content source with an optional
// anchor: "a/b.md#x" becomes "a/b.html#x".
func PageURL(source string) string {
	p, anchor, hasAnchor := strings.Cut(source, "#")
	u := OutputPath(p)
	if hasAnchor {
		u += "#" + anchor
	}
	return u
}

// resolve checks one link destination of article a and returns the one to
// write. Relative links to .md files become links to .html pages, links to
// folders become links to their index page; links with a scheme (https:,
// mailto:) are left alone, and so are site-absolute links but in a DocFX
// repository (see Docset). An unsafe URL (UnsafeURL) is an error, and
// resolve returns nil for it.
//
// A link is relative to the file it is written in, which for the text of
// an include is the included file, as in DocFX; the link written is
// relative to a's page.
//
// It reads the destination as a browser would (see destination): the
// target it checks and reports is the one a reader's click would request.
func (p *Parser) resolve(a *Article, dest []byte, pos int, image bool, lines *diag.Lines, diags *diag.List) []byte {
	raw := destination(dest)
	if unsafeLink(a, raw, pos, image, lines, diags) {
		return nil
	}
	if raw == "" {
		return dest
	}
	if strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") {
		if p.docset == nil {
			return dest
		}
		return p.absolute(a, raw, pos, image, lines, diags)
	}
	if HasScheme(raw) {
		// As the browser reads it (an unsafe one was refused above).
		return escapeDestination(raw)
	}
	ref, anchor, _ := strings.Cut(raw, "#")
	ref, query, hasQuery := strings.Cut(ref, "?")
	if ref == "" { // "#anchor": this page
		// "#tab/id" is DocFX's tab syntax, "# [Windows](#tab/windows)", not a link.
		if anchor != "" && !strings.HasPrefix(anchor, "tab/") {
			p.addAnchorLink(a, a.Path, anchor, pos, lines)
		}
		return dest
	}
	unescaped, err := url.PathUnescape(ref)
	if err != nil {
		diags.Add(lines.At(a.SourcePath(), pos, diag.Error, diag.RuleLinkSyntax,
			"link %q is not a valid URL path: %v; escape %% as %%25", raw, err))
		return dest
	}
	// Windows separators, which DocFX accepts, work as slashes.
	if strings.Contains(ref, `\`) {
		ref = strings.ReplaceAll(ref, `\`, "/")
		unescaped = strings.ReplaceAll(unescaped, `\`, "/")
	}
	from := p.writtenIn(a, pos, lines)
	target := path.Join(path.Dir(from), unescaped)
	if target == ".." || strings.HasPrefix(target, "../") {
		diags.Add(lines.At(a.SourcePath(), pos, diag.Error, diag.RuleLinkOutsideSource,
			"link %q leaves the source folder; link to a file inside it, or to a full https:// address", raw))
		return dest
	}
	rewrite := from != a.Path // written in an include: relative to another folder
	out := ref
	switch {
	case p.files.File(target):
		if p.isPage(target) {
			out = OutputPath(ref)
		}
	case p.files.Dir(target) && (p.files.File(target+"/index.md") || p.files.File(target+"/_index.md")):
		out = strings.TrimSuffix(ref, "/") + "/index.html"
		target = indexOf(p.files, target)
	default:
		if p.unpublished(a, ref, target, pos, image, lines, diags) {
			return dest
		}
		if actual, ok := p.files.Fold(target); ok {
			diags.Add(lines.At(a.SourcePath(), pos, diag.Error, diag.RuleLinkCase,
				"link %q finds %s only when letter case is ignored; it breaks on Linux web servers. Write the path with the file's letter case",
				ref, actual))
			// Written to the file's real path, which works everywhere.
			target, rewrite = actual, true
			break
		}
		rule, what := diag.RuleLinkMissingFile, "link target"
		if image {
			rule, what = diag.RuleImageMissing, "image"
		}
		looked := ""
		if target != unescaped {
			looked = " (looked for " + target + ")"
		}
		diags.Add(lines.At(a.SourcePath(), pos, diag.Error, rule,
			"%s %q does not exist%s; fix the path or create the file", what, ref, looked))
		return dest
	}
	if rewrite {
		out = Rel(a.Path, p.targetOutput(target))
	}
	return p.internal(a, target, out, anchor, query, hasQuery, strings.Contains(raw, "#"), pos, lines)
}

// internal records a link from a to the content file target, written as
// out, and returns the destination to write.
func (p *Parser) internal(a *Article, target, out, anchor, query string, hasQuery, hasHash bool, pos int, lines *diag.Lines) []byte {
	if p.isPage(target) {
		a.LinksTo = append(a.LinksTo, target)
		if anchor != "" {
			p.addAnchorLink(a, target, anchor, pos, lines)
		}
	}
	if hasQuery {
		out += "?" + query
	}
	if anchor != "" || hasHash {
		out += "#" + anchor
	}
	return escapeDestination(out)
}

// writtenIn is the content file that the text at pos of a's made text
// comes from: a itself, or one of its includes.
func (p *Parser) writtenIn(a *Article, pos int, lines *diag.Lines) string {
	f, ok := strings.CutPrefix(lines.Pos(a.SourcePath(), pos).File, a.prefix)
	if !ok {
		return a.Path
	}
	return f
}

// targetOutput is the site-root-relative path of a content file's output:
// a page's .html, a folder index's index.html, another file's own path.
func (p *Parser) targetOutput(target string) string {
	if p.isPage(target) {
		return OutputPath(target)
	}
	return target
}

// Pages is what Files may also tell: which files are pages' sources, for
// the pages that are not Markdown files (YAML pages).
type Pages interface {
	Page(path string) bool
}

// isPage reports whether a content file is a page's source: a Markdown
// file, or another file that files says is one (a YAML page).
func (p *Parser) isPage(target string) bool {
	if strings.HasSuffix(target, ".md") {
		return true
	}
	pages, ok := p.files.(Pages)
	return ok && pages.Page(target)
}

// Rel returns the relative URL from the page at from to to, both relative
// to the site root.
func Rel(from, to string) string {
	dir := path.Dir(from)
	if dir == "." {
		return to
	}
	if strings.HasPrefix(to, dir+"/") {
		return to[len(dir)+1:]
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + to
}

// destination returns a link destination as a browser reads it. goldmark
// keeps entity references and backslash escapes in a link's Destination, as
// written (its renderer decodes them): "a&amp;b.md" is the file a&b.md, and
// "java&#x09;script:" cut at its "#" was once reported as a file "java&".
// And the URL parser (WHATWG) drops every tab and newline and trims C0
// controls and spaces at both ends, so "java\tscript:" is javascript:.
func destination(dest []byte) string {
	return BrowserURL(string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))))
}

// escapeDestination makes a decoded destination one that goldmark's renderer
// decodes back to the same text: a backslash or an ampersand would otherwise
// be read as the start of an escape.
func escapeDestination(s string) []byte {
	return []byte(strings.NewReplacer(`\`, `\\`, "&", "&amp;").Replace(s))
}

func (p *Parser) addAnchorLink(a *Article, target, anchor string, pos int, lines *diag.Lines) {
	a.Links = append(a.Links, Link{Target: target, Anchor: anchor, Pos: lines.Pos(a.SourcePath(), pos)})
}

func indexOf(files Files, dir string) string {
	if files.File(dir + "/index.md") {
		return dir + "/index.md"
	}
	return dir + "/_index.md"
}

// HasScheme reports whether a link starts with a URL scheme such as https:,
// mailto:, tel: or javascript: (or is protocol-relative, //host).
func HasScheme(s string) bool {
	if strings.HasPrefix(s, "//") {
		return true
	}
	for i, c := range s {
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// EscapeMarkdown makes text literal in Markdown, for pages kb writes as
// Markdown from data (the support matrix page, decision tree pages).
func EscapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!<>|~&:\"'", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
