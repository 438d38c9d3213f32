package browser

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchTokenVectors: the browser runtime's tokenizer (kbSearch.tokens in
// theme/assets/search.js) makes of each input of the shared vector file the
// words it lists, as the indexer's does (generator/search TestTokenVectors):
// a query's words are then the index's.
func TestSearchTokenVectors(t *testing.T) {
	b, err := os.ReadFile("../search/testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var tv struct {
		Vectors []struct {
			In     string   `json:"in"`
			Tokens []string `json:"tokens"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(b, &tv); err != nil {
		t.Fatal(err)
	}
	if len(tv.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	ins := make([]string, len(tv.Vectors))
	for i, v := range tv.Vectors {
		ins[i] = v.In
	}
	arg, err := json.Marshal(ins)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t)
	do(t, ctx, "open a page", chromedp.Navigate(fileURL("index.html")), chromedp.WaitReady(css(`#search-input`)))
	got := eval[[][]string](t, ctx, `(`+string(arg)+`).map(function (s) { return window.kbSearch.tokens(s); })`)
	if len(got) != len(ins) {
		t.Fatalf("kbSearch.tokens answered for %d inputs of %d", len(got), len(ins))
	}
	for i, v := range tv.Vectors {
		if got[i] == nil {
			got[i] = []string{}
		}
		if !slices.Equal(got[i], v.Tokens) {
			t.Errorf("kbSearch.tokens(%q) = %q, want %q", v.In, got[i], v.Tokens)
		}
	}
}
