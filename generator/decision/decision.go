// Package decision holds decision trees: guided questions that end in an
// outcome recommending features of the support matrix. Each tree is one TOML
// file in rules/decisions/ (documented in full in docs/decision-trees.md):
//
//	title = "Choose a Back End high-availability option"
//	start = "server"
//
//	[[question]]
//	id = "server"
//	text = "Which Skype for Business Server version runs the pool?"
//	dimension = "server"      # options bind values of this matrix dimension
//	covers = true             # ... and together cover all of them
//	options = [
//	  { label = "Skype for Business Server 2015", value = "sfb2015", next = "setup" },
//	  { label = "Skype for Business Server 2019", value = "sfb2019", next = "edition" },
//	]
//
//	[[outcome]]
//	id = "mirroring"
//	title = "Database mirroring"
//	text = "..."
//	recommend = ["mirroring"]  # matrix features
//	links = [{ text = "Database mirroring", href = "options/database-mirroring.md" }]
//
// An option binds facts with value (a value of its question's dimension) or
// set = { dimension = "value" or ["values"], fact = "plain value" }: keys that
// are dimension ids bind matrix values, other keys are plain facts.
//
// Load checks each tree's structure (ids, start, targets, reachability, dead
// ends, cycles, labels, dimension coverage) and then enumerates every path
// from the start to an outcome, collecting the facts it binds, and proves
// that each recommended feature is supported by the matrix for every
// combination of values those facts allow (a dimension the path never binds
// allows all its values). Links to articles are checked by package check.
package decision

import (
	"fmt"
	"strings"

	"kb/generator/diag"
	"kb/generator/matrix"
)

// Dir is the folder of a site that holds the trees, one per file.
const Dir = "rules/decisions"

// Tree is one decision tree.
type Tree struct {
	ID          string
	Title       string
	Description string
	File        string
	Start       *Node
	Nodes       []*Node // questions, then outcomes, in file order
	Paths       []Path  // every path from Start to an outcome, in option order
	Pos         diag.Pos
}

// Node is a question or an outcome.
type Node struct {
	ID   string
	Tree *Tree
	Pos  diag.Pos

	// A question
	Text      string
	Help      string
	Dimension *matrix.Dimension // bound by the options, or nil
	Covers    bool              // the options cover every value of Dimension
	Options   []*Option

	// An outcome (Outcome is true)
	Outcome   bool
	Title     string
	Recommend []*matrix.Feature
	Links     []Link
	Body      string // the outcome's explanation (Text for a question)

	// Remaining is the most questions a reader may still answer from here,
	// this one included: 0 for an outcome.
	Remaining int
}

// Option is an answer to a question.
type Option struct {
	Label string
	Slug  string // the label as an id, unique within the question
	Next  *Node
	Binds []Binding
	Pos   diag.Pos
}

// Binding is a fact an option sets: values of a matrix dimension, or a plain
// fact (Dimension nil, Key and one value).
type Binding struct {
	Dimension *matrix.Dimension
	Key       string
	Values    []string
}

// Link is a link from an outcome to an article section.
type Link struct {
	Text string
	Href string // content-relative "path.md#anchor"
	Pos  diag.Pos
}

// Step is one answered question of a path.
type Step struct {
	Question *Node
	Option   *Option
}

// Path is one way through a tree.
type Path struct {
	Steps   []Step
	Outcome *Node
	// Values holds, per matrix dimension, the value ids the path allows:
	// those its options bound, or every value when it bound none.
	Values map[*matrix.Dimension][]string
	Facts  map[string]string // plain facts
}

// String shows a path as a reader would walk it:
// "server: Skype for Business Server 2019 → edition: Enterprise Edition → outcome ag".
func (p Path) String() string {
	var parts []string
	for _, s := range p.Steps {
		parts = append(parts, s.Question.ID+": "+s.Option.Label)
	}
	if p.Outcome != nil {
		parts = append(parts, "outcome "+p.Outcome.ID)
	}
	return strings.Join(parts, " → ")
}

// Node returns the node with id, or nil.
func (t *Tree) Node(id string) *Node {
	for _, n := range t.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// Longest is the most questions on one path.
func (t *Tree) Longest() int {
	n := 0
	for _, p := range t.Paths {
		n = max(n, len(p.Steps))
	}
	return n
}

// Summary is the line kb prints about a tree.
func (t *Tree) Summary() string {
	return fmt.Sprintf("decision tree %s: %d paths, the longest %d questions", t.ID, len(t.Paths), t.Longest())
}
