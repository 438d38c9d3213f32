package site

import (
	"strings"
	"testing"

	"kb/generator/article"
	"kb/generator/config"
	"kb/generator/diag"
)

func art(path, title string, order int) *article.Article {
	a := &article.Article{Path: path, URL: article.OutputPath(path)}
	a.Meta.Title = title
	if order != 0 {
		a.Meta.Order, a.Meta.HasOrder = order, true
	}
	return a
}

func TestTreeAndReadingOrder(t *testing.T) {
	var diags diag.List
	s := New(config.Default(), []*article.Article{
		art("index.md", "Home", 0),
		art("zeta.md", "Zeta", 0),
		art("alpha.md", "alpha", 0),
		art("first.md", "Last by title, first by order", 1),
		art("plan/_index.md", "Planning", 2),
		art("plan/b.md", "B", 0),
		art("plan/a.md", "A", 0),
		art("high-availability/x.md", "X", 0),
	}, nil, "", &diags, Options{})
	if diags.Len() != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags.Items())
	}
	var got []string
	for _, p := range s.Pages {
		got = append(got, p.URL+"="+p.Title)
	}
	want := []string{
		"index.html=Home",
		"first.html=Last by title, first by order",
		"plan/index.html=Planning",
		"plan/a.html=A",
		"plan/b.html=B",
		"alpha.html=alpha",
		"high-availability/index.html=High availability", // generated section page
		"high-availability/x.html=X",
		"zeta.html=Zeta",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reading order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	a := s.Pages[3]
	if a.Prev.URL != "plan/index.html" || a.Next.URL != "plan/b.html" || a.Parent.Title != "Planning" {
		t.Errorf("plan/a.html: prev %s, next %s, parent %s", a.Prev.URL, a.Next.URL, a.Parent.Title)
	}
	if s.Pages[0].Prev != nil || s.Pages[len(s.Pages)-1].Next != nil {
		t.Error("the first page has no previous page and the last no next")
	}
	if anc := a.Ancestors(); len(anc) != 2 || anc[0] != s.Home {
		t.Errorf("ancestors of plan/a.html: %v", anc)
	}
}

func TestDuplicateSectionPage(t *testing.T) {
	var diags diag.List
	New(config.Default(), []*article.Article{art("a/_index.md", "A", 0), art("a/index.md", "A", 0)}, nil, "", &diags, Options{})
	items := diags.Items()
	if len(items) != 1 || items[0].Rule != "page-duplicate" {
		t.Errorf("got %v, want one page-duplicate error", items)
	}
}
