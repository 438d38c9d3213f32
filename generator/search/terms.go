package search

// termTable maps a term's bytes to its id with one hash probe and one
// comparison against a contiguous arena of term bytes: it is the hot path of
// indexing (one lookup per word of every article), where Go's map of strings
// spent most of its time missing the cache.
type termTable struct {
	slots []slot   // open addressing, linear probing; len is a power of two
	arena []byte   // the bytes of every term, one after the other
	start []uint32 // per id: where its bytes start in arena (the next id's start ends them)
	count int
}

type slot struct {
	hash uint64
	id   uint32 // id+1; 0 marks an empty slot
}

func newTermTable() *termTable {
	return &termTable{slots: make([]slot, 1<<12), start: []uint32{0}}
}

// term returns the bytes of term id.
func (t *termTable) term(id uint32) []byte { return t.arena[t.start[id]:t.start[id+1]] }

// find returns the id of term b with hash h.
func (t *termTable) find(b []byte, h uint64) (uint32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.id == 0 {
			return 0, false
		}
		if s.hash == h && string(t.term(s.id-1)) == string(b) {
			return s.id - 1, true
		}
	}
}

// add adds term b (absent) with hash h and returns its id.
func (t *termTable) add(b []byte, h uint64) uint32 {
	if (t.count+1)*2 > len(t.slots) {
		t.grow()
	}
	id := uint32(t.count)
	t.count++
	t.arena = append(t.arena, b...)
	t.start = append(t.start, uint32(len(t.arena)))
	t.put(h, id)
	return id
}

func (t *termTable) put(h uint64, id uint32) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = slot{hash: h, id: id + 1}
}

func (t *termTable) grow() {
	old := t.slots
	t.slots = make([]slot, len(old)*2)
	for _, s := range old {
		if s.id != 0 {
			t.put(s.hash, s.id-1)
		}
	}
}
