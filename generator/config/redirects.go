package config

import (
	"fmt"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"

	"kb/generator/diag"
)

// readRedirects reads the [redirects] table of src, a valid TOML file: old
// address = new address, both strings. An unquoted key with a dot
// (old.html = "...") is a table in TOML; it is reported, as is any value that
// is not a string.
func readRedirects(src []byte, lines *diag.Lines, diags *diag.List) map[string]string {
	var raw struct {
		Redirects map[string]any `toml:"redirects"`
	}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		diags.Add(lines.At(FileName, keyOffset(src, toml.Key{"redirects"}), diag.Error, "config-value",
			"[redirects] must be a table of old address = new address"))
		return nil
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			key := prefix + k
			switch v := m[k].(type) {
			case string:
				if prefix != "" {
					diags.Add(lines.At(FileName, keyOffset(src, toml.Key{"redirects", key}), diag.Error, "config-value",
						"[redirects] key %s must be quoted, \"%s\" = %q: without quotes, TOML reads its dots as tables", key, key, v))
					continue
				}
				out[key] = v
			case map[string]any:
				walk(key+".", v)
			default:
				diags.Add(lines.At(FileName, valueOffset(src, toml.Key{"redirects", key}), diag.Error, "config-value",
					"[redirects] %q = %s: the new address must be a string, such as \"new/page.md\"", key, fmt.Sprint(v)))
			}
		}
	}
	walk("", raw.Redirects)
	if len(out) == 0 {
		return nil
	}
	return out
}
