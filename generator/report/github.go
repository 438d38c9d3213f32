package report

import (
	"fmt"
	"io"
	"strings"

	"kb/generator/diag"
)

// writeGitHub writes GitHub Actions workflow commands, one per finding:
//
//	::error file=content/a.md,line=12,col=7,title=link-missing-file::message
//
// escaped as the runner requires: % CR LF in the message; also : and , in
// the properties. Control characters in paths and messages are shown
// escaped first (see printable), so no CR or LF is left to escape.
func writeGitHub(w io.Writer, diags []diag.Diagnostic) error {
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	for _, d := range diags {
		cmd := "warning"
		if d.Severity == diag.Error {
			cmd = "error"
		}
		props := []string{"file=" + prop.Replace(printable(d.Path))}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			if d.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Col))
			}
		}
		props = append(props, "title="+prop.Replace(d.Rule))
		msg := d.Message
		for _, n := range d.Notes {
			msg += "; see " + where(d.NotePath(n), n.Line, n.Col) + " (" + n.Message + ")"
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), data.Replace(printable(msg)+" ["+d.Rule+"]")); err != nil {
			return err
		}
	}
	return nil
}
