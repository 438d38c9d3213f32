package serve

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"kb/generator/report"
)

// overlayTemplate shows a failed build's diagnostics as kb build prints them
// (path:line:col: error: message [rule], the source line and a caret), over
// the page. html/template escapes them: a diagnostic quotes the source, which
// may hold markup.
var overlayTemplate = template.Must(template.New("overlay").Parse(`
<section id="kb-serve-error" class="kb-serve-error{{if not .Kept}} kb-serve-error-page{{end}}" role="alert" aria-labelledby="kb-serve-error-title">
<h2 id="kb-serve-error-title">kb serve: the build failed</h2>
<p>{{if .Kept}}This page is from the last good build. {{end}}Fix the problems below and the page reloads.</p>
{{with .Err}}<p class="kb-serve-error-cause">{{.}}</p>
{{end}}{{with .Report}}<pre>{{.}}</pre>
{{end}}<button type="button" id="kb-serve-dismiss">Hide</button>
</section>
`))

// notFoundTemplate is the page for an address with no file in the output
// folder (or before any build has succeeded). It gets the live reload and the
// overlay like any page, so it turns into the page once that is built.
var notFoundTemplate = template.Must(template.New("404").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found | kb serve</title>
</head>
<body>
<main>
<h1>Not found</h1>
<p>The site has no page at <code>{{.}}</code>.</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`))

// overlay returns the HTML that shows a failed build's problems; kept says
// that it goes over a page of the last good build.
func overlay(last outcome, kept bool) string {
	var rep strings.Builder
	_ = report.Write(&rep, "text", last.Diagnostics, report.Options{})
	data := struct {
		Kept        bool
		Err, Report string
	}{Kept: kept, Report: rep.String()}
	if last.Err != nil {
		data.Err = last.Err.Error()
	}
	var b bytes.Buffer
	if err := overlayTemplate.Execute(&b, data); err != nil {
		return template.HTMLEscapeString(err.Error())
	}
	return b.String()
}

// notFound answers 404 with a page that reloads with the next build.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request, last outcome) {
	var b bytes.Buffer
	if err := notFoundTemplate.Execute(&b, r.URL.Path); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, http.StatusNotFound, b.Bytes(), last)
}
