package config

import (
	"fmt"
	"net/url"
	"path"
	"strings"
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
