// Package report writes diagnostics in the formats CI systems and editors
// read, and keeps baselines.
//
//	text    path:line:col: severity: message [rule], the source line and a
//	        caret, each note as path:line:col: note: message with its line,
//	        and a count; coloured on a terminal unless NO_COLOR is set
//	json    {"diagnostics": [...], "summary": {...}}, one object per finding,
//	        its notes under "notes"
//	sarif   SARIF 2.1.0, with every rule, locations, snippets, notes as
//	        relatedLocations and stable partial fingerprints, for
//	        code-scanning services
//	github  GitHub Actions workflow commands (::error file=...::message),
//	        the notes' places appended to the message ("; see path:line:col")
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

// Fingerprint identifies a finding by what it is about rather than where: its
// rule, its file, the text of its source line, its message, and the file and
// message of each note. Line and column numbers are not part of it (messages
// hold none: a second place is a note), so it stays the same when lines are
// added or removed elsewhere in the file. Runs of spaces count as one.
func Fingerprint(d diag.Diagnostic) string {
	h := sha256.New()
	part := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	part(d.Rule)
	part(d.Path)
	part(normSpace(d.Excerpt))
	part(normSpace(d.Message))
	for _, n := range d.Notes {
		part(d.NotePath(n))
		part(normSpace(n.Message))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// normSpace trims s and writes each run of ASCII white space in it (space,
// tab, CR, LF, form feed) as one space.
func normSpace(s string) string {
	f := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	})
	return strings.Join(f, " ")
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
