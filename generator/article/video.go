package article

import (
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"kb/generator/diag"
)

// Videos are Microsoft Learn's video marker, a line of its own, usually in a
// block quote:
//
//	> [!VIDEO https://www.microsoft.com/videoplayer/embed/9627c892-...]
//
// kb writes a link card (a plain link that opens the video in a new tab,
// with its host named), so that a page makes no request to another site. A
// site that wants embedded players sets [video] embed = true in config.toml
// (SetVideoEmbed): the card then follows a sandboxed iframe, on a
// privacy-minded host where one exists (youtube-nocookie.com). The offline
// bundle never embeds.

// KindVideo is the node kind of a Video.
var KindVideo = ast.NewNodeKind("Video")

// Video is a [!VIDEO url] marker.
type Video struct {
	ast.BaseBlock
	URL    string // as written
	URLPos int    // offset of the URL in the source
	HTML   string // filled in by Parser.learn
}

// Kind implements ast.Node.
func (n *Video) Kind() ast.NodeKind { return KindVideo }

// Dump implements ast.Node.
func (n *Video) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"URL": n.URL}, nil)
}

// SetVideoEmbed makes p write embedded players (sandboxed iframes) for
// [!VIDEO] markers besides their link cards. Call it before the first
// Render. A build for offline reading (kb bundle) never calls it.
func (p *Parser) SetVideoEmbed(embed bool) { p.videoEmbed = embed }

var videoLine = regexp.MustCompile(`^\[!(?i:video)[ \t]+([^\]\s]+)[ \t]*\]$`)

type videoTransformer struct{}

// Transform replaces the first line of paragraphs that start with a
// [!VIDEO url] line by a Video node before them. A Video that then opens a
// block quote moves out of it, and a block quote left empty goes.
func (videoTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var found []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering && p.Lines().Len() > 0 {
			found = append(found, p)
		}
		return ast.WalkContinue, nil
	})
	for _, para := range found {
		line := para.Lines().At(0)
		v := strings.TrimRight(string(line.Value(source)), " \t\r\n")
		m := videoLine.FindStringSubmatchIndex(v)
		if m == nil {
			continue
		}
		video := &Video{URL: v[m[2]:m[3]], URLPos: line.Start + m[2]}
		video.SetPos(line.Start)
		dropFirstLine(para, line)
		parent := para.Parent()
		parent.InsertBefore(parent, para, video)
		if para.Lines().Len() == 0 {
			parent.RemoveChild(parent, para)
		}
		if bq, ok := parent.(*ast.Blockquote); ok && bq.FirstChild() == ast.Node(video) {
			bq.RemoveChild(bq, video)
			bq.Parent().InsertBefore(bq.Parent(), bq, video)
			// "> [!VIDEO ...]" and on the next line, without ">", the title
			// of the next video: a lazy continuation, not meant as a quote.
			if rest, ok := bq.FirstChild().(*ast.Paragraph); ok && rest == para && bq.ChildCount() == 1 && lazy(para, source) {
				bq.Parent().ReplaceChild(bq.Parent(), bq, para)
			} else if bq.ChildCount() == 0 {
				bq.Parent().RemoveChild(bq.Parent(), bq)
			}
		}
	}
}

// lazy reports whether no line of a paragraph in a block quote starts
// with ">" in the source: all are lazy continuation lines.
func lazy(para *ast.Paragraph, source []byte) bool {
	for i := 0; i < para.Lines().Len(); i++ {
		start := para.Lines().At(i).Start
		for start > 0 && source[start-1] != '\n' && source[start-1] != '\r' {
			start--
		}
		if strings.HasPrefix(strings.TrimLeft(string(source[start:para.Lines().At(i).Start]), " \t"), ">") {
			return false
		}
	}
	return true
}

// dropFirstLine removes the first line of a paragraph, and the inline nodes
// written on it (text, and nodes without text such as autolinks): up to the
// text that ends the line, or else the first text of the next line.
func dropFirstLine(para *ast.Paragraph, line text.Segment) {
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if start, ok := firstTextStart(c); ok && start >= line.Stop {
			break
		}
		para.RemoveChild(para, c)
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break // the line's end: what follows is the next line's
		}
		c = next
	}
	lines := para.Lines()
	rest := text.NewSegments()
	for i := 1; i < lines.Len(); i++ {
		rest.Append(lines.At(i))
	}
	para.SetLines(rest)
}

// firstTextStart is the offset of the first text inside n.
func firstTextStart(n ast.Node) (int, bool) {
	start, found := 0, false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start, found = t.Segment.Start, true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return start, found
}

// video checks a Video's URL and makes its HTML.
func (p *Parser) video(a *Article, n *Video, lines *diag.Lines, diags *diag.List) {
	if unsafeLink(a, n.URL, n.URLPos, false, lines, diags) {
		return
	}
	u, err := url.Parse(BrowserURL(n.URL))
	if err != nil || u.Scheme != "https" || u.Host == "" {
		diags.Add(lines.At(a.SourcePath(), n.URLPos, diag.Warning, diag.RuleVideoURL,
			"[!VIDEO %s] is not shown: a video needs a full https:// address, such as https://www.youtube.com/watch?v=ID", n.URL))
		return
	}
	host := u.Hostname()
	href := attrURL(escapeDestination(BrowserURL(n.URL)))
	card := `<a class="video-link" href="` + href + `" target="_blank" rel="noopener noreferrer">` +
		`<span class="video-symbol" aria-hidden="true">▶</span> <span class="video-title">Video</span> ` +
		`<span class="video-host">opens ` + html.EscapeString(host) + ` in a new tab</span></a>`
	if !p.videoEmbed {
		n.HTML = `<p class="video-card">` + card + "</p>\n"
		return
	}
	n.HTML = `<figure class="video-embed"><iframe src="` + attrURL(escapeDestination(embedURL(u))) + `" title="Video from ` + html.EscapeString(host) +
		`" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" allow="fullscreen; picture-in-picture; encrypted-media"` +
		` allowfullscreen referrerpolicy="strict-origin-when-cross-origin" loading="lazy"></iframe>` +
		`<figcaption class="video-card">` + card + "</figcaption></figure>\n"
}

var youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{6,20}$`)

// embedURL is the player address of a video page: YouTube's on its
// no-cookie host, Vimeo's with do-not-track, others as written.
func embedURL(u *url.URL) string {
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	id := ""
	switch host {
	case "youtube.com", "m.youtube.com", "youtube-nocookie.com":
		if u.Path == "/watch" {
			id = u.Query().Get("v")
		} else if rest, ok := strings.CutPrefix(u.Path, "/embed/"); ok {
			id = rest
		}
	case "youtu.be":
		id = strings.TrimPrefix(u.Path, "/")
	case "vimeo.com":
		if v := strings.TrimPrefix(u.Path, "/"); v != "" && strings.Trim(v, "0123456789") == "" {
			return "https://player.vimeo.com/video/" + v + "?dnt=1"
		}
	}
	if youtubeID.MatchString(id) {
		return "https://www.youtube-nocookie.com/embed/" + id
	}
	return u.String()
}

// attrURL is a destination as resolve returns it, written as an attribute
// value the way goldmark writes a link's href: percent-encoded where needed,
// entities resolved, HTML-escaped.
func attrURL(dest []byte) string {
	return string(util.EscapeHTML(util.URLEscape(dest, true)))
}

type videoRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (videoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindVideo, madeHTML(func(n ast.Node) string { return n.(*Video).HTML }))
}
