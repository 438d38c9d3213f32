package diag

import (
	"slices"
	"strings"
)

// ParseSeverity reads a rule's level as config.toml writes it: "error",
// "warning" or "off".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "off":
		return Off, true
	}
	return Off, false
}

// Rule describes one kind of diagnostic: its stable id, its default level, and
// what it means. `kb check --rules` prints them and docs/checks.md explains
// them; config.toml can change a rule's level with [check.severity].
type Rule struct {
	ID      string
	Default Severity // Error, Warning, or Off for a rule that reports nothing unless config.toml raises it
	Summary string   // one line: what is wrong
	Explain string   // why it matters and how to fix it
}

// Rules returns every rule kb reports, sorted by id.
func Rules() []Rule {
	out := slices.Clone(rules[:])
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// DocsetLevel returns the default level of a rule in a DocFX repository,
// where it differs from kb's own default: what DocFX publishes with a
// warning (a missing link target or anchor, a link in another letter case,
// a duplicate asset id) is a warning there, so that a team gets its site and
// the whole list of findings at once; config.toml and --fail-on make it as
// strict as the team wants.
func DocsetLevel(id string) (Severity, bool) {
	switch id {
	case RuleLinkMissingFile, RuleImageMissing, RuleLinkMissingAnchor, RuleLinkCase, RuleLinkUnpublished,
		RuleLinkOutsideSource, RuleFrontMatterDuplicateAssetid, RuleFrontMatterDuplicateTitle, RuleFrontMatterTitle,
		RuleIncludeMissing, RuleRedirectTarget, RuleRedirectChain, RuleRedirectSyntax:
		return Warning, true
	}
	return Off, false
}

// LookupRule returns the rule with id.
func LookupRule(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// The ids of the rules, one constant each: code that reports a diagnostic
// names its rule by one of these, never by a string of its own.
const (
	RuleAlertUnknown                = "alert-unknown"
	RuleClaimContradiction          = "claim-contradiction"
	RuleClaimExplicit               = "claim-explicit"
	RuleClaimSyntax                 = "claim-syntax"
	RuleCodeFenceUnclosed           = "code-fence-unclosed"
	RuleCompatAttribute             = "compat-attribute"
	RuleCompatDimension             = "compat-dimension"
	RuleCompatFeature               = "compat-feature"
	RuleCompatValue                 = "compat-value"
	RuleConfigRead                  = "config-read"
	RuleConfigSyntax                = "config-syntax"
	RuleConfigUnknownKey            = "config-unknown-key"
	RuleConfigValue                 = "config-value"
	RuleContentFileSkipped          = "content-file-skipped"
	RuleDecisionAttribute           = "decision-attribute"
	RuleDecisionTree                = "decision-tree"
	RuleFileEncoding                = "file-encoding"
	RuleFrontMatterApplies          = "front-matter-applies"
	RuleFrontMatterDate             = "front-matter-date"
	RuleFrontMatterDescription      = "front-matter-description"
	RuleFrontMatterDuplicateAssetid = "front-matter-duplicate-assetid"
	RuleFrontMatterDuplicateTitle   = "front-matter-duplicate-title"
	RuleFrontMatterSyntax           = "front-matter-syntax"
	RuleFrontMatterTitle            = "front-matter-title"
	RuleFrontMatterType             = "front-matter-type"
	RuleFrontMatterUnknownKey       = "front-matter-unknown-key"
	RuleImageAlt                    = "image-alt"
	RuleImageMissing                = "image-missing"
	RuleLimitCodeHighlight          = "limit-code-highlight"
	RuleLimitFileSize               = "limit-file-size"
	RuleLimitLineLength             = "limit-line-length"
	RuleLimitNesting                = "limit-nesting"
	RuleLimitParagraph              = "limit-paragraph"
	RuleLinkCase                    = "link-case"
	RuleLinkMissingAnchor           = "link-missing-anchor"
	RuleLinkMissingFile             = "link-missing-file"
	RuleLinkOutsideSource           = "link-outside-source"
	RuleLinkSyntax                  = "link-syntax"
	RuleLinkUnpublished             = "link-unpublished"
	RuleLinkUnsafeUrl               = "link-unsafe-url"
	RuleMatrixConflict              = "matrix-conflict"
	RuleMatrixCoverage              = "matrix-coverage"
	RuleMatrixDimensionEmpty        = "matrix-dimension-empty"
	RuleMatrixDuplicateId           = "matrix-duplicate-id"
	RuleMatrixFeatureArticle        = "matrix-feature-article"
	RuleMatrixFeatureUnused         = "matrix-feature-unused"
	RuleMatrixId                    = "matrix-id"
	RuleMatrixJson                  = "matrix-json"
	RuleMatrixLimitedNote           = "matrix-limited-note"
	RuleMatrixNoDimensions          = "matrix-no-dimensions"
	RuleMatrixRangeOrder            = "matrix-range-order"
	RuleMatrixRead                  = "matrix-read"
	RuleMatrixRedundant             = "matrix-redundant"
	RuleMatrixReference             = "matrix-reference"
	RuleMatrixRequirementText       = "matrix-requirement-text"
	RuleMatrixSource                = "matrix-source"
	RuleMatrixSourceDisagrees       = "matrix-source-disagrees"
	RuleMatrixSourceSilent          = "matrix-source-silent"
	RuleMatrixStatus                = "matrix-status"
	RuleMatrixSyntax                = "matrix-syntax"
	RuleMatrixTooLarge              = "matrix-too-large"
	RuleMatrixType                  = "matrix-type"
	RuleMatrixUnknownKey            = "matrix-unknown-key"
	RulePageDuplicate               = "page-duplicate"
	RulePageOrphan                  = "page-orphan"
	RuleRead                        = "read"
	RuleRedirectChain               = "redirect-chain"
	RuleRedirectConflict            = "redirect-conflict"
	RuleRedirectSyntax              = "redirect-syntax"
	RuleRedirectTarget              = "redirect-target"
	RuleRender                      = "render"
	RuleSourceSymlink               = "source-symlink"
	RuleThemeTemplate               = "theme-template"
	RuleTreeContradiction           = "tree-contradiction"
	RuleTreeCoverage                = "tree-coverage"
	RuleTreeCycle                   = "tree-cycle"
	RuleTreeDeadEnd                 = "tree-dead-end"
	RuleTreeId                      = "tree-id"
	RuleTreeJson                    = "tree-json"
	RuleTreeLabel                   = "tree-label"
	RuleTreeLink                    = "tree-link"
	RuleTreeMatrix                  = "tree-matrix"
	RuleTreeRead                    = "tree-read"
	RuleTreeReference               = "tree-reference"
	RuleTreeStart                   = "tree-start"
	RuleTreeSyntax                  = "tree-syntax"
	RuleTreeTarget                  = "tree-target"
	RuleTreeText                    = "tree-text"
	RuleTreeTitle                   = "tree-title"
	RuleTreeTooManyPaths            = "tree-too-many-paths"
	RuleTreeType                    = "tree-type"
	RuleTreeUnknownKey              = "tree-unknown-key"
	RuleTreeUnreachable             = "tree-unreachable"

	// Includes
	RuleIncludeMissing = "include-missing"
	RuleIncludeCycle   = "include-cycle"
	RuleIncludeUnused  = "include-unused"

	// YAML pages (package yamlpage)
	RuleYamlPage        = "yaml-page"
	RuleYamlPageUnknown = "yaml-page-unknown"

	// DocFX repositories (generator/docfx)
	RuleDocfxConfig = "docfx-config"

	// Code includes and cross references (article/codeinclude.go, xref.go)
	RuleCodeSourceMissing = "code-source-missing"
	RuleCodeSourceInvalid = "code-source-invalid"
	RuleCodeRegionMissing = "code-region-missing"
	RuleCodeRangeInvalid  = "code-range-invalid"
	RuleXrefUnknown       = "xref-unknown"
	RuleXrefDuplicate     = "xref-duplicate"

	// Raw HTML in articles (generator/article/rawhtml.go)
	RuleHTMLRemoved = "html-removed"

	// Microsoft Learn syntax: video, div, image, row/column, the rest (article/learn.go)
	RuleLearnSyntaxUnknown = "learn-syntax-unknown"
	RuleDivClassUnknown    = "div-class-unknown"
	RuleVideoURL           = "video-url"
)

// Tables of contents (generator/toc).
const (
	RuleTocCycle  = "toc-cycle"
	RuleTocOrphan = "toc-orphan"
	RuleTocSyntax = "toc-syntax"
)

// Selections: tabs, zone pivots and monikers (article/select.go).
const (
	RuleSelectPivot      = "select-pivot"
	RuleSelectMoniker    = "select-moniker"
	RuleSelectUnclosed   = "select-unclosed"
	RuleSelectTabs       = "select-tabs"
	RuleSelectPivotGroup = "select-pivot-groups"
)

var rules = [...]Rule{
	// Includes
	{RuleIncludeMissing, Error, "an [!INCLUDE] names a file that does not exist",
		"The included text is missing from the page. The path is relative to the file that holds the [!INCLUDE], as in DocFX; fix it or create the file."},
	{RuleIncludeCycle, Error, "includes include each other in a cycle, or nest too deep",
		"A file that includes itself, directly or through others, would never end; the message shows the cycle. Includes nest up to 8 deep."},
	{RuleIncludeUnused, Warning, "an include file that no article includes",
		"A file in an includes/ folder is a fragment of other pages, never a page of its own: one that nothing includes reaches no reader, and its links are not checked. Include it or delete it."},
	// Links and images
	{RuleLinkMissingFile, Error, "a relative link names a file that does not exist",
		"The link breaks on every host. Fix the path (relative to the article) or create the file."},
	{RuleLinkMissingAnchor, Error, "a link's #anchor is not a heading or anchor of its target",
		"Heading ids are the heading text in lower case with spaces as '-' and other punctuation dropped. The message suggests the closest id."},
	{RuleLinkCase, Error, "a link resolves only when letter case is ignored",
		"It works on Windows and macOS file systems and breaks on Linux web servers, which compare names exactly. Write the path with the file's exact letter case."},
	{RuleLinkOutsideSource, Error, "a relative link leaves the content folder",
		"The target is not part of the site, so the link breaks once published. Link inside the content folder, or to a full https:// address."},
	{RuleLinkSyntax, Error, "a link is not a valid URL path", "Escape a literal % as %25."},
	{RuleLinkUnsafeUrl, Error, "a link or image URL could run script",
		"javascript:, vbscript:, file: and data: URLs (but for PNG, GIF, JPEG and WebP pictures) are never written: the link or picture is left out. Link to a file of the site or an https:// address. See docs/security.md."},
	{RuleLinkUnpublished, Error, "a link or image names a content file that kb does not publish",
		"The file exists, but its type could run script on the site (content-file-skipped says why at the file), so the link would break. Link to another file, or publish the type with config.toml's [content] publish. See docs/security.md."},
	{RuleImageMissing, Error, "an image names a file that does not exist", "Fix the path or add the picture to the content folder."},
	{RuleImageAlt, Warning, "an :::image has no alt-text", "Describe the picture for people who cannot see it; use type=\"icon\" for a decorative one."},
	// Content files
	{RuleContentFileSkipped, Warning, "a content file is not published, because it could run script on the site",
		"kb publishes pictures, documents, archives, fonts and media as they are, and SVG pictures that hold no script and load no other file. Other types (.html, .xml, .js, unknown ones) are published only when config.toml's [content] publish names them. Links to the file are errors. See docs/security.md."},
	// Front matter
	{RuleFrontMatterSyntax, Error, "the front matter is not valid YAML, gives a key twice, or is never closed",
		"The header is the text between a first line --- and the next line ---; it must be YAML key: value lines, each key once."},
	{RuleFrontMatterTitle, Error, "an article has no title", "Add title: \"...\" to the front matter."},
	{RuleFrontMatterDescription, Warning, "an article has no description",
		"The description is the page's meta description and its summary in section lists and search. Add description: \"...\" (one sentence)."},
	{RuleFrontMatterType, Error, "a front matter key has the wrong kind of value", "order must be a whole number; title and description single values."},
	{RuleFrontMatterDate, Warning, "ms.date is not a date", "Write MM/DD/YYYY, as Microsoft Docs does (or YYYY-MM-DD)."},
	{RuleFrontMatterDuplicateTitle, Warning, "two articles have the same title",
		"Readers cannot tell them apart in navigation and search results. Make each title say what is different."},
	{RuleFrontMatterDuplicateAssetid, Error, "two articles have the same ms.assetid",
		"The asset id identifies an article across moves and renames; a copied article must get a new one."},
	{RuleFrontMatterUnknownKey, Off, "a front matter key kb does not know",
		"Off by default: Microsoft Docs articles carry many keys. Turn it on to catch misspelt keys; list extra keys in [check] front-matter-keys."},
	{RuleFrontMatterApplies, Error, "an article's features or products name ids the support matrix does not have",
		"features: lists feature ids, products: lists dimension value ids of rules/*.toml."},
	// Articles
	{RuleAlertUnknown, Warning, "an alert marker of an unknown type", "Use NOTE, TIP, IMPORTANT, CAUTION or WARNING."},
	{RuleCodeFenceUnclosed, Warning, "a fenced code block is never closed",
		"It takes in the rest of the article, or of its list item or block quote, as code. End it with a line of the same fence characters (``` or ~~~), at least as many as open it."},
	{RuleFileEncoding, Error, "an article is not UTF-8 text",
		"kb reads UTF-8, and UTF-16 or UTF-32 with a byte order mark, as DocFX does; the message says what the file seems to be. Save it as UTF-8. A file with NUL bytes (UTF-16 without a byte order mark) is not parsed at all."},
	{RulePageDuplicate, Error, "two files would be written to the same page", "Keep one of index.md and _index.md; rename files that clash with generated pages."},
	{RulePageOrphan, Warning, "a hidden article that no link reaches",
		"Articles with hidden: true are left out of the navigation; one that no other article links to cannot be found."},
	{RuleRender, Error, "an article could not be rendered", "Report it as a bug in kb, with the article."},
	// Limits (generator/article/limits.go)
	{RuleLimitFileSize, Error, "an article is larger than 512 KiB",
		"Markdown this large takes the parser seconds; the body is not rendered. Split the article into several."},
	{RuleLimitLineLength, Error, "a line is longer than 100,000 bytes",
		"The body is not rendered. Break the line; move what makes it long (an embedded picture, generated data) into a file of its own."},
	{RuleLimitNesting, Error, "lists and block quotes nest more than 100 levels deep",
		"The parser's time grows faster than the depth; the body is not rendered. Flatten the structure."},
	{RuleLimitParagraph, Error, "a paragraph or table runs more than 5,000 lines without a blank line",
		"The parser's time grows with the square of such a block (link reference definitions); the body is not rendered. Break it with blank lines, or split the table."},
	{RuleLimitCodeHighlight, Warning, "an article has more than 64 KiB of code in fenced blocks",
		"Highlighting is the slowest part of rendering: kb highlights the blocks in order up to 64 KiB and writes the rest as plain code. Move long listings into files to download."},
	{RuleRead, Error, "a file could not be read", "Check the file's permissions."},
	{RuleSourceSymlink, Warning, "a symbolic link in the content folder, which kb leaves out",
		"kb does not follow links in content/: one could lead out of the source folder, and what is published must be what the folder holds. Copy the file or folder in its place."},
	// Redirects
	{RuleRedirectSyntax, Error, "a redirect's old address or target cannot be read",
		"An old address in [redirects] is a path from the site root ending in .html, .md or / (a folder); a target is a .md path, a path from the site root, or an http(s) address. See docs/hosting.md."},
	{RuleRedirectTarget, Error, "a redirect leads to no page or file of the site, or to an #anchor its page does not have",
		"Readers would land on the 404 page. Fix the target, or remove the redirect."},
	{RuleRedirectChain, Error, "a redirect leads to another redirect, or round in a loop",
		"Each hop costs readers a page load and search engines stop following after a few. Point the redirect at the final page; break a loop."},
	{RuleRedirectConflict, Error, "a redirect's old address is also a page or file of the site, or is redirected twice",
		"The redirect page would replace the real one. Remove the redirect or move the page; keep one redirect per old address."},
	// Tables of contents (generator/toc)
	{RuleTocSyntax, Error, "a toc.yml or toc.md cannot be read as a table of contents, or its includes make it too large",
		"A toc.yml is a YAML list of entries (name:, href:, items:), at the top or under items:; a toc.md has one heading per entry, \"# [Name](file.md)\" or \"# Name\" for a group, one # per level. The navigation is made from the entries that can be read. A TOC has at most 50,000 entries with the TOCs it includes."},
	{RuleTocCycle, Error, "a TOC includes itself, directly or through other TOCs",
		"The chain of TOC files is shown. Remove the href that closes the loop."},
	{RuleTocOrphan, Warning, "an article is in no toc.yml or toc.md of a site that has them",
		"It is built, but readers find it only through links and search; its navigation is the nearest folder's TOC. Add it to a TOC, or give it hidden: true."},
	// Claims in prose
	{RuleClaimContradiction, Error, "a sentence's support claim contradicts the support matrix",
		"kb finds sentences that name a feature, a version or edition and a support phrase, and compares them with rules/*.toml. Fix the sentence or the matrix; to keep the sentence, put <!-- kb-disable-next-line claim-contradiction --> on the line before it."},
	{RuleClaimExplicit, Error, "an explicit claim (<!-- kb-claim ... -->) does not hold in the support matrix",
		"An explicit claim is checked strictly: every cell it selects must have the status it states."},
	{RuleClaimSyntax, Error, "an explicit claim cannot be read", "Write <!-- kb-claim FEATURE DIMENSION=VALUE[,VALUE] ... status=STATUS -->."},
	// Configuration
	{RuleConfigSyntax, Error, "config.toml is not valid TOML", "kb stops with exit status 2."},
	{RuleConfigUnknownKey, Error, "config.toml has a setting kb does not know", "See docs/configuration.md."},
	{RuleConfigValue, Error, "a setting in config.toml has a value it cannot take", "See docs/configuration.md."},
	{RuleConfigRead, Error, "config.toml could not be read", "Check the file's permissions."},
	{RuleThemeTemplate, Error, "a theme template does not parse or fails to render a page", "kb stops with exit status 2. See docs/configuration.md (Themes)."},
	// Support matrix
	{RuleMatrixSyntax, Error, "a rules file is not valid TOML", "See docs/matrix.md."},
	{RuleMatrixRead, Error, "a rules file could not be read", "Check the file's permissions."},
	{RuleMatrixUnknownKey, Error, "a key the matrix format does not have", "See docs/matrix.md for the keys."},
	{RuleMatrixId, Error, "an id is missing or malformed", "Ids are lower case letters, digits, - and _."},
	{RuleMatrixDuplicateId, Error, "two things of one kind share an id", "Ids must be unique among dimensions, values of a dimension, features and requirements."},
	{RuleMatrixReference, Error, "an unknown feature or value is named", "The message lists the ids that exist."},
	{RuleMatrixRangeOrder, Error, "a range's ends are out of order", "from must not come after to in the dimension's order of values."},
	{RuleMatrixConflict, Error, "two statements give one cell different statuses", "Both places are named; remove or narrow one."},
	{RuleMatrixRedundant, Warning, "two statements cover one cell with the same status", "Remove the overlap so that each fact is stated once."},
	{RuleMatrixLimitedNote, Error, "a limited statement has no note", "Say what the limit is in notes."},
	{RuleMatrixStatus, Error, "a statement's status is missing or unknown", "Use supported, not-supported, limited or deprecated."},
	{RuleMatrixSource, Error, "a statement or requirement cites no source, or one that does not exist", "Cite the article section: path.md#anchor."},
	{RuleMatrixSourceDisagrees, Error, "a claim in a statement's source section contradicts the statement",
		"kb reads the cited section with the claims reader (docs/checks.md#claims-in-prose). Either the statement or its source is wrong; when the source contradicts itself, fix the source first."},
	{RuleMatrixSourceSilent, Warning, "kb reads no claim about a statement's feature and cells in its source section",
		"Cite the section that states the statement, or state it there in words kb reads; kb check --explain FILE shows what kb reads in the source."},
	{RuleMatrixFeatureArticle, Error, "a feature names no article, or one that does not exist", "Every feature needs the article that documents it."},
	{RuleMatrixFeatureUnused, Error, "a feature has no statements", "Add statements, or remove the feature."},
	{RuleMatrixCoverage, Warning, "cells no statement covers", "They show as Unknown in tables. Add statements for them."},
	{RuleMatrixDimensionEmpty, Error, "a dimension has no values", "List its values in order."},
	{RuleMatrixNoDimensions, Error, "the matrix has features but no dimension", "Add a [[dimension]] with its values."},
	{RuleMatrixType, Error, "a value of the wrong kind", "See docs/matrix.md."},
	{RuleMatrixRequirementText, Error, "a requirement has no text", "State the rule in text."},
	{RuleMatrixTooLarge, Error, "the dimensions make too many combinations", "More than 100,000 cells per feature."},
	{RuleMatrixJson, Error, "matrix.json could not be written", "Report it as a bug in kb."},
	// Compatibility tables
	{RuleCompatFeature, Error, "a compat directive names no feature, or an unknown one", "See docs/matrix.md#tables-in-articles."},
	{RuleCompatDimension, Error, "a compat directive's rows or columns are wrong", "An unknown dimension, one used twice, or one left out of explicit rows."},
	{RuleCompatValue, Error, "a compat directive names an unknown value", "The message lists the values."},
	{RuleCompatAttribute, Error, "a compat directive has an unknown or malformed attribute", "See docs/matrix.md#tables-in-articles."},
	// Decision trees
	{RuleTreeSyntax, Error, "a tree file is not valid TOML", "See docs/decision-trees.md."},
	{RuleTreeRead, Error, "a tree file could not be read", "Check the file's permissions."},
	{RuleTreeUnknownKey, Error, "a key the tree format does not have", "See docs/decision-trees.md."},
	{RuleTreeType, Error, "a value of the wrong kind in a tree", "See docs/decision-trees.md."},
	{RuleTreeId, Error, "a tree, question or outcome id is missing, malformed or used twice", "Ids are lower case letters, digits, - and _."},
	{RuleTreeTitle, Error, "a tree has no title", "Add title = \"...\"."},
	{RuleTreeText, Error, "a question without text or an outcome without title", "Every node needs words."},
	{RuleTreeStart, Error, "a tree has no start, or an unknown one", "start names the first question."},
	{RuleTreeTarget, Error, "an option leads to an unknown node", "next names a question or outcome of the same tree."},
	{RuleTreeUnreachable, Error, "a node no path reaches", "Link to it from an option, or remove it."},
	{RuleTreeDeadEnd, Error, "a question with fewer than two options, or an option that leads nowhere", "Every path must end in an outcome."},
	{RuleTreeCycle, Error, "a path loops back on itself", "The loop is shown; every path must end in an outcome."},
	{RuleTreeLabel, Error, "two options of a question have the same label", "Labels are the options' ids in shared links."},
	{RuleTreeCoverage, Error, "a question that covers a dimension leaves values out", "Add options for the values listed."},
	{RuleTreeReference, Error, "a tree names an unknown dimension, value or feature", "The message lists the ids that exist."},
	{RuleTreeContradiction, Error, "a path binds facts that contradict each other", "A path must not set a dimension or fact to values that exclude each other."},
	{RuleTreeLink, Error, "an outcome links to an article or anchor that does not exist", "Fix the href: path.md#anchor, relative to the content folder."},
	{RuleTreeMatrix, Error, "an outcome recommends a feature the matrix does not support for a path's facts",
		"The path and the matrix statement are named. Recommend another feature, or ask a question that rules the combination out. Deprecated features are warnings."},
	{RuleTreeTooManyPaths, Error, "a tree has more than 10,000 paths", "Split it into several trees."},
	{RuleTreeJson, Error, "a tree's JSON could not be written", "Report it as a bug in kb."},
	{RuleDecisionTree, Error, "a decision directive names no tree, or an unknown one", "The message lists the trees."},
	{RuleDecisionAttribute, Error, "a decision directive has an unknown or malformed attribute", "Use tree and diagram (decision), tree (decision-embed)."},
	// YAML pages (package yamlpage)
	{RuleYamlPage, Error, "a YAML page (### YamlMime:Landing, Hub or FAQ) is not valid YAML, has no title, or has a value of the wrong kind",
		"A page that is not valid YAML or has no title is not published; a link without url or a value of the wrong kind leaves the rest of the page. See docs/writing.md#yaml-pages."},
	{RuleYamlPageUnknown, Warning, "a YAML page of a kind kb does not render (ContentPage, YamlDocument, ...)",
		"kb renders Landing, Hub and FAQ pages; a page of another kind is not published. Rewrite it as one of those or as a Markdown article."},

	// DocFX repositories (generator/docfx)
	{RuleDocfxConfig, Error, "a DocFX configuration file (.openpublishing.*.json, docfx.json) cannot be read, or a value kb reads has the wrong type",
		"DocFX cannot build the docset either. Fix the JSON at the position shown; keys kb does not read are ignored."},

	// Code includes and cross references (article/codeinclude.go, xref.go)
	{RuleCodeSourceMissing, Error, "a code include (:::code, [!code-...]) names no file, or one that does not exist",
		"The code is missing from the page. The path is relative to the file that holds the code include (~/ starts at the docset's root), as in DocFX; fix it or create the file."},
	{RuleCodeSourceInvalid, Error, "a code include's source is a URL or a site-absolute path",
		"kb reads code from the repository's files only and makes no network request. Give a path relative to the file, or one from the docset's root starting with ~/."},
	{RuleCodeRegionMissing, Error, "a code include names a region that the file does not have, or one that never ends",
		"Regions are marked as DocFX marks them for the file's language (// <name> ... // </name>, # <name> ... # </name>, #region name ... #endregion, <!-- <name> --> ...); the message names the markers. Add them, or fix the name."},
	{RuleCodeRangeInvalid, Error, "a code include's range or highlight is not a list of line ranges, or goes past the lines there are",
		"Write ranges as 3-10,12 (lines counted from 1; 5- runs to the end). range counts the file's lines, highlight the lines shown."},
	{RuleXrefUnknown, Warning, "an xref (<xref:uid>, [text](xref:uid)) names a uid that no article has",
		"The text is written without a link. Give the target article that uid: in its front matter, fix the uid (uids are case-sensitive), or set [xref] host in config.toml to link unknown uids there (docs/writing.md)."},
	{RuleXrefDuplicate, Error, "two articles have the same uid",
		"An xref to it could lead to either. Give each article its own uid."},

	// Raw HTML in articles (generator/article/rawhtml.go)
	{RuleHTMLRemoved, Warning, "the sanitiser removed elements or attributes from an article's raw HTML",
		"Reported once per article, at the first place, with what was removed and how often (script, style, iframe, form elements, style=, class=, on* attributes, unknown tags such as an unquoted <placeholder>). Readers do not see it: write it in Markdown, put a placeholder in `code`, or use the HTML listed in docs/security.md."},

	// Selections: tabs, zone pivots and monikers (article/select.go)
	{RuleSelectPivot, Error, "a zone names a pivot its article's groups do not have, or is in an article without zone_pivot_groups",
		"A zone is shown when the reader chooses one of its pivots from the groups that the article's zone_pivot_groups front matter names (defined in zone-pivot-groups.yml). The message lists the pivots that exist. See docs/writing.md#zone-pivots."},
	{RuleSelectMoniker, Error, "a moniker range names an unknown moniker, cannot be read, or selects no moniker",
		"Ranges use DocFX's syntax: =, >=, <=, >, < before a moniker id, terms separated by spaces (all must hold) and || (either). The message lists the monikers, in the order config.toml's [monikers] or the docset's configuration defines. See docs/writing.md#monikers."},
	{RuleSelectUnclosed, Error, "a ::: zone or ::: moniker block is never closed, or an end has no start",
		"Close each ::: zone with ::: zone-end and each ::: moniker with ::: moniker-end, in the same list item or block quote as its start. An unclosed block takes in the rest of its container."},
	{RuleSelectTabs, Warning, "a tab group (# [Label](#tab/id)) does not end with a --- line",
		"The group then takes in the rest of its container (the article, list item or block quote) as the last tab's content. End the group with a line ---."},
	{RuleSelectPivotGroup, Error, "zone-pivot-groups.yml cannot be read, or a group or pivot has no id",
		"It is YAML: groups: a list of id, title, prompt and pivots (a list of id and title). See docs/writing.md#zone-pivots."},

	// Microsoft Learn syntax (article/learn.go)
	{RuleLearnSyntaxUnknown, Warning, "a Learn marker ([!WORD]) or ::: block that kb does not render where it is written",
		"Readers see it as written. The message names it and says how kb reads it; see docs/writing.md#microsoft-learn-blocks."},
	{RuleDivClassUnknown, Warning, "a [!div class=\"...\"] of a class kb does not render",
		"Its content is shown as a plain block. kb renders nextstepaction, checklist, op_single_selector and mx-imgBorder."},
	{RuleVideoURL, Warning, "a [!VIDEO] marker without a full https:// address", "The video is not shown. Write [!VIDEO https://address]."},
}
