package config

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
)

// NormalizeBaseURL checks a baseURL setting and returns it in the form kb
// uses: an absolute http or https address of a folder, with a lower-case host
// and a final slash ("https://example.org/docs/kb" becomes
// "https://example.org/docs/kb/"). When s cannot be a base URL it returns ""
// and a message that says what is wrong and what would be right.
func NormalizeBaseURL(s string) (string, string) {
	const example = `; write the address the site is published at, such as "https://example.org/docs/kb/"`
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Sprintf("baseURL %q is not a URL%s", s, example)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "", u.Opaque != "":
		return "", fmt.Sprintf("baseURL %q is not an absolute http:// or https:// address%s", s, example)
	case u.User != nil:
		return "", fmt.Sprintf("baseURL %q holds a user name or password, which every page would show%s", s, example)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		return "", fmt.Sprintf("baseURL %q has a query or #fragment; pages are found by adding their path to it%s", s, example)
	}
	u.Host = strings.ToLower(u.Host)
	p := path.Clean("/" + u.Path)
	if p != "/" {
		p += "/"
	}
	u.Path, u.RawPath = p, ""
	return u.String(), ""
}

// valueOffset finds where the value of key is written in src, after its "=",
// so that a diagnostic about a value points at the value. It falls back to
// the key, and to 0 when the key is not found as written.
func valueOffset(src []byte, key toml.Key) int {
	off := keyOffset(src, key)
	name := key[len(key)-1]
	if rest := string(src[off:]); !strings.HasPrefix(rest, name) && !strings.HasPrefix(rest, `"`+name+`"`) {
		return off
	}
	eq := strings.IndexByte(string(src[off:]), '=')
	nl := strings.IndexByte(string(src[off:]), '\n')
	if eq < 0 || (nl >= 0 && nl < eq) {
		return off
	}
	off += eq + 1
	for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
		off++
	}
	return off
}
