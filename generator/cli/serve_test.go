package cli

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeUsage(t *testing.T) {
	site := writeSite(t, small)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tc := range []struct {
		args   []string
		code   int
		output string
	}{
		{[]string{"help"}, 0, "kb serve"},
		{[]string{"serve", "--help"}, 0, "--addr"},
		{[]string{"serve", "--source", site, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"serve", "--source", filepath.Join(site, "missing")}, 2, "is not a folder"},
		{[]string{"serve", "--source", site, "--addr", "127.0.0.1:port"}, 2, "unknown port"},
		{[]string{"serve", "--source", site, "--addr", busy.Addr().String()}, 2, "address already in use"},
	} {
		code, out, errOut := run(tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.output) {
			t.Errorf("kb %s: exit %d, want %d with %q; output:\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.output, out, errOut)
		}
	}
}
