package browser

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

type treeJSON struct {
	ID        string `json:"id"`
	Questions []struct {
		ID        string `json:"id"`
		Remaining int    `json:"remaining"`
	} `json:"questions"`
	Outcomes []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"outcomes"`
	Paths []struct {
		Steps []struct {
			Question string `json:"question"`
			Option   string `json:"option"`
			Slug     string `json:"slug"`
		} `json:"steps"`
		Outcome string `json:"outcome"`
	} `json:"paths"`
}

func readTree(t *testing.T, id string) treeJSON {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, "decisions", id+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var tree treeJSON
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	return tree
}

const current = `section.decision .decision-node.current`

// treeState is what TestTreesEveryPath reads of a tree page after each step.
type treeState struct {
	Progress string // the progress line, spaces collapsed
	Node     string // the current node
	Heading  string // its heading
	Focused  string // the node holding the focus
	Answers  int    // the answers listed
	Hash     string // the fragment
}

const treeStateJS = `(() => {
	const text = e => e ? e.textContent.split(/\s+/).filter(Boolean).join(" ") : "";
	const cur = document.querySelector("section.decision .decision-node.current");
	const focused = document.activeElement && document.activeElement.closest(".decision-node");
	return {
		progress: text(document.querySelector("section.decision .decision-progress")),
		node: cur ? cur.getAttribute("data-node") : "",
		heading: text(cur && cur.querySelector(".decision-heading")),
		focused: focused ? focused.getAttribute("data-node") : "",
		answers: document.querySelectorAll("section.decision .decision-answers li").length,
		hash: location.hash,
	};
})()`

// TestTreesEveryPath clicks through every path of both default trees, from
// disk, and checks each question's progress line, that focus lands on each
// new question, the fragment, the answers so far and the outcome reached.
func TestTreesEveryPath(t *testing.T) {
	ctx := newTab(t)
	for _, id := range []string{"choose-ha-option", "failure-experience"} {
		tree := readTree(t, id)
		remaining := map[string]int{}
		for _, q := range tree.Questions {
			remaining[q.ID] = q.Remaining
		}
		titles := map[string]string{}
		for _, o := range tree.Outcomes {
			titles[o.ID] = o.Title
		}
		if len(tree.Paths) < 6 {
			t.Fatalf("%s: only %d paths", id, len(tree.Paths))
		}
		for _, path := range tree.Paths {
			name := fmt.Sprintf("%s → %s", id, path.Outcome)
			do(t, ctx, name, chromedp.Navigate(fileURL("decisions/"+id+".html")), chromedp.WaitVisible(css(`section.decision.js .decision-node.current`)))
			// The checks of a step read the page at once (treeStateJS): one
			// round trip to the browser per step, besides the click.
			var st treeState
			for i, step := range path.Steps {
				if i == 0 {
					st = eval[treeState](t, ctx, treeStateJS)
				}
				want := fmt.Sprintf("Question %d of at most %d", i+1, i+remaining[step.Question])
				if st.Progress != want {
					t.Errorf("%s, step %d: progress %q, want %q", name, i+1, st.Progress, want)
				}
				do(t, ctx, fmt.Sprintf("%s, step %d (%s)", name, i+1, step.Option),
					chromedp.Click(css(`%s[data-node=%q] a.decision-option[data-option=%q]`, current, step.Question, step.Slug), chromedp.NodeVisible))
				st = eval[treeState](t, ctx, treeStateJS)
				if st.Focused != st.Node {
					t.Errorf("%s, step %d: focus is in node %q, want the new node %q", name, i+1, st.Focused, st.Node)
				}
			}
			if st.Node != path.Outcome || !strings.Contains(st.Heading, titles[path.Outcome]) {
				t.Errorf("%s: ended on %q (%q)", name, st.Node, st.Heading)
			}
			if st.Answers != len(path.Steps) {
				t.Errorf("%s: %d answers listed, want %d", name, st.Answers, len(path.Steps))
			}
			var parts []string
			for _, s := range path.Steps {
				parts = append(parts, s.Question+"="+s.Slug)
			}
			if want := "#" + id + "/" + strings.Join(parts, "/"); st.Hash != want {
				t.Errorf("%s: fragment %q, want %q", name, st.Hash, want)
			}
		}
	}
}

// TestTreeSharedLinkChangeAndStartOver opens a position from a shared link,
// changes an earlier answer and answers with the keyboard, and starts over.
func TestTreeSharedLinkChangeAndStartOver(t *testing.T) {
	ctx := newTab(t)
	url := fileURL("decisions/choose-ha-option.html") + "#choose-ha-option/server=skype-for-business-server-2019/edition=enterprise-edition"
	do(t, ctx, "open a shared link", chromedp.Navigate(url), chromedp.WaitVisible(css(`section.decision.js .decision-node.current`)))
	if node, progress := attr(t, ctx, current, "data-node"), text(t, ctx, `.decision-progress`); node != "sql" || progress != "Question 3 of at most 3" {
		t.Fatalf("shared link opened %q with %q, want question sql, 3 of at most 3", node, progress)
	}
	do(t, ctx, "change the first answer with the keyboard",
		chromedp.Focus(css(`.decision-answers li:first-child button`)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(css(`.decision-node.current[data-node="server"]`)))
	if progress := text(t, ctx, `.decision-progress`); progress != "Question 1 of at most 5" {
		t.Errorf("after Change: %q", progress)
	}
	do(t, ctx, "answer with the keyboard",
		chromedp.Focus(css(`.decision-node.current a[data-option="skype-for-business-server-2015"]`)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(css(`.decision-node.current[data-node="setup"]`)))
	do(t, ctx, "start over",
		chromedp.Click(css(`.decision-answers > button`)),
		chromedp.WaitVisible(css(`.decision-node.current[data-node="server"]`)))
	if n := eval[int](t, ctx, `document.querySelectorAll(".decision-answers li").length`); n != 0 {
		t.Errorf("Start over left %d answers", n)
	}
	do(t, ctx, "go back", chromedp.NavigateBack(), chromedp.WaitVisible(css(`.decision-node.current[data-node="setup"]`)))
}

// TestTreeWithoutJavaScript follows one path with JavaScript disabled: every
// option is a plain link to the next node's anchor, and only that node shows.
func TestTreeWithoutJavaScript(t *testing.T) {
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the tree", chromedp.Navigate(fileURL("decisions/choose-ha-option.html")),
		chromedp.WaitVisible(css(`#choose-ha-option-server`)),
		chromedp.WaitNotVisible(css(`#choose-ha-option-edition`)))
	for _, s := range []struct{ node, option, next string }{
		{"server", "skype-for-business-server-2019", "edition"},
		{"edition", "enterprise-edition", "sql"},
		{"sql", "sql-server-2012-sp2-cu2-or-sql-server-2014", "alwayson"},
	} {
		do(t, ctx, s.node+" → "+s.next,
			chromedp.Click(css(`#choose-ha-option-%s a[data-option=%q]`, s.node, s.option), chromedp.NodeVisible),
			chromedp.WaitVisible(css(`#choose-ha-option-%s`, s.next)),
			chromedp.WaitNotVisible(css(`#choose-ha-option-%s`, s.node)))
	}
	if heading := text(t, ctx, `#choose-ha-option-alwayson .decision-heading`); !strings.Contains(heading, "AlwaysOn Availability Groups") {
		t.Errorf("outcome heading %q", heading)
	}
	if cls := attr(t, ctx, `section.decision`, "class"); strings.Contains(cls, "js") {
		t.Errorf("the tree ran its script with JavaScript disabled: class %q", cls)
	}
	nodes, err := run(ctx, chromedp.Nodes(chromedp.CSSAll(`#choose-ha-option-diagram svg a`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 10 {
		t.Errorf("the diagram has %d node links, want 10", len(nodes))
	}
}
