package search

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestRiceRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, tc := range []struct{ n, total int }{{0, 10}, {1, 1}, {1, 100000}, {7, 10}, {500, 1000}, {3000, 90000}} {
		seen := map[int]bool{}
		for len(seen) < tc.n {
			seen[r.Intn(tc.total)] = true
		}
		var docs []int
		for d := range seen {
			docs = append(docs, d)
		}
		sort.Ints(docs)
		k := riceK(len(docs), tc.total)
		docs32 := make([]int32, len(docs))
		for i, d := range docs {
			docs32[i] = int32(d)
		}
		got := decodeRice(encodeRice(docs32, k), len(docs), k)
		if !slices.Equal(got, docs) && len(docs) > 0 {
			t.Errorf("n=%d of %d, k=%d: read back %v, want %v", tc.n, tc.total, k, got[:min(5, len(got))], docs[:min(5, len(docs))])
		}
	}
}

// reader reads the files Index.Files writes, as the browser runtime does.
type reader struct {
	n     int
	terms map[string][3][]int // title, heading, body documents
}

var callArgs = regexp.MustCompile(`^kbShard\((\d+),"(.*)"\);\n$`)

func read(t *testing.T, files map[string][]byte) reader {
	t.Helper()
	m := regexp.MustCompile(`"n":(\d+),"s":\[(.*)\]`).FindStringSubmatch(string(files["search/manifest.js"]))
	if m == nil {
		t.Fatalf("manifest: %s", files["search/manifest.js"])
	}
	r := reader{terms: map[string][3][]int{}}
	r.n, _ = strconv.Atoi(m[1])
	shards := strings.Count(m[2], ",") + 1
	for i := 0; i < shards; i++ {
		sm := callArgs.FindStringSubmatch(string(files[fmt.Sprintf("search/t/%d.js", i)]))
		if sm == nil {
			t.Fatalf("shard %d missing or malformed", i)
		}
		prev := ""
		for _, e := range strings.Split(sm[2], "~") {
			p := strings.Split(e, "|")
			common, _ := strconv.ParseInt(p[0][:1], 36, 0)
			term := prev[:common] + p[0][1:]
			if term <= prev && prev != "" {
				t.Errorf("terms out of order: %q after %q", term, prev)
			}
			prev = term
			var lists [3][]int
			for f, d := range strings.Split(p[1], ".") {
				df, _ := strconv.ParseInt(d, 36, 0)
				lists[f] = decodeRice(p[2+f], int(df), riceK(int(df), r.n))
			}
			r.terms[term] = lists
		}
	}
	return r
}

// rank scores documents for words as the runtime does: every word must
// match; idf times 3 for a title, 1.8 for a heading, 1 for the text.
func (r reader) rank(words ...string) []int {
	var scores map[int]float64
	for _, w := range words {
		p := r.terms[w]
		df := len(p[0]) + len(p[1]) + len(p[2])
		idf := math.Log(1 + (float64(r.n)-float64(df)+0.5)/(float64(df)+0.5))
		best := map[int]float64{}
		for f, weight := range []float64{3, 1.8, 1} {
			for _, d := range p[f] {
				best[d] = idf * weight
			}
		}
		if scores == nil {
			scores = best
			continue
		}
		next := map[int]float64{}
		for d, s := range best {
			if _, ok := scores[d]; ok {
				next[d] = scores[d] + s
			}
		}
		scores = next
	}
	var ids []int
	for d := range scores {
		ids = append(ids, d)
	}
	slices.SortFunc(ids, func(a, b int) int {
		if scores[a] != scores[b] {
			return int(math.Copysign(1, scores[b]-scores[a]))
		}
		return a - b
	})
	return ids
}

