package article

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"kb/generator/diag"
)

// Cross references link to an article by the uid its front matter gives it
// (uid: guide.setup), as DocFX's do, wherever the article is:
//
//	<xref:guide.setup>                          the article's title as the text
//	<xref:guide.setup?displayProperty=fullName> the same (the query is for APIs)
//	[the steps](xref:guide.setup#steps)         the text given, to a heading
//	@guide.setup                                only for a uid an article has
//
// A cross reference becomes a link to the article's source, relative to the
// file it is written in, which Parser.resolve then checks and writes as any
// link (its #anchor too). An unknown uid is a warning (xref-unknown) and its
// text stays text; with an xref host (config.toml [xref] host) it is a link
// there instead, as Learn links .NET API uids (XrefHostURL).

// XrefTarget is the article a uid names.
type XrefTarget struct {
	Path  string // content path of the article
	Title string // its front matter title
}

// Xrefs is what the parser resolves cross references with.
type Xrefs struct {
	Uids map[string]XrefTarget
	// Host is where unknown uids link, such as
	// "https://learn.microsoft.com/en-us/dotnet/api/"; "" for none.
	Host string
}

// SetXrefs gives p the site's uids. Call it before the first Render.
func (p *Parser) SetXrefs(x *Xrefs) { p.xrefs = x }

// Uids collects the uid of every article (the model stage has every
// article's front matter before any body is rendered). Two articles with
// the same uid are an error at the second, with a note at the first; read
// returns an article's content by content path, for the lines of the
// diagnostics.
func Uids(articles []*Article, read func(path string) ([]byte, error), diags *diag.List) map[string]XrefTarget {
	uids := map[string]XrefTarget{}
	first := map[string]*Article{}
	linesOf := func(a *Article) *diag.Lines {
		b, err := read(a.Path)
		if err != nil {
			return diag.NewLines(nil)
		}
		if a.made != nil {
			return a.made.file
		}
		return diag.NewLines(Text(b))
	}
	for _, a := range articles {
		v, ok := a.Meta.Params["uid"]
		if !ok || a.Fragment {
			continue
		}
		uid := strings.TrimSpace(fmt.Sprint(v))
		switch v.(type) {
		case map[string]any, []any, nil:
			l := linesOf(a)
			diags.Add(l.At(a.SourcePath(), a.Meta.At("uid"), diag.Error, diag.RuleFrontMatterType, "uid must be a single value, not a list or a mapping"))
			continue
		}
		if uid == "" {
			continue
		}
		if other, dup := first[uid]; dup {
			d := linesOf(a).At(a.SourcePath(), a.Meta.At("uid"), diag.Error, diag.RuleXrefDuplicate,
				"uid %q is also the uid of %s; give each article its own uid", uid, other.SourcePath())
			diags.Add(d.WithNotes(linesOf(other).Note(other.SourcePath(), other.Meta.At("uid"), "the uid of "+other.SourcePath()+" is here")))
			continue
		}
		first[uid] = a
		uids[uid] = XrefTarget{Path: a.Path, Title: a.Meta.Title}
	}
	return uids
}

// xrefRef is one cross reference: its uid, query and #anchor.
type xrefRef struct {
	uid, query, anchor string
	hasAnchor          bool
}

// parseXref reads a destination "xref:uid?query#anchor" (uid unescaped).
func parseXref(dest string) (xrefRef, bool) {
	if len(dest) < 5 || !strings.EqualFold(dest[:5], "xref:") {
		return xrefRef{}, false
	}
	var r xrefRef
	rest := dest[5:]
	rest, r.anchor, r.hasAnchor = strings.Cut(rest, "#")
	rest, r.query, _ = strings.Cut(rest, "?")
	if u, err := url.PathUnescape(rest); err == nil {
		rest = u
	}
	r.uid = strings.TrimSpace(rest)
	return r, r.uid != ""
}

// atUid is DocFX's shorthand: @uid, or @"uid with spaces".
var atUid = regexp.MustCompile(`@(?:"([^"\n]+)"|([A-Za-z_][\w.\-]*\w|[A-Za-z_]))`)

