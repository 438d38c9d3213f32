package config

import (
	"fmt"
	"maps"
	"slices"

	"kb/generator/diag"
	"kb/generator/tomlpos"
)

// readRedirects reads the [redirects] table of src, a valid TOML file: old
// address = new address, both strings. An unquoted key with a dot
// (old.html = "...") is a table in TOML; it is reported, as is any value that
// is not a string. The entries are sorted by old address.
func readRedirects(src []byte, loc *tomlpos.Locator, lines *diag.Lines, diags *diag.List) []Redirect {
	var raw struct {
		Redirects any `toml:"redirects"`
	}
	_, _, _ = tomlpos.Decode(src, &raw) // src is valid TOML; every other key is reported by Load
	table, ok := raw.Redirects.(map[string]any)
	if raw.Redirects != nil && !ok {
		off, _ := loc.KeyOf(tomlpos.Path{"redirects"})
		diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
			"[redirects] must be a table of old address = new address"))
		return nil
	}
	var out []Redirect
	var walk func(prefix string, at tomlpos.Path, m map[string]any)
	walk = func(prefix string, at tomlpos.Path, m map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			key := prefix + k
			p := append(append(tomlpos.Path{}, at...), k)
			switch v := m[k].(type) {
			case string:
				if prefix != "" {
					off, _ := loc.KeyOf(p)
					diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
						"[redirects] key %s must be quoted, \"%s\" = %q: without quotes, TOML reads its dots as tables", key, key, v))
					continue
				}
				from, _ := loc.KeyOf(p)
				to, _ := loc.ValueOf(p)
				out = append(out, Redirect{From: key, To: v,
					FromAt: diag.Pos{File: FileName, Offset: from}, ToAt: diag.Pos{File: FileName, Offset: to}})
			case map[string]any:
				walk(key+".", p, v)
			default:
				off, _ := loc.ValueOf(p)
				diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
					"[redirects] %q = %s: the new address must be a string, such as \"new/page.md\"", key, fmt.Sprint(v)))
			}
		}
	}
	walk("", tomlpos.Path{"redirects"}, table)
	return out
}
