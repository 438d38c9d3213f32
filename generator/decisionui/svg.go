package decisionui

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"kb/generator/decision"
)

// Diagram layout, in SVG user units (pixels at 100%).
const (
	boxWidth    = 190
	lineHeight  = 16
	boxPadding  = 10
	charsPerBox = 25 // characters per line inside a box, roughly, at 13px
	hGap        = 28
	vGap        = 84 // room between layers for edge labels (up to three lines) and edges
	margin      = 16
)

type placed struct {
	node  *decision.Node
	layer int
	x, y  float64 // top-left
	h     float64
	lines []string
}

// Diagram draws the whole tree as an inline SVG, laid out at build time: each
// node on the layer of its longest distance from the start, layers ordered to
// keep parents above children and crossings few, each node a link to its
// place in the tree. Edges are drawn first, then their labels over them, then
// the boxes.
func Diagram(t *decision.Tree, prefix string) string {
	nodes, routes, width := layout(t)
	byNode := map[*decision.Node]*placed{}
	height := 0.0
	for _, p := range nodes {
		byNode[p.node] = p
		height = max(height, p.y+p.h+margin)
	}
	var b strings.Builder
	writeDiagramStart(&b, t, prefix, width, height)
	edges := diagramEdges(routes, byNode)
	for _, e := range edges {
		writeEdge(&b, e, prefix)
	}
	for _, e := range edges {
		writeEdgeLabel(&b, e)
	}
	for _, p := range nodes {
		writeBox(&b, p, prefix)
	}
	b.WriteString("</svg>\n</div>\n</figure>\n")
	return b.String()
}

// writeDiagramStart writes the figure, its caption and the SVG element up to
// its first shape: the title and the arrowhead marker edges end with.
func writeDiagramStart(b *strings.Builder, t *decision.Tree, prefix string, width, height float64) {
	esc := html.EscapeString
	fmt.Fprintf(b, `<figure class="decision-diagram" id="%s-diagram">`+"\n", esc(prefix))
	fmt.Fprintf(b, `<figcaption>The whole tree: %d questions and outcomes; select one to go to it.</figcaption>`+"\n", len(t.Nodes))
	b.WriteString(`<div class="decision-diagram-scroll">` + "\n")
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="group" aria-labelledby="%s-diagram-title">`+"\n",
		width, height, width, height, esc(prefix))
	fmt.Fprintf(b, `<title id="%s-diagram-title">Diagram of the decision tree: %s</title>`+"\n", esc(prefix), esc(t.Title))
	fmt.Fprintf(b, `<defs><marker id="%s-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="dg-arrow" fill="#59636e"/></marker></defs>`+"\n", esc(prefix))
}

// edge is one route as drawn: from its port on the parent's bottom edge
// (x1, y1) through its waypoints to the top middle of the child (x2, y2),
// with its label's lines, centred at (lx, ly).
type edge struct {
	x1, y1, x2, y2 float64
	waypoints      []*item
	label          []string
	lx, ly         float64
}

// diagramEdges places every route's edge. Each option leaves its box from a
// port of its own along the bottom edge, with its label just under the port,
// so labels never overlap; a label is at most three lines.
func diagramEdges(routes []route, byNode map[*decision.Node]*placed) []edge {
	var edges []edge
	for _, r := range routes {
		p, c := byNode[r.from], byNode[r.to]
		op := r.from.Options[r.option]
		slot := float64(boxWidth) / float64(len(r.from.Options))
		e := edge{x1: p.x + slot*(float64(r.option)+0.5), y1: p.y + p.h, x2: c.x + boxWidth/2, y2: c.y, waypoints: r.waypoints}
		e.label = wrap(op.Label, max(int(slot/6.4), 8))
		if len(e.label) > 3 {
			e.label = append(e.label[:2], strings.TrimSpace(e.label[2])+"…")
		}
		e.lx, e.ly = e.x1, e.y1+6
		edges = append(edges, e)
	}
	return edges
}

// writeEdge draws an edge: curves between layers, straight lines down
// through the layers it crosses.
func writeEdge(b *strings.Builder, e edge, prefix string) {
	var d strings.Builder
	fmt.Fprintf(&d, "M%.1f,%.1f", e.x1, e.y1)
	x, y := e.x1, e.y1
	curve := func(x2, y2 float64) {
		my := (y + y2) / 2
		fmt.Fprintf(&d, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x, my, x2, my, x2, y2)
		x, y = x2, y2
	}
	for _, w := range e.waypoints {
		curve(w.x, w.top)
		fmt.Fprintf(&d, " L%.1f,%.1f", w.x, w.bottom)
		y = w.bottom
	}
	curve(e.x2, e.y2)
	fmt.Fprintf(b, `<path class="dg-edge" d="%s" fill="none" stroke="#59636e" stroke-width="1.5" marker-end="url(#%s-arrow)"/>`+"\n", d.String(), html.EscapeString(prefix))
}