// resolveXrefs rewrites the cross references of doc before Parser.walk
// resolves its links.
func (p *Parser) resolveXrefs(a *Article, doc ast.Node, source []byte, lines *diag.Lines, diags *diag.List) {
	if !bytes.Contains(source, []byte("xref:")) && !bytes.Contains(source, []byte("@")) {
		return
	}
	var links []*ast.Link
	var autos []*ast.AutoLink
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if _, ok := parseXref(destination(n.Destination)); ok {
				links = append(links, n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if _, ok := parseXref(string(n.URL(source))); ok && n.AutoLinkType == ast.AutoLinkURL {
				autos = append(autos, n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.Image, *ast.RawHTML, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if p.xrefs != nil && len(p.xrefs.Uids) > 0 && bytes.IndexByte(n.Segment.Value(source), '@') >= 0 {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range links {
		r, _ := parseXref(destination(n.Destination))
		dest, title, ok := p.xrefDestination(a, r, n.Pos(), lines, diags)
		if !ok { // unknown: the text stays, without the link (the uid, when there is none)
			parent := n.Parent()
			if n.FirstChild() == nil {
				parent.InsertBefore(parent, n, rawString(r.uid))
			}
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
			parent.RemoveChild(parent, n)
			continue
		}
		n.Destination = dest
		if n.ChildCount() == 0 {
			n.AppendChild(n, rawString(title))
		}
	}
	for _, n := range autos {
		r, _ := parseXref(string(n.URL(source)))
		pos := n.Pos() // of its "<"
		dest, title, ok := p.xrefDestination(a, r, pos, lines, diags)
		parent := n.Parent()
		if !ok {
			parent.ReplaceChild(parent, n, rawString(r.uid))
			continue
		}
		link := ast.NewLink()
		link.Destination = dest
		link.SetPos(pos)
		link.AppendChild(link, rawString(title))
		parent.ReplaceChild(parent, n, link)
	}
	for _, t := range texts {
		p.atUids(a, t, source, lines, diags)
	}
}

// atUids turns the @uid shorthands in t that name a known uid into links.
func (p *Parser) atUids(a *Article, t *ast.Text, source []byte, lines *diag.Lines, diags *diag.List) {
	seg := t.Segment
	value := seg.Value(source)
	parent := t.Parent()
	done := 0
	for _, m := range atUid.FindAllSubmatchIndex(value, -1) {
		start := seg.Start + m[0]
		if start > 0 {
			if c := source[start-1]; c == '@' || c == '.' || c == '_' || c == '/' || c == '\\' ||
				'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				continue // an e-mail address, a path
			}
		}
		uid := ""
		if m[2] >= 0 {
			uid = string(value[m[2]:m[3]])
		} else {
			uid = string(value[m[4]:m[5]])
		}
		if _, known := p.xrefs.Uids[uid]; !known {
			continue // "@" in prose: left as it is
		}
		dest, title, _ := p.xrefDestination(a, xrefRef{uid: uid}, start, lines, diags)
		if m[0] > done {
			before := ast.NewTextSegment(text.NewSegment(seg.Start+done, seg.Start+m[0]))
			parent.InsertBefore(parent, t, before)
		}
		link := ast.NewLink()
		link.Destination = dest
		link.SetPos(start)
		link.AppendChild(link, rawString(title))
		parent.InsertBefore(parent, t, link)
		done = m[1]
	}
	if done > 0 {
		t.Segment = seg.WithStart(seg.Start + done)
	}
}

// xrefDestination is where a cross reference at pos leads: the source of
// the article with the uid, relative to the file pos is written in (for
// resolve to check and rewrite), or a link under the xref host; and the
// link's text when none is given. ok is false for an unknown uid without a
// host, which is reported.
func (p *Parser) xrefDestination(a *Article, r xrefRef, pos int, lines *diag.Lines, diags *diag.List) (dest []byte, title string, ok bool) {
	var uids map[string]XrefTarget
	host := ""
	if p.xrefs != nil {
		uids, host = p.xrefs.Uids, p.xrefs.Host
	}
	if t, known := uids[r.uid]; known {
		rel := Rel(p.writtenIn(a, pos, lines), t.Path)
		out := (&url.URL{Path: rel}).EscapedPath()
		if r.hasAnchor {
			out += "#" + r.anchor
		}
		title = t.Title
		if title == "" {
			title = r.uid
		}
		return escapeDestination(out), title, true
	}
	if host != "" {
		return escapeDestination(XrefHostURL(host, r.uid, r.anchor)), xrefDisplay(r.uid, r.query), true
	}
	hint := ""
	if other, found := foldUid(uids, r.uid); found {
		hint = fmt.Sprintf(" (did you mean %q? uids are case-sensitive)", other)
	}
	diags.Add(lines.At(a.SourcePath(), pos, diag.Warning, diag.RuleXrefUnknown,
		"no article has the uid %q%s, so this cross reference is written as text; give the article uid: %s in its front matter, or set [xref] host in config.toml to link unknown uids there", r.uid, hint, r.uid))
	return nil, "", false
}

// foldUid finds a uid that differs from uid only in letter case.
func foldUid(uids map[string]XrefTarget, uid string) (string, bool) {
	var found []string
	for u := range uids {
		if strings.EqualFold(u, uid) {
			found = append(found, u)
		}
	}
	if len(found) == 0 {
		return "", false
	}
	return slices.Min(found), true
}

// XrefHostURL is the address of an unknown uid under an xref host, as Learn
// builds the addresses of .NET API pages: the uid in lower case, its
// generic arity's ` (written %60 too) as "-", without a parameter list or
// an overload's trailing "*"; the #anchor kept.
// "System.Collections.Generic.List`1" becomes
// host + "system.collections.generic.list-1".
func XrefHostURL(host, uid, anchor string) string {
	u, _, _ := strings.Cut(uid, "(")
	u = strings.TrimSuffix(u, "*")
	u = strings.ToLower(strings.ReplaceAll(u, "`", "-"))
	out := host
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	out += (&url.URL{Path: u}).EscapedPath()
	if anchor != "" {
		out += "#" + anchor
	}
	return out
}

// xrefDisplay is the text of a link to an unknown uid under the xref host:
// its name (the last part), Type.Member for displayProperty=nameWithType,
// the whole uid for fullName, as DocFX shows API names.
func xrefDisplay(uid, query string) string {
	name, _, _ := strings.Cut(uid, "(")
	name = strings.TrimSuffix(name, "*")
	q, _ := url.ParseQuery(query)
	parts := strings.Split(name, ".")
	switch q.Get("displayProperty") {
	case "fullName":
		return name
	case "nameWithType":
		if len(parts) >= 2 {
			return strings.Join(parts[len(parts)-2:], ".")
		}
	}
	return parts[len(parts)-1]
}

// rawString is text that goldmark writes escaped, as it is.
func rawString(s string) *ast.String {
	str := ast.NewString([]byte(s))
	str.SetRaw(true)
	return str
}
