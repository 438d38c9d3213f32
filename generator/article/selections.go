package article

import (
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"kb/generator/diag"
)

// Selections is how the site defines its monikers: in order, once.
type Selections struct {
	// Monikers are the site's versions, oldest first. nil: each article's
	// are the ids its ranges name, in alphabetical order.
	Monikers []Option
	// From says where they are defined, for messages ("config.toml's
	// [monikers]").
	From string
}

// SetSelections tells p the site's monikers. Call it before the first
// Render.
func (p *Parser) SetSelections(s Selections) { p.sel = s }

// MonikerSelector, PivotSelector: the names and URL parameters of the
// page-wide selectors (as Microsoft Learn's: ?view=, ?pivots=).
const (
	MonikerSelector = "moniker"
	MonikerParam    = "view"
	PivotSelector   = "pivot." // + the group's id
	PivotParam      = "pivots"
)

// selections checks the article's tab groups, zones and moniker blocks
// against its front matter and the site's definitions, tags each block with
// the options it applies to, and puts the selectors at the top of the body.
//
// file is the article's text before its front matter was blanked: the
// front matter values are looked up in it.
func (p *Parser) selections(a *Article, doc ast.Node, source, file []byte, lines *diag.Lines, diags *diag.List) {
	var zones, monikers []*Choice
	tabs := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *SelectMarker:
			diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Error, diag.RuleSelectUnclosed,
				"::: %s-end has no ::: %s before it in the same list item, block quote or article; remove it, or add the start", n.Name, n.Name))
		case *Choice:
			if n.Unclosed {
				diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Error, diag.RuleSelectUnclosed,
					"this ::: %s is never closed, so it takes in the rest of its list item, block quote or article; end it with a line ::: %s-end", n.Marker.Name, n.Marker.Name))
			}
			if n.Marker.Name == "zone" {
				zones = append(zones, n)
			} else {
				monikers = append(monikers, n)
			}
		case *TabGroup:
			tabs++
			n.Index = tabs
			if n.Unclosed {
				diags.Add(lines.At(a.SourcePath(), n.Pos(), diag.Warning, diag.RuleSelectTabs,
					"this tab group has no line --- after its last tab, so the last tab takes in the rest of its list item, block quote or article; end the group with ---"))
			}
		}
		return ast.WalkContinue, nil
	})
	bar := &SelectorBar{}
	fm, fmLines := a.frontMatter(file, lines)
	p.zones(a, zones, bar, fm, fmLines, lines, diags)
	p.monikers(a, monikers, bar, fm, fmLines, lines, diags)
	if len(bar.Selectors) > 0 || bar.AppliesTo != "" {
		if first := doc.FirstChild(); first != nil {
			doc.InsertBefore(doc, first, bar)
		} else {
			doc.AppendChild(doc, bar)
		}
	}
}

// metaString is a front matter value as a string, and the offset of its
// value in the article's text (or of its key, when the value cannot be
// found).
func metaString(a *Article, key string, source []byte) (string, int, bool) {
	v, ok := a.Meta.Params[key]
	if !ok {
		return "", 0, false
	}
	s := strings.TrimSpace(fmt.Sprint(v))
	at := a.Meta.At(key)
	if at < len(source) {
		end := at + len(key) + 1
		for end < len(source) && source[end] != '\n' {
			end++
		}
		if i := strings.Index(string(source[at:end]), s); i >= 0 {
			at += i
		}
	}
	return s, at, true
}

// zones tags the zones with their pivots and adds the article's pivot
// groups to the bar.
func (p *Parser) zones(a *Article, zones []*Choice, bar *SelectorBar, fm []byte, fmLines, lines *diag.Lines, diags *diag.List) {
	names, namesAt, hasGroups := metaString(a, "zone_pivot_groups", fm)
	if !hasGroups && len(zones) == 0 {
		return
	}
	var groups []PivotGroup
	if hasGroups {
		pf := p.pivotGroups(a)
		if pf == nil {
			diags.Add(fmLines.At(a.SourcePath(), namesAt, diag.Error, diag.RuleSelectPivot,
				"zone_pivot_groups names groups, but no %s defines them in this article's folder or a folder above it", PivotGroupsFile))
		} else {
			if _, loaded := p.pivotReported.LoadOrStore(pf.path, true); !loaded {
				diags.Merge(pf.diags)
			}
			for _, name := range strings.Split(names, ",") {
				name = strings.TrimSpace(name)
				i := slices.IndexFunc(pf.groups, func(g PivotGroup) bool { return g.ID == name })
				if i < 0 {
					diags.Add(fmLines.At(a.SourcePath(), namesAt, diag.Error, diag.RuleSelectPivot,
						"zone_pivot_groups names group %q, which %s does not define; it defines %s", name, pf.path, groupIDs(pf.groups)))
					continue
				}
				groups = append(groups, pf.groups[i])
			}
		}
	}
	for _, g := range groups {
		if len(g.Pivots) == 0 {
			continue
		}
		label := g.Prompt
		if label == "" {
			label = g.Title
		}
		if label == "" {
			label = g.ID
		}
		bar.Selectors = append(bar.Selectors, Selector{Name: PivotSelector + g.ID, Label: label, Param: PivotParam, Options: g.Pivots, Default: g.Pivots[0].ID})
	}
	for _, z := range zones {
		switch z.Marker.Attrs["target"] {
		case "docs":
			z.Plain = true
			continue
		case "chromeless":
			z.Drop = true
			continue
		}
		value, ok := z.Marker.Attrs["pivot"]
		at := z.Marker.AttrAt["pivot"]
		if !ok {
			diags.Add(lines.At(a.SourcePath(), z.Pos(), diag.Error, diag.RuleSelectPivot,
				"::: zone needs pivot=\"ID\" (or several, separated by commas), or target=\"docs\""))
			continue
		}
		if !hasGroups {
			diags.Add(lines.At(a.SourcePath(), at, diag.Error, diag.RuleSelectPivot,
				"a zone needs its article's front matter to name the pivot groups it chooses from: add zone_pivot_groups: GROUP (defined in %s)", PivotGroupsFile))
			continue
		}
		var titles []string
		off := 0
		for _, id := range strings.Split(value, ",") {
			idAt := at + off + len(id) - len(strings.TrimLeft(id, " "))
			off += len(id) + 1
			id = strings.TrimSpace(id)
			found := false
			for _, g := range groups {
				if i := slices.IndexFunc(g.Pivots, func(o Option) bool { return o.ID == id }); i >= 0 {
					z.When = append(z.When, When{PivotSelector + g.ID, id})
					titles = append(titles, g.Pivots[i].Title)
					found = true
					break
				}
			}
			if !found && len(groups) > 0 {
				diags.Add(lines.At(a.SourcePath(), idAt, diag.Error, diag.RuleSelectPivot,
					"pivot %q is not in the article's zone pivot groups (%s); use one of %s", id, names, pivotIDs(groups)))
			}
		}
		z.Label = strings.Join(titles, ", ")
	}
}

