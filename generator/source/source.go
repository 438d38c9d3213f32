// Package source finds what a site is made of in its source folder:
//
//	config.toml   settings (package config); optional
//	content/      the articles (*.md) and the files they link to; when the
//	              folder has no content/, the folder itself is the content
//	rules/        the support matrix and decision trees; optional
//	theme/        files that replace the default theme's, one by one; optional
//
// Folders and files whose names start with "." are skipped, and so is the
// output folder when it lies inside the content folder, so kb can be pointed at
// any folder of Markdown, such as a DocFX repository. Symbolic links inside the
// content folder are not followed: each is a warning (Source.Diagnostics).
package source

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"kb/generator/diag"
)

// Source is the list of a site's input files.
type Source struct {
	Folder  string // the source folder
	Content fs.FS  // the content folder
	// ContentPrefix is the content folder's path relative to the source
	// folder, with a final slash ("content/"), or "" when they are the same.
	ContentPrefix string
	Markdown      []string // *.md files, slash-separated paths relative to Content, sorted
	Static        []string // every other content file, sorted
	Theme         fs.FS    // the site's theme/ folder, or nil
	Root          fs.FS    // the source folder, for config.toml and rules/
	files         map[string]bool
	dirs          map[string]int      // folder -> how many files lie in it, at any depth
	made          map[string][]byte   // files kb generates, such as the support matrix page
	pages         map[string]bool     // files that are not Markdown but pages' sources (AsPage)
	skipped       map[string]string   // content files Publish took out -> why
	folded        map[string][]string // lower-case path -> the files of that path, sorted

	// Diagnostics are warnings about the source folder: each symbolic link in
	// the content folder, which is not read (see Load).
	Diagnostics diag.List
}

