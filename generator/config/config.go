// Package config holds a site's settings, read from config.toml at the root of
// the source folder. Every setting has a default, so a folder without
// config.toml builds too.
//
//	title = "Back End high availability"   # shown in every page header
//	description = "..."                     # home page meta description
//	language = "en"                         # the lang attribute of every page
//	search = true                           # the search index and box
//	baseURL = "https://example.org/docs/kb/" # where the site is published
//
//	[redirects]                             # old page = its new place
//	"old/page.html" = "new/page.md"
//
//	[check]
//	severity = { link-case = "warning" }    # per rule: error, warning or off
//	front-matter-keys = ["ms.custom"]       # more keys front-matter-unknown-key accepts
//
//	[content]
//	publish = ["*.ps1"]                     # content files to publish although their type is not passive
//
// An unknown key is an error, so that a misspelt setting is never silently
// ignored.
package config

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"kb/generator/diag"
)

// FileName is the name of the settings file in the source folder.
const FileName = "config.toml"

// Config is a site's settings.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Language    string `toml:"language"`
	Search      bool   `toml:"search"` // write the search index and show the search box
	// BaseURL is the absolute address the site is published at, ending in
	// "/" ("https://example.org/docs/kb/"), or "". It turns on canonical
	// links, og:url and sitemap.xml (package hosting).
	BaseURL string `toml:"baseURL"`
	// Redirects maps old page paths to their new place, as written; package
	// hosting checks them. Read by readRedirects.
	Redirects map[string]string `toml:"-"`
	Check     Check             `toml:"check"`
	Content   Content           `toml:"content"`
}

// Content holds the settings of the content folder's other files.
type Content struct {
	// Publish are patterns of content files to publish as they are although
	// their type could run script in a browser (.html, .xml, .js, unknown
	// types; docs/security.md): "*.html" names a file in any folder,
	// "downloads/*.ps1" a path from the content folder (package source).
	Publish []string `toml:"publish"`
}

// Check holds the settings of kb's checks.
type Check struct {
	// Severity changes the level of rules by id: "error", "warning" or "off".
	Severity map[string]string `toml:"severity"`
	// FrontMatterKeys are front matter keys to accept besides kb's own list.
	FrontMatterKeys []string `toml:"front-matter-keys"`
}

// Level returns the level config.toml sets for a rule, if it sets one.
func (c Config) Level(rule string) (diag.Level, bool) {
	s, ok := c.Check.Severity[rule]
	if !ok {
		return diag.Off, false
	}
	return diag.ParseLevel(s)
}

// Default returns the settings used when config.toml is absent.
func Default() Config {
	return Config{Title: "Knowledge base", Language: "en", Search: true}
}

var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// Load reads config.toml from fsys. A missing file gives the defaults; every
// problem in the file is reported in diags.
func Load(fsys fs.FS, diags *diag.List) Config {
	cfg := Default()
	src, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg
	}
	if err != nil {
		diags.Add(diag.Diagnostic{Path: FileName, Severity: diag.Error, Rule: "config-read", Message: err.Error()})
		return cfg
	}
	lines := diag.NewLines(src)
	md, err := toml.Decode(string(src), &cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			d := lines.At(FileName, perr.Position.Start, diag.Error, "config-syntax", "%s", perr.Message)
			d.Line, d.Col, d.Excerpt = perr.Position.Line, perr.Position.Col, lines.LineText(perr.Position.Line)
			diags.Add(d)
		} else {
			diags.Add(diag.Diagnostic{Path: FileName, Line: 1, Severity: diag.Error, Rule: "config-syntax",
				Message: strings.TrimPrefix(err.Error(), "toml: ")})
		}
		return Default()
	}
	cfg.Redirects = readRedirects(src, lines, diags)
	unknown := map[string]bool{}
	for _, key := range md.Undecoded() {
		if key[0] == "redirects" {
			continue // read by readRedirects
		}
		unknown[key.String()] = true
		if len(key) > 1 && unknown[key[:len(key)-1].String()] {
			continue // inside an unknown table, already reported
		}
		off := keyOffset(src, key)
		diags.Add(lines.At(FileName, off, diag.Error, "config-unknown-key",
			"unknown setting %q; the settings are title, description, language, search, baseURL, [redirects], [check] and [content]", key.String()))
	}
	for rule, level := range cfg.Check.Severity {
		off := keyOffset(src, toml.Key{"check", "severity", rule})
		if _, known := diag.LookupRule(rule); !known {
			diags.Add(lines.At(FileName, off, diag.Error, "config-value",
				"[check] severity names unknown rule %q; `kb check --rules` lists the rules", rule))
		} else if _, ok := diag.ParseLevel(level); !ok {
			diags.Add(lines.At(FileName, off, diag.Error, "config-value",
				"[check] severity of %q is %q; write \"error\", \"warning\" or \"off\"", rule, level))
		}
	}
	for _, p := range cfg.Content.Publish {
		if _, err := path.Match(p, ""); err != nil || p == "" || strings.HasPrefix(p, "/") {
			diags.Add(lines.At(FileName, keyOffset(src, toml.Key{"content", "publish"}), diag.Error, "config-value",
				"[content] publish has the pattern %q; write a file name pattern such as \"*.ps1\", or a path from the content folder such as \"downloads/*.ps1\"", p))
		}
	}
	if !languageTag.MatchString(cfg.Language) {
		diags.Add(lines.At(FileName, keyOffset(src, toml.Key{"language"}), diag.Error, "config-value",
			"language %q is not a language tag; write one such as \"en\" or \"en-US\"", cfg.Language))
		cfg.Language = "en"
	}
	if cfg.BaseURL != "" {
		base, problem := NormalizeBaseURL(cfg.BaseURL)
		if problem != "" {
			diags.Add(lines.At(FileName, valueOffset(src, toml.Key{"baseURL"}), diag.Error, "config-value", "%s", problem))
		}
		cfg.BaseURL = base
	}
	if strings.TrimSpace(cfg.Title) == "" {
		cfg.Title = Default().Title
	}
	return cfg
}

// keyOffset finds where the last part of key is assigned in src, so that a
// diagnostic can point at it; BurntSushi/toml does not expose key positions.
// It returns 0 when the key is not found as written.
func keyOffset(src []byte, key toml.Key) int {
	name := regexp.QuoteMeta(key[len(key)-1])
	re := regexp.MustCompile(`(?m)^[ \t]*(?:(?:"` + name + `"|` + name + `)[ \t]*=|\[\[?[ \t]*` + regexp.QuoteMeta(key.String()) + `[ \t]*\])`)
	if loc := re.FindIndex(src); loc != nil {
		return loc[0] + len(src[loc[0]:loc[1]]) - len(strings.TrimLeft(string(src[loc[0]:loc[1]]), " \t"))
	}
	// In an inline table: { name = ... }
	inline := regexp.MustCompile(`[{,][ \t]*("` + name + `"|` + name + `)[ \t]*=`)
	if loc := inline.FindSubmatchIndex(src); loc != nil {
		return loc[2]
	}
	return 0
}
