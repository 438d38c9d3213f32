package render

import "regexp"

// An inline script ends at the first "</script" (any case), and "<!--" in it
// changes how the browser looks for that end; an inline style ends at the
// first "</style". The theme's files are trusted, and kb's data in a script
// is JSON, but a comment or a string could still hold these, so they are
// rewritten: "\x3C" means "<" in a JavaScript string and regular expression
// and is harmless in a comment, and "<\/style" means "</style" in a CSS
// string. The embed files and the single-file bundle both inline this way.
var (
	scriptEnd = regexp.MustCompile(`(?i)</script|<!--`)
	styleEnd  = regexp.MustCompile(`(?i)</style`)
)

// InlineScript returns js as it can stand between <script> and </script>.
func InlineScript(js string) string {
	return scriptEnd.ReplaceAllStringFunc(js, func(m string) string { return `\x3C` + m[1:] })
}

// InlineStyle returns css as it can stand between <style> and </style>.
func InlineStyle(css string) string {
	return styleEnd.ReplaceAllStringFunc(css, func(m string) string { return `<\/` + m[2:] })
}
