package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"kb/generator/diag"
	"kb/generator/pipeline"
	"kb/generator/report"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fl, o := checkFlags(stderr)
	if code, ok := parse(fl, args, stderr); !ok {
		return code
	}
	if !o.valid(stderr) {
		return exitConfig
	}
	if o.rules {
		listRules(stdout)
		return exitOK
	}
	if o.explain != "" {
		return explain(o.source, o.explain, stdout, stderr)
	}
	var base report.Baseline
	if o.baseline != "" {
		var err error
		if base, err = report.ReadBaseline(o.baseline); err != nil {
			fmt.Fprintf(stderr, "kb check: %v\n", err)
			return exitConfig
		}
	}
	found, code, ok := checkSite(o.source, stderr)
	if !ok {
		return code
	}
	if o.writeBaseline != "" {
		return recordBaseline(found, o.writeBaseline, stderr)
	}
	return o.report(found, base, stdout, stderr)
}

// checkOptions are kb check's flags.
type checkOptions struct {
	source, format, failOn  string
	baseline, writeBaseline string
	rules                   bool
	explain                 string
}

// checkFlags returns kb check's flag set and the options it sets.
func checkFlags(stderr io.Writer) (*flag.FlagSet, *checkOptions) {
	o := &checkOptions{}
	fl := flags("check", stderr, "Usage: kb check [--source DIR] [--format text|json|sarif|github] [--fail-on error|warning]\n"+
		"                [--baseline FILE | --write-baseline FILE] [--rules] [--explain FILE[:LINE]]\n\n"+
		"Runs every check kb build runs and writes nothing. Exit status: 0 clean or\n"+
		"warnings only, 1 errors (or warnings with --fail-on warning), 2 usage or\n"+
		"configuration error.\n\n")
	fl.StringVar(&o.source, "source", ".", "the site's source `folder`")
	fl.StringVar(&o.format, "format", "text", "output `format`: "+strings.Join(report.Formats, ", "))
	fl.StringVar(&o.failOn, "fail-on", "error", "exit 1 on any `level` of finding: error, or warning")
	fl.StringVar(&o.baseline, "baseline", "", "ignore the findings recorded in this baseline `file`")
	fl.StringVar(&o.writeBaseline, "write-baseline", "", "record every finding in this baseline `file` and exit 0")
	fl.BoolVar(&o.rules, "rules", false, "list every rule with its default level and explanation")
	fl.StringVar(&o.explain, "explain", "", "print every claim read in this `file[:line]`: how it was read and its verdict")
	return fl, o
}

// valid reports whether --format and --fail-on name a format and a level,
// and says what is wrong when not.
func (o *checkOptions) valid(stderr io.Writer) bool {
	if !slices.Contains(report.Formats, o.format) {
		fmt.Fprintf(stderr, "kb check: unknown format %q; use %s\n", o.format, strings.Join(report.Formats, ", "))
		return false
	}
	if o.failOn != "error" && o.failOn != "warning" {
		fmt.Fprintf(stderr, "kb check: --fail-on %q: use error or warning\n", o.failOn)
		return false
	}
	return true
}

// checkSite runs every check on the site in source and returns its findings;
// when the site cannot be checked, it says why and returns the exit status.
func checkSite(source string, stderr io.Writer) ([]diag.Diagnostic, int, bool) {
	res, err := pipeline.Build(pipeline.Options{Source: source, Dest: filepath.Join(source, "public"), Check: true})
	var cfgErr pipeline.ConfigError
	if errors.As(err, &cfgErr) {
		if res != nil {
			_ = report.Write(stderr, "text", res.Diagnostics.Items(), report.Options{Color: colorful(stderr)})
		}
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return nil, exitConfig, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return nil, exitInput, false
	}
	return res.Diagnostics.Items(), 0, true
}

// recordBaseline writes every finding to the baseline file path (--write-baseline).
func recordBaseline(found []diag.Diagnostic, path string, stderr io.Writer) int {
	if err := report.NewBaseline(found).WriteFile(path); err != nil {
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return exitConfig
	}
	fmt.Fprintf(stderr, "kb check: recorded %d findings in %s\n", len(found), path)
	return exitOK
}

// report writes the findings not in the baseline base in the chosen format
// and returns the exit status they call for.
func (o *checkOptions) report(found []diag.Diagnostic, base report.Baseline, stdout, stderr io.Writer) int {
	silenced := 0
	if o.baseline != "" {
		found, silenced = base.Filter(found)
	}
	if err := report.Write(stdout, o.format, found, report.Options{Color: o.format == "text" && colorful(stdout), Version: version()}); err != nil {
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return exitConfig
	}
	if silenced > 0 {
		fmt.Fprintf(stderr, "kb check: %d findings of the baseline %s not shown\n", silenced, o.baseline)
	}
	if o.fails(found) {
		return exitInput
	}
	return exitOK
}

// fails reports whether the findings fail the check: any error, or with
// --fail-on warning any warning.
func (o *checkOptions) fails(found []diag.Diagnostic) bool {
	errs, warns := 0, 0
	for _, d := range found {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	return errs > 0 || o.failOn == "warning" && warns > 0
}

func listRules(w io.Writer) {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tDEFAULT\tWHAT IT FINDS")
	for _, r := range diag.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Default, r.Summary)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nChange a rule's level in config.toml:  [check] severity = { rule-id = \"warning\" }  (error, warning or off)")
}

// colorful reports whether w is a terminal and NO_COLOR is not set.
func colorful(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
