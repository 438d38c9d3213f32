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

// eachToken calls fn with each word of text (lower-case runs of letters and
// digits, as the browser runtime splits them), and its FNV-1a hash,
// in a buffer it reuses: fn must copy what it keeps. ASCII takes a fast path.
func eachToken(text string, buf *[]byte, fn func(t []byte, hash uint64)) {
	b := (*buf)[:0]
	h := uint64(fnvOffset)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if len(b) > 0 {
					fn(b, h)
					b, h = b[:0], fnvOffset
				}
				i++
				continue
			}
			b = append(b, c)
			h = (h ^ uint64(c)) * fnvPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			for _, c := range []byte(strings.ToLower(string(r))) {
				b = append(b, c)
				h = (h ^ uint64(c)) * fnvPrime
			}
			continue
		}
		if len(b) > 0 {
			fn(b, h)
			b, h = b[:0], fnvOffset
		}
	}
	if len(b) > 0 {
		fn(b, h)
	}
	*buf = b
}
