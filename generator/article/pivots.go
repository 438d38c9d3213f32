package article

import (
	"fmt"
	"path"

	"go.yaml.in/yaml/v3"

	"kb/generator/diag"
)

// Zone pivot groups are defined in a zone-pivot-groups.yml, as in DocFX:
//
//	groups:
//	- id: platform
//	  title: Platform
//	  prompt: Choose a platform
//	  pivots:
//	  - id: windows
//	    title: Windows
//	  - id: macos
//	    title: macOS
//
// An article names the groups it uses in its front matter
// (zone_pivot_groups: platform, or several separated by commas). kb reads
// the zone-pivot-groups.yml nearest to the article: in its folder or the
// closest folder above it, up to the content folder.

// PivotGroupsFile is the name of the file that defines zone pivot groups.
const PivotGroupsFile = "zone-pivot-groups.yml"

// PivotGroup is one group of zone pivots.
type PivotGroup struct {
	ID, Title, Prompt string
	Pivots            []Option
}

// pivotFile is a read zone-pivot-groups.yml.
type pivotFile struct {
	path   string // relative to the content folder
	groups []PivotGroup
	diags  diag.List // its own problems, reported with the first article that uses it
}

// pivotGroups returns the zone-pivot-groups.yml for the article a, or nil when there is none. Each file is read once.
func (p *Parser) pivotGroups(a *Article) *pivotFile {
	dir := path.Dir(a.Path)
	for {
		f := path.Join(dir, PivotGroupsFile)
		if dir == "." {
			f = PivotGroupsFile
		}
		if p.files.File(f) {
			if v, ok := p.pivots.Load(f); ok {
				return v.(*pivotFile)
			}
			data, err := p.files.ReadFile(f)
			pf := &pivotFile{path: f}
			if err != nil {
				pf.diags.Add(diag.Diagnostic{Path: a.prefix + f, Severity: diag.Error, Rule: diag.RuleSelectPivotGroup, Message: err.Error()})
			} else {
				pf.groups = readPivotGroups(a.prefix+f, data, &pf.diags)
			}
			v, _ := p.pivots.LoadOrStore(f, pf)
			return v.(*pivotFile)
		}
		if dir == "." || dir == "/" {
			return nil
		}
		dir = path.Dir(dir)
	}
}

// readPivotGroups reads a zone-pivot-groups.yml, reporting under report.
func readPivotGroups(report string, data []byte, diags *diag.List) []PivotGroup {
	lines := diag.NewLines(data)
	var doc struct {
		Groups []struct {
			ID     string `yaml:"id"`
			Title  string `yaml:"title"`
			Prompt string `yaml:"prompt"`
			Pivots []struct {
				ID    string `yaml:"id"`
				Title string `yaml:"title"`
			} `yaml:"pivots"`
		} `yaml:"groups"`
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := diag.YAMLError(err)
		diags.Add(lines.At(report, lines.Offset(max(line, 1), 1), diag.Error, diag.RuleSelectPivotGroup, "%s is not valid YAML: %s", PivotGroupsFile, msg))
		return nil
	}
	if err := root.Decode(&doc); err != nil {
		diags.Add(lines.At(report, 0, diag.Error, diag.RuleSelectPivotGroup,
			"%s: %v; write groups: a list of id, title, prompt and pivots (a list of id and title)", PivotGroupsFile, err))
		return nil
	}
	// The nodes of the groups and pivots, for the positions of their problems.
	at := func(n *yaml.Node) int { return lines.Offset(n.Line, n.Column) }
	var groupNodes []*yaml.Node
	if len(root.Content) > 0 && root.Content[0].Kind == yaml.MappingNode {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "groups" && m.Content[i+1].Kind == yaml.SequenceNode {
				groupNodes = m.Content[i+1].Content
			}
		}
	}
	pivotNode := func(g *yaml.Node, j int) *yaml.Node {
		for i := 0; i+1 < len(g.Content); i += 2 {
			if g.Content[i].Value == "pivots" && j < len(g.Content[i+1].Content) {
				return g.Content[i+1].Content[j]
			}
		}
		return g
	}
	var out []PivotGroup
	seen := map[string]bool{}
	for gi, g := range doc.Groups {
		gn := &yaml.Node{Line: 1, Column: 1}
		if gi < len(groupNodes) {
			gn = groupNodes[gi]
		}
		if g.ID == "" || seen[g.ID] {
			what := "has no id: give it one, such as id: platform"
			if g.ID != "" {
				what = fmt.Sprintf("has the id %q of a group before it: give each group its own", g.ID)
			}
			diags.Add(lines.At(report, at(gn), diag.Error, diag.RuleSelectPivotGroup, "this group of %s %s", PivotGroupsFile, what))
			continue
		}
		seen[g.ID] = true
		pg := PivotGroup{ID: g.ID, Title: g.Title, Prompt: g.Prompt}
		for pi, pv := range g.Pivots {
			if pv.ID == "" {
				diags.Add(lines.At(report, at(pivotNode(gn, pi)), diag.Error, diag.RuleSelectPivotGroup,
					"this pivot of group %q has no id: give it one, such as id: windows", g.ID))
				continue
			}
			t := pv.Title
			if t == "" {
				t = pv.ID
			}
			pg.Pivots = append(pg.Pivots, Option{ID: pv.ID, Title: t})
		}
		out = append(out, pg)
	}
	return out
}
