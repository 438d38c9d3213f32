package search

import (
	"strconv"
	"unicode/utf8"
)

// appendDoc appends the document file of document id: kbDoc(id,{...});
// written by hand rather than with encoding/json, which spent a tenth of the
// index's build time reflecting over the same four fields.
func appendDoc(out []byte, id int, d Doc) []byte {
	out = append(out, "kbDoc("...)
	out = strconv.AppendInt(out, int64(id), 10)
	out = append(out, `,{"t":`...)
	out = appendString(out, d.Title)
	out = append(out, `,"u":`...)
	out = appendString(out, d.URL)
	out = append(out, `,"b":`...)
	out = appendString(out, d.Breadcrumb)
	out = append(out, `,"s":[`...)
	for i, s := range d.Sections {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"a":`...)
		out = appendString(out, s.Anchor)
		out = append(out, `,"h":`...)
		out = appendString(out, s.Heading)
		out = append(out, `,"x":`...)
		out = appendString(out, s.Text)
		out = append(out, '}')
	}
	return append(out, "]});\n"...)
}

// appendString appends s as a JSON string that is also a valid JavaScript
// string literal: quotes, backslashes, control characters and the line
// separators U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendString(out []byte, s string) []byte {
	const hex = "0123456789abcdef"
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			out = append(out, s[start:i]...)
			switch c {
			case '"', '\\':
				out = append(out, '\\', c)
			case '\n':
				out = append(out, '\\', 'n')
			case '\t':
				out = append(out, '\\', 't')
			case '\r':
				out = append(out, '\\', 'r')
			default:
				out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, s[start:i]...)
			out = append(out, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			out = append(out, s[start:i]...)
			out = append(out, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}
