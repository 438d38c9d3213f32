package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// tokenVectors are the inputs and words of testdata/tokens.json, which the
// browser runtime is checked against too (generator/browser).
type tokenVectors struct {
	Vectors []struct {
		In     string   `json:"in"`
		Tokens []string `json:"tokens"`
	} `json:"vectors"`
}

// TestTokenVectors: scan makes of each input the words the vector file
// lists. A document's terms are kept once each, in the order first found, so
// the words are compared so too.
func TestTokenVectors(t *testing.T) {
	b, err := os.ReadFile("testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var tv tokenVectors
	if err := json.Unmarshal(b, &tv); err != nil {
		t.Fatal(err)
	}
	if len(tv.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	w := &worker{table: newTermTable()}
	for _, v := range tv.Vectors {
		w.gen++
		w.ids = w.ids[:0]
		w.scan(v.In, fieldBody)
		got := []string{}
		for _, id := range w.ids {
			got = append(got, w.terms[id])
		}
		want := []string{}
		for _, tok := range v.Tokens {
			if !slices.Contains(want, tok) {
				want = append(want, tok)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("scan(%q) = %q, want %q", v.In, got, want)
		}
	}
}
