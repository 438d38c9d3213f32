package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"kb/generator/diag"
)

// TemplateError is a problem in a theme template, found while parsing it or
// while rendering a page with it.
type TemplateError struct {
	File      string // in the theme: "templates/page.html"
	Own       bool   // the site's own file (theme/File); else kb's default
	Line, Col int    // Col is 0 when the template package gives none
	Message   string
	Excerpt   string // the template's line, cut to a window around the column
	Caret     int    // where the column falls in Excerpt (diag.Diagnostic.Caret)
	Page      string // the page being rendered, or "" for a parse error
}

// Path is the template's path relative to the source folder, as diagnostics
// name it.
func (e *TemplateError) Path() string { return "theme/" + e.File }

func (e *TemplateError) Error() string {
	at := e.Path()
	if e.Line > 0 {
		at += ":" + strconv.Itoa(e.Line)
		if e.Col > 0 {
			at += ":" + strconv.Itoa(e.Col)
		}
	}
	return at + ": " + e.message(0)
}

func (e *TemplateError) message(others int) string {
	msg := e.Message
	switch {
	case e.Page != "" && others == 1:
		msg += fmt.Sprintf(" (rendering %s and 1 other page)", e.Page)
	case e.Page != "" && others > 1:
		msg += fmt.Sprintf(" (rendering %s and %d other pages)", e.Page, others)
	case e.Page != "":
		msg += " (rendering " + e.Page + ")"
	}
	if !e.Own {
		msg += "; this is kb's default " + e.File + ", used because theme/ has none: the templates the site replaces must still define what it uses"
	}
	return msg
}

// templateMessage is how text/template and html/template begin an error:
// "template: page.html:12: ...", "template: page.html:12:5: executing ...",
// "html/template:page.html:12:5: ...".
var templateMessage = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: (.*)$`)

// quoted is the first quoted word of a message, to find its column.
var quoted = regexp.MustCompile(`"((?:[^"\\]|\\.)+)"`)

// templateError makes err, from parsing or executing the templates, into a
// TemplateError at the file it names; page is the page being rendered, or "".
func (r *Renderer) templateError(err error, page string) error {
	raw := func() error {
		if page != "" {
			return fmt.Errorf("%s: theme template: %w", page, err)
		}
		return fmt.Errorf("theme: %w", err)
	}
	m := templateMessage.FindStringSubmatch(err.Error())
	if m == nil {
		return raw()
	}
	e := &TemplateError{File: "templates/" + m[1], Message: m[4], Page: page}
	e.Line, _ = strconv.Atoi(m[2])
	e.Col, _ = strconv.Atoi(m[3])
	src, own := r.theme.source(e.File)
	if src == nil {
		return raw()
	}
	e.Own = own
	lines := diag.NewLines(src)
	if e.Col == 0 {
		// Parse errors give the line only; the word they quote shows where.
		line := lines.LineText(e.Line)
		if q := quoted.FindStringSubmatch(e.Message); q != nil {
			word, uerr := strconv.Unquote(`"` + q[1] + `"`)
			if i := strings.Index(line, word); uerr == nil && word != "" && i >= 0 {
				e.Col = len([]rune(line[:i])) + 1
			}
		}
	}
	// A window of the line around the column, as every other excerpt.
	e.Excerpt, e.Caret = lines.Excerpt(e.Line, max(e.Col, 1))
	return e
}

// Report adds a diagnostic for each TemplateError in err (one of errors
// joined with errors.Join), once for all the pages it happened on, and
// reports whether there was any.
func Report(err error, diags *diag.List) bool {
	var all []*TemplateError
	var walk func(error)
	walk = func(err error) {
		var te *TemplateError
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		} else if errors.As(err, &te) {
			all = append(all, te)
		}
	}
	walk(err)
	type key struct {
		file      string
		line, col int
		msg       string
	}
	first := map[key]*TemplateError{}
	count := map[key]int{}
	var order []key
	for _, te := range all {
		k := key{te.File, te.Line, te.Col, te.Message}
		if _, seen := first[k]; !seen {
			first[k] = te
			order = append(order, k)
		}
		count[k]++
	}
	for _, k := range order {
		te := first[k]
		diags.Add(diag.Diagnostic{Path: te.Path(), Line: te.Line, Col: te.Col, Severity: diag.Error,
			Rule: diag.RuleThemeTemplate, Message: te.message(count[k] - 1), Excerpt: te.Excerpt, Caret: te.Caret})
	}
	return len(all) > 0
}
