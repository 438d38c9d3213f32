package article

import (
	"net/url"
	"path"
	"strings"
)

// fileProblem says why readRelative read no file.
type fileProblem int

const (
	fileRead        fileProblem = iota // no problem: the file was read
	fileNotRelative                    // "", a URL or an absolute path
	fileOutside                        // the path leaves the source folder
	fileMissing                        // no such file, even ignoring letter case
	fileUnreadable                     // found, but reading it failed (err)
)

// relativeFile is the file that a path written in an article names, as
// readRelative found it, for the caller's messages.
type relativeFile struct {
	dest    string // the path: unescaped, with / for \
	target  string // the file's path, relative to the content folder
	folded  bool   // found only when letter case is ignored (target is the file's own)
	problem fileProblem
	err     error // of reading, for fileUnreadable
}

// readRelative reads the file that dest, written in a file of the folder
// dir, names: [!INCLUDE] and code includes resolve paths alike. A path
// starting with ~/ is relative to root, when root is not nil (code
// includes; DocFX's docset root). A file found only when letter case is
// ignored is read, with folded set: the caller warns.
func (p *Parser) readRelative(dir, dest string, root func() string) ([]byte, relativeFile) {
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	dest = strings.ReplaceAll(dest, `\`, "/")
	f := relativeFile{dest: dest}
	if rest, ok := strings.CutPrefix(dest, "~/"); ok && root != nil {
		dir, dest = root(), rest
	} else if dest == "" || HasScheme(dest) || strings.HasPrefix(dest, "/") {
		f.problem = fileNotRelative
		return nil, f
	}
	f.target = path.Join(dir, dest)
	if f.target == ".." || strings.HasPrefix(f.target, "../") || f.target == "." {
		f.problem = fileOutside
		return nil, f
	}
	src, err := p.files.ReadFile(f.target)
	if err == nil {
		return src, f
	}
	actual, ok := p.files.Fold(f.target)
	if !ok {
		f.problem = fileMissing
		return nil, f
	}
	f.target, f.folded = actual, true
	if src, err = p.files.ReadFile(actual); err != nil {
		f.problem, f.err = fileUnreadable, err
		return nil, f
	}
	return src, f
}
