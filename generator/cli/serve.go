package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"kb/generator/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flags("serve", stderr, "Usage: kb serve [--source DIR] [--dest DIR] [--addr 127.0.0.1:1313]\n\n"+
		"Builds the site, serves it over HTTP and rebuilds it whenever the source\n"+
		"changes; open pages reload, and show the errors when a build fails.\n"+
		"Ctrl-C stops. Exit status: 0 stopped, 1 serving failed, 2 usage error,\n"+
		"no source folder, or the address cannot be listened on.\n\n")
	source := sourceFlag(fl)
	dest := fl.String("dest", "", "build into this `folder` and keep it (default: a temporary folder, removed on exit)")
	addr := fl.String("addr", "127.0.0.1:1313", "the `address` to listen on (port 0: any free port)")
	if code, ok := parse(fl, args, stderr); !ok {
		return code
	}
	if fi, err := os.Stat(*source); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "kb serve: %s is not a folder; give the site's folder with --source\n", *source)
		return exitConfig
	}
	if *dest == "" {
		tmp, err := os.MkdirTemp("", "kb-serve-")
		if err != nil {
			fmt.Fprintf(stderr, "kb serve: %v\n", err)
			return exitConfig
		}
		defer os.RemoveAll(tmp)
		*dest = filepath.Join(tmp, "public")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "kb serve: %v\n", err)
		return exitConfig
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Run(ctx, ln, serve.Options{Source: *source, Dest: *dest, Stdout: stdout, Stderr: stderr, Color: colorful(stderr)})
	if err != nil {
		fmt.Fprintf(stderr, "kb serve: %v\n", err)
		return exitInput
	}
	return exitOK
}
