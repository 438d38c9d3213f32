package bundle

import (
	"strings"
	"unicode"
)

// Name is the file name a bundle is given: the site's title in lower case,
// ASCII words joined by hyphens, cut after the last whole word within 60
// characters ("knowledge-base" for an empty or symbol-only title).
func Name(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	name := b.String()
	if len(name) > 60 {
		if i := strings.LastIndexByte(name[:61], '-'); i > 0 {
			name = name[:i]
		} else {
			name = name[:60]
		}
	}
	if name == "" {
		return "knowledge-base"
	}
	return name
}
