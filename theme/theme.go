// Package theme holds kb's default theme, compiled into the kb binary:
//
//	templates/page.html     the page shell: head, navigation
//	templates/parts.html    what page.html and single.html both use: the
//	                        header with the search box, a page's content, the
//	                        footer
//	templates/article.html  the "main" block of an article page
//	templates/section.html  the "main" block of a section page and the home page
//	templates/single.html   the single-file bundle's layout (kb bundle --single-file)
//	assets/                 copied to public/assets/ (stylesheet, script)
//
// A site overrides any of these one file at a time by putting a file with the
// same path in its own theme/ folder; see package render.
package theme

import (
	"embed"
	"io/fs"
)

//go:embed templates assets
var files embed.FS

// Files returns the default theme's files.
func Files() fs.FS { return files }
