package foldertest

import (
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

func isWant(name string) bool { return strings.HasPrefix(name, "want/") }

// TestCompare: an output equal to the archive's passes, and an empty one
// left out of the archive; one that differs fails, and so do one produced
// but missing from the archive and one the archive has but that is no
// longer produced.
func TestCompare(t *testing.T) {
	ar := txtar.Parse([]byte("-- in --\nx\n-- want/a --\nA\n-- want/gone --\nG\n"))
	got := map[string][]byte{"want/a": []byte("A\n"), "want/empty": nil, "want/new": []byte("N\n")}
	problems := compare(ar, got, isWant)
	if len(problems) != 2 || !strings.HasPrefix(problems[0], "want/new is produced but not in the archive") ||
		!strings.HasPrefix(problems[1], "want/gone is in the archive but no longer produced") {
		t.Errorf("problems: %q", problems)
	}
	got = map[string][]byte{"want/a": []byte("B\n"), "want/gone": []byte("G\n")}
	if problems := compare(ar, got, isWant); len(problems) != 1 || !strings.HasPrefix(problems[0], "want/a differs") {
		t.Errorf("problems: %q", problems)
	}
	got["want/a"] = []byte("A\n")
	if problems := compare(ar, got, isWant); len(problems) != 0 {
		t.Errorf("equal outputs: %q", problems)
	}
}

// TestRewrite: -update keeps the comment and the inputs, the outputs the
// archive had in their order, adds new ones in name order, drops those no
// longer produced, and writes an empty output only when the archive had it.
func TestRewrite(t *testing.T) {
	ar := txtar.Parse([]byte("comment\n-- want/z --\nold\n-- in --\nx\n-- want/a --\n-- want/gone --\nG\n"))
	got := map[string][]byte{"want/a": nil, "want/z": []byte("Z\n"), "want/c": []byte("C\n"), "want/b": []byte("B\n"), "want/empty": nil}
	want := "comment\n-- in --\nx\n-- want/z --\nZ\n-- want/a --\n-- want/b --\nB\n-- want/c --\nC\n"
	if out := string(txtar.Format(rewrite(ar, got, isWant))); out != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", out, want)
	}
}
