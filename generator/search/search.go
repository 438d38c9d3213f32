// Package search builds kb's search index at build time, as classic script
// files that work from a web server and from disk (file://), where fetch,
// modules and WebAssembly do not:
//
//	search/manifest.js   the number of documents and the first term of every
//	                     shard: kbManifest({...})
//	search/t/N.js        a range of terms with their posting lists:
//	                     kbShard(N, "...")
//	search/d/N.js        document N: title, URL, breadcrumb and the text of
//	                     its sections, for results and snippets: kbDoc(N, {...})
//
// The browser runtime (theme/assets/search.js) loads the manifest on first
// use, then only the shards its query's terms fall in, and the document files
// of the results it shows.
//
// A document is an article (its results link to the best-matching section,
// chosen from the document file), a feature of the support matrix, or an
// outcome of a decision tree. Each term's postings are split in three lists,
// by the best place a document has the term in: its title, a heading, or only
// the text; each is Rice-coded gaps (see rice.go). A document is in one list
// of a term only, so the split costs little. Ranking in the browser is BM25
// with binary term frequency: idf from the postings' lengths, times the
// field's weight (title 3, heading 1.8, text 1).
//
// Shard format: entries separated by "~", each
//
//	<shared prefix length, base36><rest of term>|<df title>.<df heading>.<df text>|<bits title>|<bits heading>|<bits text>
//
// where the shared prefix is with the previous term of the shard.
package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ShardBytes is the size a term shard grows to before the next one starts:
// small enough that a query's shards stay well under the 100 KB a first query
// may transfer, large enough that a big index has a few hundred shards.
const ShardBytes = 12 << 10

// Doc is one search document.
type Doc struct {
	Title      string
	URL        string // relative to the site root, may end in #anchor
	Breadcrumb string
	Sections   []Section
}

// Section is a part of a document, with the anchor its results link to.
type Section struct {
	Anchor  string `json:"a"`
	Heading string `json:"h"`
	Text    string `json:"x"`
}

// Index collects documents. Add is safe for concurrent use.
type Index struct {
	shardBytes int
	mu         sync.Mutex
	ids        map[string]uint32
	terms      []string
	docs       [][]uint32 // per document: term ids, with the field in the top two bits
}

// The fields a term can be found in, best first; a document's posting for a
// term goes in the list of the best field it has the term in.
const (
	fieldTitle   = 2 << 30
	fieldHeading = 1 << 30
	fieldBody    = 0
	fieldMask    = 3 << 30
)

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{ids: map[string]uint32{}, shardBytes: ShardBytes} }

// Add indexes document id (ids are dense: 0, 1, 2, ...) and returns the
// content of its document file.
func (x *Index) Add(id int, d Doc) []byte {
	field := map[string]uint32{}
	see := func(text string, f uint32) {
		for _, t := range Tokens(text) {
			if old, ok := field[t]; !ok || f > old {
				field[t] = f
			}
		}
	}
	see(d.Title, fieldTitle)
	for _, s := range d.Sections {
		see(s.Heading, fieldHeading)
		see(s.Text, fieldBody)
	}
	terms := make([]string, 0, len(field))
	for t := range field {
		terms = append(terms, t)
	}
	slices.Sort(terms) // term ids in a stable order, whatever the map's
	x.mu.Lock()
	ids := make([]uint32, 0, len(terms))
	for _, t := range terms {
		id, ok := x.ids[t]
		if !ok {
			id = uint32(len(x.terms))
			x.ids[t] = id
			x.terms = append(x.terms, t)
		}
		ids = append(ids, id|field[t])
	}
	for len(x.docs) <= id {
		x.docs = append(x.docs, nil)
	}
	x.docs[id] = ids
	x.mu.Unlock()

	js, _ := json.Marshal(struct {
		T string    `json:"t"`
		U string    `json:"u"`
		B string    `json:"b"`
		S []Section `json:"s"`
	}{d.Title, d.URL, d.Breadcrumb, d.Sections})
	return []byte(fmt.Sprintf("kbDoc(%d,%s);\n", id, js))
}

// Files returns the manifest and the term shards, by path.
func (x *Index) Files() map[string][]byte {
	n := len(x.docs)
	postings := make([][3][]int, len(x.terms)) // per term: title, heading, body documents
	for doc, ids := range x.docs {
		for _, id := range ids {
			f := 2 - int(id>>30) // title 0, heading 1, body 2
			postings[id&^fieldMask][f] = append(postings[id&^fieldMask][f], doc)
		}
	}
	order := make([]int, len(x.terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(x.terms[a], x.terms[b]) })

	files := map[string][]byte{}
	var firsts []string
	var shard strings.Builder
	prev := ""
	flush := func() {
		if shard.Len() == 0 {
			return
		}
		i := len(firsts) - 1
		files[fmt.Sprintf("search/t/%d.js", i)] = []byte(fmt.Sprintf("kbShard(%d,\"%s\");\n", i, shard.String()))
		shard.Reset()
	}
	for _, id := range order {
		t := x.terms[id]
		if shard.Len() >= x.shardBytes {
			flush()
		}
		if shard.Len() == 0 {
			firsts = append(firsts, t)
			prev = ""
		} else {
			shard.WriteByte('~')
		}
		common := commonPrefix(prev, t)
		p := postings[id]
		shard.WriteString(strconv.FormatInt(int64(common), 36))
		shard.WriteString(t[common:])
		shard.WriteByte('|')
		for f, docs := range p {
			if f > 0 {
				shard.WriteByte('.')
			}
			shard.WriteString(strconv.FormatInt(int64(len(docs)), 36))
		}
		for _, docs := range p {
			shard.WriteByte('|')
			shard.WriteString(encodeRice(docs, riceK(len(docs), n)))
		}
		prev = t
	}
	flush()
	manifest, _ := json.Marshal(struct {
		Version int      `json:"v"`
		Docs    int      `json:"n"`
		Shards  []string `json:"s"`
	}{1, n, firsts})
	files["search/manifest.js"] = []byte(fmt.Sprintf("kbManifest(%s);\n", manifest))
	return files
}

// commonPrefix is the length in bytes of the common prefix of a and b, at
// most 35 (one base36 digit), cut at a UTF-8 character boundary.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && n < 35 && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(b) && b[n]&0xC0 == 0x80 {
		n--
	}
	return n
}
