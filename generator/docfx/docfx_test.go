package docfx

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"kb/generator/diag"
	"kb/generator/foldertest"
)

var update = flag.Bool("update", false, "rewrite want/dump in testdata/*.txtar")

// mapFiles is a Files of a list of paths.
type mapFiles map[string]bool

func (m mapFiles) File(p string) bool { return m[p] }
func (m mapFiles) Fold(p string) (string, bool) {
	var keys []string
	for k := range m {
		if strings.EqualFold(k, p) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) == 0 {
		return "", false
	}
	return keys[0], true
}

// load reads the archive's files (all but want/ and the queries file) as a
// repository.
func load(t *testing.T, ar *txtar.Archive) (*Repo, mapFiles, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	files := mapFiles{}
	var list []string
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want/") || f.Name == "queries" {
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		if !strings.HasPrefix(path0(f.Name), ".") {
			files[f.Name] = true
			list = append(list, f.Name)
		}
	}
	var diags diag.List
	r := Load(fsys, "", list, Options{}, nil, &diags)
	return r, files, diags
}

func path0(p string) string { first, _, _ := strings.Cut(p, "/"); return first }

// TestGolden loads each testdata/*.txtar as a repository and compares what
// Load made of it with its want/dump section: the docsets with their base
// paths, how each file is published, the metadata of each page, the
// redirects, the answers of Resolve to the paths of its "queries" section
// (one a line; "rel FROM REF" for a relative one, found by Candidates and
// Find), and the diagnostics.
// Run "go test ./generator/docfx -update" to rewrite want/dump.
func TestGolden(t *testing.T) {
	isDump := func(name string) bool { return name == "want/dump" }
	foldertest.Golden(t, "testdata/*.txtar", *update, isDump, func(t *testing.T, ar *txtar.Archive) map[string][]byte {
		r, files, diags := load(t, ar)
		return map[string][]byte{"want/dump": dump(r, files, ar, diags)}
	})
}

func dump(r *Repo, files mapFiles, ar *txtar.Archive, diags diag.List) []byte {
	var b bytes.Buffer
	if r == nil {
		b.WriteString("no DocFX repository\n")
	} else {
		for _, d := range r.Docsets {
			fmt.Fprintf(&b, "docset %q folder %q base %s (%s)\n", d.Name, d.Folder, d.BasePath, d.BaseFrom)
		}
		paths := make([]string, 0, len(files))
		for f := range files {
			paths = append(paths, f)
		}
		slices.Sort(paths)
		for _, f := range paths {
			k := r.Published(f)
			fmt.Fprintf(&b, "%s: %s", f, k)
			if k == Content {
				m, _ := json.Marshal(r.Metadata(f))
				fmt.Fprintf(&b, " %s %s", r.LearnPath(f), m)
			}
			b.WriteString("\n")
		}
		for _, rd := range r.Redirects {
			fmt.Fprintf(&b, "redirect %s -> %s (document id %v) at %d, %d\n", rd.Source, rd.URL, rd.DocumentID, rd.SourceAt.Offset, rd.URLAt.Offset)
		}
		for _, f := range ar.Files {
			if f.Name != "queries" {
				continue
			}
			for _, q := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if from, ref, ok := strings.Cut(strings.TrimPrefix(q, "rel "), " "); ok && strings.HasPrefix(q, "rel ") {
					tries, _ := r.Candidates(ref, from) // as the pipeline finds a relative redirect_url
					target, caseDiffers := r.Find(tries, files)
					fmt.Fprintf(&b, "resolve %s from %s: %q case differs %v\n", ref, from, target, caseDiffers)
					continue
				}
				target, in, caseDiffers := r.Resolve(q, files)
				fmt.Fprintf(&b, "resolve %s: %q in repo %v case differs %v", q, target, in, caseDiffers)
				if target == "" && in {
					file, learn := r.Suggest(q, files)
					fmt.Fprintf(&b, " suggest %q %q", file, learn)
				}
				b.WriteString("\n")
			}
		}
	}
	for _, d := range diags.Items() {
		fmt.Fprintf(&b, "%s\n  %s\n", d, d.Excerpt)
	}
	return b.Bytes()
}

