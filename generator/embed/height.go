package embed

import (
	"strings"

	"kb/generator/decision"
)

// Height estimates, in CSS pixels, the height a frame OEmbedWidth wide needs
// to show every step of tree t without a scroll bar: the tallest of its
// questions and outcomes, each with the list of answers that leads to it on
// its longest path. The browser test measures the real heights of the
// default trees against it. Lengths follow the theme's kb.css at 16px; a
// line holds about charsPerLine characters.
func Height(t *decision.Tree) int {
	tallest := 0.0
	for _, p := range t.Paths {
		for i, s := range p.Steps {
			tallest = max(tallest, answersHeight(p.Steps[:i])+nodeHeight(s.Question))
		}
		tallest = max(tallest, answersHeight(p.Steps)+nodeHeight(p.Outcome))
	}
	h := int(frameChrome+tallest) + 40 // room for fonts wider than guessed
	return (h + 9) / 10 * 10
}

const (
	charsPerLine = 80
	textLine     = 25.6 // 16px × 1.6
	smallLine    = 23.6 // .92rem × 1.6
	headingLine  = 24   // 1.2rem × 1.25
	// padding, border, title, progress line and the link to the site
	frameChrome = 4 + 2 + 32 + 34 + 31 + 28
)

func lines(text string, perLine int) float64 {
	n := len([]rune(text))
	return float64(max(1, (n+perLine-1)/perLine))
}

// nodeHeight is the height of a question or an outcome.
func nodeHeight(n *decision.Node) float64 {
	heading := n.Text
	if n.Outcome {
		heading = "Result: " + n.Title
	}
	h := 5 + lines(heading, charsPerLine*4/5)*headingLine + 12
	if n.Outcome {
		if n.Body != "" {
			h += lines(n.Body, charsPerLine)*textLine + 16
		}
		if len(n.Recommend) > 0 {
			var names []string
			for _, f := range n.Recommend {
				names = append(names, f.Name)
			}
			h += lines("Recommended: "+strings.Join(names, ", "), charsPerLine)*textLine + 16
		}
		for _, l := range n.Links {
			h += lines(l.Text, charsPerLine) * textLine
		}
		if len(n.Links) > 0 {
			h += 16
		}
		return h + textLine + 16 // Start over
	}
	if n.Help != "" {
		h += lines(n.Help, charsPerLine)*textLine + 16
	}
	for _, op := range n.Options {
		h += lines(op.Label, charsPerLine-6)*textLine + 21 + 8
	}
	return h + 16
}

// answersHeight is the height of the list of answers given.
func answersHeight(steps []decision.Step) float64 {
	if len(steps) == 0 {
		return 0
	}
	h := smallLine + 3 + 16 + smallLine + 8 // title, list margin, buttons
	for _, s := range steps {
		// the line with the Change button is a little taller
		h += (lines(s.Question.Text+" "+s.Option.Label+" Change", charsPerLine+8)-1)*smallLine + 27 + 5
	}
	return h
}
