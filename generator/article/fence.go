package article

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// closedAttr marks a fenced code block whose closing fence was found.
const closedAttr = "kb-closed"

// fenceParser is goldmark's parser of fenced code blocks, which marks each
// block it finds the closing fence of: one it does not runs to the end of
// the article, or of the list item or block quote it is in, and Parser.walk
// warns about it (code-fence-unclosed).
type fenceParser struct{ parser.BlockParser }

func (f fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	state := f.BlockParser.Continue(node, reader, pc)
	if state == parser.Close { // only at the closing fence
		node.SetAttributeString(closedAttr, true)
	}
	return state
}

// fence is the opening fence of a code block that starts at offset.
func fence(source []byte, offset int) string {
	end := offset
	for end < len(source) && end < offset+64 && (source[end] == '`' || source[end] == '~') && source[end] == source[offset] {
		end++
	}
	return string(source[offset:end])
}
