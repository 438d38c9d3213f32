package render

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay is the theme as a site sees it: a file in the site's own theme
// folder replaces the default file of the same path.
type overlay struct {
	site fs.FS // the site's theme/ folder; nil when it has none
	base fs.FS // the default theme compiled into kb
}

// ReadFile reads name from the site's theme if it has it, else from the
// default theme.
func (o overlay) ReadFile(name string) ([]byte, error) {
	if o.site != nil {
		b, err := fs.ReadFile(o.site, name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return b, err
		}
	}
	return fs.ReadFile(o.base, name)
}

// source returns a template's text and whether it is the site's own, or nil
// when neither theme has it.
func (o overlay) source(name string) ([]byte, bool) {
	if o.site != nil {
		if b, err := fs.ReadFile(o.site, name); err == nil {
			return b, true
		}
	}
	b, err := fs.ReadFile(o.base, name)
	if err != nil {
		return nil, false
	}
	return b, false
}

// files lists the regular files below dir in either theme, sorted.
func (o overlay) files(dir string) ([]string, error) {
	seen := map[string]bool{}
	for _, fsys := range []fs.FS{o.site, o.base} {
		if fsys == nil {
			continue
		}
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipDir
				}
				return err
			}
			if d.Type().IsRegular() {
				seen[p] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}
