// Package report writes diagnostics in the formats CI systems and editors
// read, and keeps baselines.
//
//	text    path:line:col: severity: message [rule], the source line and a
//	        caret, and a count; coloured on a terminal unless NO_COLOR is set
//	json    {"diagnostics": [...], "summary": {...}}, one object per finding
//	sarif   SARIF 2.1.0, with every rule, locations, snippets and stable
//	        partial fingerprints, for code-scanning services
//	github  GitHub Actions workflow commands (::error file=...::message)
//
// A baseline (see Baseline) records the findings of a corpus by content, not
// by line number, so that a team adopting kb on a large legacy corpus sees
// only new problems, and edits elsewhere in a file do not bring old findings
// back.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strings"

	"kb/generator/diag"
)

// Formats are the values of --format.
var Formats = []string{"text", "json", "sarif", "github"}

// Options tune the output.
type Options struct {
	Color   bool   // colour the text format
	Version string // kb's version, for SARIF
}

// Write writes diags (already sorted) in format.
func Write(w io.Writer, format string, diags []diag.Diagnostic, opts Options) error {
	switch format {
	case "text":
		return writeText(w, diags, opts.Color)
	case "json":
		return writeJSON(w, diags)
	case "sarif":
		return writeSARIF(w, diags, opts.Version)
	case "github":
		return writeGitHub(w, diags)
	}
	return fmt.Errorf("unknown format %q; use %s", format, strings.Join(Formats, ", "))
}

var (
	positions = regexp.MustCompile(`:\d+(?::\d+)?\b|\bline \d+\b`)
	spaces    = regexp.MustCompile(`\s+`)
)

// Fingerprint identifies a finding by what it is about rather than where: its
// rule, its file, the text of its source line and its message, with line and
// column numbers taken out of the message. It stays the same when lines are
// added or removed elsewhere in the file.
func Fingerprint(d diag.Diagnostic) string {
	norm := func(s string) string { return spaces.ReplaceAllString(strings.TrimSpace(s), " ") }
	h := sha256.New()
	for _, part := range []string{d.Rule, d.Path, norm(d.Excerpt), norm(positions.ReplaceAllString(d.Message, ""))} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func count(diags []diag.Diagnostic) (errors, warnings int) {
	for _, d := range diags {
		if d.Severity == diag.Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}
