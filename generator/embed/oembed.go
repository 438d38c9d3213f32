package embed

import (
	"encoding/json"

	"kb/generator/decision"
	"kb/generator/render"
)

// OEmbedWidth is the width, in CSS pixels, that an oEmbed response gives
// its frame; the snippet itself asks for the full width of its column.
const OEmbedWidth = 720

// OEmbed is the oEmbed 1.0 response of tree t (https://oembed.com/, section
// 2.3.4): a "rich" type whose html is the frame snippet.
func (s *Set) OEmbed(t *decision.Tree) ([]byte, error) {
	doc := struct {
		Version      string `json:"version"`
		Type         string `json:"type"`
		Title        string `json:"title"`
		ProviderName string `json:"provider_name"`
		ProviderURL  string `json:"provider_url,omitempty"`
		HTML         string `json:"html"`
		Width        int    `json:"width"`
		Height       int    `json:"height"`
	}{
		Version: "1.0", Type: "rich", Title: t.Title, ProviderName: s.opts.SiteTitle,
		HTML: s.frameSnippet(t, OEmbedPath(t)).String(), Width: OEmbedWidth, Height: Height(t),
	}
	if s.opts.Base != "" {
		doc.ProviderURL = s.url(OEmbedPath(t), "index.html")
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Alternates are the oEmbed discovery links of the tree pages, by page URL.
func (s *Set) Alternates() map[string][]render.Alternate {
	out := map[string][]render.Alternate{}
	for _, t := range s.trees {
		page := pagePath(t)
		out[page] = append(out[page], render.Alternate{Type: "application/json+oembed", URL: s.url(page, OEmbedPath(t)), Title: t.Title})
	}
	return out
}
