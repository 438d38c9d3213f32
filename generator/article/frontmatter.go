package article

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"kb/generator/diag"
)

// Meta is an article's front matter: the keys kb understands, typed, and every
// key as written, for templates.
type Meta struct {
	Title       string
	Description string
	Date        time.Time // from ms.date; zero when absent or unreadable
	DateText    string    // ms.date as written
	Author      string
	MSAuthor    string
	Topic       string // ms.topic
	AssetID     string // ms.assetid
	Order       int    // sorts siblings in the navigation; 0 when absent
	HasOrder    bool
	Hidden      bool           // hidden: true leaves the page out of the navigation
	TitleSuffix string         // titleSuffix: after the title in the browser's title bar, as on Learn
	NoIndex     bool           // ROBOTS: NOINDEX (as in DocFX): kept out of search engines, kb's search and the sitemap
	RedirectURL string         // redirect_url: the article is a redirect to this target (package hosting)
	RedirectAt  int            // byte offset of the redirect_url value in the article's text (article.Text)
	Params      map[string]any // every key, as YAML decoded it
	Keys        []Key          // every key, in order, with its place
}

// Key is a front matter key and where it is: the byte offset of the key in
// the article's text as article.Text makes it, turned into a line and column
// only when a diagnostic is made at it (diag.Pos).
type Key struct {
	Name string
	At   int
}

// At returns the byte offset of a key in the article's text, or 0 (the ---
// line) when it is absent.
func (m Meta) At(name string) int {
	for _, k := range m.Keys {
		if k.Name == name {
			return k.At
		}
	}
	return 0
}

// frontMatter splits src into its YAML front matter and body. The front matter
// is the text between a first line "---" and the next line "---" (or "...").
// It returns the YAML text, its byte offset in src, the offset where the body
// starts, and whether the header was opened but never closed.
func frontMatter(src []byte) (yamlText []byte, yamlStart, bodyStart int, unclosed bool) {
	rest, ok := cutLine(src, "---")
	if !ok {
		return nil, 0, 0, false
	}
	yamlStart = len(src) - len(rest)
	for off := yamlStart; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		line := bytes.TrimRight(src[off:next], " \t\r\n")
		if string(line) == "---" || string(line) == "..." {
			return src[yamlStart:off], yamlStart, next, false
		}
		off = next
	}
	return nil, 0, 0, true
}

// cutLine reports whether src begins with the line want (ignoring trailing
// spaces and a UTF-8 byte order mark) and returns what follows that line.
func cutLine(src []byte, want string) ([]byte, bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	end := bytes.IndexByte(src, '\n')
	if end < 0 {
		return nil, false
	}
	if string(bytes.TrimRight(src[:end], " \t\r")) != want {
		return nil, false
	}
	return src[end+1:], true
}

// parseMeta decodes the YAML front matter. Problems are reported against the
// file, with line numbers of the file, not of the header. It returns the
// metadata and the offset where the body starts.
func parseMeta(path string, src []byte, lines *diag.Lines, diags *diag.List) (Meta, int) {
	meta := Meta{Params: map[string]any{}}
	yamlText, yamlStart, bodyStart, unclosed := frontMatter(src)
	if unclosed {
		diags.Add(lines.At(path, 0, diag.Error, diag.RuleFrontMatterSyntax,
			"front matter opened with --- is never closed; end it with a line holding only ---"))
		return meta, len(src)
	}
	if yamlText == nil || len(bytes.TrimSpace(yamlText)) == 0 {
		if yamlText == nil {
			bodyStart = 0
		}
		diags.Add(lines.At(path, 0, diag.Error, diag.RuleFrontMatterTitle,
			"article has no title; start the file with front matter: a line ---, a line title: \"%s\", and a line ---", suggestTitle(path)))
		return meta, bodyStart
	}
	// The line in src itself: lines.Position would place a made text's
	// offset in the file it was made of.
	startLine := bytes.Count(src[:yamlStart], []byte("\n")) + 1
	r := &metaReader{path: path, lines: lines, diags: diags, startLine: startLine}
	root, ok := r.mapping(yamlText)
	if !ok {
		return meta, bodyStart
	}
	r.keys(root, &meta)
	r.required(meta)
	return meta, bodyStart
}

// metaReader reads the YAML of one article's front matter and reports
// problems at positions in the article file.
type metaReader struct {
	path      string
	lines     *diag.Lines
	diags     *diag.List
	startLine int // the line of src (the file, or a made text) of the header's first YAML line
}

// at returns the file offset of a YAML node.
func (r *metaReader) at(n *yaml.Node) int {
	return r.lines.Offset(r.startLine+n.Line-1, n.Column)
}

// mapping parses the YAML text and returns its top-level mapping, or reports
// why there is none.
func (r *metaReader) mapping(yamlText []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlText, &doc); err != nil {
		r.syntaxError(err)
		return nil, false
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		r.diags.Add(r.lines.At(r.path, r.at(root), diag.Error, diag.RuleFrontMatterSyntax,
			"front matter must be a set of key: value lines"))
		return nil, false
	}
	return root, true
}

// syntaxError reports a YAML parse error at the file line it names (yaml.v3
// writes "yaml: line N: " before the message, N counted in the header).
func (r *metaReader) syntaxError(err error) {
	n, msg := diag.YAMLError(err)
	line := r.startLine + max(n, 1) - 1
	text, caret := r.lines.Excerpt(line, 1)
	r.diags.Add(diag.Diagnostic{Path: r.path, Line: line, Col: 1, Severity: diag.Error, Rule: diag.RuleFrontMatterSyntax,
		Message: "front matter is not valid YAML: " + msg, Excerpt: text, Caret: caret})
}

