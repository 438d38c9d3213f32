package bundle

import (
	"os/exec"
	"strings"
	"time"
)

// Edition says which build of the knowledge base a bundle is: the day it was
// built and, when the source folder is in a git checkout, the revision of its
// content.
type Edition struct {
	Built    time.Time
	Revision string // the short commit hash; empty outside git
	Date     string // the commit's date, YYYY-MM-DD
	Modified bool   // the source folder has changes not committed
}

// Describe reads the revision of the source folder from git, when git and a
// checkout are there.
func Describe(source string, now time.Time) Edition {
	e := Edition{Built: now.UTC()}
	out, err := exec.Command("git", "-C", source, "log", "-1", "--format=%h %cs").Output()
	if err != nil {
		return e
	}
	if f := strings.Fields(string(out)); len(f) == 2 {
		e.Revision, e.Date = f[0], f[1]
	}
	if st, err := exec.Command("git", "-C", source, "status", "--porcelain", "--", ".").Output(); err == nil {
		e.Modified = len(strings.TrimSpace(string(st))) > 0
	}
	return e
}

// String is the edition line shown in every page's footer.
func (e Edition) String() string {
	s := "Offline edition, built " + e.Built.Format("2006-01-02")
	switch {
	case e.Revision == "":
		return s + " (content revision unknown: not a git checkout)"
	case e.Modified:
		return s + " from content revision " + e.Revision + " (" + e.Date + ") with changes not committed"
	}
	return s + " from content revision " + e.Revision + " (" + e.Date + ")"
}
