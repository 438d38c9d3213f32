package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"kb/generator/diag"
)

// Baseline is the set of findings a team has accepted, stored as JSON:
//
//	{"version": 1, "findings": [{"rule": "...", "path": "...", "fingerprint": "...", "message": "..."}]}
//
// Findings are matched by Fingerprint, counted: a baseline with two identical
// findings silences two.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding; the message is for people reading the
// file.
type BaselineEntry struct {
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
}

// NewBaseline records diags.
func NewBaseline(diags []diag.Diagnostic) Baseline {
	b := Baseline{Version: 1, Findings: []BaselineEntry{}}
	for _, d := range diags {
		b.Findings = append(b.Findings, BaselineEntry{d.Rule, d.Path, Fingerprint(d), d.Message})
	}
	slices.SortStableFunc(b.Findings, func(x, y BaselineEntry) int {
		return cmp.Or(strings.Compare(x.Path, y.Path), strings.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// WriteFile writes the baseline.
func (b Baseline) WriteFile(path string) error {
	data, err := json.MarshalIndent(b, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (Baseline, error) {
	var b Baseline
	data, err := os.ReadFile(path)
	if err != nil {
		return b, err
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return b, fmt.Errorf("%s is not a kb baseline: %v", path, err)
	}
	if b.Version != 1 {
		return b, fmt.Errorf("%s: baseline version %d; this kb reads version 1", path, b.Version)
	}
	return b, nil
}

// Filter returns the findings the baseline does not account for, and how many
// it silenced.
func (b Baseline) Filter(diags []diag.Diagnostic) (kept []diag.Diagnostic, silenced int) {
	left := map[string]int{}
	for _, f := range b.Findings {
		left[f.Fingerprint]++
	}
	for _, d := range diags {
		fp := Fingerprint(d)
		if left[fp] > 0 {
			left[fp]--
			silenced++
			continue
		}
		kept = append(kept, d)
	}
	return kept, silenced
}
