package embed

import (
	"crypto/sha256"
	"encoding/base64"
)

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
