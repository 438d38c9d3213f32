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
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The index's files, by site path. Folder and the two folders in it are made
// before the files are written (Dirs); the browser runtime
// (theme/assets/search.js) and the single-file bundle read them from there.
const (
	Folder       = "search"
	TermsFolder  = Folder + "/t"
	DocsFolder   = Folder + "/d"
	ManifestPath = Folder + "/manifest.js"
)

// PagePath is the source path of the generated page that shows full search
// results (search.html, where the search box sends its query).
const PagePath = "search.md"

// Dirs is every folder the index's files go in, parents first.
func Dirs() []string { return []string{Folder, TermsFolder, DocsFolder} }

// DocPath is the document file of document id.
func DocPath(id int) string { return DocsFolder + "/" + strconv.Itoa(id) + ".js" }

// shardPath is the file of term shard i.
func shardPath(i int) string { return TermsFolder + "/" + strconv.Itoa(i) + ".js" }

// ShardBytes is the size a term shard grows to before the next one starts:
// small enough that a query's shards stay well under the 100 KB a first query
// may transfer, large enough that a big index has a few hundred shards.
const ShardBytes = 6 << 10

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

// Index collects documents. Add is safe for concurrent use: each call borrows
// one of a few workers, each with its own table of terms, so that indexing
// takes no lock per word; Files merges the tables.
type Index struct {
	shardBytes int
	workers    chan *worker
	all        []*worker
	mu         sync.Mutex // guards docs
	docs       []docTerms // per document
}

// docTerms is a document's terms: ids in its worker's table, with the field
// in the top two bits.
type docTerms struct {
	worker int
	ids    []uint32
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
func NewIndex() *Index {
	n := max(runtime.GOMAXPROCS(0), 1)
	x := &Index{shardBytes: ShardBytes, workers: make(chan *worker, n)}
	for i := range n {
		w := &worker{index: i, table: newTermTable()}
		x.all = append(x.all, w)
		x.workers <- w
	}
	return x
}

// worker is the working memory of Adds: its term table, and which terms the
// current document has, each with its best field, without a map per document.
type worker struct {
	index int
	table *termTable
	terms []string // by the table's ids
	gen   uint32
	seen  []uint32 // per term id: the gen of the last document that had it
	field []uint32 // per term id: its best field in that document
	ids   []uint32 // the document's term ids, in order found
	buf   []byte
	cache [cacheSize]cached // recently found terms, by hash
}

type cached struct {
	hash  uint64
	short uint64 // the term's bytes and length, when it has at most seven bytes
	id    uint32 // id+1; 0 marks an empty entry
}

// short packs a term of up to seven bytes and its length into a number that
// no other such term has (longer terms give 0); sv is the term's bytes
// shifted in one by one, as scan makes it.
func short(t []byte, sv uint64) uint64 {
	if len(t) > 7 {
		return 0
	}
	return sv<<8 | uint64(len(t))
}

// cacheSize is the number of terms each worker keeps at hand: enough for the
// words that make up most of any text, small enough for the CPU cache.
const cacheSize = 1 << 12

func (w *worker) mark(id, f uint32) {
	for int(id) >= len(w.seen) {
		w.seen = append(w.seen, 0)
		w.field = append(w.field, 0)
	}
	if w.seen[id] != w.gen {
		w.seen[id] = w.gen
		w.field[id] = f
		w.ids = append(w.ids, id)
	} else if f > w.field[id] {
		w.field[id] = f
	}
}

// lookup returns the id of term t (hash h, bytes shifted in sv) in the
// worker's table, adding it.
func (w *worker) lookup(t []byte, h, sv uint64) uint32 {
	// Frequent words are found in the small cache; a word of up to seven
	// bytes is compared as one number.
	c := &w.cache[h&(cacheSize-1)]
	s := short(t, sv)
	if c.hash == h && c.id != 0 {
		if s != 0 && c.short == s || s == 0 && string(w.table.term(c.id-1)) == string(t) {
			return c.id - 1
		}
	}
	id, ok := w.table.find(t, h)
	if !ok {
		id = w.table.add(t, h)
		w.terms = append(w.terms, string(t))
	}
	*c = cached{hash: h, id: id + 1, short: s}
	return id
}

// Add indexes document id (ids are dense: 0, 1, 2, ...) and returns the
// content of its document file.
func (x *Index) Add(id int, d Doc) []byte {
	w := <-x.workers
	w.gen++
	w.ids = w.ids[:0]
	w.scan(d.Title, fieldTitle)
	for _, s := range d.Sections {
		w.scan(s.Heading, fieldHeading)
		w.scan(s.Text, fieldBody)
	}
	ids := make([]uint32, len(w.ids))
	for i, t := range w.ids {
		ids[i] = t | w.field[t]
	}
	x.workers <- w
	x.mu.Lock()
	for len(x.docs) <= id {
		x.docs = append(x.docs, docTerms{})
	}
	x.docs[id] = docTerms{worker: w.index, ids: ids}
	x.mu.Unlock()

	size := 64 + len(d.Title) + len(d.URL) + len(d.Breadcrumb)
	for _, s := range d.Sections {
		size += 24 + len(s.Anchor) + len(s.Heading) + len(s.Text)
	}
	return appendDoc(make([]byte, 0, size+size/16), id, d)
}

// merge gives every term one id across the workers' tables: it returns the
// terms and, per worker, its ids' new ids.
func (x *Index) merge() ([]string, [][]uint32) {
	ids := map[string]uint32{}
	var terms []string
	remap := make([][]uint32, len(x.all))
	for i, w := range x.all {
		remap[i] = make([]uint32, len(w.terms))
		for local, t := range w.terms {
			id, ok := ids[t]
			if !ok {
				id = uint32(len(terms))
				ids[t] = id
				terms = append(terms, t)
			}
			remap[i][local] = id
		}
	}
	return terms, remap
}

// Files returns the manifest and the term shards, by path.
func (x *Index) Files() map[string][]byte {
	n := len(x.docs)
	terms, remap := x.merge()
	p := x.postings(len(terms), remap)
	x.docs = nil
	order := sortedTerms(terms)
	lists := encodeLists(order, p, n)
	files, firsts := x.shards(terms, order, lists)
	files[ManifestPath] = manifest(n, firsts)
	return files
}

// postingTable holds every term's title, heading and body documents, each
// list a slice of one array.
type postingTable struct {
	all   []int32 // documents, by term and field
	count []int32 // where term t's lists start: 3t (title), 3t+1, 3t+2; 3t+3 ends them
}

// lists returns term t's title, heading and body documents.
func (p postingTable) lists(t int) [3][]int32 {
	all, count := p.all, p.count
	return [3][]int32{all[count[3*t]:count[3*t+1]], all[count[3*t+1]:count[3*t+2]], all[count[3*t+2]:count[3*t+3]]}
}

// postings inverts the documents' terms into a postingTable indexed by the
// terms' merged ids (remap), sized by counting first.
func (x *Index) postings(terms int, remap [][]uint32) postingTable {
	slot := func(w int, id uint32) int { return 3*int(remap[w][id&^fieldMask]) + 2 - int(id>>30) }
	count := make([]int32, 3*terms+1)
	for _, dt := range x.docs {
		for _, id := range dt.ids {
			count[slot(dt.worker, id)+1]++
		}
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	all := make([]int32, count[len(count)-1])
	fill := slices.Clone(count)
	for doc, dt := range x.docs {
		for _, id := range dt.ids {
			s := slot(dt.worker, id)
			all[fill[s]] = int32(doc)
			fill[s]++
		}
	}
	return postingTable{all: all, count: count}
}

// sortedTerms returns the ids of terms in the order of the terms.
func sortedTerms(terms []string) []int {
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(terms[a], terms[b]) })
	return order
}

