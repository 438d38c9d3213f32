package toc

import (
	"testing"

	"kb/generator/diag"
)

// fuzzLoad loads data as the TOC at name, beside a few files it may name,
// and checks what any input must give: no panic, every diagnostic placed in
// the file (a line, a column) with a known rule, and entries that all say
// where they are written.
func fuzzLoad(t *testing.T, name string, data []byte) {
	fs := files{name: data, "a.md": nil, "sub/toc.yml": []byte("- name: S\n  href: ../a.md\n"), "sub/b.md": nil}
	var diags diag.List
	tocs := Load(fs, []string{name}, Options{Resolve: learn}, &diags)
	if len(tocs) != 1 {
		t.Fatalf("%d TOCs, want 1", len(tocs))
	}
	for _, d := range diags.Items() {
		if _, ok := diag.LookupRule(d.Rule); !ok {
			t.Errorf("unknown rule %q", d.Rule)
		}
		if d.Path == name && (d.Line < 1 || d.Col < 1) {
			t.Errorf("diagnostic without a position: %v", d)
		}
	}
	Walk(tocs[0].Items, func(e *Entry, parents []*Entry) bool {
		if e.TOC == "" || e.Line < 1 || e.Col < 1 {
			t.Errorf("entry %q has no place: %+v", e.Name, e)
		}
		if e.Kind == Page && !fs.File(e.File) {
			t.Errorf("entry %q leads to %q, which is not a file", e.Name, e.File)
		}
		return true
	})
}

func FuzzYAML(f *testing.F) {
	for _, s := range []string{
		"- name: A\n  href: a.md\n  items:\n  - name: B\n    href: sub/\n",
		"items:\n- name: A\n  topicHref: a.md\n  href: toc.yml\n",
		"Items:\n- {name: x, href: 'A.md#x', expanded: true}\n",
		"- name: [a\n", "- &a {name: x, items: [*a]}\n", "\ufeff- name: x\n  href: /site/a\n",
		"- name: x\n  href: \"%zz\"\n- href: javascript:x\n- href: ../x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "toc.yml", data) })
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# [A](a.md)\n## B\n### [S](sub/)\n", "\ufeff# [A](<a.md>)\n", "# [](toc.md)\n####### x\n",
		"text\n#\n   # [x](A.MD \"t\")\n", "# [a](b](c)\n# [x](https://e.org/)\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "toc.md", data) })
}
