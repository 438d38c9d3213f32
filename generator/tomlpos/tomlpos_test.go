package tomlpos

import (
	"strings"
	"testing"
)

// at returns the offset of the nth (from 0) occurrence of marker in src.
func at(t *testing.T, src, marker string, nth int) int {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], marker)
		if j < 0 {
			t.Fatalf("%q is not %d times in the source", marker, nth+1)
		}
		if i == nth {
			return off + j
		}
		off += j + len(marker)
	}
}

// TestValueWithEscapes finds string literals by what they mean: a string
// written with \" (or another escape, or in single quotes) is found where it
// is written, not at its key.
func TestValueWithEscapes(t *testing.T) {
	src := `[[outcome]]
id = "a"
recommend = ["plain", "say \"hi\"", 'single "q"', "tab\there", "\u0041BC"]
# recommend = ["in a comment"]
links = [{ text = "in a comment", href = "x.md" }]
`
	l := New([]byte(src))
	for _, c := range []struct{ text, marker string }{
		{"plain", `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{`single "q"`, `'single "q"'`},
		{"tab\there", `"tab\there"`},
		{"ABC", `"\u0041BC"`},
		{"in a comment", `"in a comment", href`},
	} {
		got := l.Value("outcome", 0, "recommend", c.text)
		if want := at(t, src, c.marker, 0); got != want {
			t.Errorf("Value(%q) = %d (%q), want %d", c.text, got, src[got:min(got+15, len(src))], want)
		}
	}
}

// TestKeyWithEscapes finds a quoted key that has an escape.
func TestKeyWithEscapes(t *testing.T) {
	src := "[redirects]\n\"plain.html\" = \"a.md\"\n\"q\\\"uote.html\" = \"b.md\"\n"
	l := New([]byte(src))
	if got, want := l.Key("redirects", 0, `q"uote.html`), at(t, src, `"q\"uote.html"`, 0); got != want {
		t.Errorf("Key = %d, want %d", got, want)
	}
	if got, want := l.Value("redirects", 0, `q"uote.html`, "b.md"), at(t, src, `"b.md"`, 0); got != want {
		t.Errorf("Value = %d, want %d", got, want)
	}
}

// TestPaths checks the position of every kind of path: arrays of tables
// (each entry its own index), sub-tables of an entry, inline arrays and
// tables, dotted and quoted keys, multi-line strings and comments.
func TestPaths(t *testing.T) {
	src := `title = "T" # a comment with = and "quotes"
[[dimension]]
id = "one"
values = [
  { id = "v1" }, # first
  { id = "v2", name = """two
[[not.a.header]]
""" },
]

[[dimension]]
id = 2
a.b = 'x'
"quoted key" = true

[[dimension.values]]
id = "w1"

[dimension.extra]
when = 1979-05-27 07:32:00

[check]
severity = { link-case = "warning" }
`
	l := New([]byte(src))
	for _, c := range []struct {
		path        Path
		key, value  string
		keyN, valN  int
		keyOnly     bool
		wantMissing bool
	}{
		{path: Path{"title"}, key: "title", value: `"T"`},
		{path: Path{"dimension", 0}, key: "[[dimension]]", keyOnly: true},
		{path: Path{"dimension", 0, "id"}, key: `id = "one"`, value: `"one"`},
		{path: Path{"dimension", 0, "values", 1}, key: `{ id = "v2"`, keyOnly: true},
		{path: Path{"dimension", 0, "values", 1, "id"}, key: `id = "v2"`, value: `"v2"`},
		{path: Path{"dimension", 0, "values", 1, "name"}, key: `name = """`, value: `"""two`},
		{path: Path{"dimension", 1}, key: "[[dimension]]", keyN: 1, keyOnly: true},
		{path: Path{"dimension", 1, "id"}, key: "id = 2", value: "2\na.b"},
		{path: Path{"dimension", 1, "a", "b"}, key: "a.b", value: "'x'"},
		{path: Path{"dimension", 1, "quoted key"}, key: `"quoted key"`, value: "true"},
		{path: Path{"dimension", 1, "values", 0, "id"}, key: `id = "w1"`, value: `"w1"`},
		{path: Path{"dimension", 1, "extra", "when"}, key: "when", value: "1979"},
		{path: Path{"check", "severity", "link-case"}, key: "link-case", value: `"warning"`},
		{path: Path{"not"}, wantMissing: true},
	} {
		k, ok := l.KeyOf(c.path)
		if c.wantMissing {
			if ok {
				t.Errorf("%s: found at %d, want not found", c.path, k)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: not found", c.path)
			continue
		}
		if want := at(t, src, c.key, c.keyN); k != want {
			t.Errorf("%s: key at %d (%q), want %d", c.path, k, src[k:min(k+12, len(src))], want)
		}
		if c.keyOnly {
			continue
		}
		v, _ := l.ValueOf(c.path)
		if want := at(t, src, c.value, c.valN); v != want {
			t.Errorf("%s: value at %d (%q), want %d", c.path, v, src[v:min(v+12, len(src))], want)
		}
	}
}

type testValue struct {
	ID      string   `toml:"id"`
	Aliases []string `toml:"aliases"`
}

type testFile struct {
	Title     string `toml:"title"`
	BaseURL   string `toml:"baseURL"`
	Search    bool   `toml:"search"`
	Dimension []struct {
		ID     string      `toml:"id"`
		Values []testValue `toml:"values"`
	} `toml:"dimension"`
	Free map[string]any `toml:"free"`
}

// TestDecode checks that keys match exactly (BurntSushi/toml would set
// BaseURL from baseurl), and that every key and value that does not fit is
// reported where it is written, in file order; BurntSushi/toml reports the
// first wrong value it meets in map order, at the line of the last entry
// with that key.
func TestDecode(t *testing.T) {
	src := `baseurl = "https://example.org/"
TITLE = "Site"
search = "yes"

[[dimension]]
id = "a"
values = [{ id = "v1" }, { id = 2 }]

[[dimension]]
id = 5
valeus = []
values = [{ id = "w", aliases = ["x", 3] }]

[free]
Anything = 1
`
	var f testFile
	_, problems, err := Decode([]byte(src), &f)
	if err != nil {
		t.Fatal(err)
	}
	if f.BaseURL != "" || f.Title != "" {
		t.Errorf("keys that differ in case took effect: BaseURL %q, Title %q", f.BaseURL, f.Title)
	}
	if f.Dimension[0].ID != "a" || f.Dimension[1].Values[0].ID != "w" || f.Free["Anything"] != int64(1) {
		t.Errorf("decoded %+v", f)
	}
	type want struct {
		path, marker string
		unknown      bool
		hint, msg    string
	}
	wants := []want{
		{path: "baseurl", marker: "baseurl", unknown: true, hint: "baseURL"},
		{path: "TITLE", marker: "TITLE", unknown: true, hint: "title"},
		{path: "search", marker: `"yes"`, msg: "search must be true or false, not a string"},
		{path: "dimension[0].values[1].id", marker: "2 }", msg: "dimension.values.id must be a string, not an integer"},
		{path: "dimension[1].id", marker: "5", msg: "dimension.id must be a string, not an integer"},
		{path: "dimension[1].valeus", marker: "valeus", unknown: true, hint: "values"},
		{path: "dimension[1].values[0].aliases[1]", marker: "3]", msg: "element 2 of dimension.values.aliases must be a string, not an integer"},
	}
	if len(problems) != len(wants) {
		t.Fatalf("%d problems, want %d: %+v", len(problems), len(wants), problems)
	}
	for i, w := range wants {
		p := problems[i]
		if p.Path.String() != w.path || p.Offset != at(t, src, w.marker, 0) || p.Unknown != w.unknown || p.Hint != w.hint {
			t.Errorf("problem %d: %s at %d unknown=%v hint=%q, want %s at %d unknown=%v hint=%q",
				i, p.Path, p.Offset, p.Unknown, p.Hint, w.path, at(t, src, w.marker, 0), w.unknown, w.hint)
		}
		if !w.unknown && p.TypeMessage() != w.msg {
			t.Errorf("problem %d: %q, want %q", i, p.TypeMessage(), w.msg)
		}
	}
}

// FuzzDecode feeds arbitrary text to the decoder and the locator: nothing may
// panic, and every offset must be inside the file.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"title = \"a\\\"b\"\nbaseurl = 1\n[[dimension]]\nid = 5\nvalues = [{ id = 'x' }, { id = \"\"\"y\"\"\" }]\n[[dimension.values]]\nid = 1979-05-27\n",
		"a.b.\"c d\" = [1, [2, {x = 3}], '''\n]''']\n[free]\nx = { y = { z = true } }\n",
		"[[dimension]]\n# comment = \"x\"\nid = \"a\" # trailing\n",
		"search = \"yes\"\n[check]\nseverity = { \"x\\u0041\" = \"off\" }\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var v testFile
		l, problems, err := Decode([]byte(src), &v)
		if err != nil {
			return
		}
		for _, p := range problems {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Errorf("%s at %d, outside the file of %d bytes", p.Path, p.Offset, len(src))
			}
		}
		for _, d := range v.Dimension {
			for i, val := range d.Values {
				if off := l.NthValue("dimension", 0, "", val.ID, i); off < 0 || off > len(src) {
					t.Errorf("value %q at %d", val.ID, off)
				}
			}
		}
		if off := l.Key("dimension", 0, "id"); off < 0 || off > len(src) {
			t.Errorf("key at %d", off)
		}
	})
}