func TestIndexReadsBackAndRanks(t *testing.T) {
	x := NewIndex()
	x.shardBytes = 300 // several shards
	docs := []Doc{
		{Title: "Database mirroring", Sections: []Section{{Text: "A mirror keeps a copy. The witness makes failover automatic."}}},
		{Title: "Witness and automatic failover", Sections: []Section{{Text: "What the witness does."}, {Anchor: "sharing", Heading: "Sharing a witness", Text: "One witness, many pairs."}}},
		{Title: "Glossary", Sections: []Section{{Anchor: "principal", Heading: "Principal", Text: "The server that serves the pool; its mirror waits."}}},
		{Title: "Café résumé", Sections: []Section{{Text: "Unicode: ÉLAN naïve 2019 SQL-Server"}}},
	}
	for i, d := range docs {
		js := string(x.Add(i, d))
		if !strings.HasPrefix(js, fmt.Sprintf("kbDoc(%d,{", i)) || !strings.Contains(js, `"t":`) {
			t.Errorf("doc file %d: %s", i, js)
		}
	}
	// Many filler terms, so that the index spans several shards.
	for i := 4; i < 400; i++ {
		x.Add(i, Doc{Title: fmt.Sprintf("Filler %d", i), Sections: []Section{{Text: fmt.Sprintf("term%04d word%04d common", i, i*7)}}})
	}
	files := x.Files()
	r := read(t, files)
	if r.n != 400 || len(files) < 10 {
		t.Fatalf("n=%d, %d files", r.n, len(files))
	}
	// Everything written reads back: every term of every document.
	for want, w := range map[string][3][]int{
		"witness":  {{1}, nil, {0}},
		"sharing":  {nil, {1}, nil},
		"mirror":   {nil, nil, {0, 2}},
		"résumé":   {{3}, nil, nil},
		"café":     {{3}, nil, nil},
		"naïve":    {nil, nil, {3}},
		"sql":      {nil, nil, {3}},
		"élan":     {nil, nil, {3}},
		"common":   {nil, nil, rangeOf(4, 400)},
		"term0399": {nil, nil, {399}},
	} {
		got := r.terms[want]
		if !slices.Equal(got[0], w[0]) || !slices.Equal(got[1], w[1]) || !slices.Equal(got[2], w[2]) {
			t.Errorf("%s: read back %v, want %v", want, got, w)
		}
	}
	// A title match ranks above a body match; all words must match.
	if got := r.rank("witness"); !slices.Equal(got, []int{1, 0}) {
		t.Errorf("witness: %v, want the witness article first", got)
	}
	if got := r.rank("witness", "mirror"); !slices.Equal(got, []int{0}) {
		t.Errorf("witness mirror: %v, want only the mirroring article", got)
	}
	if got := r.rank("principal", "mirror"); !slices.Equal(got, []int{2}) {
		t.Errorf("principal mirror: %v", got)
	}
	// A title ranks above a heading, a heading above the text.
	x2 := NewIndex()
	x2.Add(0, Doc{Title: "A", Sections: []Section{{Text: "pool"}}})
	x2.Add(1, Doc{Title: "B", Sections: []Section{{Heading: "Pool", Text: "x"}}})
	x2.Add(2, Doc{Title: "Pool", Sections: []Section{{Text: "y"}}})
	if got := read(t, x2.Files()).rank("pool"); !slices.Equal(got, []int{2, 1, 0}) {
		t.Errorf("pool: %v, want title, heading, text", got)
	}
}

func rangeOf(a, b int) []int {
	var out []int
	for i := a; i < b; i++ {
		out = append(out, i)
	}
	return out
}

// decodeRice reads n document numbers back, as the browser runtime does.
func decodeRice(s string, n, k int) []int {
	out := make([]int, 0, n)
	pos := 0 // bit position
	bit := func() int {
		c := strings.IndexByte(base64, s[pos/6])
		v := c >> (5 - pos%6) & 1
		pos++
		return v
	}
	prev := -1
	for len(out) < n {
		q := 0
		for bit() == 1 {
			q++
		}
		r := 0
		for i := 0; i < k; i++ {
			r = r<<1 | bit()
		}
		prev += q<<k | r + 1
		out = append(out, prev)
	}
	return out
}

// FuzzDocFile checks that a document file is a call whose argument, read as
// JSON, gives back the document (invalid UTF-8 as U+FFFD), whatever its text.
func FuzzDocFile(f *testing.F) {
	f.Add("Witness", "a/b.html#x", "Home › A", "sec", "Heading", "text \"quoted\" \\ </script> \u2028 \x01 \xff end")
	f.Fuzz(func(t *testing.T, title, url, crumb, anchor, heading, text string) {
		d := Doc{Title: title, URL: url, Breadcrumb: crumb, Sections: []Section{{anchor, heading, text}, {}}}
		js := string(appendDoc(nil, 7, d))
		arg, ok := strings.CutPrefix(js, "kbDoc(7,")
		arg, ok2 := strings.CutSuffix(arg, ");\n")
		if !ok || !ok2 {
			t.Fatalf("not a kbDoc call: %q", js)
		}
		if strings.ContainsAny(arg, "\n\r\u2028\u2029") {
			t.Fatalf("a line break inside the literal: %q", arg)
		}
		var got struct {
			T, U, B string
			S       []struct{ A, H, X string }
		}
		if err := json.Unmarshal([]byte(arg), &got); err != nil {
			t.Fatalf("%v in %q", err, arg)
		}
		valid := func(s string) string { return string([]rune(s)) } // each invalid byte a U+FFFD
		if got.T != valid(title) || got.U != valid(url) || got.B != valid(crumb) || len(got.S) != 2 ||
			got.S[0].A != valid(anchor) || got.S[0].H != valid(heading) || got.S[0].X != valid(text) {
			t.Fatalf("read back %+v from %q", got, arg)
		}
	})
}
