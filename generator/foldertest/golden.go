package foldertest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Golden runs the golden tests of the txtar archives glob names
// ("testdata/*.txtar"; none is a failure), one subtest each, named for the
// file without .txtar. run reads the archive and returns what it produced:
// output name (an archive file name, such as "want/diagnostics") -> content.
// isOutput says which of the archive's files are expected outputs, the rest
// being the test's input.
//
// Each output produced must equal the archive's file of that name; an output
// produced but not in the archive fails unless it is empty (an empty output
// may be left out), and so does an output of the archive that run no longer
// produces, unless it is empty.
//
// With update, each archive is rewritten instead: its comment and inputs as
// they are, then its outputs as produced: those it had in their order, then
// new ones in name order; an empty one is written only when the archive
// already had it. Review the diff.
func Golden(t *testing.T, glob string, update bool, isOutput func(name string) bool, run func(t *testing.T, ar *txtar.Archive) map[string][]byte) {
	t.Helper()
	names, err := filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no %s", glob)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got := run(t, ar)
			if t.Failed() {
				return
			}
			if update {
				if err := os.WriteFile(name, txtar.Format(rewrite(ar, got, isOutput)), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, problem := range compare(ar, got, isOutput) {
				t.Error(problem)
			}
		})
	}
}

// compare returns a message for each output that differs from the
// archive's.
func compare(ar *txtar.Archive, got map[string][]byte, isOutput func(string) bool) []string {
	var problems []string
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if isOutput(f.Name) {
			want[f.Name] = f.Data
		}
	}
	for _, n := range sortedKeys(got) {
		w, ok := want[n]
		switch {
		case !ok && len(got[n]) > 0:
			problems = append(problems, fmt.Sprintf("%s is produced but not in the archive; run with -update and review the diff\n--- got ---\n%s", n, got[n]))
		case !bytes.Equal(got[n], w):
			problems = append(problems, fmt.Sprintf("%s differs (run with -update and review the diff)\n--- got ---\n%s\n--- want ---\n%s", n, got[n], w))
		}
	}
	for _, n := range sortedKeys(want) {
		if _, ok := got[n]; !ok && len(want[n]) > 0 {
			problems = append(problems, fmt.Sprintf("%s is in the archive but no longer produced; run with -update and review the diff", n))
		}
	}
	return problems
}

// rewrite returns the archive with its outputs replaced by got.
func rewrite(ar *txtar.Archive, got map[string][]byte, isOutput func(string) bool) *txtar.Archive {
	out := &txtar.Archive{Comment: ar.Comment}
	var had []string
	for _, f := range ar.Files {
		if !isOutput(f.Name) {
			out.Files = append(out.Files, f)
		} else if _, ok := got[f.Name]; ok && !slices.Contains(had, f.Name) {
			had = append(had, f.Name)
		}
	}
	for _, n := range had {
		out.Files = append(out.Files, txtar.File{Name: n, Data: got[n]})
	}
	for _, n := range sortedKeys(got) {
		if !slices.Contains(had, n) && len(got[n]) > 0 {
			out.Files = append(out.Files, txtar.File{Name: n, Data: got[n]})
		}
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
