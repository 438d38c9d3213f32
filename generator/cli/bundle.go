package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"kb/generator/bundle"
	"kb/generator/report"
)

func runBundle(args []string, stdout, stderr io.Writer) int {
	fl := flags("bundle", stderr, "Usage: kb bundle [--source DIR] [--dest DIR] [--single-file]\n\n"+
		"Checks and builds the site, then writes an offline copy into DEST:\n"+
		"NAME-offline.zip (unzip it, open NAME/index.html) or, with --single-file,\n"+
		"NAME-offline.html, the whole knowledge base in one file. NAME comes from\n"+
		"the site's title. Every page's footer says which build it is: the build\n"+
		"date (SOURCE_DATE_EPOCH when set, else today) and the content's git revision.\n"+
		"On any error nothing is written.\n\n")
	source := sourceFlag(fl)
	dest := fl.String("dest", ".", "the `folder` to write the bundle into")
	single := fl.Bool("single-file", false, "write one self-contained HTML file instead of a zip")
	if code, ok := parse(fl, args, stderr); !ok {
		return code
	}
	now, err := buildTime()
	if err != nil {
		fmt.Fprintf(stderr, "kb bundle: %v\n", err)
		return exitConfig
	}
	res, err := bundle.Make(bundle.Options{Source: *source, Dest: *dest, SingleFile: *single, Now: now})
	if res != nil && res.Build != nil {
		_ = report.Write(stderr, "text", res.Build.Diagnostics.Items(), report.Options{Color: colorful(stderr)})
	}
	if code, ok := written("bundle", err, err == nil && res.Path != "", stderr); !ok {
		return code
	}
	what := "files"
	if *single {
		what = "pages"
	}
	fmt.Fprintf(stdout, "wrote %s: %d %s, %d bytes\n%s\n", res.Path, res.Files, what, res.Size, res.Edition)
	return exitOK
}

// buildTime is SOURCE_DATE_EPOCH when it is set (reproducible builds), else
// the clock.
func buildTime() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Now(), nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}
