package pipeline

import (
	"path"
	"strings"

	"kb/generator/article"
	"kb/generator/diag"
	"kb/generator/source"
	"kb/generator/toc"
	"kb/generator/yamlpage"
)

// madePage is the Markdown kb made of a YAML page, with its spans back to
// the .yml file, and the file's text (read once: readHeaders needs it for
// its lines, and Render reads the Markdown).
type madePage struct {
	md, file []byte
	spans    []diag.Span
}

// readYAMLPages finds the YAML pages among the content's .yml files
// (Microsoft Learn's Landing, Hub and FAQ pages, "### YamlMime:" on their
// first line), makes each the Markdown that is built as its page, and takes
// it out of the files copied as they are. A YAML page kb cannot render is
// reported and left out. Other .yml files stay as they are, and TOCs and
// zone pivot groups files, which are no pages, are not read here.
func readYAMLPages(src *source.Source, diags *diag.List) map[string]madePage {
	pages := map[string]madePage{}
	for _, name := range append([]string(nil), src.Static...) {
		if !strings.HasSuffix(strings.ToLower(name), ".yml") || toc.IsTOCFile(name) || path.Base(name) == article.PivotGroupsFile {
			continue
		}
		b, err := src.ReadFile(name)
		if err != nil {
			continue // reported when it is copied
		}
		b = article.Text(b) // as the article reads it (ReadMadeHeader)
		if _, ok := yamlpage.IsPage(b); !ok {
			continue
		}
		md, spans, found := yamlpage.Convert(src.ContentPrefix+name, b)
		diags.Merge(found)
		if md == nil {
			src.Drop(name, "kb does not render this kind of YAML page")
			continue
		}
		src.AsPage(name)
		pages[name] = madePage{md: md, file: b, spans: spans}
	}
	return pages
}
