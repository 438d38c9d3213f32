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
		where := d.Path
		if d.Line > 0 {
			where += fmt.Sprintf(":%d", d.Line)
			if d.Col > 0 {
				where += fmt.Sprintf(":%d", d.Col)
			}
		}
		sev := paint(yellow, "warning")
		if d.Severity == diag.Error {
			sev = paint(red, "error")
		}
		fmt.Fprintf(w, "%s: %s: %s %s\n", paint(bold, printable(where)), sev, printable(d.Message), paint(dim, "["+d.Rule+"]"))
		if d.Excerpt != "" && d.Line > 0 {
			num := fmt.Sprint(d.Line)
			fmt.Fprintf(w, "  %s | %s\n", num, showLine(d.Excerpt))
			if d.Col > 0 {
				fmt.Fprintf(w, "  %s | %s%s\n", strings.Repeat(" ", len(num)), strings.Repeat(" ", caretIndent(d)), paint(bold, "^"))
			}
		}
	}
	e, wn := count(diags)
	_, err := fmt.Fprintf(w, "%s, %s\n", plural(e, "error"), plural(wn, "warning"))
	return err
}

// showLine is a source line as the report shows it: tabs as one space (so
// that the caret can be placed by counting characters), control characters
// escaped.
func showLine(s string) string {
	return printable(strings.ReplaceAll(s, "\t", " "))
}

// caretIndent is how many characters of the shown excerpt come before the
// one the diagnostic's column points at.
func caretIndent(d diag.Diagnostic) int {
	pos := d.Caret
	if pos == 0 {
		pos = d.Col
	}
	n := 0
	for i := range d.Excerpt {
		if n == pos-1 {
			return utf8.RuneCountInString(showLine(d.Excerpt[:i]))
		}
		n++
	}
	// At or past the end of the line.
	return utf8.RuneCountInString(showLine(d.Excerpt)) + pos - 1 - n
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
