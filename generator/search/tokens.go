package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FNV-1a, over each token's bytes as they are lowered.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// asciiWord maps each ASCII byte that belongs to a word (a letter or a digit)
// to its lower case, and every other ASCII byte to 0.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := range byte(utf8.RuneSelf) {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = c
		case 'A' <= c && c <= 'Z':
			t[c] = c + 'a' - 'A'
		}
	}
	return t
}()

// scan marks each word of text (lower-case runs of letters and digits, as the
// browser runtime splits them) as found in field f of the current document.
// It is the hot loop of indexing: ASCII takes a fast path, and the hash and
// the short form of each word (see short) are made as its bytes are read.
func (w *worker) scan(text string, f uint32) {
	b := w.buf[:0]
	h, sv := uint64(fnvOffset), uint64(0)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if l := asciiWord[c]; l != 0 {
				b = append(b, l)
				h = (h ^ uint64(l)) * fnvPrime
				sv = sv<<8 | uint64(l)
				continue
			}
			if len(b) > 0 {
				w.mark(w.lookup(b, h, sv), f)
				b, h, sv = b[:0], fnvOffset, 0
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			for _, l := range []byte(strings.ToLower(string(r))) {
				b = append(b, l)
				h = (h ^ uint64(l)) * fnvPrime
				sv = sv<<8 | uint64(l)
			}
			continue
		}
		if len(b) > 0 {
			w.mark(w.lookup(b, h, sv), f)
			b, h, sv = b[:0], fnvOffset, 0
		}
	}
	if len(b) > 0 {
		w.mark(w.lookup(b, h, sv), f)
	}
	w.buf = b
}
