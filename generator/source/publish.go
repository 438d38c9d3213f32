package source

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"kb/generator/diag"
)

// The content folder's other files (pictures, downloads) are published only
// when they cannot run script on the site's origin (docs/security.md):
//
//   - a file whose type is on the passive list below is copied as it is;
//   - an SVG picture is copied when checkSVG finds nothing that could run
//     script or load another file, and never otherwise;
//   - any other file (.html, .xml, .js, a name without extension, a type the
//     list does not know) only when a pattern of config.toml's
//     [content] publish names it.
//
// A file that is not published is reported once, at the file
// (content-file-skipped), and a link to it is an error at the link.

// passive maps the extensions of the files kb publishes as they are to the
// type they are sent with: types a browser shows, plays or downloads but
// never runs as a page, as every common web server sends them. The single
// file (package bundle) uses these types for its data: URLs.
var passive = map[string]string{
	// pictures (.svg is checked first: see checkSVG)
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".ico": "image/vnd.microsoft.icon", ".bmp": "image/bmp",
	".tif": "image/tiff", ".tiff": "image/tiff", ".svg": "image/svg+xml",
	// documents and data
	".pdf": "application/pdf", ".txt": "text/plain", ".csv": "text/csv", ".tsv": "text/tab-separated-values",
	".json": "application/json", ".css": "text/css", ".rtf": "application/rtf",
	".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	// archives
	".zip": "application/zip", ".gz": "application/gzip", ".tgz": "application/gzip", ".tar": "application/x-tar",
	".bz2": "application/x-bzip2", ".xz": "application/x-xz", ".7z": "application/x-7z-compressed", ".rar": "application/vnd.rar",
	// fonts
	".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf", ".eot": "application/vnd.ms-fontobject",
	// audio, video and captions
	".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".ogg": "audio/ogg", ".oga": "audio/ogg",
	".flac": "audio/flac", ".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg",
	".mov": "video/quicktime", ".vtt": "text/vtt",
}

// active are extensions of types that can run script, which some servers
// honour even before another extension (Apache sends "x.html.gz" as a
// compressed HTML page).
var active = []string{".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svg", ".svgz",
	".js", ".mjs", ".cjs", ".wasm", ".php"}

// Type returns the type of a content file kb publishes as it is, by its
// extension ("image/png"), or "" for a type that is not on the passive list.
func Type(file string) string {
	return passive[strings.ToLower(path.Ext(file))]
}

// Publish takes the content files that cannot be published out of the
// source (see the top of this file): they are no longer among Static nor
// File, and Unpublished says why. allow are the patterns of config.toml's
// [content] publish: a pattern without "/" matches a file's name in any
// folder ("*.html"), one with "/" its path from the content folder
// ("downloads/*.ps1"). Each file left out gets one warning in diags, with a
// path relative to the source folder. Call it before Add (the files kb
// generates are always published).
func (s *Source) Publish(allow []string, diags *diag.List) {
	kept := s.Static[:0]
	for _, f := range s.Static {
		why, d := s.judge(f, allow)
		if why == "" {
			kept = append(kept, f)
			continue
		}
		s.removeFile(f, why)
		diags.Add(d)
	}
	s.Static = kept
}

// judge says why file cannot be published, with its diagnostic, or "" when
// it can.
func (s *Source) judge(file string, allow []string) (string, diag.Diagnostic) {
	name := path.Base(file)
	ext := strings.ToLower(path.Ext(name))
	report := s.ContentPrefix + file // the path diagnostics name
	if ext == ".svg" {
		data, err := s.ReadFile(file)
		if err != nil {
			return "it could not be read", diag.Diagnostic{Path: report, Severity: diag.Error, Rule: diag.RuleRead, Message: err.Error()}
		}
		off, problem := checkSVG(data)
		if problem == "" {
			return "", diag.Diagnostic{}
		}
		why := "the SVG " + problem
		return why, diag.NewLines(data).At(report, off, diag.Warning, diag.RuleContentFileSkipped,
			"not published: %s. kb publishes an SVG only when it can run no script and load no other file: "+
				"opened on its own, it would run on the site (docs/security.md)", why)
	}
	if published(file, allow) {
		return "", diag.Diagnostic{}
	}
	var why string
	inner := strings.ToLower(strings.TrimSuffix(name, path.Ext(name))) + "."
	i := slices.IndexFunc(active, func(a string) bool { return strings.Contains(inner, a+".") })
	_, known := passive[ext]
	switch {
	case known && i < 0:
		return "", diag.Diagnostic{}
	case known:
		why = fmt.Sprintf("some web servers send a file named *%s%s as a %s file, which can run script on the site", active[i], ext, active[i])
	case slices.Contains(active, ext):
		why = fmt.Sprintf("a %s file can run script on the site", ext)
	case ext == "":
		why = "a file without extension is sent with whatever type the web server guesses, which can be a page that runs script on the site"
	default:
		why = fmt.Sprintf("kb publishes only types that cannot run script in a browser, and %s is not one of them", ext)
	}
	return why, skippedFile(file, report, why)
}

// skippedFile is the warning for file (relative to the content folder) that
// is not published for why; report is its path relative to the source folder.
func skippedFile(file, report, why string) diag.Diagnostic {
	pattern := "*" + path.Ext(file)
	if path.Ext(file) == "" {
		pattern = path.Base(file)
	}
	return diag.Diagnostic{Path: report, Severity: diag.Warning, Rule: diag.RuleContentFileSkipped,
		Message: fmt.Sprintf("not published: %s. If you vouch for every such file, publish it with "+
			"[content] publish = [%q] in config.toml (docs/security.md)", why, pattern)}
}

// published reports whether a pattern of allow names file.
func published(file string, allow []string) bool {
	for _, p := range allow {
		target := file
		if !strings.Contains(p, "/") {
			target = path.Base(file)
		}
		if ok, _ := path.Match(p, target); ok {
			return true
		}
	}
	return false
}

// Unpublished reports why a content file is not published, if it is one
// Publish took out.
func (s *Source) Unpublished(path string) (string, bool) {
	why, ok := s.skipped[path]
	return why, ok
}
