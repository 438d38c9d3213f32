package diag

import "slices"

// Span maps a range of a text kb made from its input back to where that
// range came from: an article with its includes expanded in place, or the
// Markdown kb makes of a YAML page. A made text is described by its spans,
// in order; an offset no span covers belongs to the made text's own file.
type Span struct {
	Start, End int // the range [Start, End) of the made text
	// Pos is the place in an input file that the made text's Start comes
	// from; its Via, where that file was included.
	Pos Pos
	// Linear says that the range is a copy of the file's bytes from
	// Pos.Offset on, so that Start+k comes from Pos.Offset+k; otherwise
	// every offset of the range comes from Pos itself (a value that was
	// rewritten, such as a YAML string made into Markdown).
	Linear bool
}

// Origin is what Map needs to place a position of a made text: the lines of
// each file its spans name.
type Origin func(file string) (*Lines, bool)

// mapping is the spans of a made text and the lines of their files.
type mapping struct {
	spans []Span
	files Origin
}

// Map returns line tables for a text made of other files' parts (src, which
// NewLines indexes), whose diagnostics and notes are placed in the files the
// spans name, with a note for each file that included another ("included
// from here"). Offsets outside every span are placed in src itself.
func Map(src []byte, spans []Span, files Origin) *Lines {
	ls := NewLines(src)
	if len(spans) > 0 {
		ls.mapped = &mapping{spans: spans, files: files}
	}
	return ls
}

// Pos returns the input position of an offset of the indexed text, whose
// own file is path: through the spans of a made text (Map), or the offset
// itself.
func (ls *Lines) Pos(path string, offset int) Pos {
	if ls.mapped == nil {
		return Pos{File: path, Offset: offset}
	}
	sp := ls.mapped.spans
	i, found := slices.BinarySearchFunc(sp, offset, func(s Span, off int) int {
		switch {
		case s.End <= off:
			return -1
		case s.Start > off:
			return 1
		}
		return 0
	})
	if !found {
		if i > 0 && offset == sp[i-1].End { // the end of a span: its last byte's file
			i--
		} else {
			return Pos{File: path, Offset: offset}
		}
	}
	s := sp[i]
	p := s.Pos
	if s.Linear {
		p.Offset += offset - s.Start
	}
	return p
}

// IncludedFrom is the message of the notes that say where a file was
// included: a diagnostic in an include names the include's line, and a note
// at each file that included it, innermost first.
const IncludedFrom = "in the file included from here"

// origin returns the file, offset and lines that an offset of the indexed
// text (whose own file is path) comes from, and the notes that say where
// that file was included.
func (ls *Lines) origin(path string, offset int) (file string, at int, lines *Lines, notes []Note) {
	if ls.mapped == nil {
		return path, offset, ls, nil
	}
	p := ls.Pos(path, offset)
	own, ok := ls.mapped.files(p.File)
	if !ok {
		return path, offset, ls, nil
	}
	return p.File, p.Offset, own, ls.mapped.via(p.Via)
}

// via returns the notes of an include chain.
func (m *mapping) via(v *Pos) []Note {
	var notes []Note
	for ; v != nil; v = v.Via {
		vl, ok := m.files(v.File)
		if !ok {
			break
		}
		notes = append(notes, vl.Note(v.File, v.Offset, IncludedFrom))
	}
	return notes
}
