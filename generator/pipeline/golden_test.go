package pipeline

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"kb/generator/diag"
	"kb/generator/docfx"
	"kb/generator/foldertest"
	"kb/generator/report"
	"kb/generator/site"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// TestGolden builds each testdata/*.txtar archive as a site and compares what
// came out with the archive's expected sections:
//
//	-- config.toml --, -- content/a.md --, ...   the site (any file not under want/)
//	-- want/diagnostics --                       what kb reports, as printed
//	-- want/diagnostics.json --                  the same in another format (json,
//	                                             sarif, github), where the archive has it
//	-- want/public/a.html --                     the <article> element of public/a.html
//	                                             (and of the home page kb generates for a
//	                                             DocFX repository)
//	-- want/public/embed/t.html --               a tree's embed file, without its inline
//	                                             script and style and their hashes
//	-- want/public/embed/t.oembed.json --        its oEmbed response
//	-- want/public/matrix.json --                any other file of public/ (not a page)
//	                                             the archive names, whole
//
// When config.toml sets baseURL or [redirects], or the archive is a DocFX
// repository with a .openpublishing.redirection.json, the archive also holds
// what hosting adds (package hosting):
//
//	-- want/head/a.html --                       the <head> element of public/a.html
//	-- want/public/robots.txt --                 every other file, whole (404.html,
//	                                             robots.txt, sitemap.xml, _redirects, redirect
//	                                             pages), except assets/ and search/
//
// When the site has tables of contents (toc.yml, toc.md), the archive also
// holds its navigation and the list of files written:
//
//	-- want/nav/a.html --                        the <nav> elements of public/a.html
//	                                             (breadcrumbs, previous and next, the
//	                                             site navigation)
//	-- want/files --                             every file of public/ but for assets/
//	                                             and search/, one a line
//
// A site with errors is not written, so its archive has diagnostics only.
//
// Run "go test ./generator/pipeline -run Golden -update" to rewrite the expected
// sections from the current output; review the diff before committing.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := writeArchive(t, ar)
			dest := filepath.Join(dir, "public")
			res, err := Build(Options{Source: dir, Dest: dest})
			got := map[string][]byte{}
			var diags bytes.Buffer
			if res != nil {
				_ = report.Write(&diags, "text", res.Diagnostics.Items(), report.Options{})
				for _, d := range res.Diagnostics.Items() {
					if _, known := diag.LookupRule(d.Rule); !known {
						t.Errorf("rule %q is not in the catalog (generator/diag/rules.go)", d.Rule)
					}
				}
			}
			if err != nil {
				diags.WriteString("build error: " + err.Error() + "\n")
			}
			got["want/diagnostics"] = diags.Bytes()
			// The other output formats, for the archives that hold them.
			for _, f := range ar.Files {
				if format, ok := strings.CutPrefix(f.Name, "want/diagnostics."); ok && res != nil {
					var b bytes.Buffer
					if err := report.Write(&b, format, res.Diagnostics.Items(), report.Options{}); err != nil {
						t.Fatal(err)
					}
					got[f.Name] = b.Bytes()
					if format == "sarif" {
						got[f.Name] = sarifResults(t, b.Bytes())
					}
				}
			}
			if res != nil && res.Written {
				for _, p := range res.Site.Pages {
					// The home page kb generates for a DocFX repository
					// leads to its docsets.
					docfxHome := p == res.Site.Home && hasFile(ar, docfx.PublishConfig)
					if docfxHome || p.Article != nil && !p.Fragment && p.Article.Path != searchPage {
						page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p.URL)))
						if err != nil {
							t.Fatal(err)
						}
						got["want/public/"+p.URL] = articleElement(page)
					}
				}
				// Other files of public/ the archive asks for (matrix.json),
				// whole.
				for _, f := range ar.Files {
					name, ok := strings.CutPrefix(f.Name, "want/public/")
					if _, done := got[f.Name]; ok && !done && !strings.HasPrefix(name, "embed/") {
						b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
						if err != nil {
							t.Fatal(err)
						}
						got[f.Name] = b
					}
				}
				embeds, _ := filepath.Glob(filepath.Join(dest, "embed", "*.*"))
				for _, f := range embeds {
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					switch name := "want/public/embed/" + filepath.Base(f); filepath.Ext(f) {
					case ".html":
						got[name] = inlineElided(b)
					case ".json":
						got[name] = b
					}
				}
			}
			if res != nil && res.Written && len(res.Site.Navs) > 0 {
				navFiles(t, dest, res.Site, got)
			}
			if res != nil && res.Written && (res.Site.Config.BaseURL != "" || len(res.Site.Config.Redirects) > 0 || hasFile(ar, docfx.Redirection)) {
				hostingFiles(t, dest, res.Site, got)
			}
			if *update {
				var kept []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want/") {
						kept = append(kept, f)
					}
				}
				names := make([]string, 0, len(got))
				for n := range got {
					names = append(names, n)
				}
				slices.Sort(names)
				for _, n := range names {
					kept = append(kept, txtar.File{Name: n, Data: got[n]})
				}
				ar.Files = kept
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			seen := map[string]bool{}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want/") {
					continue
				}
				seen[f.Name] = true
				if g := got[f.Name]; !bytes.Equal(g, f.Data) {
					t.Errorf("%s differs\n--- got ---\n%s\n--- want ---\n%s", f.Name, g, f.Data)
				}
			}
			for n := range got {
				if !seen[n] {
					t.Errorf("%s is produced but not in the archive; run with -update", n)
				}
			}
		})
	}
}

