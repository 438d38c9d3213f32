package article

import (
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// TestNoMatchTimeout: chroma gives every lexer rule a regexp2 match timeout
// of 250 ms and takes a rule that times out for one that does not match, so
// on a busy machine the same code block came out with other token classes.
// kb stops regexp2's timeout clock (see highlight.go). This runs a match with
// a far smaller timeout, as chroma's would be to a machine that much slower,
// on ever longer input until one match has lasted 400 ms: twice what
// regexp2's clock (100 ms ticks) needs to see a deadline of 1 ms pass. No
// match may time out. The test does not depend on the machine's speed: a
// faster machine only takes more rounds.
func TestNoMatchTimeout(t *testing.T) {
	re := regexp2.MustCompile(`^(a|aa)*$`, regexp2.None) // backtracks exponentially on "aaa…ab"
	re.MatchTimeout = time.Millisecond
	for n := 10; ; n++ {
		start := time.Now()
		ok, err := re.MatchString(strings.Repeat("a", n) + "b")
		took := time.Since(start)
		if err != nil {
			t.Fatalf("a match of %d characters timed out after %v: %.80v", n+1, took, err)
		}
		if ok {
			t.Fatal("matched")
		}
		if took >= 400*time.Millisecond {
			return
		}
	}
}
