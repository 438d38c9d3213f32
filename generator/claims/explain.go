package claims

import (
	"fmt"
	"strings"

	"kb/generator/matrix"
)

// Reading is one claim the checker read, for kb check --explain: the text,
// where it is, how it was read (features, values, phrase, and where each
// fact came from) and the verdict.
type Reading struct {
	Path    string // the article's source path
	Line    int
	Col     int
	Kind    string // "a sentence", "a heading", "a table cell", "a list item", "the description", ...
	Text    string // the clause read
	Facts   []string
	Phrase  string
	Verdict string
}

// String formats a reading on a few lines:
//
//	a.md:7:1: a sentence: "Sync is supported in Version 2."
//	  feature Sync (from the sentence)
//	  version = Version 2 (from the sentence)
//	  phrase "is supported": supported
//	  verdict: contradicted: the support matrix says not-supported for Version 2
func (r Reading) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s: %q\n", r.Path, r.Line, r.Col, r.Kind, r.Text)
	for _, f := range r.Facts {
		fmt.Fprintf(&b, "  %s\n", f)
	}
	if r.Phrase != "" {
		fmt.Fprintf(&b, "  %s\n", r.Phrase)
	}
	fmt.Fprintf(&b, "  verdict: %s\n", r.Verdict)
	return b.String()
}

// record keeps a reading when the checker keeps them.
func (d *doc) record(u unit, at int, clause string, cl *claim, verdict string) {
	if !d.c.keep {
		return
	}
	lead := at + len(clause) - len(strings.TrimLeft(clause, " "))
	off := u.p.offset(min(lead, max(len(u.p.text)-1, 0)))
	at0 := d.lines.At(d.a.SourcePath(), off, 0, "", "")
	r := Reading{Path: at0.Path, Line: at0.Line, Col: at0.Col, Kind: u.kind, Text: strings.TrimSpace(clause), Verdict: verdict}
	if cl != nil {
		for _, t := range cl.features {
			r.Facts = append(r.Facts, fmt.Sprintf("feature %s (from %s)", t.feature.Name, t.origin))
		}
		for _, d := range d.c.m.Dimensions {
			for _, fa := range cl.facts {
				if fa.dim != d {
					continue
				}
				role := ""
				if fa.scope {
					role = ", must hold for each"
				}
				rng := ""
				if fa.rng != "" {
					rng = fmt.Sprintf(", range %q", fa.rng)
				}
				r.Facts = append(r.Facts, fmt.Sprintf("%s = %s (from %s%s%s)", d.ID, valueNames(fa.values), fa.origin, rng, role))
			}
		}
		polarity := "supported"
		if cl.polarity == matrix.NotSupported {
			polarity = "not supported"
		}
		if cl.only {
			polarity += " only"
		}
		from := ""
		if cl.configured {
			from = " (from config.toml's [claims.phrases])"
		}
		if cl.quoted {
			r.Phrase = fmt.Sprintf("phrase %q%s: %s", cl.phrase, from, polarity)
		} else {
			r.Phrase = fmt.Sprintf("read from %s: %s", cl.phrase, polarity)
		}
	}
	d.readings = append(d.readings, r)
}