// TestNotARepository: a folder without publish configuration or docfx.json
// is no DocFX repository, and nothing is reported.
func TestNotARepository(t *testing.T) {
	var diags diag.List
	if r := Load(fstest.MapFS{"a.md": {Data: []byte("# A")}}, "content/", []string{"a.md"}, Options{}, nil, &diags); r != nil {
		t.Errorf("Load = %+v, want nil", r)
	}
	if diags.Len() != 0 {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	var nilRepo *Repo
	if k := nilRepo.Published("a.md"); k != None {
		t.Errorf("nil Repo: Published = %s", k)
	}
	if _, in, _ := nilRepo.Resolve("/a", mapFiles{}); in {
		t.Error("nil Repo: Resolve in repo")
	}
}

// TestBasePathOverride: a base path given in the options wins over the
// breadcrumb_path, and is normalized.
func TestBasePathOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"docfx.json": {Data: []byte(`{"build": {"content": [{"files": "**/*.md"}], "globalMetadata": {"breadcrumb_path": "/x/breadcrumb/toc.json"}}}`)},
		"a.md":       {Data: []byte("# A")},
	}
	var diags diag.List
	r := Load(fsys, "", []string{"a.md"}, Options{BasePaths: map[string]string{"": "Team/Docs/"}}, nil, &diags)
	if r == nil || len(r.Docsets) != 1 {
		t.Fatalf("Load = %+v (%v)", r, diags.Items())
	}
	if d := r.Docsets[0]; d.BasePath != "/team/docs" || d.BaseFrom != "options" {
		t.Errorf("base path %q from %s, want /team/docs from options", d.BasePath, d.BaseFrom)
	}
	if target, in, _ := r.Resolve("/Team/Docs/a?x=1#y", mapFiles{"a.md": true}); target != "a.md" || !in {
		t.Errorf("Resolve = %q, %v", target, in)
	}
}

// FuzzParse: the JSON reader never panics, and reads what encoding/json
// reads (for input of at most maxDepth levels).
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{}`, `{"a": [1, 2.5, "x", true, null, {"b": {}}]}`, `[`, `{"a" 1}`, "\xef\xbb\xbf{\"a\": 1}", `{"a": 1} x`, `"\ud800"`, `1e999`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := parse(data)
		valid := json.Valid(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
		if err != nil {
			se := err.(*syntaxError)
			if se.off < 0 || se.off > len(data) {
				t.Fatalf("error offset %d outside the input (%d bytes)", se.off, len(data))
			}
			if valid && bytes.Count(data, []byte("[")) < maxDepth && bytes.Count(data, []byte("{")) < maxDepth {
				t.Fatalf("parse failed (%v), encoding/json finds the JSON valid", err)
			}
			return
		}
		if !valid {
			t.Fatal("parse read what encoding/json finds invalid")
		}
		if n.off < 0 || n.off > len(data) {
			t.Fatalf("value offset %d outside the input", n.off)
		}
		_ = n.plain()
	})
}

// FuzzLoad: Load never panics on any docfx.json, publish configuration or
// redirection file, and every diagnostic has a position in its file.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"build": {"content": [{"files": ["**/*.md"], "src": "a"}], "fileMetadata": {"k": {"**/*.md": 1}}}}`),
		[]byte(`{"docsets_to_publish": [{"build_source_folder": "."}]}`),
		[]byte(`{"redirections": [{"source_path": "a.md", "redirect_url": "/x/y"}]}`))
	f.Add([]byte(`{"build": []}`), []byte(`{"docsets_to_publish": [1]}`), []byte(`{"redirections": {}}`))
	f.Fuzz(func(t *testing.T, docfx, publish, redirects []byte) {
		fsys := fstest.MapFS{"docfx.json": {Data: docfx}, PublishConfig: {Data: publish}, Redirection: {Data: redirects}, "a.md": {Data: []byte("# A")}}
		var diags diag.List
		r := Load(fsys, "", []string{"a.md"}, Options{}, nil, &diags)
		for _, d := range diags.Items() {
			if d.Line < 1 {
				t.Errorf("diagnostic without a line: %s", d)
			}
		}
		if r != nil {
			r.Published("a.md")
			r.Metadata("a.md")
			r.Resolve("/a/b", mapFiles{"a.md": true})
			r.Suggest("/a/b", mapFiles{"a.md": true})
			r.LearnPath("a.md")
		}
	})
}
