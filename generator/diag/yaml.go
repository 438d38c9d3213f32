package diag

import (
	"strconv"
	"strings"
)

// YAMLError reads an error of go.yaml.in/yaml/v3 ("yaml: line 3: did not
// find expected key"): the line of the YAML text it names, counted from 1,
// or 0 when it names none, and the message without its "yaml: line N: "
// prefix. yaml.v3 counts its scanner's lines from 1 but its parser's from 0
// (a flow sequence never closed is reported a line above its "["): the
// line of a parser's message is moved down by one.
func YAMLError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	digits, text, ok := strings.Cut(rest, ": ")
	n, convErr := strconv.Atoi(digits)
	if !ok || convErr != nil || n < 0 || n > 1<<30 {
		return 0, msg
	}
	if yamlParserProblem(text) {
		n++
	}
	return max(n, 1), text
}

// yamlParserProblem reports whether msg is one of the messages of yaml.v3's
// parser (parserc.go); its scanner's ("did not find expected tag URI") are
// counted from 1 already.
func yamlParserProblem(msg string) bool {
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected <document start>",
		"did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}
