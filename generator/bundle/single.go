package bundle

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"

	nethtml "golang.org/x/net/html"

	"kb/generator/article"
	"kb/generator/render"
	"kb/generator/search"
	"kb/generator/source"
)

//go:embed router.js
var routerJS []byte

// maxInline is the largest file (an image, a JSON export) put into the single
// file as a data: URL; links to bigger ones are left as they are.
const maxInline = 2 << 20

// SingleFile makes one HTML file of a built site, rendered from the site by r
// with the theme's templates/single.html (see render.SingleData), never cut
// out of the built pages: the start page's part in place, each other page's
// part in a <template> (see router.js), their links and the navigation's
// rewritten to #/path.html; images and other linked files as data: URLs; the
// stylesheets, the scripts and the whole search index inline. pages are the
// parts Renderer.Page collected (render.Singles). It returns the file and the
// number of pages in it.
//
// site is the built site, read for the assets, the search index, the files
// pages link to, and the redirect pages package hosting wrote, whose
// addresses lead to their targets. static are the files copied from the
// content folder as they are (site.Site.Static): whatever they hold, they are
// files to download, never redirects. Every URL the parts hold passes the
// policy of Markdown links (article.UnsafeURL), but for the data: URLs made
// here, whose types are passive (source.Type) or application/octet-stream.
func SingleFile(site fs.FS, r *render.Renderer, pages []render.SinglePage, static []string) ([]byte, int, error) {
	s := &single{site: site, pages: map[string]bool{}, redirect: map[string]string{}}
	var start *render.SinglePage
	for i, p := range pages {
		s.pages[p.Path] = true
		if p.Path == "index.html" {
			start = &pages[i]
		}
	}
	if start == nil {
		return nil, 0, fmt.Errorf("the site has no index.html")
	}
	if err := s.redirects(static); err != nil {
		return nil, 0, err
	}
	d := render.SingleData{Data: r.StartData()}
	d.Nav = template.HTML(s.rewrite(start.Path, string(d.Nav)))
	for _, p := range pages {
		p.HTML = template.HTML(s.rewrite(p.Path, string(p.HTML)))
		if p.Path == start.Path {
			d.Start = p
		} else {
			d.Pages = append(d.Pages, p)
		}
	}
	for _, css := range []string{render.StyleAsset, render.SyntaxAsset} {
		data, err := fs.ReadFile(site, render.AssetPath(css))
		if err != nil {
			return nil, 0, err
		}
		d.Styles = append(d.Styles, template.CSS(render.InlineStyle(string(data))))
	}
	// The router first, so that it keeps the start page as it was before
	// the page scripts enhance it; the search data after search.js, which
	// defines the functions the data files call.
	scripts := [][]byte{routerJS}
	for _, js := range []string{render.ScriptAsset, render.DecisionAsset, render.SelectAsset, render.SearchAsset} {
		data, err := fs.ReadFile(site, render.AssetPath(js))
		if err != nil && js == render.SearchAsset {
			continue // search is off
		}
		if err != nil {
			return nil, 0, err
		}
		scripts = append(scripts, data)
	}
	index, err := searchData(site)
	if err != nil {
		return nil, 0, err
	}
	scripts = append(scripts, index)
	for _, js := range scripts {
		if len(js) > 0 {
			d.Scripts = append(d.Scripts, template.JS(render.InlineScript(string(js))))
		}
	}
	out, err := r.SingleFile(d)
	return out, len(pages), err
}

// searchData is every file of the search index, one after the other: the
// manifest, the term shards and the document files, each a call.
func searchData(site fs.FS) ([]byte, error) {
	var b bytes.Buffer
	err := fs.WalkDir(site, search.Folder, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(site, p)
		b.Write(data)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return b.Bytes(), nil
}

// single holds what assembling needs: the built site, the paths of its
// pages and its redirect pages' targets.
type single struct {
	site     fs.FS
	pages    map[string]bool   // the pages of the file, by path
	redirect map[string]string // old address -> the URL it refreshes to, relative to it
}

// redirects finds the redirect pages of the built site: the .html files
// that kb wrote, are no page of the file and refresh to another address.
func (s *single) redirects(static []string) error {
	content := make(map[string]bool, len(static))
	for _, f := range static {
		content[f] = true
	}
	return fs.WalkDir(s.site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || s.pages[p] || content[p] {
			return err
		}
		doc, err := fs.ReadFile(s.site, p)
		if to, ok := refresh(doc); ok && err == nil {
			s.redirect[p] = to
		}
		return err
	})
}

