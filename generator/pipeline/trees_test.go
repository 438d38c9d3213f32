package pipeline

import (
	"path/filepath"
	"testing"
)

// TestDefaultTrees walks every path of the default decision trees, as kb
// enumerated and proved them, and checks that the JSON export lists each one.
func TestDefaultTrees(t *testing.T) {
	res, dest := buildDefault(t)
	want := map[string]struct{ paths, longest int }{
		"choose-ha-option":   {10, 5},
		"failure-experience": {6, 3},
	}
	if len(res.Trees) != len(want) {
		t.Fatalf("%d trees, want %d", len(res.Trees), len(want))
	}
	for _, tree := range res.Trees {
		w := want[tree.ID]
		if len(tree.Paths) != w.paths || tree.Longest() != w.longest {
			t.Errorf("%s: %d paths, longest %d; want %d and %d", tree.ID, len(tree.Paths), tree.Longest(), w.paths, w.longest)
		}
		reached := map[string]bool{}
		for _, p := range tree.Paths {
			// Walk the path from the start: each step's option must lead to
			// the next step's question, and the last one to the outcome.
			node := tree.Start
			for _, s := range p.Steps {
				if s.Question != node {
					t.Fatalf("%s: path %v leaves %s for %s", tree.ID, p, node.ID, s.Question.ID)
				}
				node = s.Option.Next
			}
			if node != p.Outcome || !node.Outcome {
				t.Errorf("%s: path %v ends at %s", tree.ID, p, node.ID)
			}
			reached[p.Outcome.ID] = true
		}
		for _, n := range tree.Nodes {
			if n.Outcome && !reached[n.ID] {
				t.Errorf("%s: outcome %s is on no path", tree.ID, n.ID)
			}
		}
		var doc struct {
			Paths []struct {
				Outcome string         `json:"outcome"`
				Facts   map[string]any `json:"facts"`
			} `json:"paths"`
		}
		readJSON(t, filepath.Join(dest, "decisions", tree.ID+".json"), &doc)
		if len(doc.Paths) != len(tree.Paths) {
			t.Errorf("%s.json lists %d paths, want %d", tree.ID, len(doc.Paths), len(tree.Paths))
		}
		for i, p := range doc.Paths {
			if p.Outcome != tree.Paths[i].Outcome.ID || len(p.Facts) == 0 {
				t.Errorf("%s.json path %d: %+v", tree.ID, i, p)
			}
		}
	}
}
