package cli

import (
	"strings"
	"testing"
)

var explainSite = map[string]string{
	"rules/matrix.toml": `[[dimension]]
id = "server"
name = "Server version"
values = [{ id = "s1", name = "Server 1" }, { id = "s2", name = "Server 2" }]

[[feature]]
id = "agent"
name = "Backup agent"
article = "a.md"

[[statement]]
feature = "agent"
server = "s1"
status = "supported"
source = "a.md"

[[statement]]
feature = "agent"
server = "s2"
status = "not-supported"
source = "a.md"
`,
	"content/a.md": "---\ntitle: Agent on Server 2\ndescription: The agent.\n---\nThe backup agent is supported.\n\nThe backup agent was supported in Server 2 previews.\n\nNothing here.\n",
}

// TestExplain: kb check --explain prints every claim read in a file, with
// the origin of each fact and the verdict; with :LINE, those on that line.
func TestExplain(t *testing.T) {
	dir := writeSite(t, explainSite)
	code, out, errOut := run("check", "--source", dir, "--explain", "content/a.md")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		`content/a.md:5:1: a sentence: "The backup agent is supported."`,
		"feature Backup agent (from the sentence)",
		"server = Server 2 (from the title, must hold for each)",
		`phrase "is supported": supported`,
		"verdict: contradicted: the support matrix says not-supported for Server 2",
		`content/a.md:7:1: a sentence: "The backup agent was supported in Server 2 previews."`,
		"verdict: not a claim: past tense",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// A line, named from the content folder.
	code, out, _ = run("check", "--source", dir, "--explain", "a.md:7")
	if code != 0 || strings.Contains(out, ":5:1:") || !strings.Contains(out, ":7:1:") {
		t.Errorf("--explain a.md:7: exit %d, output:\n%s", code, out)
	}
	code, out, _ = run("check", "--source", dir, "--explain", "a.md:9")
	if code != 0 || !strings.Contains(out, "a.md:9: no claim read") {
		t.Errorf("--explain a.md:9: exit %d, output:\n%s", code, out)
	}
	code, _, errOut = run("check", "--source", dir, "--explain", "missing.md")
	if code != exitConfig || !strings.Contains(errOut, "missing.md is not an article of the site") {
		t.Errorf("--explain missing.md: exit %d, stderr:\n%s", code, errOut)
	}
}

// TestExplainWithoutMatrix: a site without a support matrix reads no claim,
// and --explain says so rather than that the file is not an article.
func TestExplainWithoutMatrix(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/a.md": explainSite["content/a.md"]})
	code, _, errOut := run("check", "--source", dir, "--explain", "content/a.md")
	if code == 0 || !strings.Contains(errOut, "no support matrix") {
		t.Errorf("exit %d, stderr:\n%s\nwant a message that the site has no support matrix", code, errOut)
	}
}
