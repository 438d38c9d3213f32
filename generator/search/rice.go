package search

import "strings"

// Posting lists are Rice-coded: each gap between document numbers is written
// as its quotient by 2^k in unary (ones, then a zero) and its remainder in k
// bits, with k chosen per list from its density. For randomly spread
// documents that is within a few percent of the entropy of the list, and it
// leaves gzip nothing to find. The bits are packed six to a character of the
// URL-safe base64 alphabet, so a list is a plain JavaScript string.

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// riceK chooses the Rice parameter for n documents out of total.
func riceK(n, total int) int {
	if n == 0 {
		return 0
	}
	mean := float64(total) / float64(n)
	k := 0
	for float64(int(1)<<(k+1)) <= mean*0.69 {
		k++
	}
	return k
}

// bitWriter packs bits into base64 characters.
type bitWriter struct {
	b    strings.Builder
	acc  int
	nacc int
}

func (w *bitWriter) bit(v int) {
	w.acc = w.acc<<1 | v
	w.nacc++
	if w.nacc == 6 {
		w.b.WriteByte(base64[w.acc])
		w.acc, w.nacc = 0, 0
	}
}

func (w *bitWriter) String() string {
	for w.nacc != 0 {
		w.bit(0)
	}
	return w.b.String()
}

// encodeRice writes ascending document numbers as Rice-coded gaps; the first
// gap counts from -1.
func encodeRice(docs []int32, k int) string {
	var w bitWriter
	prev := -1
	for _, d32 := range docs {
		d := int(d32)
		g := d - prev - 1
		prev = d
		for q := g >> k; q > 0; q-- {
			w.bit(1)
		}
		w.bit(0)
		for i := k - 1; i >= 0; i-- {
			w.bit(g >> i & 1)
		}
	}
	return w.String()
}
