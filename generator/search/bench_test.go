package search

import (
	"math/rand"
	"strings"
	"testing"
)

// BenchmarkAdd indexes articles of 800 words drawn from a 6,000-word
// vocabulary with a skewed distribution, like ../shared/bench/gen.
func BenchmarkAdd(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	vocab := make([]string, 6000)
	for i := range vocab {
		var w strings.Builder
		for j := 0; j < 2+r.Intn(3); j++ {
			w.WriteString([]string{"br", "cl", "st", "tr", "sh", "m", "n", "p"}[r.Intn(8)])
			w.WriteString([]string{"a", "e", "i", "o", "u", "ea", "ou"}[r.Intn(7)])
		}
		vocab[i] = w.String()
	}
	docs := make([]Doc, 200)
	for i := range docs {
		var t strings.Builder
		for j := 0; j < 800; j++ {
			f := r.Float64()
			t.WriteString(vocab[int(f*f*f*6000)])
			t.WriteString(" ")
		}
		docs[i] = Doc{Title: "Title", Sections: []Section{{Text: t.String()}}}
	}
	x := NewIndex()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Add(i%len(docs), docs[i%len(docs)])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/800, "ns/word")
}
