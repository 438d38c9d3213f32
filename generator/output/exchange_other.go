//go:build !linux && !darwin

package output

import "errors"

// exchange would swap the folders a and b in one step; this system cannot,
// and Commit renames them one after the other.
func exchange(a, b string) error { return errors.ErrUnsupported }