// refreshTag finds a redirect page's target, as package hosting writes it.
var refreshTag = regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]*)">`)

// refresh returns the URL a redirect page sends its readers to.
func refresh(doc []byte) (string, bool) {
	m := refreshTag.FindSubmatch(doc)
	if m == nil {
		return "", false
	}
	return html.UnescapeString(string(m[1])), true
}

// rewrite returns the HTML of a part of page p with the links of its tags
// rewritten (tag).
func (s *single) rewrite(p, part string) string {
	var b strings.Builder
	b.Grow(len(part))
	z := nethtml.NewTokenizer(strings.NewReader(part))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := bytes.Clone(z.Raw()) // Token unescapes in place
		if tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken {
			raw = s.tag(p, z.Token(), raw)
		}
		b.Write(raw)
	}
	return b.String()
}

// urlAttrs are the attributes whose URL a browser follows or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true}

// tag returns a start tag with its links rewritten, or raw when none changed
// (raw keeps the case of SVG attributes, which the tokenizer lowers). A URL
// that could run script (article.UnsafeURL) is left out.
func (s *single) tag(p string, t nethtml.Token, raw []byte) []byte {
	changed := false
	download := ""
	kept := t.Attr[:0]
	for _, a := range t.Attr {
		if !urlAttrs[a.Key] {
			kept = append(kept, a)
			continue
		}
		v, file := a.Val, ""
		if a.Key == "href" || a.Key == "src" || a.Key == "action" {
			v, file = s.link(p, a.Val)
		}
		if file == "" && article.UnsafeURL(v) {
			changed = true
			continue
		}
		if v != a.Val {
			a.Val, changed = v, true
			if file != "" && a.Key == "href" {
				download = file
			}
		}
		kept = append(kept, a)
	}
	t.Attr = kept
	if !changed {
		return raw
	}
	if download != "" {
		t.Attr = append(t.Attr, nethtml.Attribute{Key: "download", Val: download})
	}
	var b bytes.Buffer
	b.WriteByte('<')
	b.WriteString(t.Data)
	for _, a := range t.Attr {
		fmt.Fprintf(&b, " %s=\"%s\"", a.Key, html.EscapeString(a.Val))
	}
	if t.Type == nethtml.SelfClosingTagToken {
		b.WriteString(" /")
	}
	b.WriteByte('>')
	return b.Bytes()
}

// local parses a relative link to another file of the site; it returns nil
// for a place in the page, a URL with a scheme or host, or a site-absolute
// path.
func local(v string) *url.URL {
	if v == "" || strings.HasPrefix(v, "#") {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") || u.Path == "" {
		return nil
	}
	return u
}

// link rewrites a URL of page p: another page becomes #/path.html (with
// #anchor), another file a data: URL (file is its name, for download) of its
// passive type, or of application/octet-stream for any other; a place in the
// page, an external URL or a missing file stays as it is.
func (s *single) link(p, v string) (out, file string) {
	u := local(v)
	if u == nil {
		return v, ""
	}
	target, frag := path.Join(path.Dir(p), u.Path), u.EscapedFragment()
	if to, ok := s.redirect[target]; ok {
		// An old address leads to where it redirects (package hosting
		// allows no chains), keeping the link's own #anchor if it has one.
		r := local(to)
		if r == nil {
			return to, "" // another site
		}
		target = path.Join(path.Dir(target), r.Path)
		if frag == "" {
			frag = r.EscapedFragment()
		}
	}
	if s.pages[target] {
		out = "#/" + target
		if u.RawQuery != "" { // ?view=, ?pivots=: the page's choice (select.js)
			out += "?" + u.RawQuery
		}
		if frag != "" {
			out += "#" + frag
		}
		return out, ""
	}
	data, err := fs.ReadFile(s.site, target)
	if err != nil || len(data) > maxInline {
		return v, ""
	}
	typ := source.Type(target)
	if typ == "" {
		typ = "application/octet-stream"
	}
	return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(data), path.Base(target)
}
