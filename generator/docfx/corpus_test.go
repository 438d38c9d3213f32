package docfx

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/source"
)

// corpus loads a real Microsoft Docs repository of ../../../shared/corpora,
// or skips the test when the corpora are not there.
func corpus(t *testing.T, name string) (*Repo, *source.Source) {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpora", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus %s is not there (%v)", dir, err)
	}
	src, err := source.Load(dir, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	r := Load(src.Content, src.ContentPrefix, slices.Concat(src.Markdown, src.Static), Options{}, nil, &diags)
	for _, d := range diags.Items() {
		t.Errorf("%s", d)
	}
	if r == nil {
		t.Fatalf("%s: no DocFX repository found", name)
	}
	return r, src
}

// TestCorpora loads the two real repositories: every docset, its base path,
// what is published, and every redirect, counted independently of Load.
func TestCorpora(t *testing.T) {
	read := 0 // redirects read in both
	loaded := 0
	for _, c := range []struct {
		name     string
		docsets  map[string]string // folder -> base path
		content  []string
		none     []string
		resource []string
		toc      []string
	}{
		{
			name:     "sharepoint-docs",
			docsets:  map[string]string{"OneDrive": "/onedrive", "SharePoint": "/sharepoint", "migration": "/sharepointmigration"},
			content:  []string{"SharePoint/SharePointOnline/sharepoint-sync.md", "migration/Box-to-OneDrive-and-SharePoint-migration-guide.md", "OneDrive/index.yml"},
			resource: []string{"SharePoint/SharePointOnline/media/sss-lp-version.png"},
			none: []string{"README.md", "LICENSE", "SharePoint/docfx.json", "OneDrive/docfx.json",
				"SharePoint/SharePointOnline/includes/" + firstFile(t, "sharepoint-docs", "SharePoint/SharePointOnline/includes")},
			toc: []string{"SharePoint/SharePointOnline/toc.yml"},
		},
		{
			name:     "exchange-docs",
			docsets:  map[string]string{"Exchange": "/exchange", "Outlook": "/exchange/outlook"},
			content:  []string{"Exchange/ExchangeServer/plan-and-deploy/plan-and-deploy.md", "Exchange/Hub/index.yml"},
			none:     []string{"README.md", "LICENSE", "Exchange/docfx.json", "Outlook/includes/outlook-content-updates.md"},
			toc:      []string{"Outlook/TOC.md", "Exchange/ExchangeServer2013/toc.yml"},
			resource: []string{"Exchange/ExchangeServer/media/2d65b172-eadd-49d5-ab70-9500b2e2e6f6.png"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, src := corpus(t, c.name)
			got := map[string]string{}
			for _, d := range r.Docsets {
				got[d.Folder] = d.BasePath
				t.Logf("docset %s (%s): base path %s, from %s", d.Name, d.Folder, d.BasePath, d.BaseFrom)
			}
			if !maps.Equal(got, c.docsets) {
				t.Errorf("docsets and base paths: got %v, want %v", got, c.docsets)
			}
			for _, list := range []struct {
				files []string
				want  Kind
			}{{c.content, Content}, {c.none, None}, {c.resource, Resource}, {c.toc, TOC}} {
				for _, f := range list.files {
					if !src.File(f) {
						t.Errorf("%s is not in the corpus", f)
					}
					if k := r.Published(f); k != list.want {
						t.Errorf("Published(%s) = %s, want %s", f, k, list.want)
					}
				}
			}

			var plain struct {
				Redirections []json.RawMessage `json:"redirections"`
			}
			b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpora", c.name, Redirection))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &plain); err != nil {
				t.Fatal(err)
			}
			read += len(r.Redirects)
			loaded++
			if len(r.Redirects) != len(plain.Redirections) {
				t.Errorf("%d redirects read, the file has %d", len(r.Redirects), len(plain.Redirections))
			}
			var resolved, broken, notPage, external int
			for _, rd := range r.Redirects {
				var target string
				switch {
				case article.HasScheme(rd.URL):
					external++
					continue
				case strings.HasPrefix(rd.URL, "/"):
					var in bool
					target, in, _ = r.Resolve(rd.URL, src)
					if !in {
						external++
						continue
					}
				default:
					tries, _ := r.Candidates(rd.URL, rd.Source)
					target, _ = r.Find(tries, src)
				}
				switch {
				case target == "":
					broken++
					t.Logf("broken: %s -> %s", rd.Source, rd.URL)
				case !strings.HasSuffix(target, ".md"):
					notPage++
				default:
					resolved++
				}
			}
			t.Logf("%d redirects: %d resolved to an article, %d to another file, %d outside the docsets, %d broken",
				len(r.Redirects), resolved, notPage, external, broken)
			if internal := resolved + notPage + broken; resolved+notPage < internal*8/10 {
				t.Errorf("only %d of the %d redirects into the repository resolve", resolved+notPage, internal)
			}
		})
	}
	// the issue counts 416 redirects in the two corpora
	if loaded == 2 && read != 416 {
		t.Errorf("%d redirects read in the two corpora, want 416", read)
	}
}

func firstFile(t *testing.T, corpus, dir string) string {
	es, _ := os.ReadDir(filepath.Join("..", "..", "..", "shared", "corpora", corpus, dir))
	for _, e := range es {
		if !e.IsDir() {
			return e.Name()
		}
	}
	return "missing"
}
