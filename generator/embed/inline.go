package embed

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
)

// An inline script ends at the first "</script" (any case), and "<!--" in it
// changes how the browser looks for that end; an inline style ends at the
// first "</style". The theme's files are trusted, but a comment or a string
// could still hold these, so they are rewritten: "\x3C" means "<" in a
// JavaScript string and regular expression and is harmless in a comment, and
// "<\/style" means "</style" in a CSS string.
var (
	scriptEnd = regexp.MustCompile(`(?i)</script|<!--`)
	styleEnd  = regexp.MustCompile(`(?i)</style`)
)

// inlineScript returns js as it can stand between <script> and </script>.
func inlineScript(js string) string {
	return scriptEnd.ReplaceAllStringFunc(js, func(m string) string { return `\x3C` + m[1:] })
}

// inlineStyle returns css as it can stand between <style> and </style>.
func inlineStyle(css string) string {
	return styleEnd.ReplaceAllStringFunc(css, func(m string) string { return `<\/` + m[2:] })
}

// Hash is the CSP source expression that allows an inline script or style
// with exactly this text: 'sha256-BASE64'.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// policy is the Content-Security-Policy of an embed file: nothing but its
// inline script and style, and data: images.
func policy(script, style string) string {
	return "default-src 'none'; script-src " + Hash(script) + "; style-src " + Hash(style) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
}
