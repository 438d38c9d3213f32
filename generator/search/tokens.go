package search

import (
	"strings"
	"unicode"
)

// Tokens splits text into lower-case words of letters and digits, as the
// browser runtime does (theme/assets/search.js): anything else separates
// words.
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
