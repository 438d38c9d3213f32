// Package bundle makes the offline copies of a knowledge base, for field
// engineers who open it from disk with no network:
//
//   - a zip of the whole site (kb bundle): unzip it and open index.html;
//   - one self-contained HTML file (kb bundle --single-file), every page,
//     table, tree and the search index inside it, for sending by mail or
//     keeping on a phone.
//
// Both start from a normal build (package build) into a temporary folder, so
// they hold exactly what the hosted site holds, checked the same way; the only
// difference is an edition line in every page's footer that says which build
// of the knowledge base the copy is (edition.go).
package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"kb/generator/build"
)

// Options says what to bundle and where.
type Options struct {
	Source     string    // the site's source folder
	Dest       string    // the folder the bundle is written into
	SingleFile bool      // one HTML file instead of a zip
	Now        time.Time // the build date shown in the edition line
}

// Result is what Make built and wrote.
type Result struct {
	Build   *build.Result // the build's diagnostics and site
	Edition Edition
	Path    string // the file written; empty when nothing was
	Size    int64  // its size in bytes
	Files   int    // files in the zip, or pages in the single file
}

// Make builds the site into a temporary folder and writes the bundle. As with
// build.Build, problems in the content are in Result.Build.Diagnostics and
// leave nothing written; a Go error is for what stops kb itself.
func Make(opts Options) (*Result, error) {
	tmp, err := os.MkdirTemp("", "kb-bundle-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := &Result{Edition: Describe(opts.Source, opts.Now)}
	site := filepath.Join(tmp, "site")
	out.Build, err = build.Build(build.Options{Source: opts.Source, Dest: site, Edition: out.Edition.String()})
	if err != nil || !out.Build.Written {
		return out, err
	}
	name := Name(out.Build.Site.Config.Title)
	var data []byte
	if opts.SingleFile {
		out.Path = filepath.Join(opts.Dest, name+"-offline.html")
		data, out.Files, err = SingleFile(os.DirFS(site), out.Build.Site.Config.Language)
	} else {
		out.Path = filepath.Join(opts.Dest, name+"-offline.zip")
		data, out.Files, err = Zip(os.DirFS(site), name, opts.Now)
	}
	if err != nil {
		return out, err
	}
	if err := writeFile(out.Path, data); err != nil {
		return out, err
	}
	out.Size = int64(len(data))
	return out, nil
}

// writeFile writes data to path through a temporary file beside it, so that
// a reader never sees half a bundle.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".kb-bundle-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
