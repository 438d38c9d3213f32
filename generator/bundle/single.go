package bundle

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"

	nethtml "golang.org/x/net/html"

	"kb/generator/article"
	"kb/generator/render"
	"kb/generator/source"
)

//go:embed router.js
var routerJS []byte

// maxInline is the largest file (an image, a JSON export) put into the single
// file as a data: URL; links to bigger ones are left as they are.
const maxInline = 2 << 20

// SingleFile assembles a built site into one HTML file: the start page's
// header, navigation and footer once; each page's main content and "On this
// page" box in a <template> with its links rewritten to #/path.html (see
// router.js); images and other linked files as data: URLs; the stylesheets,
// the scripts and the whole search index inline. It returns the file and the
// number of pages in it.
//
// static are the files copied from the content folder as they are
// (site.Site.Static): whatever they hold, they are files to download, never
// pages or redirects, so only what kb wrote is read as HTML. Every URL the
// file holds passes the policy of Markdown links (article.UnsafeURL), but for
// the data: URLs made here, whose types are passive (source.Type) or
// application/octet-stream.
func SingleFile(site fs.FS, lang string, static []string) ([]byte, int, error) {
	var pages []string
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	// Pages, but not the 404 page (for web servers), the embeds (for frames
	// in other sites) nor redirect pages, whose addresses lead to their
	// targets instead.
	s := &single{site: site, pages: map[string][]byte{}, redirect: map[string]string{}}
	content := make(map[string]bool, len(static))
	for _, f := range static {
		content[f] = true
	}
	kept := pages[:0]
	for _, p := range pages {
		if content[p] {
			continue // a content file, such as an .html page config.toml allows
		}
		doc, err := fs.ReadFile(site, p)
		if err != nil {
			return nil, 0, err
		}
		if to, ok := refresh(doc); ok {
			s.redirect[p] = to
			continue
		}
		if p != "404.html" && !strings.HasPrefix(p, "embed/") { // embeds are for other sites' frames
			s.pages[p] = doc
			kept = append(kept, p)
		}
	}
	pages = kept
	if s.pages["index.html"] == nil {
		return nil, 0, fmt.Errorf("the site has no index.html")
	}
	home := s.page("index.html")

	var b bytes.Buffer
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", html.EscapeString(lang))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<meta name=\"generator\" content=\"kb\">\n", html.EscapeString(home.title))
	for _, css := range []string{"assets/kb.css", "assets/syntax.css"} {
		data, err := fs.ReadFile(site, css)
		if err != nil {
			return nil, 0, err
		}
		b.WriteString("<style>\n")
		b.WriteString(render.InlineStyle(string(data)))
		b.WriteString("</style>\n")
	}
	b.WriteString("<style>#kb-page { display: contents; }</style>\n</head>\n<body>\n")
	b.WriteString("<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
	b.WriteString("<noscript><p class=\"edition\">This one-file copy shows its start page without JavaScript; " +
		"to open the other pages and search, allow JavaScript for it, or use the zip copy (kb bundle), which needs none.</p></noscript>\n")
	b.Write(home.parts["header"])
	b.WriteString("\n<div class=\"layout\">\n")
	fmt.Fprintf(&b, "<div id=\"kb-page\" data-page=\"index.html\" data-title=\"%s\">\n", html.EscapeString(home.title))
	b.Write(home.parts["main"])
	b.Write(home.parts["toc"])
	b.WriteString("\n</div>\n")
	b.Write(home.parts["nav"])
	b.WriteString("\n</div>\n")
	b.Write(home.parts["footer"])
	b.WriteString("\n")
	for _, p := range pages {
		if p == "index.html" {
			continue
		}
		pg := s.page(p)
		fmt.Fprintf(&b, "<template data-page=\"%s\" data-title=\"%s\">\n", html.EscapeString(p), html.EscapeString(pg.title))
		b.Write(pg.parts["main"])
		b.Write(pg.parts["toc"])
		b.WriteString("\n</template>\n")
	}
	// The router first, so that it keeps the start page as it was before
	// the page scripts enhance it; the search data after search.js, which
	// defines the functions the data files call.
	scripts := [][]byte{routerJS}
	for _, js := range []string{"assets/kb.js", "assets/decision.js", "assets/search.js"} {
		data, err := fs.ReadFile(site, js)
		if err != nil && js == "assets/search.js" {
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
		if len(js) == 0 {
			continue
		}
		b.WriteString("<script>\n")
		b.WriteString(render.InlineScript(string(js)))
		b.WriteString("</script>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), len(pages), nil
}

// searchData is every file of the search index, one after the other: the
// manifest, the term shards and the document files, each a call.
func searchData(site fs.FS) ([]byte, error) {
	var b bytes.Buffer
	err := fs.WalkDir(site, "search", func(p string, d fs.DirEntry, err error) error {
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

// single holds what assembling needs: the built site, its pages and its
// redirect pages' targets.
type single struct {
	site     fs.FS
	pages    map[string][]byte // path -> the built page
	redirect map[string]string // page -> the URL it refreshes to, relative to it
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

// page is the parts of one built page that go into the single file.
type page struct {
	title string
	parts map[string][]byte // header, main, toc, nav, footer: raw HTML, links rewritten
}

// page takes the parts out of a built page.
func (s *single) page(p string) *page {
	doc := s.pages[p]
	out := &page{parts: map[string][]byte{}}
	z := nethtml.NewTokenizer(bytes.NewReader(doc))
	var (
		key   string // the part being taken, if any
		name  string // its element
		depth int
		buf   bytes.Buffer
		title bool
	)
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := bytes.Clone(z.Raw()) // Token unescapes in place
		if key != "" {
			switch tt {
			case nethtml.StartTagToken, nethtml.SelfClosingTagToken, nethtml.EndTagToken:
				buf.Write(s.rewrite(p, tt, z, raw, name, &depth))
			default:
				buf.Write(raw)
			}
			if depth == 0 {
				out.parts[key] = bytes.Clone(buf.Bytes())
				buf.Reset()
				key = ""
			}
			continue
		}
		switch tt {
		case nethtml.TextToken:
			if title {
				out.title += html.UnescapeString(string(raw))
			}
		case nethtml.EndTagToken:
			title = false
		case nethtml.StartTagToken:
			t := z.Token()
			title = t.Data == "title"
			if k := partOf(t); k != "" {
				key, name, depth = k, t.Data, 1
				buf.Write(s.tag(p, t, raw))
			}
		}
	}
	return out
}

// partOf says which part of a page an element starts, if any.
func partOf(t nethtml.Token) string {
	attr := func(k string) string {
		for _, a := range t.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	switch {
	case t.Data == "header" && attr("class") == "site-header":
		return "header"
	case t.Data == "main":
		return "main"
	case t.Data == "aside" && attr("class") == "toc":
		return "toc"
	case t.Data == "nav" && attr("id") == "site-nav":
		return "nav"
	case t.Data == "footer" && attr("class") == "site-footer":
		return "footer"
	}
	return ""
}

// rewrite handles one tag inside a part: it counts the part's element to
// find its end, and rewrites the links of start tags.
func (s *single) rewrite(p string, tt nethtml.TokenType, z *nethtml.Tokenizer, raw []byte, name string, depth *int) []byte {
	t := z.Token()
	switch {
	case tt == nethtml.EndTagToken:
		if t.Data == name {
			*depth--
		}
		return raw
	case tt == nethtml.StartTagToken && t.Data == name:
		*depth++
	}
	return s.tag(p, t, raw)
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
	if s.pages[target] != nil {
		out = "#/" + target
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
