package serve

import (
	"embed"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
)

// assets are the server's own files, served under /_kb/.
//
//go:embed assets
var assets embed.FS

// handler serves the output folder, the live reload's event stream and the
// server's own files.
type handler struct {
	dest   string
	status *status
}

func newHandler(dest string, st *status) http.Handler {
	h := &handler{dest: dest, status: st}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_kb/events", h.events)
	mux.HandleFunc("GET /_kb/reload.js", asset("reload.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET /_kb/serve.css", asset("serve.css", "text/css; charset=utf-8"))
	mux.HandleFunc("GET /_kb/worker.js", asset("worker.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET /", h.files)
	return mux
}

// files serves a file of the output folder. The folder is opened as an
// os.Root for each request (a build replaces the folder, so an open one would
// be the previous build's), and the root refuses every path that leaves it,
// by ".." or by a symbolic link. A folder is served by its index.html and
// never listed.
func (h *handler) files(w http.ResponseWriter, r *http.Request) {
	// Read the build id before the file: a build that ends in between makes
	// the page reload once more, never show an old page as the new build.
	last, _ := h.status.get()
	w.Header().Set("Cache-Control", "no-store")
	root, err := os.OpenRoot(h.dest)
	if err != nil { // no build has succeeded yet
		h.notFound(w, r, last)
		return
	}
	defer root.Close()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	f, fi, err := open(root, name)
	if err == nil && fi.IsDir() {
		f.Close()
		if !strings.HasSuffix(r.URL.Path, "/") {
			// relative links of the folder's index.html need the slash
			target := path.Base(r.URL.Path) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		f, fi, err = open(root, name)
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		http.Error(w, "403 forbidden", http.StatusForbidden)
		return
	case err != nil || !fi.Mode().IsRegular():
		// missing, or a path that leaves the folder (by ".." or a
		// symbolic link): either way not a file of the site
		if f != nil {
			f.Close()
		}
		h.notFound(w, r, last)
		return
	}
	defer f.Close()
	ctype := mime.TypeByExtension(path.Ext(name))
	if !isHTML(ctype) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		http.ServeContent(w, r, name, fi.ModTime(), f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "403 forbidden", http.StatusForbidden)
		return
	}
	writeHTML(w, r, http.StatusOK, page, last)
}

// open opens a file of root and returns its information.
func open(root *os.Root, name string) (*os.File, os.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// isHTML reports whether a Content-Type is that of an HTML page.
func isHTML(ctype string) bool {
	media, _, _ := mime.ParseMediaType(ctype)
	return media == "text/html"
}

// asset serves one of the server's own files.
func asset(name, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(b)
	}
}