var (
	inlineCode = regexp.MustCompile(`(?s)(<(?:script|style)>).*?(</(?:script|style)>)`)
	cspHash    = regexp.MustCompile(`'sha256-[A-Za-z0-9+/=]+'`)
)

// inlineElided leaves out the inline script and style of an embed file (the
// theme's files, long, and tested with their hashes in package embed) and
// the hashes, so that a change to the theme does not change the archives.
func inlineElided(page []byte) []byte {
	page = inlineCode.ReplaceAll(page, []byte("$1…$2"))
	return cspHash.ReplaceAll(page, []byte("'sha256-…'"))
}

// articleElement cuts the <article> element out of a page of the default theme.
func articleElement(page []byte) []byte {
	start := bytes.Index(page, []byte("<article>"))
	end := bytes.LastIndex(page, []byte("</article>"))
	if start < 0 || end < start {
		return page
	}
	return append(page[start:end:end], "</article>\n"...)
}

// hostingFiles adds to got the <head> of every page and every other file of
// the site at dest, but for the theme's assets and the search index.
func hostingFiles(t *testing.T, dest string, s *site.Site, got map[string][]byte) {
	t.Helper()
	pages := map[string]bool{}
	for _, p := range s.Pages {
		pages[p.URL] = true
		if p.Article != nil && !p.Fragment && p.Article.Path != searchPage {
			page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p.URL)))
			if err != nil {
				t.Fatal(err)
			}
			got["want/head/"+p.URL] = element(page, "head")
		}
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name, _ := filepath.Rel(dest, p)
		name = filepath.ToSlash(name)
		if pages[name] && !redirected(p) || strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, "search/") {
			return nil
		}
		b, err := os.ReadFile(p)
		got["want/public/"+name] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// hasFile reports whether the archive holds a file of that name.
func hasFile(ar *txtar.Archive, name string) bool {
	return slices.ContainsFunc(ar.Files, func(f txtar.File) bool { return f.Name == name })
}

// redirected reports whether the file at p is a redirect page: a section
// page that a folder's index.md redirect replaced.
func redirected(p string) bool {
	b, err := os.ReadFile(p)
	return err == nil && bytes.Contains(b, []byte(`<meta http-equiv="refresh"`))
}

// element cuts the first <name> element out of a page, with a final newline.
func element(page []byte, name string) []byte {
	start := bytes.Index(page, []byte("<"+name+">"))
	end := bytes.Index(page, []byte("</"+name+">"))
	if start < 0 || end < start {
		return page
	}
	return append(page[start:end+len(name)+3:end+len(name)+3], '\n')
}

// navFiles adds to got the <nav> elements of every page, and the list of
// the files of the site at dest, but for the theme's assets and the search
// index.
func navFiles(t *testing.T, dest string, s *site.Site, got map[string][]byte) {
	t.Helper()
	for _, p := range s.Pages {
		if p.Fragment {
			continue
		}
		page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p.URL)))
		if err != nil {
			t.Fatal(err)
		}
		var navs []byte
		for rest := page; ; {
			start := bytes.Index(rest, []byte("<nav "))
			end := bytes.Index(rest, []byte("</nav>"))
			if start < 0 || end < start {
				break
			}
			navs = append(append(navs, rest[start:end+len("</nav>")]...), '\n')
			rest = rest[end+len("</nav>"):]
		}
		got["want/nav/"+p.URL] = navs
	}
	var files []byte
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name, _ := filepath.Rel(dest, p)
		name = filepath.ToSlash(name)
		if !strings.HasPrefix(name, "assets/") && !strings.HasPrefix(name, "search/") {
			files = append(files, name+"\n"...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got["want/files"] = files
}

// sarifResults is a SARIF log without its catalog of rules (every rule kb
// has, which report's own tests check), so that a new rule does not change
// every archive that holds SARIF.
func sarifResults(t *testing.T, log []byte) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(log, &doc); err != nil {
		t.Fatal(err)
	}
	for _, run := range doc["runs"].([]any) {
		run.(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any)["rules"] = "…"
	}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// writeArchive writes an archive's site (every file not under want/) into a
// temporary folder and returns the folder.
func writeArchive(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	site := map[string]string{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			site[f.Name] = string(f.Data)
		}
	}
	return foldertest.New(t, site)
}
