// Command kb builds a static knowledge base from Markdown articles and TOML
// rules. Run "kb help" for the commands.
package main

import (
	"os"
	"runtime/debug"

	"kb/generator/cli"
)

func main() {
	// A build keeps little alive (page bodies are written as soon as they are
	// rendered) but allocates a lot on the way, mostly in the syntax
	// highlighter: collect garbage less often than Go's default. GOGC in the
	// environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
