package article

import (
	"strings"
	"testing"
)

// A block quote's marker line ([!NOTE], [!div class="..."]) is dropped with
// what is written on it, and only that: a link starting the next line stays.
func TestMarkerLineKeepsNextLine(t *testing.T) {
	const head = "---\ntitle: A\ndescription: B.\n---\n\n"
	p := NewParser(noFiles{}, nil)
	for _, marker := range []string{"[!NOTE]", `[!div class="checklist"]`, `[!div class="nextstepaction"]`} {
		a, _ := p.Parse("a.md", []byte(head+"> "+marker+"\n> <https://example.com> is here.\n"))
		if !strings.Contains(string(a.Body), `<a href="https://example.com">https://example.com</a> is here.`) {
			t.Errorf("%s: the link on the next line is lost: %s", marker, a.Body)
		}
	}
}
