package article

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Selections are the parts of an article that the reader chooses between:
// DocFX tabs, zone pivots and monikers (versions). They are one mechanism:
//
//   - a selector has a name, a label, its options in order and a default:
//     "moniker" (the site's versions, URL parameter view), "pivot.GROUP"
//     (a zone pivot group, URL parameter pivots), or a tab group (a local
//     selector, its options its tabs, synchronised by tab id);
//   - a block of content is tagged with the options it applies to
//     (When: selector=option pairs; it shows when, for every selector it
//     names, one of its options is chosen);
//   - the HTML is the same for all of them: every block is in the page,
//     labelled (<div class="kb-when" data-kb-when="moniker=a moniker=b">
//     with a <p class="kb-when-label">), and the selectors are written at
//     the top of the article, hidden; one script, theme/assets/select.js,
//     shows the selectors and only the chosen blocks. Without JavaScript
//     and in print every block is shown under its label.
//
// The Go side is here (nodes, parsing, rendering), moniker.go (ranges),
// pivots.go (zone-pivot-groups.yml), tabs.go (tab groups) and
// selections.go (the checks and the selector bar, per article).

// Option is one choice of a selector.
type Option struct {
	ID    string
	Title string
}

// Selector is one choice the reader makes for the article.
type Selector struct {
	Name    string // "moniker", "pivot.GROUP"
	Label   string // shown beside the choice, such as "Version"
	Param   string // the URL query parameter that carries the choice
	Options []Option
	Default string // the option chosen when the URL and the reader's last choice say nothing
}

// When is one condition of a block: the block applies when Option is chosen
// for Selector.
type When struct {
	Selector, Option string
}

// whenAttr writes conditions as the data-kb-when attribute's value: space
// separated selector=option tokens, each part path-escaped.
func whenAttr(ws []When) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = url.PathEscape(w.Selector) + "=" + url.PathEscape(w.Option)
	}
	return strings.Join(parts, " ")
}

// Kinds of the selection nodes.
var (
	KindChoice       = ast.NewNodeKind("Choice")
	KindSelectMarker = ast.NewNodeKind("SelectMarker")
	KindSelectorBar  = ast.NewNodeKind("SelectorBar")
)

// Choice is a ::: zone or ::: moniker block, holding the blocks between its
// start and end lines.
type Choice struct {
	ast.BaseBlock
	Marker   *SelectMarker // its start line
	Unclosed bool          // no end line: it runs to the end of its container
	When     []When        // set by the article's selections pass
	Label    string        // what it applies to, for readers without the selector
	Plain    bool          // applies always: its content is written as is (zone target="docs")
	Drop     bool          // never shown (zone target="chromeless")
}

// Kind implements ast.Node.
func (n *Choice) Kind() ast.NodeKind { return KindChoice }

// Dump implements ast.Node.
func (n *Choice) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// SelectMarker is a ::: zone, ::: zone-end, ::: moniker or ::: moniker-end
// line. Only an end line without a start stays in the tree.
type SelectMarker struct {
	ast.BaseBlock
	Name   string // "zone" or "moniker"
	End    bool
	Attrs  map[string]string
	AttrAt map[string]int // offset of each attribute's value in the source
}

// Kind implements ast.Node.
func (n *SelectMarker) Kind() ast.NodeKind { return KindSelectMarker }

// Dump implements ast.Node.
func (n *SelectMarker) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

// SelectorBar is written at the top of an article that has selections: its
// selectors, the versions it applies to (a badge) and the note shown when
// the chosen version is not one of them.
type SelectorBar struct {
	ast.BaseBlock
	Selectors []Selector
	AppliesTo string // "Exchange Server 2016, Exchange Server 2019", or ""
	For       []When // the versions the article applies to, when it says (monikerRange)
}

// Kind implements ast.Node.
func (n *SelectorBar) Kind() ast.NodeKind { return KindSelectorBar }

// Dump implements ast.Node.
func (n *SelectorBar) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

var selectLine = regexp.MustCompile(`^:::[ \t]*(zone|moniker)(-end)?((?:[ \t]+[a-z][a-z0-9-]*="[^"]*")*)[ \t]*$`)

// selectMarkerParser reads ::: zone and ::: moniker lines as blocks of their
// own, so that they need no blank line around them and end the paragraph,
// list item or block quote line before them (as in DocFX).
type selectMarkerParser struct{}

func (selectMarkerParser) Trigger() []byte { return []byte{':'} }

