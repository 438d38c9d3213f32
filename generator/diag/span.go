package diag

// Span maps a range of a text kb made from its input back to where that
// range came from: an article with its includes expanded in place, or the
// Markdown kb makes of a YAML page. A made text is described by its spans,
// in order; an offset no span covers belongs to the made text's own file.
type Span struct {
	Start, End int // the range [Start, End) of the made text
	// Pos is the place in an input file that the made text's Start comes
	// from.
	Pos Pos
	// Linear says that the range is a copy of the file's bytes from
	// Pos.Offset on, so that Start+k comes from Pos.Offset+k; otherwise
	// every offset of the range comes from Pos itself (a value that was
	// rewritten, such as a YAML string made into Markdown).
	Linear bool
}
