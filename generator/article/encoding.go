package article

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"

	"kb/generator/diag"
)

// Text returns the content of an article file as kb reads it: UTF-8 with
// line feeds. It is src itself when nothing needs to change (src is never
// modified), else a new slice:
//
//   - UTF-16 and UTF-32 with a byte order mark are decoded, as DocFX (.NET's
//     StreamReader) reads them; the mark becomes a UTF-8 one, which the
//     front matter reader skips, so lines and columns stay those an editor
//     shows.
//   - A carriage return not followed by a line feed is a line ending in
//     CommonMark (classic Mac OS wrote them), but goldmark and the line
//     table split lines at line feeds only: it becomes one. The length does
//     not change, so no offset moves.
//
// Anything else is left for checkEncoding to report.
func Text(src []byte) []byte {
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe, 0, 0}):
		src = decodeUTF32(src, binary.LittleEndian)
	case bytes.HasPrefix(src, []byte{0, 0, 0xfe, 0xff}):
		src = decodeUTF32(src, binary.BigEndian)
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}):
		src = decodeUTF16(src, binary.LittleEndian)
	case bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		src = decodeUTF16(src, binary.BigEndian)
	}
	copied := false
	for at := 0; ; {
		i := bytes.IndexByte(src[at:], '\r')
		if i < 0 {
			return src
		}
		at += i
		if at+1 == len(src) || src[at+1] != '\n' {
			if !copied {
				src, copied = bytes.Clone(src), true
			}
			src[at] = '\n'
		}
		at++
	}
}

func decodeUTF16(src []byte, order binary.ByteOrder) []byte {
	units := make([]uint16, len(src)/2) // an odd last byte is dropped
	for i := range units {
		units[i] = order.Uint16(src[2*i:])
	}
	var b []byte
	for _, r := range utf16.Decode(units) { // a lone surrogate is U+FFFD
		b = utf8.AppendRune(b, r)
	}
	return b
}

func decodeUTF32(src []byte, order binary.ByteOrder) []byte {
	var b []byte
	for i := 0; i+4 <= len(src); i += 4 {
		r := rune(order.Uint32(src[i:]))
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// checkEncoding reports text (after Text) that is not UTF-8, saying what it
// seems to be instead. It reports false for a file that is not text at all
// (NUL bytes: UTF-16 without a byte order mark, or a binary file), which is
// not parsed: its front matter could not be found.
func checkEncoding(path string, src []byte, lines *diag.Lines, diags *diag.List) bool {
	if nul := bytes.Count(src, []byte{0}); nul > 0 {
		even, odd := 0, 0
		for i, c := range src {
			if c == 0 {
				if i%2 == 0 {
					even++
				} else {
					odd++
				}
			}
		}
		what := "the file holds NUL bytes: it is not text, or not in UTF-8"
		switch {
		case odd > 4*even && odd*4 > len(src)/2:
			what = "the file seems to be UTF-16 (little-endian) without a byte order mark"
		case even > 4*odd && even*4 > len(src)/2:
			what = "the file seems to be UTF-16 (big-endian) without a byte order mark"
		}
		diags.Add(diag.Diagnostic{Path: path, Severity: diag.Error, Rule: diag.RuleFileEncoding,
			Message: what + "; kb reads articles as UTF-8, or as UTF-16 with a byte order mark: save it as UTF-8"})
		return false
	}
	if utf8.Valid(src) {
		return true
	}
	at := 0
	for at < len(src) {
		r, size := utf8.DecodeRune(src[at:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		at += size
	}
	diags.Add(lines.At(path, at, diag.Error, diag.RuleFileEncoding,
		"the file is not UTF-8: byte 0x%02x here is not part of a UTF-8 character (the file may be in Windows-1252 or Latin-1); save it as UTF-8", src[at]))
	return true
}
