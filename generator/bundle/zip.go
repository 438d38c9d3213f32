package bundle

import (
	"archive/zip"
	"io"
	"io/fs"
	"time"
)

// Zip writes a zip of every file of site to out, under one folder, name/, in
// path order, each dated the build day: the same site and day give the same
// bytes. It returns the number of files.
func Zip(out io.Writer, site fs.FS, name string, built time.Time) (int, error) {
	day := time.Date(built.Year(), built.Month(), built.Day(), 0, 0, 0, 0, time.UTC)
	w := zip.NewWriter(out)
	n := 0
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: name + "/" + p, Method: zip.Deflate, Modified: day}
		h.SetMode(0o644)
		f, err := w.CreateHeader(h)
		if err != nil {
			return err
		}
		n++
		_, err = f.Write(data)
		return err
	})
	if err == nil {
		err = w.Close()
	}
	return n, err
}