func groupIDs(groups []PivotGroup) string {
	var ids []string
	for _, g := range groups {
		ids = append(ids, g.ID)
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

func pivotIDs(groups []PivotGroup) string {
	var ids []string
	for _, g := range groups {
		for _, o := range g.Pivots {
			ids = append(ids, o.ID)
		}
	}
	return strings.Join(ids, ", ")
}

// monikers tags the moniker blocks with the monikers their ranges select,
// and adds the version selector, the badge and the note to the bar.
func (p *Parser) monikers(a *Article, blocks []*Choice, bar *SelectorBar, fm []byte, fmLines, lines *diag.Lines, diags *diag.List) {
	text, textAt, hasRange := metaString(a, "monikerRange", fm)
	if !hasRange && len(blocks) == 0 {
		return
	}
	type parsed struct {
		r     monikerRange
		at    int         // of the range text
		lines *diag.Lines // that at is in
	}
	parse := func(s string, at int, lines *diag.Lines) (parsed, bool) {
		r, err := parseRange(s)
		if err != nil {
			e := err.(*RangeError)
			diags.Add(lines.At(a.SourcePath(), at+e.At, diag.Error, diag.RuleSelectMoniker, "%s", e.Message))
			return parsed{}, false
		}
		return parsed{r, at, lines}, true
	}
	var article parsed
	articleOK := false
	if hasRange {
		article, articleOK = parse(text, textAt, fmLines)
	}
	ranges := make([]parsed, len(blocks))
	ok := make([]bool, len(blocks))
	for i, b := range blocks {
		v, has := b.Marker.Attrs["range"]
		if !has {
			diags.Add(lines.At(a.SourcePath(), b.Pos(), diag.Error, diag.RuleSelectMoniker,
				"::: moniker needs range=\"...\", such as range=\">= id\""))
			continue
		}
		ranges[i], ok[i] = parse(v, b.Marker.AttrAt["range"], lines)
	}
	// The order: the site's, or the ids this article names.
	options := p.sel.Monikers
	from := p.sel.From
	if options == nil {
		var ids []string
		if articleOK {
			ids = append(ids, article.r.ids()...)
		}
		for i := range blocks {
			if ok[i] {
				ids = append(ids, ranges[i].r.ids()...)
			}
		}
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			options = append(options, Option{ID: id, Title: id})
		}
	}
	order := make([]string, len(options))
	for i, o := range options {
		order[i] = o.ID
	}
	title := func(id string) string {
		return options[slices.Index(order, id)].Title
	}
	selects := func(pr parsed) ([]string, bool) {
		if t, unknown := pr.r.unknown(order); unknown {
			where := "the site defines none (set them in config.toml's [monikers])"
			if len(order) > 0 {
				where = "the monikers are " + strings.Join(order, ", ") + ", as " + from + " defines them"
			}
			diags.Add(pr.lines.At(a.SourcePath(), pr.at+t.at, diag.Error, diag.RuleSelectMoniker, "unknown moniker %q: %s", t.id, where))
			return nil, false
		}
		sel := pr.r.selects(order)
		if len(sel) == 0 {
			diags.Add(pr.lines.At(a.SourcePath(), pr.at, diag.Error, diag.RuleSelectMoniker,
				"this range selects no moniker of %s (in that order); write one that holds for at least one", strings.Join(order, ", ")))
			return nil, false
		}
		return sel, true
	}
	var applies []string
	if articleOK {
		if sel, good := selects(article); good {
			applies = sel
			var titles []string
			for _, id := range sel {
				titles = append(titles, title(id))
				bar.For = append(bar.For, When{MonikerSelector, id})
			}
			bar.AppliesTo = strings.Join(titles, ", ")
		}
	}
	for i, b := range blocks {
		if !ok[i] {
			continue
		}
		sel, good := selects(ranges[i])
		if !good {
			continue
		}
		var titles []string
		for _, id := range sel {
			b.When = append(b.When, When{MonikerSelector, id})
			titles = append(titles, title(id))
		}
		b.Label = "Applies to: " + strings.Join(titles, ", ")
	}
	if len(options) == 0 {
		return
	}
	def := order[len(order)-1] // the latest version, as Learn opens
	if len(applies) > 0 {
		def = applies[len(applies)-1]
	}
	bar.Selectors = append(bar.Selectors, Selector{Name: MonikerSelector, Label: "Version", Param: MonikerParam, Options: options, Default: def})
}