// writeEdgeLabel draws an edge's label on a white background sized to its
// longest line.
func writeEdgeLabel(b *strings.Builder, e edge) {
	w := 0
	for _, l := range e.label {
		w = max(w, len([]rune(l)))
	}
	bw := float64(w)*6.2 + 6
	bh := float64(len(e.label))*12 + 3
	fmt.Fprintf(b, `<g class="dg-label"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="3" fill="#ffffff" opacity="0.95"/>`,
		e.lx-bw/2, e.ly, bw, bh)
	for i, l := range e.label {
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10.5" fill="#1f2328">%s</text>`,
			e.lx, e.ly+12*float64(i+1)-2, html.EscapeString(l))
	}
	b.WriteString("</g>\n")
}

// writeBox draws a node's box as a link to its place in the tree: a
// question square-cornered and grey, an outcome rounded and green.
func writeBox(b *strings.Builder, p *placed, prefix string) {
	n := p.node
	cls, fill, rx := "dg-question", "#f6f8fa", 4
	if n.Outcome {
		cls, fill, rx = "dg-outcome", "#dafbe1", 14
	}
	fmt.Fprintf(b, `<a href="#%s" class="%s"><title>%s</title>`, nodeID(prefix, n), cls, html.EscapeString(kindLabel(n)+boxText(n)))
	fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%d" height="%.1f" rx="%d" fill="%s" stroke="#59636e" stroke-width="1.2"/>`,
		p.x, p.y, boxWidth, p.h, rx, fill)
	for i, l := range p.lines {
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="13" fill="#1f2328">%s</text>`,
			p.x+boxWidth/2, p.y+boxPadding+lineHeight*float64(i+1)-3, html.EscapeString(l))
	}
	b.WriteString("</a>\n")
}

func kindLabel(n *decision.Node) string {
	if n.Outcome {
		return "Result: "
	}
	return "Question: "
}

// item is one slot in a layer: a node, or a waypoint of an edge that crosses
// the layer (so that no edge is drawn through a box).
type item struct {
	node        *decision.Node
	x, w        float64
	layer       int
	parent      []*item   // items one layer up connected to this one
	port        []float64 // per parent, where the edge leaves it: -0.5 (left) to 0.5 (right)
	child       []*item   // items one layer down connected to this one
	top, bottom float64   // for a waypoint: the layer's vertical extent
}

// route is one option's edge: from its node through its waypoints to the
// next node.
type route struct {
	from      *decision.Node
	option    int
	to        *decision.Node
	waypoints []*item
}

// layout places every node reachable from the start and routes every edge:
// it assigns layers, orders each layer to keep crossings few, then gives
// every item its coordinates.
func layout(t *decision.Tree) ([]*placed, []route, float64) {
	order := topological(t)
	layers, routes := buildLayers(order, longestDistance(order))
	layers = reduceCrossings(layers)
	nodes, total := place(layers)
	return nodes, routes, total + 2*margin
}

// longestDistance gives each node its layer: the longest distance from the
// start, so every edge points down. order lists parents before children.
func longestDistance(order []*decision.Node) map[*decision.Node]int {
	layer := map[*decision.Node]int{}
	for _, n := range order {
		for _, op := range n.Options {
			layer[op.Next] = max(layer[op.Next], layer[n]+1)
		}
	}
	return layer
}

// buildLayers puts every node on its layer, in discovery order, and routes
// each option's edge through a waypoint on every layer it crosses.
func buildLayers(order []*decision.Node, layer map[*decision.Node]int) ([][]*item, []route) {
	var layers [][]*item
	put := func(it *item) {
		for len(layers) <= it.layer {
			layers = append(layers, nil)
		}
		layers[it.layer] = append(layers[it.layer], it)
	}
	items := map[*decision.Node]*item{}
	for _, n := range order {
		it := &item{node: n, layer: layer[n], w: boxWidth}
		items[n] = it
		put(it)
	}
	var routes []route
	for _, n := range order {
		for i, op := range n.Options {
			r := route{from: n, option: i, to: op.Next}
			prev := items[n]
			port := (float64(i)+0.5)/float64(len(n.Options)) - 0.5
			for l := layer[n] + 1; l < layer[op.Next]; l++ {
				w := &item{layer: l, w: 18, parent: []*item{prev}, port: []float64{port}}
				prev.child = append(prev.child, w)
				put(w)
				r.waypoints = append(r.waypoints, w)
				prev, port = w, 0
			}
			to := items[op.Next]
			to.parent = append(to.parent, prev)
			to.port = append(to.port, port)
			prev.child = append(prev.child, to)
			routes = append(routes, r)
		}
	}
	return layers, routes
}

// reduceCrossings orders the items within each layer: from discovery order,
// it alternates sweeps down (each item towards the average position of its
// parents) and up (of its children), and returns the order with the fewest
// crossings.
func reduceCrossings(layers [][]*item) [][]*item {
	pos := map[*item]float64{}
	for _, row := range layers {
		for i, it := range row {
			pos[it] = float64(i)
		}
	}
	best, bestOrder := crossings(layers), snapshot(layers)
	for sweep := 0; sweep < 8; sweep++ {
		if sweep%2 == 0 {
			for _, row := range layers[1:] {
				reorder(row, pos, true)
			}
		} else {
			for i := len(layers) - 2; i >= 0; i-- {
				reorder(layers[i], pos, false)
			}
		}
		if c := crossings(layers); c < best {
			best, bestOrder = c, snapshot(layers)
		}
	}
	return bestOrder
}

// reorder sorts one layer by the barycentre of each item's neighbours (its
// parents going down, its children going up) and records the new positions,
// centred on zero, in pos. Going down, a parent counts at the port its edge
// leaves from, so edges from one box do not cross each other.
func reorder(row []*item, pos map[*item]float64, down bool) {
	bary := map[*item]float64{}
	for _, it := range row {
		ns := it.child
		if down {
			ns = it.parent
		}
		if len(ns) == 0 {
			bary[it] = pos[it]
			continue
		}
		sum := 0.0
		for j, p := range ns {
			sum += pos[p]
			if down {
				sum += it.port[j] * 0.9
			}
		}
		bary[it] = sum / float64(len(ns))
	}
	slices.SortStableFunc(row, func(a, b *item) int {
		switch {
		case bary[a] < bary[b]:
			return -1
		case bary[a] > bary[b]:
			return 1
		}
		return 0
	})
	for i, it := range row {
		pos[it] = float64(i) - float64(len(row)-1)/2
	}
}

// rowWidth is the width of one layer's items and the gaps between them.
func rowWidth(row []*item) float64 {
	w := 0.0
	for i, it := range row {
		if i > 0 {
			w += hGap
		}
		w += it.w
	}
	return w
}

// place gives every item its coordinates, each layer centred in the widest
// one and as tall as its tallest box, and returns the placed nodes and the
// width of the widest layer.
func place(layers [][]*item) ([]*placed, float64) {
	total := 0.0
	for _, row := range layers {
		total = max(total, rowWidth(row))
	}
	var out []*placed
	y := float64(margin)
	for li, row := range layers {
		placedRow, tallest := placeRow(row, li, margin+(total-rowWidth(row))/2, y)
		out = append(out, placedRow...)
		y += tallest + vGap
	}
	return out, total
}

// placeRow places one layer, layer number li, from x at the top y, and
// returns its nodes' boxes and the height of the tallest. A waypoint is
// centred in its slot and runs down the whole layer.
func placeRow(row []*item, li int, x, y float64) ([]*placed, float64) {
	tallest := 0.0
	var placedRow []*placed
	for _, it := range row {
		it.x = x
		x += it.w + hGap
		if it.node == nil {
			continue
		}
		lines := wrap(boxText(it.node), charsPerBox)
		p := &placed{node: it.node, layer: li, x: it.x, y: y, lines: lines, h: float64(len(lines)*lineHeight + 2*boxPadding)}
		tallest = max(tallest, p.h)
		placedRow = append(placedRow, p)
	}
	for _, it := range row {
		if it.node == nil {
			it.x += it.w / 2
			it.top, it.bottom = y, y+tallest
		}
	}
	return placedRow, tallest
}

// boxText is what a node's box says: a question's text, an outcome's title.
func boxText(n *decision.Node) string {
	if n.Outcome {
		return n.Title
	}
	return n.Text
}

// crossings counts pairs of edges between adjacent layers that cross.
func crossings(layers [][]*item) int {
	n := 0
	for l := 0; l+1 < len(layers); l++ {
		below := map[*item]int{}
		for i, it := range layers[l+1] {
			below[it] = i
		}
		// An edge is (where it leaves the upper item, which item it reaches).
		var edges [][2]float64
		for i, it := range layers[l] {
			for _, c := range it.child {
				port := 0.0
				for j, p := range c.parent {
					if p == it {
						port = c.port[j]
					}
				}
				edges = append(edges, [2]float64{float64(i) + port, float64(below[c])})
			}
		}
		for a := 0; a < len(edges); a++ {
			for b := a + 1; b < len(edges); b++ {
				if (edges[a][0]-edges[b][0])*(edges[a][1]-edges[b][1]) < 0 {
					n++
				}
			}
		}
	}
	return n
}

func snapshot(layers [][]*item) [][]*item {
	out := make([][]*item, len(layers))
	for i, row := range layers {
		out[i] = slices.Clone(row)
	}
	return out
}

// topological lists the nodes reachable from the start, parents before
// children, in breadth-first order where the tree allows.
func topological(t *decision.Tree) []*decision.Node {
	indegree := map[*decision.Node]int{}
	reach := []*decision.Node{t.Start}
	seen := map[*decision.Node]bool{t.Start: true}
	for i := 0; i < len(reach); i++ {
		for _, op := range reach[i].Options {
			indegree[op.Next]++
			if !seen[op.Next] {
				seen[op.Next] = true
				reach = append(reach, op.Next)
			}
		}
	}
	var out []*decision.Node
	queue := []*decision.Node{t.Start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		out = append(out, n)
		for _, op := range n.Options {
			indegree[op.Next]--
			if indegree[op.Next] == 0 {
				queue = append(queue, op.Next)
			}
		}
	}
	return out
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
