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
//	[video]
//	embed = true                            # embedded players for [!VIDEO]; off: link cards only
//
// An unknown key is an error, so that a misspelt setting is never silently
// ignored; names are matched exactly (baseurl is not baseURL), and a value of
// the wrong type is an error at the value.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"kb/generator/diag"
	"kb/generator/tomlpos"
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
	// Redirects are the entries of [redirects], sorted by old address;
	// package hosting checks them. Read by readRedirects.
	Redirects []Redirect `toml:"-"`
	Check     Check      `toml:"check"`
	Content   Content    `toml:"content"`
	Docfx     Docfx      `toml:"docfx"`
	Xref      Xref       `toml:"xref"`
	Monikers  Monikers   `toml:"monikers"`
	Video     Video      `toml:"video"`
	Claims    Claims     `toml:"claims"`
	// Lines are the lines of config.toml (as in the table Load was given),
	// which Redirect's offsets are in, for the diagnostics made after Load;
	// nil when there is no config.toml.
	Lines *diag.Lines `toml:"-"`
}

// Redirect is one entry of [redirects]: an old address and its new place, as
// written, and where each is written in config.toml (placed through Lines, or
// the build's diag.Files), so that the file is read once.
type Redirect struct {
	From, To     string
	FromAt, ToAt diag.Pos
}

// Docfx holds the settings of a DocFX repository (a source folder with
// docfx.json files, package docfx).
type Docfx struct {
	// LearnHost is the address under which site-absolute links that lead
	// out of the repository's docsets ("/powershell/module/...") are
	// written, so that none points at the root of kb's own host; without a
	// final slash once Load has read it.
	LearnHost string `toml:"learn_host"`
	// BasePaths are the published base paths of docsets, by docset name
	// ("OfficeDocs-SharePoint" = "/sharepoint"), where kb's guess from
	// the repository's files is wrong.
	BasePaths map[string]string `toml:"base_paths"`
	// Repository is set by the pipeline when the source folder is a DocFX
	// repository: the rules' levels are then diag.DocsetLevel's.
	Repository bool `toml:"-"`
}

// Xref holds the settings of cross references (<xref:uid>, article/xref.go).
type Xref struct {
	// Host is where a uid that no article has links, such as
	// "https://learn.microsoft.com/en-us/dotnet/api/" (the uid in lower
	// case is appended); "" writes it as text, with a warning.
	Host string `toml:"host"`
}

// Monikers are the site's versions, which ::: moniker blocks and the
// monikerRange front matter name (docs/writing.md#monikers):
//
//	[monikers]
//	versions = [
//	  { id = "exchserver-2016", title = "Exchange Server 2016" },
//	  { id = "exchserver-2019", title = "Exchange Server 2019" },
//	]
//
// In the order written, oldest first: ranges such as ">= exchserver-2016"
// compare by it.
type Monikers struct {
	Versions []Moniker `toml:"versions"`
}

// Moniker is one version: its id, as ranges name it, and its title, as the
// version selector shows it (the id when empty).
type Moniker struct {
	ID    string `toml:"id"`
	Title string `toml:"title"`
}

var monikerID = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// Video holds the settings of [!VIDEO] markers (package article).
type Video struct {
	// Embed writes an embedded player (a sandboxed iframe, on
	// youtube-nocookie.com for YouTube) above each video's link card. Off
	// by default: a page then makes no request to another site. The offline
	// bundle never embeds.
	Embed bool `toml:"embed"`
}

// DefaultLearnHost is Docfx.LearnHost unless config.toml sets it.
const DefaultLearnHost = "https://learn.microsoft.com/en-us"

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
//
// In a DocFX repository (Docfx.Repository), a rule that config.toml does not
// set has its docset level (diag.DocsetLevel), where it has one.
func (c Config) Level(rule string) (diag.Severity, bool) {
	s, ok := c.Check.Severity[rule]
	if !ok {
		if c.Docfx.Repository {
			return diag.DocsetLevel(rule)
		}
		return diag.Off, false
	}
	return diag.ParseSeverity(s)
}

// Default returns the settings used when config.toml is absent.
func Default() Config {
	return Config{Title: "Knowledge base", Language: "en", Search: true, Docfx: Docfx{LearnHost: DefaultLearnHost}}
}