// encodeLists encodes, in parallel, the lists of every term of order (of n
// documents): the three document counts and the three Rice-coded lists of a
// shard entry, without the term.
func encodeLists(order []int, p postingTable, n int) []string {
	lists := make([]string, len(order))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var b strings.Builder
			for i := w; i < len(order); i += workers {
				b.Reset()
				writeLists(&b, p.lists(order[i]), n)
				lists[i] = b.String()
			}
		})
	}
	wg.Wait()
	return lists
}

// writeLists writes one term's entry lists: <df title>.<df heading>.<df text>
// and then |<bits> of each.
func writeLists(b *strings.Builder, p [3][]int32, n int) {
	for f, docs := range p {
		if f > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.FormatInt(int64(len(docs)), 36))
	}
	for _, docs := range p {
		b.WriteByte('|')
		b.WriteString(encodeRice(docs, riceK(len(docs), n)))
	}
}

// shards cuts the entries into shards in term order, front-coding each term
// against the one before it in its shard. It returns the shard files, by
// path, and the first term of each shard.
func (x *Index) shards(terms []string, order []int, lists []string) (map[string][]byte, []string) {
	files := map[string][]byte{}
	var firsts []string
	var shard strings.Builder
	prev := ""
	flush := func() {
		if shard.Len() == 0 {
			return
		}
		i := len(firsts) - 1
		files[shardPath(i)] = []byte(fmt.Sprintf("kbShard(%d,\"%s\");\n", i, shard.String()))
		shard.Reset()
	}
	for i, id := range order {
		t := terms[id]
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
		shard.WriteString(strconv.FormatInt(int64(common), 36))
		shard.WriteString(t[common:])
		shard.WriteByte('|')
		shard.WriteString(lists[i])
		prev = t
	}
	flush()
	return files, firsts
}

// manifest is the manifest file of n documents whose shards start with the
// terms firsts.
func manifest(n int, firsts []string) []byte {
	j, _ := json.Marshal(struct {
		Version int      `json:"v"`
		Docs    int      `json:"n"`
		Shards  []string `json:"s"`
	}{1, n, firsts})
	return []byte(fmt.Sprintf("kbManifest(%s);\n", j))
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
