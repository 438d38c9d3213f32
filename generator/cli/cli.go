// Package cli is kb's command line: it parses arguments, runs a command and
// returns the exit status. It holds no logic of its own beyond that, so that
// tests can run every command in-process.
//
// Exit status: 0 done; 1 the input has errors (nothing written), or kb serve
// stopped on an error; 2 usage or configuration error.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"

	"kb/generator/output"
	"kb/generator/pipeline"
	"kb/generator/report"
)

const usage = `kb builds a static knowledge base from Markdown articles and TOML rules.

Usage:
  kb build [--source DIR] [--dest DIR]   check and build the site
  kb check [--source DIR] [--format F]   run every check, write nothing
  kb bundle [--source DIR] [--dest DIR] [--single-file]
                                         build an offline copy: a zip, or one HTML file
  kb serve [--source DIR] [--addr A]     preview: serve, rebuild and reload on change
  kb version                             print kb's version
  kb help                                print this help

Run "kb <command> --help" for a command's options.
`

// Exit statuses.
const (
	exitOK     = 0
	exitInput  = 1
	exitConfig = 2
)

// Run runs kb with args (without the program name) and returns the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitConfig
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "bundle":
		return runBundle(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "kb", version())
		return exitOK
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "kb: unknown command %q\n\n%s", args[0], usage)
		return exitConfig
	}
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fl := flags("build", stderr, "Usage: kb build [--source DIR] [--dest DIR]\n\n"+
		"Checks the site and writes it to DEST. On any error nothing is written\n"+
		"and the previous output is left as it was.\n\n")
	source := sourceFlag(fl)
	dest := fl.String("dest", "", "the output `folder` (default SOURCE/public)")
	if code, ok := parse(fl, args, stderr); !ok {
		return code
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	res, err := pipeline.Build(pipeline.Options{Source: *source, Dest: *dest, Waiting: func(pid int) {
		fmt.Fprintf(stderr, "kb build: waiting for another build of %s%s to finish\n", *dest, output.Holder(pid))
	}})
	if res != nil {
		_ = report.Write(stderr, "text", res.Diagnostics.Items(), report.Options{Color: colorful(stderr)})
	}
	if code, ok := written("build", err, err == nil && res.Written, stderr); !ok {
		return code
	}
	for _, t := range res.Trees {
		fmt.Fprintln(stdout, t.Summary())
	}
	fmt.Fprintf(stdout, "built %d pages into %s\n", len(res.Site.Pages), *dest)
	return exitOK
}

// version is the module version kb was built as, with the VCS revision when
// the build recorded one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// written says why a command that builds and writes the site did not, and
// returns its exit status: 2 for a configuration error, 1 for any other
// error or when the site's errors (reported already) kept it from writing.
// It returns ok true when the site was written.
func written(command string, err error, wrote bool, stderr io.Writer) (code int, ok bool) {
	var cfgErr pipeline.ConfigError
	switch {
	case errors.As(err, &cfgErr):
		fmt.Fprintf(stderr, "kb %s: %v\n", command, err)
		return exitConfig, false
	case err != nil:
		fmt.Fprintf(stderr, "kb %s: %v\n", command, err)
		return exitInput, false
	case !wrote:
		fmt.Fprintf(stderr, "kb %s: not written: fix the errors above\n", command)
		return exitInput, false
	}
	return exitOK, true
}

// flags returns a command's flag set: errors go to stderr, and --help prints
// usage followed by the flags' defaults.
func flags(name string, stderr io.Writer, usage string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), usage)
		fl.PrintDefaults()
	}
	return fl
}

// sourceFlag defines --source, the site's folder, as build, bundle and serve
// name it.
func sourceFlag(fl *flag.FlagSet) *string {
	return fl.String("source", ".", "the site's source `folder`: config.toml, content/, rules/, theme/")
}

// parse parses a command's flags. When it returns ok false, the command ends
// with code: 0 after --help, 2 after a usage error (already reported).
func parse(fl *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitConfig, false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "kb %s: unexpected argument %q\n", fl.Name(), fl.Arg(0))
		fl.Usage()
		return exitConfig, false
	}
	return 0, true
}
