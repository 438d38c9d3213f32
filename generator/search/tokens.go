package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// scan marks each word of text as found in field f of the current document.
// The words are those the browser runtime makes of a query (tokens in
// theme/assets/search.js; both are checked against testdata/tokens.json):
//
//   - the text is put in Unicode normalization form NFKC, so that "x²" reads
//     as "x2", "ﬁ" as "fi", full-width "Ａ" as "A" and a letter followed by a
//     combining accent as the accented letter;
//   - each character is lowered by its simple case mapping (as
//     unicode.ToLower, so "İ" becomes "i"), and final sigma "ς" becomes "σ",
//     so that "ΟΔΟΣ" finds "οδος";
//   - a word is a run of letters, marks and numbers (Unicode L, M and N):
//     everything else (spaces, punctuation, apostrophes, hyphens, symbols)
//     ends one. Marks belong to words, so that scripts such as Devanagari or
//     Arabic keep their words whole.
//
// It is the hot loop of indexing: ASCII takes a fast path, and the hash and
// the short form of each word (see short) are made as its bytes are read.
func (w *worker) scan(text string, f uint32) {
	if !ascii(text) { // ASCII is in NFKC, and is most text
		text = norm.NFKC.String(text)
	}
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
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) {
				n := len(b)
				b = utf8.AppendRune(b, lower(r))
				for _, l := range b[n:] {
					h = (h ^ uint64(l)) * fnvPrime
					sv = sv<<8 | uint64(l)
				}
				continue
			}
		}
		// Any other character ends a word.
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

// lower is a character of a word in lower case, final sigma as sigma.
func lower(r rune) rune {
	if r == 'ς' {
		return 'σ'
	}
	return unicode.ToLower(r)
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
