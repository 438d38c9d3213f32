package article

import (
	"bytes"
	"regexp"
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
	RedirectURL string         // redirect_url: the article is a redirect to this target (package hosting)
	RedirectPos [2]int         // line and column of the redirect_url value
	Params      map[string]any // every key, as YAML decoded it
	Keys        []Key          // every key, in order, with its line
}

// Key is a front matter key and the line it is on.
type Key struct {
	Name string
	Line int
}

// Line returns the line of a key, or 1 (the --- line) when it is absent.
func (m Meta) Line(name string) int {
	for _, k := range m.Keys {
		if k.Name == name {
			return k.Line
		}
	}
	return 1
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

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// parseMeta decodes the YAML front matter. Problems are reported against the
// file, with line numbers of the file, not of the header.
func parseMeta(path string, src []byte, lines *diag.Lines, diags *diag.List) (Meta, int) {
	meta := Meta{Params: map[string]any{}}
	yamlText, yamlStart, bodyStart, unclosed := frontMatter(src)
	if unclosed {
		diags.Add(lines.At(path, 0, diag.Error, diag.RuleFrontMatterSyntax,
			"front matter opened with --- is never closed; end it with a line holding only ---"))
		return meta, len(src)
	}
	startLine, _, _ := lines.Position(yamlStart)
	if yamlText == nil || len(bytes.TrimSpace(yamlText)) == 0 {
		if yamlText == nil {
			bodyStart = 0
		}
		diags.Add(lines.At(path, 0, diag.Error, diag.RuleFrontMatterTitle,
			"article has no title; start the file with front matter: a line ---, a line title: \"%s\", and a line ---", suggestTitle(path)))
		return meta, bodyStart
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlText, &doc); err != nil {
		msg := err.Error()
		line := startLine
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				line = startLine + n - 1
			}
			msg = msg[len(m[0]):]
		}
		text, caret := lines.Excerpt(line, 1)
		diags.Add(diag.Diagnostic{Path: path, Line: line, Col: 1, Severity: diag.Error, Rule: diag.RuleFrontMatterSyntax,
			Message: "front matter is not valid YAML: " + msg, Excerpt: text, Caret: caret})
		return meta, bodyStart
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	at := func(n *yaml.Node) int { return lines.Offset(startLine+n.Line-1, n.Column) }
	if root.Kind != yaml.MappingNode {
		diags.Add(lines.At(path, at(root), diag.Error, diag.RuleFrontMatterSyntax,
			"front matter must be a set of key: value lines"))
		return meta, bodyStart
	}
	titleSeen, descriptionSeen := false, false
	first := map[string]int{} // key -> offset of its first occurrence
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		// YAML keys are unique; yaml.v3 says so when it decodes into a map,
		// but not into a Node: the last one would silently win.
		if firstAt, dup := first[k.Value]; dup {
			diags.Add(lines.At(path, at(k), diag.Error, diag.RuleFrontMatterSyntax,
				"key %q is given twice. YAML keys must be unique: keep one", k.Value).WithNotes(lines.Note("", firstAt, "the first is here")))
			continue
		}
		first[k.Value] = at(k)
		var value any
		if err := v.Decode(&value); err != nil {
			diags.Add(lines.At(path, at(v), diag.Error, diag.RuleFrontMatterSyntax, "value of %s: %v", k.Value, err))
			continue
		}
		meta.Params[k.Value] = value
		meta.Keys = append(meta.Keys, Key{Name: k.Value, Line: startLine + k.Line - 1})
		scalar := func() (string, bool) {
			if v.Kind != yaml.ScalarNode {
				diags.Add(lines.At(path, at(v), diag.Error, diag.RuleFrontMatterType,
					"%s must be a single value, not a list or a mapping", k.Value))
				return "", false
			}
			return strings.TrimSpace(v.Value), true
		}
		switch k.Value {
		case "title":
			titleSeen = true
			if s, ok := scalar(); ok {
				meta.Title = s
				if s == "" {
					diags.Add(lines.At(path, at(k), diag.Error, diag.RuleFrontMatterTitle, "title is empty; give the article a title"))
				}
			}
		case "description":
			descriptionSeen = true
			meta.Description, _ = scalar()
		case "author":
			meta.Author, _ = scalar()
		case "ms.author":
			meta.MSAuthor, _ = scalar()
		case "ms.topic":
			meta.Topic, _ = scalar()
		case "ms.assetid":
			meta.AssetID, _ = scalar()
		case "ms.date":
			if s, ok := scalar(); ok {
				meta.DateText = s
				if t, ok := parseDate(s); ok {
					meta.Date = t
				} else {
					diags.Add(lines.At(path, at(v), diag.Warning, diag.RuleFrontMatterDate,
						"ms.date %q is not a date; write it as MM/DD/YYYY, for example 05/17/2024", s))
				}
			}
		case "redirect_url":
			if s, ok := scalar(); ok {
				meta.RedirectURL = s
				line, col, _ := lines.Position(at(v))
				meta.RedirectPos = [2]int{line, col}
			}
		case "hidden":
			if b, ok := value.(bool); ok {
				meta.Hidden = b
			} else {
				diags.Add(lines.At(path, at(v), diag.Error, diag.RuleFrontMatterType, "hidden must be true or false"))
			}
		case "order":
			if s, ok := scalar(); ok {
				n, err := strconv.Atoi(s)
				if err != nil {
					diags.Add(lines.At(path, at(v), diag.Error, diag.RuleFrontMatterType,
						"order %q is not a whole number; write one such as 10", s))
					continue
				}
				meta.Order, meta.HasOrder = n, true
			}
		}
	}
	if !titleSeen {
		diags.Add(lines.At(path, 0, diag.Error, diag.RuleFrontMatterTitle,
			"front matter has no title; add a line such as title: \"%s\"", suggestTitle(path)))
	}
	if !descriptionSeen || strings.TrimSpace(meta.Description) == "" {
		diags.Add(lines.At(path, 0, diag.Warning, diag.RuleFrontMatterDescription,
			"front matter has no description; add a line such as description: \"One sentence that says what the article is for.\""))
	}
	return meta, bodyStart
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
