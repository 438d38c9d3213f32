package article

import (
	"html"

	"kb/generator/diag"
)

// image renders Microsoft Docs' one-line image directive,
//
//	:::image type="content" source="media/pool.png" alt-text="A Front End pool":::
//
// as an <img>, checking its source like any image link. type="icon" marks a
// decorative image (empty alt text); other attributes (border, lightbox) are
// ignored. The multi-line form ending in :::image-end::: stays text.
func (p *Parser) image(a *Article, n *Directive, lines *diag.Lines, diags *diag.List) {
	source, ok := n.Attrs["source"]
	if !ok || source == "" {
		diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Error, diag.RuleImageMissing, ":::image has no source; add source=\"media/picture.png\""))
		return
	}
	pos, ok := n.AttrPos["source"]
	if !ok {
		pos = n.Pos()
	}
	resolved := p.resolve(a, []byte(source), pos, true, lines, diags)
	if resolved == nil {
		return // unsafe (UnsafeURL): reported, and never written
	}
	src := string(resolved)
	alt := n.Attrs["alt-text"]
	if n.Attrs["type"] == "icon" {
		alt = ""
	} else if alt == "" {
		diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Warning, diag.RuleImageAlt, ":::image has no alt-text; describe the picture for people who cannot see it"))
	}
	n.HTML = `<p class="image"><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(alt) + `" loading="lazy"></p>` + "\n"
}
