package article

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Tabs are DocFX's tab groups: a heading (of any level) that is only a link
// to #tab/ID starts a tab, its content runs to the next such heading, and a
// thematic break (---) ends the group:
//
//	# [Windows](#tab/windows)
//	Steps for Windows.
//	# [macOS](#tab/macos)
//	Steps for macOS.
//	---
//
// A tab group is a local selector (select.go): its options are its tabs,
// and choosing a tab chooses the tab of the same ID in every group of the
// page (and of the next pages, as the reader's last choice). #tab/ID/COND is
// a dependent tab: of the tabs with the same ID, the one shown is the one
// whose COND is a tab chosen elsewhere on the page.

// Kinds of the tab nodes.
var (
	KindTabGroup = ast.NewNodeKind("TabGroup")
	KindTabPanel = ast.NewNodeKind("TabPanel")
)

// TabGroup is a tab group; its children are TabPanels.
type TabGroup struct {
	ast.BaseBlock
	Index    int  // 1 for the article's first group, then 2, ...
	Unclosed bool // no --- ends it: it takes in the rest of its container
}

// Kind implements ast.Node.
func (n *TabGroup) Kind() ast.NodeKind { return KindTabGroup }

// Dump implements ast.Node.
func (n *TabGroup) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// TabPanel is one tab: its label and the blocks under it.
type TabPanel struct {
	ast.BaseBlock
	ID, Cond string
	Label    string
	Level    int // of the label's heading, without JavaScript and in print
}

// Kind implements ast.Node.
func (n *TabPanel) Kind() ast.NodeKind { return KindTabPanel }

// Dump implements ast.Node.
func (n *TabPanel) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID}, nil)
}

var tabDest = regexp.MustCompile(`^#tab/([^/]+)(?:/([^/]+))?$`)

// tabHeading reports the tab a heading starts, if it is one.
func tabHeading(n ast.Node, source []byte) (id, cond, label string, ok bool) {
	h, isHeading := n.(*ast.Heading)
	if !isHeading {
		return "", "", "", false
	}
	var link *ast.Link
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if l, isLink := c.(*ast.Link); isLink && link == nil {
			link = l
		} else if t, isText := c.(*ast.Text); !isText || len(strings.TrimSpace(string(t.Segment.Value(source)))) > 0 {
			return "", "", "", false
		}
	}
	if link == nil {
		return "", "", "", false
	}
	m := tabDest.FindStringSubmatch(string(link.Destination))
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], plainText(link, source), true
}

// tabTransformer turns tab headings and the blocks after them into tab
// groups.
type tabTransformer struct{}

func (tabTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	// The level of each tab's label: one below the heading before its group.
	levels := map[ast.Node]int{}
	var parents []ast.Node
	last := 1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if _, _, _, tab := tabHeading(h, source); tab {
			levels[h] = min(last+1, 6)
			if p := h.Parent(); len(parents) == 0 || parents[len(parents)-1] != p {
				parents = append(parents, p)
			}
		} else {
			last = h.Level
		}
		return ast.WalkSkipChildren, nil
	})
	for _, p := range parents {
		wrapTabs(p, source, levels)
	}
}

func wrapTabs(parent ast.Node, source []byte, levels map[ast.Node]int) {
	var children []ast.Node
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		children = append(children, c)
	}
	for _, c := range children {
		parent.RemoveChild(parent, c)
	}
	var group *TabGroup
	var panel *TabPanel
	level := 2 // of the group's labels: one below the heading before its first tab
	for _, c := range children {
		if id, cond, label, ok := tabHeading(c, source); ok {
			if group == nil {
				group = &TabGroup{Unclosed: true}
				group.SetPos(c.Pos())
				parent.AppendChild(parent, group)
				level = levels[c]
			}
			panel = &TabPanel{ID: id, Cond: cond, Label: label, Level: level}
			panel.SetPos(c.Pos())
			group.AppendChild(group, panel)
			continue
		}
		if _, isBreak := c.(*ast.ThematicBreak); isBreak && group != nil {
			group.Unclosed = false
			group, panel = nil, nil
			continue
		}
		if panel != nil {
			panel.AppendChild(panel, c)
		} else {
			parent.AppendChild(parent, c)
		}
	}
}

// domID is a tab or panel id made of an option id: its letters, digits and
// '-' only.
func domID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Without JavaScript a group is its panels one after the other, each under
// its label as a heading; select.js makes the tab list of the labels.
func renderTabGroup(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="kb-tabs" data-kb-tabs="` + strconv.Itoa(node.(*TabGroup).Index) + `">` + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderTabPanel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*TabPanel)
	if !entering {
		_, _ = w.WriteString("</section>\n")
		return ast.WalkContinue, nil
	}
	g := strconv.Itoa(n.Parent().(*TabGroup).Index)
	i := 0
	for c := n.Parent().FirstChild(); c != nil; c = c.NextSibling() {
		i++
		if c == n {
			break
		}
	}
	id := "kb-tab-" + g + "-" + strconv.Itoa(i) + "-" + domID(n.ID)
	level := strconv.Itoa(max(n.Level, 2))
	cond := ""
	if n.Cond != "" {
		cond = ` data-kb-cond="` + html.EscapeString(n.Cond) + `"`
	}
	_, _ = w.WriteString(`<section class="kb-tab-panel" id="` + id + `-panel" data-kb-tab="` + html.EscapeString(n.ID) + `"` + cond +
		` aria-labelledby="` + id + `">` + "\n" +
		`<h` + level + ` class="kb-tab-label" id="` + id + `">` + html.EscapeString(n.Label) + `</h` + level + ">\n")
	return ast.WalkContinue, nil
}
