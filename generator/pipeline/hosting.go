package pipeline

import (
	"maps"
	"path"
	"slices"

	"kb/generator/hosting"
	"kb/generator/output"
	"kb/generator/render"
	"kb/generator/site"
)

// writeHosting writes what a web server needs besides the pages: 404.html
// (unless the content folder has its own), robots.txt, sitemap.xml, and the
// redirect pages with _redirects.
func writeHosting(s *site.Site, r *render.Renderer, out *output.Dir, redirects []*hosting.Redirect) error {
	files, err := hosting.Files(s, redirects)
	if err != nil {
		return err
	}
	if !slices.Contains(s.Static, hosting.NotFoundPath) {
		if files[hosting.NotFoundPath], err = r.NotFound(hosting.NotFound(s)); err != nil {
			return err
		}
	}
	names := slices.Sorted(maps.Keys(files))
	var dirs []string
	for _, name := range names {
		dirs = append(dirs, path.Dir(name))
	}
	if err := out.MkdirAll(dirs); err != nil {
		return err
	}
	for _, name := range names {
		if err := out.WriteFile(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}
