package article

import (
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kb/generator/diag"
)

// mapFiles is a content folder in memory.
type mapFiles map[string]string

func (f mapFiles) File(p string) bool { _, ok := f[p]; return ok }
func (f mapFiles) Dir(d string) bool {
	for p := range f {
		if strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}
func (f mapFiles) Fold(p string) (string, bool) {
	for k := range f {
		if strings.EqualFold(k, p) {
			return k, true
		}
	}
	return "", false
}
func (f mapFiles) ReadFile(p string) ([]byte, error) {
	s, ok := f[p]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return []byte(s), nil
}

func render(t *testing.T, files mapFiles, name string) (*Article, diag.List) {
	t.Helper()
	p := NewParser(files, nil)
	a, _ := ReadHeader("", name, []byte(files[name]))
	diags := p.Render(a, []byte(files[name]))
	return a, diags
}

func TestIncludeBlockAndInline(t *testing.T) {
	files := mapFiles{
		"docs/a.md": "---\ntitle: A\n---\n# A\n\n[!INCLUDE [applies](../includes/applies.md)]\n\n" +
			"| Version | Support |\n|---|---|\n| 2019 | [!INCLUDE [yes](../includes/yes.md)] |\n\n" +
			"1. Step one:\n\n   [!INCLUDE [steps](../includes/steps.md)]\n\n2. Step two\n\n" +
			"```\n[!INCLUDE [shown](../includes/yes.md)]\n```\n",
		"includes/applies.md":  "---\nms.topic: include\n---\n**APPLIES TO:** 2016, 2019\n\n## Shared heading\n\nSee [the other page](../docs/b.md#part) and ![pic](media/p.png).\n",
		"includes/yes.md":      "Supported\n",
		"includes/steps.md":    "Run this:\n\n```powershell\nGet-Thing\n```\n",
		"includes/media/p.png": "png",
		"docs/b.md":            "# B\n\n## Part\n",
	}
	a, diags := render(t, files, "docs/a.md")
	for _, d := range diags.Items() {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	body := string(a.Body)
	for _, want := range []string{
		"<strong>APPLIES TO:</strong> 2016, 2019",
		`<h2 id="shared-heading">Shared heading</h2>`,
		`<a href="b.html#part">the other page</a>`, // relative to the include, written relative to the page
		`<img src="../includes/media/p.png" alt="pic">`,
		"<td>Supported</td>",
		"<li>\n<p>Step one:</p>\n<p>Run this:</p>\n<div class=\"code\">",
		"[!INCLUDE [shown](../includes/yes.md)]", // in a code block: text
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if !slices.ContainsFunc(a.Headings, func(h Heading) bool { return h.ID == "shared-heading" }) {
		t.Errorf("headings %v lack the include's", a.Headings)
	}
	if len(a.Links) != 1 || a.Links[0].Target != "docs/b.md" || a.Links[0].Pos.File != "includes/applies.md" || a.Links[0].Pos.Via == nil {
		t.Errorf("links = %+v, want one to docs/b.md written in includes/applies.md, with where it was included", a.Links)
	}
}

// A problem in an included file is reported at the included file's line,
// with a note at the [!INCLUDE] of the article (and of each include on the
// way); a problem after an include at the article's own line.
func TestIncludeDiagnosticPositions(t *testing.T) {
	files := mapFiles{
		"a.md":              "# A\n\nText.\n\n[!INCLUDE [outer](includes/outer.md)]\n\n[broken](missing.md)\n",
		"includes/outer.md": "Outer.\n\n[!INCLUDE [inner](inner.md)]\n",
		"includes/inner.md": "Line one.\n\nSee [gone](gone.md).\n",
	}
	_, diags := render(t, files, "a.md")
	var got []string
	for _, d := range diags.Items() {
		s := d.Path + ":" + itoa(d.Line) + ":" + itoa(d.Col) + " " + d.Rule + " " + d.Excerpt
		for _, n := range d.Notes {
			s += " | " + d.NotePath(n) + ":" + itoa(n.Line) + " " + n.Message
		}
		got = append(got, s)
	}
	slices.Sort(got)
	want := []string{
		"a.md:7:1 link-missing-file [broken](missing.md)",
		"includes/inner.md:3:5 link-missing-file See [gone](gone.md)." +
			" | includes/outer.md:3 " + diag.IncludedFrom + " | a.md:5 " + diag.IncludedFrom,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIncludeCycleAndMissing(t *testing.T) {
	files := mapFiles{
		"a.md":          "# A\n\n[!INCLUDE [x](includes/x.md)]\n\n[!include[none](includes/none.md)]\n",
		"includes/x.md": "X\n\n[!INCLUDE [y](y.md)]\n",
		"includes/y.md": "Y\n\n[!INCLUDE [x](x.md)]\n",
	}
	a, diags := render(t, files, "a.md")
	var rules, msgs []string
	for _, d := range diags.Items() {
		rules = append(rules, d.Path+":"+itoa(d.Line)+" "+d.Rule)
		msgs = append(msgs, d.Message)
	}
	want := []string{"a.md:5 include-missing", "includes/y.md:3 include-cycle"}
	if !slices.Equal(rules, want) {
		t.Fatalf("diagnostics %v (%v), want %v", rules, msgs, want)
	}
	if !strings.Contains(msgs[1], "includes/x.md -> includes/y.md -> includes/x.md") {
		t.Errorf("cycle message %q does not show the cycle", msgs[1])
	}
	if strings.Contains(string(a.Body), "INCLUDE") {
		t.Errorf("raw include syntax reaches the reader:\n%s", a.Body)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzInclude expands an article and two include files, each fuzzed: no
// input may panic, every diagnostic lies inside the file it names (and each
// of its notes inside its own), and the made text stays within its bound.
func FuzzInclude(f *testing.F) {
	for _, seed := range [][3]string{
		{"# A\n\n[!INCLUDE [x](includes/x.md)]\n", "X [!INCLUDE [y](y.md)]\n", "## Y\n\n[l](../gone.md)\n"},
		{"- [!INCLUDE [x](includes/x.md)]\n> [!INCLUDE [y](includes/y.md)]\n", "a\nb\n", "---\nt: 1\n---\nc\n"},
		{"| a | [!include[x](<includes/x.md>)] |\n|---|---|\n", "x [!INCLUDE [y](y.md)]", "y [!INCLUDE [x](x.md)]"},
		{"```\n[!INCLUDE [x](includes/x.md)]\n```\n`[!INCLUDE [x](includes/x.md)]`", "```\nopen", "\r\n\r\n"},
		{"[!INCLUDE [x](includes/x.md)][!INCLUDE [x](includes/x.md)]", "[!INCLUDE [x](x.md)][!INCLUDE [y](y.md)]", "[!INCLUDE [x](x.md)]"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, art, x, y string) {
		files := mapFiles{"a.md": art, "includes/x.md": x, "includes/y.md": y}
		p := NewParser(files, nil)
		a, _ := ReadHeader("", "a.md", []byte(art))
		diags := p.Render(a, []byte(art))
		count := func(path string) int { return strings.Count(string(Text([]byte(files[path]))), "\n") + 1 }
		for _, d := range diags.Items() {
			if _, ok := files[d.Path]; !ok {
				t.Fatalf("diagnostic in a file that is not there: %s", d)
			}
			if d.Line < 0 || d.Line > count(d.Path) {
				t.Errorf("diagnostic at line %d of %s, which has %d: %s", d.Line, d.Path, count(d.Path), d)
			}
			for _, n := range d.Notes {
				if np := d.NotePath(n); n.Line < 0 || n.Line > count(np) {
					t.Errorf("note at line %d of %s, which has %d", n.Line, np, count(np))
				}
			}
		}
		if len(a.Body) > 2*maxExpanded {
			t.Errorf("body of %d bytes", len(a.Body))
		}
	})
}
