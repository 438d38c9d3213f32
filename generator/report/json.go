package report

import (
	"encoding/json"
	"io"

	"kb/generator/diag"
)

type jsonDiagnostic struct {
	Path        string     `json:"path"`
	Line        int        `json:"line,omitempty"`
	Column      int        `json:"column,omitempty"`
	Severity    string     `json:"severity"`
	Rule        string     `json:"rule"`
	Message     string     `json:"message"`
	Excerpt     string     `json:"excerpt,omitempty"`
	Fingerprint string     `json:"fingerprint"`
	Notes       []jsonNote `json:"notes,omitempty"`
}

type jsonNote struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	Excerpt string `json:"excerpt,omitempty"`
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
		j := jsonDiagnostic{d.Path, d.Line, d.Col, d.Severity.String(), d.Rule, d.Message, d.Excerpt, Fingerprint(d), nil}
		for _, n := range d.Notes {
			j.Notes = append(j.Notes, jsonNote{d.NotePath(n), n.Line, n.Col, n.Message, n.Excerpt})
		}
		doc.Diagnostics = append(doc.Diagnostics, j)
	}
	doc.Summary.Errors, doc.Summary.Warnings = count(diags)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
