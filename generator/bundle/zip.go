package bundle

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"time"
)

// Zip packs every file of site under one folder, name/, in path order, each
// dated the build day: the same site and day give the same bytes.
func Zip(site fs.FS, name string, built time.Time) ([]byte, int, error) {
	day := time.Date(built.Year(), built.Month(), built.Day(), 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
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
	return buf.Bytes(), n, err
}