// Load lists the files of the site in dir. dest is the output folder, which is
// never read as input.
func Load(dir, dest string) (*Source, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	s := &Source{Folder: dir, Root: os.DirFS(dir), files: map[string]bool{}, dirs: map[string]int{}, folded: map[string][]string{}}
	contentDir := filepath.Join(absDir, "content")
	ownFolders := false
	if fi, err := os.Stat(contentDir); err != nil || !fi.IsDir() {
		contentDir = absDir
		ownFolders = true // content is the source folder: skip theme/ and rules/
	} else {
		s.ContentPrefix = "content/"
	}
	if fi, err := os.Stat(filepath.Join(absDir, "theme")); err == nil && fi.IsDir() {
		s.Theme = os.DirFS(filepath.Join(absDir, "theme"))
	}
	// A content folder that is a symbolic link is followed (links inside it
	// are not, and are reported).
	if resolved, err := filepath.EvalSymlinks(contentDir); err == nil {
		contentDir = resolved
	}
	s.Content = os.DirFS(contentDir)
	err = filepath.WalkDir(contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(contentDir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || p == absDest ||
			ownFolders && d.IsDir() && (rel == "theme" || rel == "rules") ||
			ownFolders && rel == "config.toml" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Not followed: a link can lead out of the source folder, and
			// the content must be what the folder holds.
			s.Diagnostics.Add(diag.Diagnostic{Path: s.ContentPrefix + rel, Severity: diag.Warning, Rule: diag.RuleSourceSymlink,
				Message: "this is a symbolic link, and kb does not follow links in the content folder (one could lead out of it): it is left out of the site; copy the file or folder here instead"})
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // folders are recorded with their files
		}
		s.addFile(rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// addFile records a content file, loaded or generated: the file, each folder
// it lies in (so that Dir finds the folder of a generated page, too), its
// lower-case path for Fold, and its place in Markdown or Static, which stay
// sorted.
func (s *Source) addFile(name string) {
	s.files[name] = true
	s.countDirs(name, 1)
	k := strings.ToLower(name)
	same := s.folded[k]
	i, _ := slices.BinarySearch(same, name)
	s.folded[k] = slices.Insert(same, i, name)
	list := &s.Static
	if strings.HasSuffix(name, ".md") {
		list = &s.Markdown
	}
	j, _ := slices.BinarySearch(*list, name)
	*list = slices.Insert(*list, j, name)
}

// removeFile takes a content file out of what File, Fold and Dir find, for
// the reason why (Unpublished); the caller takes it out of Markdown or
// Static.
func (s *Source) removeFile(name, why string) {
	if s.skipped == nil {
		s.skipped = map[string]string{}
	}
	s.skipped[name] = why
	if !s.files[name] {
		return
	}
	delete(s.files, name)
	s.countDirs(name, -1)
	k := strings.ToLower(name)
	same := s.folded[k]
	if i, ok := slices.BinarySearch(same, name); ok {
		same = slices.Delete(same, i, i+1)
	}
	if len(same) == 0 {
		delete(s.folded, k)
	} else {
		s.folded[k] = same
	}
}

// countDirs adds n to the count of files of each folder file lies in; a
// folder whose count falls to 0 holds no file any more.
func (s *Source) countDirs(file string, n int) {
	for dir := path.Dir(file); dir != "."; dir = path.Dir(dir) {
		if s.dirs[dir] += n; s.dirs[dir] <= 0 {
			delete(s.dirs, dir)
		}
	}
}

// Add makes a generated file part of the content, as if it were in the
// content folder: its folders are content folders too. It reports false, and
// adds nothing, when a file of that path exists.
func (s *Source) Add(path string, data []byte) bool {
	if s.files[path] {
		return false
	}
	if s.made == nil {
		s.made = map[string][]byte{}
	}
	s.made[path] = data
	s.addFile(path)
	return true
}

// Generated reports whether path is a file kb made with Add.
func (s *Source) Generated(path string) bool {
	_, ok := s.made[path]
	return ok
}

// ReadFile reads a content file, generated or not.
func (s *Source) ReadFile(path string) ([]byte, error) {
	if b, ok := s.made[path]; ok {
		return slices.Clone(b), nil
	}
	return fs.ReadFile(s.Content, path)
}

// ContentFile returns the path relative to the content folder of the content
// file (listed, generated or not published) at sourcePath, relative to the
// source folder, and whether there is one: diagnostics name files by
// sourcePath.
func (s *Source) ContentFile(sourcePath string) (string, bool) {
	p, ok := strings.CutPrefix(sourcePath, s.ContentPrefix)
	if !ok {
		return "", false
	}
	if _, skipped := s.skipped[p]; !s.files[p] && !skipped {
		return "", false
	}
	return p, true
}

// AsPage makes a content file that is not Markdown a page's source (a YAML
// page, which kb reads as the Markdown it makes of it): it moves from Static
// to Markdown, so that it is not copied as it is but built as a page.
func (s *Source) AsPage(path string) {
	if i, ok := slices.BinarySearch(s.Static, path); ok {
		s.Static = slices.Delete(s.Static, i, i+1)
		j, _ := slices.BinarySearch(s.Markdown, path)
		s.Markdown = slices.Insert(s.Markdown, j, path)
		if s.pages == nil {
			s.pages = map[string]bool{}
		}
		s.pages[path] = true
	}
}

// Page reports whether path is a page's source: a Markdown file, or a file
// made one by AsPage.
func (s *Source) Page(path string) bool {
	return strings.HasSuffix(path, ".md") && s.files[path] || s.pages[path]
}

// Drop leaves a content file out of the site, for the reason why: it is
// neither copied nor built (what a DocFX repository's docfx.json does not
// publish), File no longer finds it, and a link to it is reported with why
// (Unpublished); neither Fold nor Dir counts it any more. ReadFile still
// reads it (an include may be such a file).
func (s *Source) Drop(path, why string) {
	for _, list := range []*[]string{&s.Markdown, &s.Static} {
		if i, ok := slices.BinarySearch(*list, path); ok {
			*list = slices.Delete(*list, i, i+1)
		}
	}
	s.removeFile(path, why)
}

// File reports whether path is a content file.
func (s *Source) File(path string) bool { return s.files[path] }

// Fold returns the content file whose path equals path when letter case is
// ignored (the first in sorted order when several do).
func (s *Source) Fold(path string) (string, bool) {
	if same := s.folded[strings.ToLower(path)]; len(same) > 0 {
		return same[0], true
	}
	return "", false
}

// Dir reports whether path is a content folder holding at least one file.
func (s *Source) Dir(path string) bool { return path == "." || s.dirs[path] > 0 }
