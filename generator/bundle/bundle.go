// Package bundle makes the offline copies of a knowledge base, for field
// engineers who open it from disk with no network:
//
//   - a zip of the whole site (kb bundle): unzip it and open index.html;
//   - one self-contained HTML file (kb bundle --single-file), every page,
//     table, tree and the search index inside it, for sending by mail or
//     keeping on a phone.
//
// Both start from a normal build (package pipeline) into a temporary folder, so
// they hold exactly what the hosted site holds, checked the same way; the only
// difference is an edition line in every page's footer that says which build
// of the knowledge base the copy is (edition.go).
package bundle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"kb/generator/pipeline"
	"kb/generator/render"
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
	Build   *pipeline.Result // the build's diagnostics and site
	Edition Edition
	Path    string // the file written; empty when nothing was
	Size    int64  // its size in bytes
	Files   int    // files in the zip, or pages in the single file
}

// Make builds the site into a temporary folder and writes the bundle. As with
// pipeline.Build, problems in the content are in Result.Build.Diagnostics and
// leave nothing written; a Go error is for what stops kb itself.
func Make(opts Options) (*Result, error) {
	tmp, err := os.MkdirTemp("", "kb-bundle-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := &Result{Edition: Describe(opts.Source, opts.Now)}
	site := filepath.Join(tmp, "site")
	bopts := pipeline.Options{Source: opts.Source, Dest: site, Edition: out.Edition.String(), Offline: true}
	// The single file is rendered from the site (render.SingleData), with
	// each page's part collected as the build renders the page.
	var r *render.Renderer
	singles := &render.Singles{}
	if opts.SingleFile {
		bopts.Renderer = func(br *render.Renderer) { r, br.Singles = br, singles }
	}
	out.Build, err = pipeline.Build(bopts)
	if err != nil || !out.Build.Written {
		return out, err
	}
	name := Name(out.Build.Site.Config.Title)
	write := func(w io.Writer) (err error) {
		out.Files, err = Zip(w, os.DirFS(site), name, opts.Now)
		return err
	}
	out.Path = filepath.Join(opts.Dest, name+"-offline.zip")
	if opts.SingleFile {
		out.Path = filepath.Join(opts.Dest, name+"-offline.html")
		write = func(w io.Writer) error {
			data, n, err := SingleFile(os.DirFS(site), r, singles.Pages(), out.Build.Site.Static)
			out.Files = n
			if render.Report(err, &out.Build.Diagnostics) {
				return errTheme
			}
			if err == nil {
				_, err = w.Write(data)
			}
			return err
		}
	}
	if out.Size, err = writeFile(out.Path, write); errors.Is(err, errTheme) {
		out.Path = "" // the diagnostics say where, as for the build's templates
		return out, pipeline.ConfigError{Err: errTheme}
	} else if err != nil {
		out.Path = ""
		return out, err
	}
	return out, nil
}

// errTheme is for a template error in the theme's single.html, which is in
// the diagnostics.
var errTheme = errors.New("the theme has errors")

// writeFile writes a file through a temporary file beside it, so that a
// reader never sees half a bundle, and returns its size.
func writeFile(path string, write func(io.Writer) error) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".kb-bundle-*")
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	size, _ := f.Seek(0, io.SeekCurrent)
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
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	return size, nil
}
