package article

import (
	"strings"

	"kb/generator/diag"
)

// made is the text kb made of an article's file when the file is not
// Markdown itself (a YAML page, package yamlpage), with the spans that map
// the text back to the file, so that every diagnostic and position names
// the file's own lines.
type made struct {
	text     []byte
	spans    []diag.Span
	fileText []byte      // the file's, which the front matter offsets are offsets of
	file     *diag.Lines // of fileText
}

// ReadMadeHeader is ReadHeader for an article whose Markdown text kb made
// from its file (file, at path): spans map text back to file. Render
// renders text, whatever it is given; positions, such as those of the
// front matter keys and links, are the file's.
func ReadMadeHeader(prefix, path string, text []byte, spans []diag.Span, file []byte) (*Article, diag.List) {
	file = Text(file)
	a := &Article{Path: path, prefix: prefix, made: &made{text: text, spans: spans, fileText: file, file: diag.NewLines(file)}}
	return readHeader(a, text)
}

// lines returns the line table of the article's text src: of the file, or,
// for a made text, one that places offsets in the file through the spans.
func (a *Article) lines(src []byte) *diag.Lines {
	if a.made == nil {
		return diag.NewLines(src)
	}
	own := a.SourcePath()
	return diag.Map(src, a.made.spans, func(file string) (*diag.Lines, bool) {
		if file == own {
			return a.made.file, true
		}
		return nil, false
	})
}

// frontMatter returns the text that the offsets of the front matter keys
// (Meta.At) are offsets of, and its line table: for a made article, its
// file's; else file and lines, Render's text before the front matter is
// blanked and its line table.
func (a *Article) frontMatter(file []byte, lines *diag.Lines) ([]byte, *diag.Lines) {
	if a.made != nil {
		return a.made.fileText, a.made.file
	}
	return file, lines
}

// placeIn turns the offsets of the keys, which are offsets of a made text,
// into offsets of the file it was made of, as the check stage reads them.
func (m *Meta) placeIn(path string, lines *diag.Lines) {
	for i := range m.Keys {
		m.Keys[i].At = lines.Pos(path, m.Keys[i].At).Offset
	}
	m.RedirectAt = lines.Pos(path, m.RedirectAt).Offset
}

// Inherit gives m the metadata that a DocFX repository's docfx.json gives
// its file (globalMetadata and fileMetadata), for each key its front matter
// does not set: front matter wins, as in DocFX. Of the keys kb reads,
// description, titleSuffix and ROBOTS take effect.
func (m *Meta) Inherit(meta map[string]any) {
	for k, v := range meta {
		if _, set := m.Params[k]; set {
			continue
		}
		m.Params[k] = v
		s, _ := v.(string)
		switch k {
		case "description":
			if m.Description == "" {
				m.Description = strings.TrimSpace(s)
			}
		case "titleSuffix":
			m.TitleSuffix = strings.TrimSpace(s)
		case "ROBOTS", "robots":
			m.NoIndex = strings.Contains(strings.ToLower(s), "noindex")
		}
	}
}