var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// Load reads config.toml from fsys and adds it to table, the build's table
// of files. A missing file gives the defaults; every problem in the file is
// reported in diags.
func Load(fsys fs.FS, table *diag.Files, diags *diag.List) Config {
	cfg := Default()
	src, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg
	}
	if err != nil {
		diags.Add(diag.Diagnostic{Path: FileName, Severity: diag.Error, Rule: diag.RuleConfigRead, Message: err.Error()})
		return cfg
	}
	lines := table.Add(FileName, src)
	loc, problems, ok := tomlpos.DecodeFile(FileName, src, lines, &cfg, diag.RuleConfigSyntax, diags)
	if !ok {
		return Default()
	}
	cfg.Redirects = readRedirects(src, loc, lines, diags)
	readClaims(&cfg.Claims, loc, lines, diags)
	cfg.Lines = lines
	for _, pr := range problems {
		if s, _ := pr.Path[0].(string); s == "redirects" {
			continue // read by readRedirects
		}
		if !pr.Unknown {
			// The setting keeps its default.
			diags.Add(lines.At(FileName, pr.Offset, diag.Error, diag.RuleConfigValue, "%s", pr.TypeMessage()))
			continue
		}
		hint := ""
		if strings.EqualFold(pr.Hint, pr.Key()) {
			hint = fmt.Sprintf(" (did you mean %q? names are case-sensitive)", pr.Hint)
		} else if pr.Hint != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", pr.Hint)
		}
		known := "the settings are title, description, language, search, baseURL, [redirects], [check], [content], [docfx], [monikers], [video], [xref] and [claims]"
		if pr.Parent() == "check" {
			known = "the settings of [check] are severity and front-matter-keys"
		}
		if pr.Parent() == "xref" {
			known = "the setting of [xref] is host"
		}
		if pr.Parent() == "docfx" {
			known = "the settings of [docfx] are learn_host and base_paths"
		}
		if pr.Parent() == "monikers" {
			known = "the setting of [monikers] is versions, a list of { id = \"...\", title = \"...\" }"
		}
		if pr.Parent() == "claims" {
			known = "the settings of [claims] are scope, monikers, phrases and marks"
		}
		if pr.Parent() == "claims.phrases" {
			known = "the settings of [claims.phrases] are supported, not-supported, required, not-required and history, each a list of phrases"
		}
		if pr.Parent() == "video" {
			known = "the setting of [video] is embed"
		}
		diags.Add(lines.At(FileName, pr.Offset, diag.Error, diag.RuleConfigUnknownKey,
			"unknown setting %q%s; %s", pr.Path.String(), hint, known))
	}
	for _, rule := range slices.Sorted(maps.Keys(cfg.Check.Severity)) {
		level := cfg.Check.Severity[rule]
		off, _ := loc.KeyOf(tomlpos.Path{"check", "severity", rule})
		if _, known := diag.LookupRule(rule); !known {
			diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
				"[check] severity names unknown rule %q; `kb check --rules` lists the rules", rule))
		} else if _, ok := diag.ParseSeverity(level); !ok {
			diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
				"[check] severity of %q is %q; write \"error\", \"warning\" or \"off\"", rule, level))
		}
	}
	for i, p := range cfg.Content.Publish {
		if _, err := path.Match(p, ""); err != nil || p == "" || strings.HasPrefix(p, "/") {
			off, _ := loc.ValueOf(tomlpos.Path{"content", "publish", i})
			diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
				"[content] publish has the pattern %q; write a file name pattern such as \"*.ps1\", or a path from the content folder such as \"downloads/*.ps1\"", p))
		}
	}
	if h := cfg.Docfx.LearnHost; !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") || strings.ContainsAny(h, "?#\"<> ") {
		off, _ := loc.ValueOf(tomlpos.Path{"docfx", "learn_host"})
		diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
			"learn_host %q is not an https:// address; write one such as %q", h, DefaultLearnHost))
		cfg.Docfx.LearnHost = DefaultLearnHost
	}
	// One form for every user: no final slash, since Learn paths start with one.
	cfg.Docfx.LearnHost = strings.TrimRight(cfg.Docfx.LearnHost, "/")
	if h := cfg.Xref.Host; h != "" && (!strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") || strings.ContainsAny(h, "?#\"<> ")) {
		off, _ := loc.ValueOf(tomlpos.Path{"xref", "host"})
		diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
			"[xref] host %q is not an https:// address; write one such as \"https://learn.microsoft.com/en-us/dotnet/api/\"", h))
		cfg.Xref.Host = ""
	}
	seen := map[string]bool{}
	for i, m := range cfg.Monikers.Versions {
		if !monikerID.MatchString(m.ID) || seen[m.ID] {
			off, _ := loc.ValueOf(tomlpos.Path{"monikers", "versions", i})
			what := "is not a moniker id: write letters, digits, '.', '-' and '_'"
			if seen[m.ID] {
				what = "is given twice: each version once"
			}
			diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue, "[monikers] versions: id %q %s", m.ID, what))
		}
		seen[m.ID] = true
	}
	if !languageTag.MatchString(cfg.Language) {
		off, _ := loc.ValueOf(tomlpos.Path{"language"})
		diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue,
			"language %q is not a language tag; write one such as \"en\" or \"en-US\"", cfg.Language))
		cfg.Language = "en"
	}
	if cfg.BaseURL != "" {
		base, problem := NormalizeBaseURL(cfg.BaseURL)
		if problem != "" {
			off, _ := loc.ValueOf(tomlpos.Path{"baseURL"})
			diags.Add(lines.At(FileName, off, diag.Error, diag.RuleConfigValue, "%s", problem))
		}
		cfg.BaseURL = base
	}
	if strings.TrimSpace(cfg.Title) == "" {
		cfg.Title = Default().Title
	}
	return cfg
}
