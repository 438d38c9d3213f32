package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"kb/generator/pipeline"
	"kb/generator/report"
)

// explain prints every claim the claims checker read in one file
// (kb check --explain FILE[:LINE]): how each was read and its verdict.
// FILE is the path that findings name ("content/a.md") or the path from the
// content folder ("a.md").
func explain(source, target string, stdout, stderr io.Writer) int {
	file, line := target, 0
	if i := strings.LastIndexByte(target, ':'); i > 0 {
		if n, err := strconv.Atoi(target[i+1:]); err == nil && n > 0 {
			file, line = target[:i], n
		}
	}
	file = filepath.ToSlash(filepath.Clean(file))
	res, err := pipeline.Build(pipeline.Options{Source: source, Dest: filepath.Join(source, "public"), Check: true, Explain: true})
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
	if res.Claims == nil {
		fmt.Fprintf(stderr, "kb check --explain: the site has no support matrix (rules/matrix.toml), so no claim is read\n")
		return exitConfig
	}
	// Named as findings name it (content/a.md), or from the content folder.
	readings, read := res.Claims.Readings(file)
	if !read {
		readings, read = res.Claims.Readings(res.Site.SourcePath(file))
	}
	if !read {
		fmt.Fprintf(stderr, "kb check --explain: %s is not an article of the site; name it as findings do (content/a.md) or from the content folder (a.md)\n", file)
		return exitConfig
	}
	shown := 0
	for _, r := range readings {
		if line != 0 && r.Line != line {
			continue
		}
		fmt.Fprint(stdout, r.String())
		shown++
	}
	if shown == 0 {
		where := file
		if line != 0 {
			where = fmt.Sprintf("%s:%d", file, line)
		}
		fmt.Fprintf(stdout, "%s: no claim read: no sentence, heading, list item or table cell there names a feature of the support matrix with a value or a support phrase\n", where)
	}
	return exitOK
}