// keys records every key of the mapping in meta.Params and meta.Keys, in
// order, and reads the keys kb understands into their fields.
func (r *metaReader) keys(root *yaml.Node, meta *Meta) {
	first := map[string]int{} // key -> offset of its first occurrence
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		// YAML keys are unique; yaml.v3 says so when it decodes into a map,
		// but not into a Node: the last one would silently win.
		if firstAt, dup := first[k.Value]; dup {
			r.diags.Add(r.lines.At(r.path, r.at(k), diag.Error, diag.RuleFrontMatterSyntax,
				"key %q is given twice. YAML keys must be unique: keep one", k.Value).WithNotes(r.lines.Note("", firstAt, "the first is here")))
			continue
		}
		first[k.Value] = r.at(k)
		var value any
		if err := v.Decode(&value); err != nil {
			r.diags.Add(r.lines.At(r.path, r.at(v), diag.Error, diag.RuleFrontMatterSyntax, "value of %s: %v", k.Value, err))
			continue
		}
		meta.Params[k.Value] = value
		meta.Keys = append(meta.Keys, Key{Name: k.Value, At: r.at(k)})
		r.known(meta, k, v, value)
	}
}

// known reads one key kb understands into its field of meta; other keys are
// left to templates.
func (r *metaReader) known(meta *Meta, k, v *yaml.Node, value any) {
	switch k.Value {
	case "title":
		if s, ok := r.scalar(k, v); ok {
			meta.Title = s
			if s == "" {
				r.diags.Add(r.lines.At(r.path, r.at(k), diag.Error, diag.RuleFrontMatterTitle, "title is empty; give the article a title"))
			}
		}
	case "description":
		meta.Description, _ = r.scalar(k, v)
	case "author":
		meta.Author, _ = r.scalar(k, v)
	case "ms.author":
		meta.MSAuthor, _ = r.scalar(k, v)
	case "ms.topic":
		meta.Topic, _ = r.scalar(k, v)
	case "ms.assetid":
		meta.AssetID, _ = r.scalar(k, v)
	case "ms.date":
		r.date(meta, k, v)
	case "redirect_url":
		if s, ok := r.scalar(k, v); ok {
			meta.RedirectURL = s
			meta.RedirectAt = r.at(v)
		}
	case "hidden":
		if b, ok := value.(bool); ok {
			meta.Hidden = b
		} else {
			r.diags.Add(r.lines.At(r.path, r.at(v), diag.Error, diag.RuleFrontMatterType, "hidden must be true or false"))
		}
	case "order":
		r.order(meta, k, v)
	case "titleSuffix":
		if s, ok := r.scalar(k, v); ok {
			meta.TitleSuffix = s
		}
	case "ROBOTS", "robots":
		if s, ok := r.scalar(k, v); ok {
			meta.NoIndex = strings.Contains(strings.ToLower(s), "noindex")
		}
	}
}

// scalar returns the trimmed text of a key's value, or reports that the value
// is a list or a mapping.
func (r *metaReader) scalar(k, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		r.diags.Add(r.lines.At(r.path, r.at(v), diag.Error, diag.RuleFrontMatterType,
			"%s must be a single value, not a list or a mapping", k.Value))
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// date reads ms.date; text that is not a date is kept as written and warned
// about.
func (r *metaReader) date(meta *Meta, k, v *yaml.Node) {
	s, ok := r.scalar(k, v)
	if !ok {
		return
	}
	meta.DateText = s
	if t, ok := parseDate(s); ok {
		meta.Date = t
	} else {
		r.diags.Add(r.lines.At(r.path, r.at(v), diag.Warning, diag.RuleFrontMatterDate,
			"ms.date %q is not a date; write it as MM/DD/YYYY, for example 05/17/2024", s))
	}
}

// order reads order, a whole number.
func (r *metaReader) order(meta *Meta, k, v *yaml.Node) {
	s, ok := r.scalar(k, v)
	if !ok {
		return
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.diags.Add(r.lines.At(r.path, r.at(v), diag.Error, diag.RuleFrontMatterType,
			"order %q is not a whole number; write one such as 10", s))
		return
	}
	meta.Order, meta.HasOrder = n, true
}

// required reports a missing title and a missing or empty description. A key
// is present when it decoded (and so is in meta.Params).
func (r *metaReader) required(meta Meta) {
	if _, titleSeen := meta.Params["title"]; !titleSeen {
		r.diags.Add(r.lines.At(r.path, 0, diag.Error, diag.RuleFrontMatterTitle,
			"front matter has no title; add a line such as title: \"%s\"", suggestTitle(r.path)))
	}
	if _, descriptionSeen := meta.Params["description"]; !descriptionSeen || strings.TrimSpace(meta.Description) == "" {
		r.diags.Add(r.lines.At(r.path, 0, diag.Warning, diag.RuleFrontMatterDescription,
			"front matter has no description; add a line such as description: \"One sentence that says what the article is for.\""))
	}
}

var dateLayouts = []string{"01/02/2006", "1/2/2006", "2006-01-02", "01-02-2006"}

// parseDate reads ms.date as Microsoft Docs writes it (MM/DD/YYYY), or ISO.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func suggestTitle(path string) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	name = strings.TrimSuffix(name, ".md")
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return "Title"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