func (selectMarkerParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	lead := len(line) - len(bytes.TrimLeft(line, " \t"))
	s := strings.TrimRight(string(line[lead:]), " \t\r\n")
	m := selectLine.FindStringSubmatchIndex(s)
	if m == nil {
		return nil, parser.NoChildren
	}
	n := &SelectMarker{Name: s[m[2]:m[3]], End: m[4] >= 0}
	var names map[string]int
	n.Attrs, _, names = directiveAttrs(s[m[6]:m[7]], seg.Start+lead+m[6])
	n.AttrAt = make(map[string]int, len(names))
	for name, at := range names {
		n.AttrAt[name] = at + len(name) + len(`="`) // of the value
	}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (selectMarkerParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (selectMarkerParser) Close(ast.Node, text.Reader, parser.Context) {}
func (selectMarkerParser) CanInterruptParagraph() bool                 { return true }
func (selectMarkerParser) CanAcceptIndentedLine() bool                 { return false }

// choiceTransformer moves the blocks between a start and an end line into
// a Choice, within each container (a start and its end must be siblings).
type choiceTransformer struct{}

func (choiceTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var parents []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*SelectMarker); ok && entering {
			if p := n.Parent(); len(parents) == 0 || parents[len(parents)-1] != p {
				parents = append(parents, p)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range parents {
		wrapChoices(p)
	}
}

func wrapChoices(parent ast.Node) {
	var children []ast.Node
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		children = append(children, c)
	}
	for _, c := range children {
		parent.RemoveChild(parent, c)
	}
	stack := []ast.Node{parent}
	for _, c := range children {
		top := stack[len(stack)-1]
		m, ok := c.(*SelectMarker)
		if !ok {
			top.AppendChild(top, c)
			continue
		}
		if !m.End {
			ch := &Choice{Marker: m, Unclosed: true}
			ch.SetPos(m.Pos())
			top.AppendChild(top, ch)
			stack = append(stack, ch)
			continue
		}
		// An end closes the innermost open block of its name, and any
		// opened inside that one, which stay Unclosed.
		at := -1
		for i := len(stack) - 1; i > 0; i-- {
			if stack[i].(*Choice).Marker.Name == m.Name {
				at = i
				break
			}
		}
		if at < 0 {
			top.AppendChild(top, m) // a stray end, reported
			continue
		}
		stack[at].(*Choice).Unclosed = false
		stack = stack[:at]
	}
}

type selectRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (selectRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindChoice, renderChoice)
	reg.Register(KindSelectMarker, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindSelectorBar, renderSelectorBar)
	reg.Register(KindTabGroup, renderTabGroup)
	reg.Register(KindTabPanel, renderTabPanel)
}

func renderChoice(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Choice)
	switch {
	case n.Drop:
		return ast.WalkSkipChildren, nil
	case n.Plain || len(n.When) == 0:
		return ast.WalkContinue, nil
	case entering:
		_, _ = w.WriteString(`<div class="kb-when" data-kb-when="` + html.EscapeString(whenAttr(n.When)) + `">` + "\n" +
			`<p class="kb-when-label">` + html.EscapeString(n.Label) + "</p>\n")
	default:
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// renderSelectorBar writes the selectors, hidden until select.js shows
// them (they do nothing without it), and the badge and note, which are
// text.
func renderSelectorBar(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*SelectorBar)
	e := html.EscapeString
	_, _ = w.WriteString(`<div class="kb-selectors">` + "\n")
	for i, s := range n.Selectors {
		id := "kb-select-" + strconv.Itoa(i+1)
		_, _ = w.WriteString(`<div class="kb-selector" data-kb-selector="` + e(s.Name) + `" data-kb-param="` + e(s.Param) +
			`" data-kb-default="` + e(s.Default) + `" hidden><label for="` + id + `">` + e(s.Label) + `</label> <select id="` + id + `">`)
		for _, o := range s.Options {
			_, _ = w.WriteString(`<option value="` + e(o.ID) + `">` + e(o.Title) + `</option>`)
		}
		_, _ = w.WriteString("</select></div>\n")
	}
	if n.AppliesTo != "" {
		_, _ = w.WriteString(`<p class="kb-applies">Applies to: ` + e(n.AppliesTo) + "</p>\n")
	}
	if len(n.For) > 0 {
		_, _ = w.WriteString(`<p class="kb-not-for" role="status" data-kb-for="` + e(whenAttr(n.For)) +
			`" hidden>This article does not apply to the version chosen. It applies to: ` + e(n.AppliesTo) + ".</p>\n")
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}
