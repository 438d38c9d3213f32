package article

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// headingIDs makes heading ids the way goldmark does (lower-case ASCII letters
// and digits, spaces, '-' and '_' as '-', everything else dropped; "-1", "-2"
// for repeats), except that raw HTML tags in the heading are ignored first:
// "## Setup <a name="BKMK_setup"></a>" gets "setup", not "setup-a-namebkmk_setupa".
// One headingIDs serves one document.
type headingIDs struct {
	used map[string]bool
	next map[string]int
}

var _ parser.IDs = (*headingIDs)(nil)

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

var htmlTag = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	value = bytes.TrimSpace(htmlTag.ReplaceAll(value, nil))
	id := make([]byte, 0, len(value))
	for _, c := range value {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			id = append(id, c)
		case 'A' <= c && c <= 'Z':
			id = append(id, c+'a'-'A')
		case c == ' ' || c == '\t' || c == '-' || c == '_':
			id = append(id, '-')
		}
	}
	if len(id) == 0 {
		id = []byte("heading")
		if kind != ast.KindHeading {
			id = []byte("id")
		}
	}
	base := string(id)
	if !s.used[base] {
		s.used[base] = true
		return id
	}
	for i := s.next[base] + 1; ; i++ {
		candidate := fmt.Sprintf("%s-%d", base, i)
		if !s.used[candidate] {
			s.used[candidate] = true
			s.next[base] = i
			return []byte(candidate)
		}
	}
}

// Put implements parser.IDs.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

// HeadingID is the id a heading with this text gets when it is the first
// with that id on its page.
func HeadingID(text string) string {
	return string(newHeadingIDs().Generate([]byte(text), ast.KindHeading))
}
