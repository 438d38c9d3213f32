package article

import (
	"net/url"
	"strings"

	"kb/generator/diag"
)

// Docset tells the parser how to read site-absolute links ("/sharepoint/x",
// "/powershell/module/exchange/get-mailbox") in a DocFX repository, whose
// articles are written for Microsoft Learn: a path into one of the
// repository's own docsets names one of its files and is checked and
// written as a relative link; any other is a page of Learn, written under
// Host, so that no link points at the root of the host that serves kb's
// site.
type Docset struct {
	// Resolve returns the content file that a site-absolute path (without
	// query or fragment, unescaped) names: inRepo says the path lies under
	// the base path of one of the repository's docsets, found or not. The
	// file may be found ignoring letter case, as Learn does: that is not
	// reported, as Learn's own URLs are lower case whatever the file's name.
	Resolve func(urlPath string) (target string, inRepo bool)
	// Host is the address that other site-absolute links are written
	// under, such as "https://learn.microsoft.com/en-us".
	Host string
	// Root returns the content path of the folder of the docset that a
	// content file is in ("" for the root), which a code include's "~/"
	// names; nil: the content folder.
	Root func(contentPath string) string
}

// SetDocset makes p read site-absolute links as d says. Call it before the
// first Render.
func (p *Parser) SetDocset(d *Docset) { p.docset = d }

// absolute resolves a site-absolute link of a DocFX repository's article.
func (p *Parser) absolute(a *Article, raw string, pos int, image bool, lines *diag.Lines, diags *diag.List) []byte {
	ref, anchor, hasHash := strings.Cut(raw, "#")
	ref, query, hasQuery := strings.Cut(ref, "?")
	unescaped, err := url.PathUnescape(ref)
	if err != nil {
		diags.Add(lines.At(a.SourcePath(), pos, diag.Error, diag.RuleLinkSyntax,
			"link %q is not a valid URL path: %v; escape %% as %%25", raw, err))
		return nil
	}
	target, inRepo := p.docset.Resolve(unescaped)
	if !inRepo {
		return escapeDestination(p.docset.Host + raw)
	}
	if target == "" {
		rule, what := diag.RuleLinkMissingFile, "link target"
		if image {
			rule, what = diag.RuleImageMissing, "image"
		}
		diags.Add(lines.At(a.SourcePath(), pos, diag.Error, rule,
			"%s %q is a path of this repository's docsets, but no file of them has it; fix the path, or make it relative to this file", what, ref))
		return escapeDestination(p.docset.Host + raw)
	}
	// A Learn path in another letter case than the file's is written to the
	// file's real path, which works on any server.
	return p.internal(a, target, Rel(a.Path, p.targetOutput(target)), anchor, query, hasQuery, hasHash, pos, lines)
}
