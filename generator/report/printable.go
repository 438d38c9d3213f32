package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// printable returns s with every character that a terminal or a log viewer
// would act on rather than show written as an escape, as Go writes it: the C0
// controls (newline and tab too: \n, \t, \x1b), DEL, the C1 controls
// (\u009b), the line and paragraph separators, the bidirectional embeddings,
// overrides and isolates (U+202A-U+202E, U+2066-U+2069, which reorder the
// text shown around them) and bytes that are not UTF-8 (\xff). Paths,
// messages and source lines all come from content, which is untrusted: an
// article line with ESC[2J ESC]0;title BEL would otherwise clear and retitle
// the terminal of whoever runs kb.
func printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
			} else {
				b.WriteRune(r) // a real U+FFFD
			}
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports the characters above ASCII that printable escapes.
func unsafeRune(r rune) bool {
	return 0x80 <= r && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
		0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			// Above ASCII: decode the rest to tell.
			for _, r := range s[i:] {
				if r < 0x20 || r == 0x7f || r == utf8.RuneError || unsafeRune(r) {
					return true
				}
			}
			return false
		}
	}
	return false
}
