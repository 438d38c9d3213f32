package serve

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strconv"
)

// events is the live reload's Server-Sent Events stream: an event "build"
// whose data is the build id, sent at once and after every build. The
// script /_kb/reload.js reloads its page when the id is not the one the page
// was served with. The stream ends when the client goes or the server stops.
func (h *handler) events(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	rc := http.NewResponseController(w)
	// retry: reconnect soon after the server restarts
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil {
		return
	}
	for {
		last, changed := h.status.get()
		if _, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", last.ID); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		}
	}
}

// writeHTML sends an HTML page with the live reload, and the errors of the
// last build when it failed, added to it. Only responses change: the files
// on disk stay as kb build writes them.
func writeHTML(w http.ResponseWriter, r *http.Request, code int, page []byte, last outcome) {
	head := `<script src="/_kb/reload.js" data-build="` + html.EscapeString(last.ID) + `" defer></script>`
	body := ""
	if last.Failed {
		head += `<link rel="stylesheet" href="/_kb/serve.css">`
		body = overlay(last, code == http.StatusOK)
	}
	out := inject(page, head, body)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(out)
	}
}

// inject returns page with head inserted before its </head> and body before
// its last </body>; either goes at the end when the tag is missing.
func inject(page []byte, head, body string) []byte {
	out := make([]byte, 0, len(page)+len(head)+len(body))
	lower := bytes.ToLower(page)
	h := bytes.Index(lower, []byte("</head>"))
	b := bytes.LastIndex(lower, []byte("</body>"))
	if h < 0 {
		h = len(page)
	}
	if b < h {
		b = len(page)
	}
	out = append(out, page[:h]...)
	out = append(out, head...)
	out = append(out, page[h:b]...)
	out = append(out, body...)
	out = append(out, page[b:]...)
	return out
}
