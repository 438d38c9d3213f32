package report

import (
	"encoding/json"
	"io"

	"kb/generator/diag"
)

// SARIF 2.1.0, the parts kb fills in.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	FullDescription      sarifText    `json:"fullDescription"`
	Help                 sarifText    `json:"help"`
	DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
}

type sarifDefault struct {
	Level   string `json:"level"`
	Enabled bool   `json:"enabled"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"` // of a related location
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

// location is the SARIF location of a place in a file.
func location(path string, line, col int, excerpt string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: path, URIBaseID: "%SRCROOT%"}}}
	if line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line, StartColumn: col}
		if excerpt != "" {
			loc.PhysicalLocation.Region.Snippet = &sarifText{excerpt}
		}
	}
	return loc
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

// FingerprintKey names kb's content fingerprint among a result's partial
// fingerprints.
const FingerprintKey = "kbContentHash/v1"

func writeSARIF(w io.Writer, diags []diag.Diagnostic, version string) error {
	rules := diag.Rules()
	index := map[string]int{}
	driver := sarifDriver{Name: "kb", Version: version}
	for i, r := range rules {
		index[r.ID] = i
		level := r.Default.String()
		if r.Default == diag.Off {
			level = "none"
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, ShortDescription: sarifText{r.Summary}, FullDescription: sarifText{r.Summary + ". " + r.Explain},
			Help: sarifText{r.Explain}, DefaultConfiguration: sarifDefault{Level: level, Enabled: r.Default != diag.Off},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, d := range diags {
		i, ok := index[d.Rule]
		if !ok {
			i = -1
		}
		var related []sarifLocation
		for j, n := range d.Notes {
			rl := location(d.NotePath(n), n.Line, n.Col, n.Excerpt)
			rl.ID, rl.Message = &j, &sarifText{n.Message}
			related = append(related, rl)
		}
		level := "warning"
		if d.Severity == diag.Error {
			level = "error"
		}
		run.Results = append(run.Results, sarifResult{
			RuleID: d.Rule, RuleIndex: i, Level: level, Message: sarifText{d.Message},
			Locations: []sarifLocation{location(d.Path, d.Line, d.Col, d.Excerpt)}, RelatedLocations: related, PartialFingerprints: map[string]string{FingerprintKey: Fingerprint(d)},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}
