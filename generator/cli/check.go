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
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site's source `folder`")
	format := fl.String("format", "text", "output `format`: "+strings.Join(report.Formats, ", "))
	failOn := fl.String("fail-on", "error", "exit 1 on any `level` of finding: error, or warning")
	baseline := fl.String("baseline", "", "ignore the findings recorded in this baseline `file`")
	writeBaseline := fl.String("write-baseline", "", "record every finding in this baseline `file` and exit 0")
	rules := fl.Bool("rules", false, "list every rule with its default level and explanation")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), "Usage: kb check [--source DIR] [--format text|json|sarif|github] [--fail-on error|warning]\n"+
			"                [--baseline FILE | --write-baseline FILE] [--rules]\n\n"+
			"Runs every check kb build runs and writes nothing. Exit status: 0 clean or\n"+
			"warnings only, 1 errors (or warnings with --fail-on warning), 2 usage or\n"+
			"configuration error.\n\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args, stderr); !ok {
		return code
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "kb check: unknown format %q; use %s\n", *format, strings.Join(report.Formats, ", "))
		return exitConfig
	}
	if *failOn != "error" && *failOn != "warning" {
		fmt.Fprintf(stderr, "kb check: --fail-on %q: use error or warning\n", *failOn)
		return exitConfig
	}
	if *rules {
		listRules(stdout)
		return exitOK
	}
	var base report.Baseline
	if *baseline != "" {
		var err error
		if base, err = report.ReadBaseline(*baseline); err != nil {
			fmt.Fprintf(stderr, "kb check: %v\n", err)
			return exitConfig
		}
	}
	res, err := pipeline.Build(pipeline.Options{Source: *source, Dest: filepath.Join(*source, "public"), Check: true})
	var cfgErr pipeline.ConfigError
	if errors.As(err, &cfgErr) {
		if res != nil {
			_ = report.Write(stderr, "text", res.Diagnostics.Items(), report.Options{Color: colorful(stderr)})
		}
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return exitConfig
	}
	if err != nil {
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return exitInput
	}
	found := res.Diagnostics.Items()
	if *writeBaseline != "" {
		if err := report.NewBaseline(found).WriteFile(*writeBaseline); err != nil {
			fmt.Fprintf(stderr, "kb check: %v\n", err)
			return exitConfig
		}
		fmt.Fprintf(stderr, "kb check: recorded %d findings in %s\n", len(found), *writeBaseline)
		return exitOK
	}
	silenced := 0
	if *baseline != "" {
		found, silenced = base.Filter(found)
	}
	if err := report.Write(stdout, *format, found, report.Options{Color: *format == "text" && colorful(stdout), Version: version()}); err != nil {
		fmt.Fprintf(stderr, "kb check: %v\n", err)
		return exitConfig
	}
	if silenced > 0 {
		fmt.Fprintf(stderr, "kb check: %d findings of the baseline %s not shown\n", silenced, *baseline)
	}
	errs, warns := 0, 0
	for _, d := range found {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	if errs > 0 || *failOn == "warning" && warns > 0 {
		return exitInput
	}
	return exitOK
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
