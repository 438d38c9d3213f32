package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"kb/generator/diag"
)

const (
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

func writeText(w io.Writer, diags []diag.Diagnostic, color bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + reset
	}
	if len(diags) == 0 {
		return nil
	}
	for _, d := range diags {
		sev := paint(yellow, "warning")
		if d.Severity == diag.Error {
			sev = paint(red, "error")
		}
		fmt.Fprintf(w, "%s: %s: %s %s\n", paint(bold, printable(where(d.Path, d.Line, d.Col))), sev, printable(d.Message), paint(dim, "["+d.Rule+"]"))
		writeExcerpt(w, d.Line, d.Col, d.Excerpt, d.Caret, paint)
		for _, n := range d.Notes {
			fmt.Fprintf(w, "%s: note: %s\n", paint(bold, printable(where(d.NotePath(n), n.Line, n.Col))), printable(n.Message))
			writeExcerpt(w, n.Line, n.Col, n.Excerpt, n.Caret, paint)
		}
	}
	e, wn := count(diags)
	_, err := fmt.Fprintf(w, "%s, %s\n", plural(e, "error"), plural(wn, "warning"))
	return err
}

// where is path:line:col, without the parts that are 0.
func where(path string, line, col int) string {
	if line > 0 {
		path += fmt.Sprintf(":%d", line)
		if col > 0 {
			path += fmt.Sprintf(":%d", col)
		}
	}
	return path
}

// writeExcerpt writes the source line of a diagnostic or note, and a caret
// under its column.
func writeExcerpt(w io.Writer, line, col int, excerpt string, caret int, paint func(code, s string) string) {
	if excerpt == "" || line == 0 {
		return
	}
	num := fmt.Sprint(line)
	fmt.Fprintf(w, "  %s | %s\n", num, showLine(excerpt))
	if col > 0 {
		fmt.Fprintf(w, "  %s | %s%s\n", strings.Repeat(" ", len(num)), strings.Repeat(" ", caretIndent(excerpt, caret, col)), paint(bold, "^"))
	}
}

// showLine is a source line as the report shows it: tabs as one space (so
// that the caret can be placed by counting characters), control characters
// escaped.
func showLine(s string) string {
	return printable(strings.ReplaceAll(s, "\t", " "))
}

// caretIndent is how many characters of the shown excerpt come before the
// one the column points at (caret, when the excerpt does not start with
// the line).
func caretIndent(excerpt string, caret, col int) int {
	pos := caret
	if pos == 0 {
		pos = col
	}
	n := 0
	for i := range excerpt {
		if n == pos-1 {
			return utf8.RuneCountInString(showLine(excerpt[:i]))
		}
		n++
	}
	// At or past the end of the line.
	return utf8.RuneCountInString(showLine(excerpt)) + pos - 1 - n
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
