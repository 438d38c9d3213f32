package report

import (
	"encoding/json"
	"io"

	"kb/generator/diag"
)

type jsonDiagnostic struct {
	Path        string `json:"path"`
	Line        int    `json:"line,omitempty"`
	Column      int    `json:"column,omitempty"`
	Severity    string `json:"severity"`
	Rule        string `json:"rule"`
	Message     string `json:"message"`
	Excerpt     string `json:"excerpt,omitempty"`
	Fingerprint string `json:"fingerprint"`
}

func writeJSON(w io.Writer, diags []diag.Diagnostic) error {
	doc := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Summary     struct {
			Errors   int `json:"errors"`
			Warnings int `json:"warnings"`
		} `json:"summary"`
	}{Diagnostics: []jsonDiagnostic{}}
	for _, d := range diags {
		doc.Diagnostics = append(doc.Diagnostics, jsonDiagnostic{d.Path, d.Line, d.Col, d.Severity.String(), d.Rule, d.Message, d.Excerpt, Fingerprint(d)})
	}
	doc.Summary.Errors, doc.Summary.Warnings = count(diags)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
