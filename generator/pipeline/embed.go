package pipeline

import (
	"maps"
	"slices"

	"kb/generator/embed"
	"kb/generator/output"
	"kb/generator/render"
)

// writeEmbeds writes the trees' embed files (package embed), made with the
// site's theme; on failure it removes the temporary folder.
func writeEmbeds(out *output.Dir, r *render.Renderer, embeds *embed.Set) error {
	files, err := embeds.Files(r.Asset)
	if err != nil { // the theme's kb.css or decision.js could not be read
		out.Abort()
		return ConfigError{err}
	}
	if len(files) > 0 {
		err = out.MkdirAll([]string{embed.Folder})
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err != nil {
			break
		}
		err = out.WriteFile(name, files[name])
	}
	if err != nil {
		out.Abort()
	}
	return err
}
