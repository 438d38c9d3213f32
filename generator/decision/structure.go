package decision

import (
	"strings"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// structure checks that every node is reachable from the start and that no
// path loops back on itself. It returns false when the tree cannot be
// enumerated (a cycle, or an option that leads nowhere).
func (l *loader) structure(t *Tree) bool {
	ok := true
	// Reachability, with the first path found to each node for messages.
	via := map[*Node][]Step{t.Start: nil}
	queue := []*Node{t.Start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, op := range n.Options {
			if op.Next == nil {
				ok = false // reported where the option was read
				continue
			}
			if _, seen := via[op.Next]; !seen {
				steps := append(append([]Step(nil), via[n]...), Step{Question: n, Option: op})
				via[op.Next] = steps
				queue = append(queue, op.Next)
			}
		}
	}
	for _, n := range t.Nodes {
		if _, reached := via[n]; !reached {
			l.errorf(n.Pos, diag.RuleTreeUnreachable, "%s %q cannot be reached: no option on any path from the start (%s) leads to it", kind(n), n.ID, t.Start.ID)
		}
		if !n.Outcome && len(n.Options) < 2 {
			ok = false
		}
	}
	// Cycles: depth-first, reporting the loop itself.
	const (
		unseen = iota
		active
		done
	)
	state := map[*Node]int{}
	var stack []Step
	var visit func(n *Node) bool
	visit = func(n *Node) bool {
		state[n] = active
		for _, op := range n.Options {
			if op.Next == nil {
				continue
			}
			stack = append(stack, Step{Question: n, Option: op})
			switch state[op.Next] {
			case active:
				var loop []string
				start := 0
				for i, s := range stack {
					if s.Question == op.Next {
						start = i
						break
					}
				}
				for _, s := range stack[start:] {
					loop = append(loop, s.Question.ID+": "+s.Option.Label)
				}
				l.errorf(op.Pos, diag.RuleTreeCycle, "option %q of question %q leads back to %q, making a loop: %s → %s; every path must end in an outcome",
					op.Label, n.ID, op.Next.ID, strings.Join(loop, " → "), op.Next.ID)
				return false
			case unseen:
				if !visit(op.Next) {
					return false
				}
			}
			stack = stack[:len(stack)-1]
		}
		state[n] = done
		return true
	}
	if !visit(t.Start) {
		return false
	}
	if ok {
		remaining(t.Start, map[*Node]bool{})
	}
	return ok
}

// remaining sets Node.Remaining: the most questions from n to an outcome.
func remaining(n *Node, seen map[*Node]bool) int {
	if n.Outcome {
		return 0
	}
	if seen[n] {
		return n.Remaining
	}
	seen[n] = true
	most := 0
	for _, op := range n.Options {
		most = max(most, remaining(op.Next, seen))
	}
	n.Remaining = most + 1
	return n.Remaining
}

// paths enumerates every path and proves each outcome's recommendations
// against the matrix for the facts the path binds.
func (l *loader) paths(t *Tree) {
	var steps []Step
	tooMany := false
	var walk func(n *Node)
	walk = func(n *Node) {
		if tooMany {
			return
		}
		if n.Outcome {
			if len(t.Paths) >= maxPaths {
				l.errorf(t.Pos, diag.RuleTreeTooManyPaths, "tree %q has more than %d paths; split it into several trees", t.ID, maxPaths)
				tooMany = true
				return
			}
			t.Paths = append(t.Paths, Path{Steps: append([]Step(nil), steps...), Outcome: n})
			return
		}
		for _, op := range n.Options {
			steps = append(steps, Step{Question: n, Option: op})
			walk(op.Next)
			steps = steps[:len(steps)-1]
		}
	}
	walk(t.Start)
	reported := map[string]bool{}
	for i := range t.Paths {
		p := &t.Paths[i]
		if !l.facts(p) || l.m.Failed() {
			continue // no proof against a matrix that did not load whole
		}
		for _, f := range p.Outcome.Recommend {
			key := p.String() + "|" + f.ID
			if reported[key] {
				continue
			}
			if msg, sev, notes := l.prove(p, f); msg != "" {
				reported[key] = true
				l.diags.Add(l.at(p.Outcome.Pos, sev, diag.RuleTreeMatrix, "%s", msg).WithNotes(notes...))
			}
		}
	}
}

// facts collects what a path binds. Binding the same dimension twice keeps
// the values both allow; binding nothing allows every value. A path whose
// bindings leave no value, or set a plain fact twice differently, is an error.
func (l *loader) facts(p *Path) bool {
	p.Values = map[*matrix.Dimension][]string{}
	p.Facts = map[string]string{}
	for _, s := range p.Steps {
		for _, b := range s.Option.Binds {
			if b.Dimension == nil {
				if prev, set := p.Facts[b.Key]; set && prev != b.Values[0] {
					l.errorf(s.Option.Pos, diag.RuleTreeContradiction, "path %s sets %s to %q after %q; a path must not contradict itself", p, b.Key, b.Values[0], prev)
					return false
				}
				p.Facts[b.Key] = b.Values[0]
				continue
			}
			prev, set := p.Values[b.Dimension]
			if !set {
				p.Values[b.Dimension] = append([]string(nil), b.Values...)
				continue
			}
			var both []string
			for _, v := range prev {
				for _, w := range b.Values {
					if v == w {
						both = append(both, v)
					}
				}
			}
			if len(both) == 0 {
				l.errorf(s.Option.Pos, diag.RuleTreeContradiction, "path %s binds %s to %s after %s; no value is left", p, b.Key,
					strings.Join(b.Values, ", "), strings.Join(prev, ", "))
				return false
			}
			p.Values[b.Dimension] = both
		}
	}
	for _, d := range l.m.Dimensions {
		if _, set := p.Values[d]; !set {
			for _, v := range d.Values {
				p.Values[d] = append(p.Values[d], v.ID)
			}
		}
	}
	return true
}

// prove checks feature f for every combination of values path p allows. It
// returns a message about the first cell that is not supported (with the
// severity: a deprecated cell is a warning, and a note at the statement that
// says so), or "".
func (l *loader) prove(p *Path, f *matrix.Feature) (string, diag.Severity, []diag.Note) {
	dims := l.m.Dimensions
	idx := make([]int, len(dims))
	var found string
	var sev diag.Severity
	var notes []diag.Note
	var walk func(i int) bool
	walk = func(i int) bool {
		if i == len(dims) {
			c := l.m.Cell(f, idx)
			switch c.Status {
			case matrix.Supported, matrix.Limited:
				return true
			case matrix.Deprecated:
				found, notes = l.cellMessage(p, f, c, "deprecated")
				sev = diag.Warning
				return true // keep looking for worse
			}
			found, notes = l.cellMessage(p, f, c, "")
			sev = diag.Error
			return false
		}
		for _, id := range p.Values[dims[i]] {
			idx[i] = dims[i].Value(id).Index
			if !walk(i + 1) {
				return false
			}
		}
		return true
	}
	walk(0)
	return found, sev, notes
}

func (l *loader) cellMessage(p *Path, f *matrix.Feature, c matrix.Cell, what string) (string, []diag.Note) {
	var why string
	var notes []diag.Note
	if c.Statement == nil {
		why = "no statement of the support matrix covers " + c.Describe()
	} else {
		why = "the support matrix says " + string(c.Status) + " for " + c.Describe()
		notes = []diag.Note{l.note(c.Statement.Pos, "the statement that says "+string(c.Status))}
	}
	if what == "deprecated" {
		return "outcome " + p.Outcome.ID + " recommends " + f.Name + ", which is deprecated on path " + p.String() + ": " + why, notes
	}
	return "outcome " + p.Outcome.ID + " recommends " + f.Name + ", but on path " + p.String() + ": " + why +
		"; change the recommendation, or ask a question that rules this out", notes
}
