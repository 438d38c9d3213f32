package docfx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is a JSON value with the byte offset where it starts in its file,
// so that a diagnostic about it can point at it: encoding/json gives no
// positions, so parse walks the tokens of a json.Decoder and notes the
// offset of each.
type node struct {
	off     int
	kind    kind
	str     string      // a string's value
	num     json.Number // a number as written
	boolean bool
	members []member // an object's, in the order written
	elems   []*node  // an array's
}

type kind int

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

// member is one key of an object, with the offset of the key.
type member struct {
	key    string
	keyOff int
	val    *node
}

// what names a value's type for messages: "a string", "an object".
func (n *node) what() string {
	switch n.kind {
	case kBool:
		return "true or false"
	case kNumber:
		return "a number"
	case kString:
		return "a string"
	case kArray:
		return "a list"
	case kObject:
		return "an object"
	}
	return "null"
}

// get returns the value of key in an object, the last if the key is given
// twice (as encoding/json and DocFX read it), or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != kObject {
		return nil
	}
	var v *node
	for _, m := range n.members {
		if m.key == key {
			v = m.val
		}
	}
	return v
}

// maxDepth bounds the nesting of the values parse reads: configuration
// files nest a few levels, and content is untrusted.
const maxDepth = 200

// syntaxError is malformed JSON at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// parse reads one JSON value, the whole of data (a UTF-8 byte order mark
// first is skipped).
func parse(data []byte) (*node, error) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = append([]byte("   "), data[3:]...) // same offsets
	}
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &syntaxError{p.start(), "unexpected text after the end of the JSON value"}
	}
	return n, nil
}

type parser struct {
	data []byte
	dec  *json.Decoder
}

// start is the offset of the next token: past the blanks, commas and
// colons that follow the decoder's last one.
func (p *parser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return off
}

func (p *parser) token() (json.Token, int, error) {
	off := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, off, &syntaxError{min(int(se.Offset), len(p.data)), "malformed JSON: " + strings.TrimPrefix(se.Error(), "invalid character ")}
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			// At the end of the last line with text: the file's end may be
			// past a line end that no line table counts (a lone CR).
			end := len(bytes.TrimRight(p.data, " \t\r\n"))
			return nil, end, &syntaxError{end, "malformed JSON: the file ends before the value does"}
		}
		return nil, off, &syntaxError{off, "malformed JSON: " + err.Error()}
	}
	return tok, off, nil
}

func (p *parser) value(depth int) (*node, error) {
	tok, off, err := p.token()
	if err != nil {
		return nil, err
	}
	return p.valueFrom(tok, off, depth)
}

func (p *parser) valueFrom(tok json.Token, off, depth int) (*node, error) {
	n := &node{off: off}
	switch t := tok.(type) {
	case nil:
		n.kind = kNull
	case bool:
		n.kind, n.boolean = kBool, t
	case json.Number:
		n.kind, n.num = kNumber, t
	case string:
		n.kind, n.str = kString, t
	case json.Delim:
		if depth >= maxDepth {
			return nil, &syntaxError{off, fmt.Sprintf("values nest more than %d levels deep", maxDepth)}
		}
		switch t {
		case '[':
			n.kind = kArray
			for p.dec.More() {
				e, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, e)
			}
		case '{':
			n.kind = kObject
			for p.dec.More() {
				k, koff, err := p.token()
				if err != nil {
					return nil, err
				}
				key, _ := k.(string) // the decoder allows only strings here
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key: key, keyOff: koff, val: v})
			}
		default:
			return nil, &syntaxError{off, fmt.Sprintf("malformed JSON: unexpected %q", string(t))}
		}
		if _, _, err := p.token(); err != nil { // the closing ] or }
			return nil, err
		}
	}
	return n, nil
}

// plain is the value as encoding/json would decode it into an any, but
// with integers as int (as YAML front matter has them) and other numbers
// as float64.
func (n *node) plain() any {
	switch n.kind {
	case kBool:
		return n.boolean
	case kNumber:
		if i, err := n.num.Int64(); err == nil {
			return int(i)
		}
		f, _ := n.num.Float64()
		return f
	case kString:
		return n.str
	case kArray:
		out := make([]any, len(n.elems))
		for i, e := range n.elems {
			out[i] = e.plain()
		}
		return out
	case kObject:
		out := make(map[string]any, len(n.members))
		for _, m := range n.members {
			out[m.key] = m.val.plain()
		}
		return out
	}
	return nil
}
