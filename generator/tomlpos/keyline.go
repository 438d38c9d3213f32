package tomlpos

import "strings"

// KeyLine finds the first line of text that assigns key: blanks (spaces and
// tabs), the key as written, blanks, "=". With quoted, the key may also be
// written in double quotes ("key" =). It returns the offsets of that line's
// start and of the key (or its opening quote), and whether there is such a
// line. The key is compared byte for byte, so a key written with escapes is
// not found here (Locator.KeyOf finds it).
//
// It finds what the pattern (?m)^[ \t]*("key"|key)[ \t]*= finds, without
// compiling a pattern for each key.
func KeyLine(text, key string, quoted bool) (line, at int, ok bool) {
	lead := len(key) - len(strings.TrimLeft(key, " \t")) // the blanks the key starts with
	inQuotes := ""
	if quoted {
		inQuotes = `"` + key + `"`
	}
	for line := 0; line <= len(text); {
		s := text[line:]
		blanks := len(s) - len(strings.TrimLeft(s, " \t"))
		if i, ok := keyAt(s, blanks, key, lead, inQuotes); ok {
			return line, line + i, true
		}
		next := strings.IndexByte(s, '\n')
		if next < 0 {
			break
		}
		line += next + 1
	}
	return 0, 0, false
}

// keyAt returns where the line s, which starts with the given number of
// blanks, assigns key (or inQuotes, the key in quotes, unless that is ""),
// and whether it does. As in the pattern, the blanks
// before the key are taken greedily: a key that starts with blanks itself is
// found after as many of the line's blanks as leave it whole.
func keyAt(s string, blanks int, key string, lead int, inQuotes string) (int, bool) {
	if inQuotes != "" && assigns(s[blanks:], inQuotes) {
		return blanks, true
	}
	if lead < len(key) {
		// The key's first non-blank is the line's.
		i := blanks - lead
		return i, i >= 0 && assigns(s[i:], key)
	}
	// A key of blanks only (or empty): the last run of it among the line's
	// blanks, when an "=" follows them.
	if !strings.HasPrefix(s[blanks:], "=") {
		return 0, false
	}
	i := strings.LastIndex(s[:blanks], key)
	return i, i >= 0
}

// assigns reports whether s starts with key, blanks and "=".
func assigns(s, key string) bool {
	rest, ok := strings.CutPrefix(s, key)
	return ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=")
}
