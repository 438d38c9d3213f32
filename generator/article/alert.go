package article

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Alerts are Microsoft Docs callouts: a block quote whose first line is a
// marker such as [!NOTE], in any letter case.
//
//	> [!WARNING]
//	> Back up the transaction logs first.
//
// The transformer replaces such a block quote with an Alert node holding the
// same children (less the marker); the renderer writes a labelled callout.
// A marker of an unknown type is left as a block quote, and Parse warns.

// alertTypes are the known alert types, lower case, with their labels and the
// symbol shown beside the label (so the type never depends on colour alone).
var alertTypes = map[string]struct{ label, symbol string }{
	"note":      {"Note", "ℹ"},
	"tip":       {"Tip", "✓"},
	"important": {"Important", "!"},
	"caution":   {"Caution", "⚠"},
	"warning":   {"Warning", "⚠"},
}

// KindAlert is the node kind of an Alert.
var KindAlert = ast.NewNodeKind("Alert")

// Alert is a callout block: a note, tip, important, caution or warning.
type Alert struct {
	ast.BaseBlock
	AlertType string // lower case, a key of alertTypes
}

// Kind implements ast.Node.
func (n *Alert) Kind() ast.NodeKind { return KindAlert }

// Dump implements ast.Node.
func (n *Alert) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"AlertType": n.AlertType}, nil)
}

// alertMarker reports the marker word of a block quote whose first line is
// "[!WORD]" (letters only), and the segment of that line.
func alertMarker(bq *ast.Blockquote, source []byte) (word string, line text.Segment, ok bool) {
	para, isPara := bq.FirstChild().(*ast.Paragraph)
	if !isPara || para.Lines().Len() == 0 {
		return "", line, false
	}
	line = para.Lines().At(0)
	v := bytes.TrimSpace(line.Value(source))
	if len(v) < 4 || v[0] != '[' || v[1] != '!' || v[len(v)-1] != ']' {
		return "", line, false
	}
	w := v[2 : len(v)-1]
	for _, c := range w {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return "", line, false
		}
	}
	return strings.ToLower(string(w)), line, len(w) > 0
}

type alertTransformer struct{}

// Transform replaces block quotes that start with a known marker by Alerts.
func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	for _, bq := range blockquotes(doc) {
		word, line, ok := alertMarker(bq, source)
		if _, known := alertTypes[word]; !ok || !known {
			continue
		}
		alert := &Alert{AlertType: word}
		alert.SetPos(bq.Pos())
		dropMarkerLine(bq, bq.FirstChild().(*ast.Paragraph), line)
		replaceBlock(bq, alert)
	}
}

// blockquotes are the block quotes of doc, in document order (alerts and
// styled blocks are block quotes with a marker line).
func blockquotes(doc ast.Node) []*ast.Blockquote {
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, bq)
		}
		return ast.WalkContinue, nil
	})
	return quotes
}

// dropMarkerLine removes the marker line of a block quote, the first line
// of its first paragraph para, and para when nothing else is in it.
func dropMarkerLine(bq *ast.Blockquote, para *ast.Paragraph, line text.Segment) {
	dropFirstLine(para, line)
	if para.ChildCount() == 0 || para.Lines().Len() == 0 {
		bq.RemoveChild(bq, para)
	}
}

// replaceBlock moves the children of old into n, and puts n in old's place.
func replaceBlock(old, n ast.Node) {
	for c := old.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.AppendChild(n, c)
		c = next
	}
	old.Parent().ReplaceChild(old.Parent(), old, n)
}

type alertRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, renderAlert)
}

func renderAlert(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Alert)
	if entering {
		t := alertTypes[n.AlertType]
		_, _ = w.WriteString(`<div class="alert alert-` + n.AlertType + `" role="note" aria-label="` + t.label + `">` +
			`<p class="alert-title"><span class="alert-symbol" aria-hidden="true">` + t.symbol + `</span> ` + t.label + "</p>\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
