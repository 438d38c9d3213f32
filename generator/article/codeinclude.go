package article

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"kb/generator/diag"
)

// Code includes are Microsoft Learn's way of showing code kept in files of
// the repository, in two forms, each on a line of its own:
//
//	:::code language="powershell" source="snippets/x.ps1" range="3-10,12" highlight="2":::
//	:::code language="csharp" source="~/snippets/Program.cs" id="snippet_main":::
//	[!code-csharp[](../code/Program.cs#Main)]
//	[!code-powershell[title](x.ps1?range=1-4&highlight=2)]
//	[!code[](x.ps1#L3-L5)]
//
// The file is read, as an include is, relative to the file the line is
// written in (so inside an [!INCLUDE], relative to the include), or from
// the docset's root with "~/"; it need not be published. range picks lines
// (1-based, "3-10,12", "5-" to the end), id (or #name, ?name=) a region
// between DocFX's markers for the language (regionFamilies), #L3-L5 lines;
// the lines' common indent is removed, as DocFX does. highlight marks lines
// of what is shown. The code is highlighted as fenced code is, within the
// article's HighlightBudget. A missing file, region or range is an error at
// its line; the block is then left out.

// codeSnippetLine is DocFX's code snippet: [!code-lang[title](path)].
var codeSnippetLine = regexp.MustCompile(`^\[!code(?:-([A-Za-z0-9+#._-]+))?\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^)\s]*)(?:\s+"[^"\n]*")?\s*\)\]$`)

// codeSnippet reads a one-line paragraph's line, at offset start, that is
// a DocFX code snippet as a Directive named "code", with the attributes
// :::code has, all placed at the path; nil when it is not one.
// directiveTransformer calls it.
func codeSnippet(line string, start int) *Directive {
	m := codeSnippetLine.FindStringSubmatchIndex(line)
	if m == nil {
		return nil
	}
	d := &Directive{Name: "code", Attrs: map[string]string{}, AttrPos: map[string]int{}}
	d.SetPos(start)
	at := start + m[6]
	set := func(name, value string) {
		if _, dup := d.Attrs[name]; !dup {
			d.Order = append(d.Order, name)
		}
		d.Attrs[name] = value
		d.AttrPos[name] = at
	}
	if m[2] >= 0 {
		set("language", line[m[2]:m[3]])
	}
	dest := strings.TrimSuffix(strings.TrimPrefix(line[m[6]:m[7]], "<"), ">")
	ref, fragment, _ := strings.Cut(dest, "#")
	ref, query, _ := strings.Cut(ref, "?")
	set("source", ref)
	if q, err := url.ParseQuery(query); err == nil {
		if v := q.Get("name"); v != "" {
			set("id", v)
		}
		if v := q.Get("range"); v != "" {
			set("range", v)
		}
		if s, e := q.Get("start"), q.Get("end"); s != "" || e != "" {
			set("range", s+"-"+e)
		}
		if v := q.Get("highlight"); v != "" {
			set("highlight", v)
		}
	}
	if fragment != "" {
		if r, ok := bookmark(fragment); ok {
			set("range", r)
		} else {
			set("id", fragment)
		}
	}
	return d
}

var bookmarkPattern = regexp.MustCompile(`^[Ll]([0-9]+)(?:-[Ll]([0-9]+))?$`)

// bookmark reads a #L3-L5 fragment as a range ("3-5").
func bookmark(fragment string) (string, bool) {
	m := bookmarkPattern.FindStringSubmatch(fragment)
	if m == nil {
		return "", false
	}
	if m[2] == "" {
		return m[1], true
	}
	return m[1] + "-" + m[2], true
}

// highlightBudget is an article's highlighting budget (HighlightBudget),
// which its fenced code and code includes spend in order (Parser.walk).
type highlightBudget struct {
	used  int
	plain bool // a block was left plain: so are all after it
}

// spend reports whether a code block of size bytes at pos is highlighted,
// taking it from the budget; the first block left plain is reported.
func (b *highlightBudget) spend(size int, a *Article, pos int, lines *diag.Lines, diags *diag.List) bool {
	if b.plain || b.used+size > HighlightBudget { // in order: none after the first left plain
		if !b.plain {
			diags.Add(lines.At(a.SourcePath(), pos, diag.Warning, diag.RuleLimitCodeHighlight,
				"this code block and those after it are not highlighted: kb highlights up to %d KiB of code per article", HighlightBudget>>10))
		}
		b.plain = true
		return false
	}
	b.used += size
	return true
}

// code renders a code include (a Directive named "code") into n.HTML, or
// reports why it cannot.
func (p *Parser) code(a *Article, n *Directive, lines *diag.Lines, diags *diag.List, budget *highlightBudget) {
	at := func(attr string) int {
		if pos, ok := n.AttrPos[attr]; ok {
			return pos
		}
		return n.Pos()
	}
	report := func(attr, rule, format string, args ...any) {
		diags.Add(lines.At(a.SourcePath(), at(attr), diag.Error, rule, format, args...))
	}
	src, target, ok := p.codeFile(a, n.Attrs["source"], at("source"), lines, report)
	if !ok {
		return
	}
	lang := n.Attrs["language"]
	if lang == "" { // from the file's extension, named as DocFX names it
		lang = strings.ToLower(strings.TrimPrefix(path.Ext(target), "."))
		if l, ok := languageAliases[lang]; ok {
			lang = l
		}
	}
	all := codeLines(string(src))
	var shown []int // indices of all
	switch {
	case n.Attrs["id"] != "":
		var problem string
		var unclosed bool
		shown, problem, unclosed = extractRegion(all, lang, n.Attrs["id"])
		switch {
		case unclosed:
			report("id", diag.RuleCodeRegionMissing, "%s %s; end it, as its language marks regions %s", target, problem, regionHint(lang, n.Attrs["id"]))
			return
		case problem != "":
			report("id", diag.RuleCodeRegionMissing, "%s %s; mark it in the file %s, or name a region the file has", target, problem, regionHint(lang, n.Attrs["id"]))
			return
		}
	case n.Attrs["range"] != "":
		ranges, err := parseRanges(n.Attrs["range"], len(all))
		if err != nil {
			report("range", diag.RuleCodeRangeInvalid, "range %q %v", n.Attrs["range"], err)
			return
		}
		for _, r := range ranges {
			for i := r.From; i <= r.To; i++ {
				shown = append(shown, i-1)
			}
		}
	default:
		for i := range all {
			shown = append(shown, i)
		}
	}
	code := dedent(all, shown)
	var marks map[int]bool
	if h := n.Attrs["highlight"]; h != "" {
		count := strings.Count(code, "\n")
		ranges, err := parseRanges(h, count)
		if err != nil {
			report("highlight", diag.RuleCodeRangeInvalid, "highlight %q %v (the lines are counted in the %d lines shown)", h, err, count)
		} else {
			marks = map[int]bool{}
			for _, r := range ranges {
				for i := r.From; i <= r.To; i++ {
					marks[i] = true
				}
			}
		}
	}
	colour := highlightable(lang) && budget.spend(len(code), a, n.Pos(), lines, diags)
	n.HTML = codeHTML(lang, code, marks, colour)
}

// codeFile reads the file a code include names.
func (p *Parser) codeFile(a *Article, source string, pos int, lines *diag.Lines, report func(attr, rule, format string, args ...any)) ([]byte, string, bool) {
	if source == "" {
		report("", diag.RuleCodeSourceMissing, "this code include names no file; add source=\"snippets/example.ps1\" (relative to this file)")
		return nil, "", false
	}
	root := func() string { // of ~/ paths
		if p.docset != nil && p.docset.Root != nil {
			return p.docset.Root(a.Path)
		}
		return ""
	}
	src, f := p.readRelative(path.Dir(p.writtenIn(a, pos, lines)), source, root)
	target := f.target
	if f.folded {
		report("source", diag.RuleLinkCase, "code source %q finds %s only when letter case is ignored; it breaks on Linux. Write the path with the file's letter case", source, target)
	}
	switch f.problem {
	case fileNotRelative:
		report("source", diag.RuleCodeSourceInvalid, "code source %q is not a file of this repository; kb reads code from files only (no network): give a path relative to this file, or one from the docset's root starting with ~/", source)
		return nil, "", false
	case fileOutside:
		report("source", diag.RuleLinkOutsideSource, "code source %q leaves the source folder; name a file inside it", source)
		return nil, "", false
	case fileMissing:
		report("source", diag.RuleCodeSourceMissing, "code file %q does not exist (looked for %s); fix the path, which is relative to this file, or create the file", source, target)
		return nil, "", false
	case fileUnreadable:
		report("source", diag.RuleRead, "cannot read the code file %s: %v", target, f.err)
		return nil, "", false
	}
	if len(src) > MaxFileSize {
		report("source", diag.RuleLimitFileSize, "code file %s is %d bytes; kb shows code files up to %d KiB: show a region or a range of a smaller file", target, len(src), MaxFileSize>>10)
		return nil, "", false
	}
	p.shownCode.Store(target, true)
	return Text(src), target, true
}

// ReadAsCode reports whether an article rendered so far showed the file at
// path (relative to the content folder) as a code include: such a file is
// a part of pages, not a download, and need not be published.
func (p *Parser) ReadAsCode(path string) bool {
	_, ok := p.shownCode.Load(path)
	return ok
}

// codeLines splits text into its lines, without their line ends.
func codeLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// dedent joins the lines of all at the indices shown, each ending in a
// newline, without the indent they all share (tabs count to the next
// multiple of 4, as in DocFX).
func dedent(all []string, shown []int) string {
	common := -1
	expanded := make([]string, len(shown))
	for k, i := range shown {
		line := all[i]
		if strings.TrimSpace(line) == "" {
			expanded[k] = ""
			continue
		}
		width, j := 0, 0
		for ; j < len(line) && (line[j] == ' ' || line[j] == '\t'); j++ {
			if line[j] == '\t' {
				width += 4 - width%4
			} else {
				width++
			}
		}
		expanded[k] = strings.Repeat(" ", width) + line[j:]
		if common < 0 || width < common {
			common = width
		}
	}
	var b strings.Builder
	for _, line := range expanded {
		if len(line) >= common && common > 0 {
			line = line[common:]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// lineRange is a range of lines, 1-based, both ends included.
type lineRange struct{ From, To int }

// parseRanges reads a list of line ranges such as "3-10,12,15-" (to the
// end) of a text of n lines. A range must lie within the text and not run
// backwards.
func parseRanges(s string, n int) ([]lineRange, error) {
	var out []lineRange
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		from, to, dash := strings.Cut(part, "-")
		a, err := lineNumber(from)
		if err != nil {
			return nil, fmt.Errorf("is not a list of line ranges: %q %v; write it as 3-10,12 (lines counted from 1)", part, err)
		}
		b := a
		if dash {
			if strings.TrimSpace(to) == "" {
				b = n
			} else if b, err = lineNumber(to); err != nil {
				return nil, fmt.Errorf("is not a list of line ranges: %q %v; write it as 3-10,12 (lines counted from 1)", part, err)
			}
		}
		switch {
		case b < a:
			return nil, fmt.Errorf("runs backwards (%d-%d); write the lower line first", a, b)
		case b > n:
			return nil, fmt.Errorf("goes past the last line, %d; show lines 1 to %d only", n, n)
		}
		out = append(out, lineRange{a, b})
	}
	return out, nil
}

// lineNumber reads one line number of a range.
func lineNumber(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("has %q, not a line number", s)
	}
	return n, nil
}

// regionFamily is one kind of region markers: the text before and after
// the region's name on its start and end lines, matched as DocFX matches
// them (letter case and spaces ignored). An end line that does not name
// its region (#endregion) closes the last one opened.
type regionFamily struct {
	start, end [2]string
	endNamed   bool
	show       string // the markers as messages show them, %[1]s for the name
}

var (
	cFamily      = regionFamily{[2]string{"//<", ">"}, [2]string{"//</", ">"}, true, "// <%[1]s> and // </%[1]s>"}
	basicFamily  = regionFamily{[2]string{"'<", ">"}, [2]string{"'</", ">"}, true, "' <%[1]s> and ' </%[1]s>"}
	markupFamily = regionFamily{[2]string{"<!--<", ">-->"}, [2]string{"<!--</", ">-->"}, true, "<!-- <%[1]s> --> and <!-- </%[1]s> -->"}
	sqlFamily    = regionFamily{[2]string{"--<", ">"}, [2]string{"--</", ">"}, true, "-- <%[1]s> and -- </%[1]s>"}
	scriptFamily = regionFamily{[2]string{"#<", ">"}, [2]string{"#</", ">"}, true, "# <%[1]s> and # </%[1]s>"}
	batchFamily  = regionFamily{[2]string{"rem<", ">"}, [2]string{"rem</", ">"}, true, "rem <%[1]s> and rem </%[1]s>"}
	erlangFamily = regionFamily{[2]string{"%<", ">"}, [2]string{"%</", ">"}, true, "% <%[1]s> and % </%[1]s>"}
	lispFamily   = regionFamily{[2]string{";<", ">"}, [2]string{";</", ">"}, true, "; <%[1]s> and ; </%[1]s>"}
	regionMarks  = regionFamily{[2]string{"#region", ""}, [2]string{"#endregion", ""}, false, "#region %[1]s and #endregion"}
	cssFamily    = regionFamily{[2]string{"/*<", ">*/"}, [2]string{"/*</", ">*/"}, false, "/* <%[1]s> */ and /* </%[1]s> */"}
	allFamilies  = []regionFamily{basicFamily, cFamily, markupFamily, sqlFamily, scriptFamily, batchFamily, regionMarks, erlangFamily, lispFamily, cssFamily}
)

// regionFamilies returns the region markers of a language (a name or file
// extension as DocFX knows it), in the order DocFX tries them; every kind
// for a language it does not know.
func regionFamilies(lang string) []regionFamily {
	lang = strings.ToLower(strings.TrimPrefix(lang, "."))
	if l, ok := languageAliases[lang]; ok {
		lang = l
	}
	var out []regionFamily
	for _, f := range languageFamilies {
		for _, l := range strings.Fields(f.langs) {
			if l == lang {
				out = append(out, f.family)
			}
		}
	}
	if len(out) == 0 {
		return allFamilies
	}
	return out
}

// languageFamilies are DocFX's region markers by language
// (Docfx.MarkdigEngine.Extensions, HtmlCodeSnippetRenderer).
var languageFamilies = []struct {
	langs  string
	family regionFamily
}{
	{"vb vbhtml", basicFamily},
	{"actionscript arduino assembly cpp csharp cshtml cuda d fsharp go java javascript objectivec pascal php processing react rust scala smalltalk swift typescript", cFamily},
	{"xml xaml handlebars html cshtml php react ruby vbhtml", markupFamily},
	{"haskell lua sql", sqlFamily},
	{"perl powershell python r ruby shell", scriptFamily},
	{"batchfile", batchFamily},
	{"csharp cshtml", regionMarks},
	{"erlang matlab", erlangFamily},
	{"lisp", lispFamily},
	{"vb vbhtml", regionMarks},
	{"css", cssFamily},
}

// languageAliases are DocFX's other names and file extensions of its
// languages.
var languageAliases = func() map[string]string {
	m := map[string]string{}
	for lang, aliases := range map[string]string{
		"actionscript": "as", "arduino": "ino", "assembly": "nasm asm", "batchfile": "bat cmd",
		"cpp": "c c++ objective-c obj-c objc h hpp cc m", "csharp": "cs", "cuda": "cu cuh", "d": "dlang",
		"erlang": "erl", "fsharp": "fs fsi fsx", "go": "golang", "handlebars": "hbs", "haskell": "hs",
		"html": "jsp asp aspx ascx", "cshtml": "aspx-cs aspx-csharp", "vbhtml": "aspx-vb", "java": "gradle",
		"javascript": "js node json", "lisp": "lsp", "pascal": "pas", "perl": "pl", "powershell": "posh ps1 psm1",
		"processing": "pde", "python": "py", "react": "tsx", "ruby": "ru erb rb", "rust": "rs",
		"shell": "sh bash", "smalltalk": "st", "typescript": "ts",
		"xml": "xsl xslt xsd wsdl csdl edmx config csproj", "vb": "vbnet vbscript bas vbs vba",
	} {
		for a := range strings.FieldsSeq(aliases) {
			m[a] = lang
		}
	}
	return m
}()

// regionHint names the markers of a language for a region, for messages.
func regionHint(lang, name string) string {
	fams := regionFamilies(lang)
	if len(fams) == len(allFamilies) {
		return fmt.Sprintf("with markers such as // <%[1]s> and // </%[1]s>, # <%[1]s> and # </%[1]s>, or #region %[1]s and #endregion", name)
	}
	var parts []string
	for _, f := range fams {
		parts = append(parts, fmt.Sprintf(f.show, name))
	}
	return "with " + strings.Join(parts, ", or ") + " (the markers for " + lang + ")"
}

// region is where a region was found: the indices of its start and end
// marker lines (end -1 while it is open).
type region struct{ start, end int }

// extractRegion returns the indices of the lines of the region named name
// (letter case ignored; "snippet"+name too, as DocFX looks it up) of a file
// in the language lang: the lines between its markers, without the marker
// lines of other regions. problem says why there is none.
func extractRegion(all []string, lang, name string) (shown []int, problem string, unclosed bool) {
	want := strings.ToLower(strings.TrimSpace(name))
	for _, f := range regionFamilies(lang) {
		found, markers := f.regions(all)
		r, ok := found[want]
		if !ok {
			r, ok = found["snippet"+want]
		}
		if !ok {
			continue
		}
		if r.end < 0 {
			return nil, fmt.Sprintf("has a region %q that starts at line %d and never ends", name, r.start+1), true
		}
		for i := r.start + 1; i < r.end; i++ {
			if !markers[i] {
				shown = append(shown, i)
			}
		}
		return shown, "", false
	}
	return nil, fmt.Sprintf("has no region %q", name), false
}

// regions finds every region of f's markers in all, and the marker lines.
func (f regionFamily) regions(all []string) (map[string]region, map[int]bool) {
	found := map[string]region{}
	markers := map[int]bool{}
	var open []string
	for i, line := range all {
		if name, ok := matchMarker(line, f.end, f.endNamed); ok {
			markers[i] = true
			if !f.endNamed {
				name = ""
				if len(open) > 0 {
					name, open = open[len(open)-1], open[:len(open)-1]
				}
			}
			if r, ok := found[name]; ok && r.end < 0 { // the first end closes it
				r.end = i
				found[name] = r
			}
			continue
		}
		if name, ok := matchMarker(line, f.start, true); ok {
			markers[i] = true
			found[name] = region{start: i, end: -1}
			open = append(open, name)
		}
	}
	return found, markers
}

// matchMarker reports whether line is a marker line of template (the text
// before and after the name), ignoring letter case and spaces within the
// template's text, and returns the name, lower-cased. needName says the
// name must be a valid one (letters, digits, _ . -).
func matchMarker(line string, template [2]string, needName bool) (string, bool) {
	before, after := template[0], template[1]
	col := 0
	match := func(lit string) bool {
		k := 0
		for col < len(line) && k < len(lit) {
			if c := line[col]; c != ' ' && c != '\t' {
				if lower(c) != lit[k] {
					return false
				}
				k++
			}
			col++
		}
		return k == len(lit)
	}
	if !match(before) {
		return "", false
	}
	start := col
	for col < len(line) && (after == "" || line[col] != after[0]) {
		col++
	}
	name := strings.ToLower(strings.TrimSpace(line[start:col]))
	if !match(after) {
		return "", false
	}
	if strings.TrimSpace(line[col:]) != "" {
		return "", false
	}
	if needName {
		name = strings.Trim(name, `"`) // VB: #Region "Name"
		if !validRegionName(name) {
			return "", false
		}
	}
	return name, true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

var regionName = regexp.MustCompile(`^[\p{L}\p{N}_.\-]+$`)

func validRegionName(s string) bool { return regionName.MatchString(s) }

// codeHTML writes a code include as fenced code is written (highlighted
// when colour), with the lines in marks (1-based) in <mark> elements.
func codeHTML(lang, code string, marks map[int]bool, colour bool) string {
	var b strings.Builder
	b.WriteString(`<div class="code">`)
	if lang != "" {
		b.WriteString(`<pre class="chroma" data-lang="` + html.EscapeString(lang) + `"><code class="language-` + html.EscapeString(lang) + `">`)
	} else {
		b.WriteString(`<pre class="chroma"><code>`)
	}
	var tokens []chroma.Token
	if colour {
		if lexer := lexers.Get(lang); lexer != nil {
			if it, err := chroma.Coalesce(lexer).Tokenise(nil, code); err == nil {
				tokens = it.Tokens()
			}
		}
	}
	if tokens == nil {
		tokens = []chroma.Token{{Type: chroma.Text, Value: code}}
	}
	for i, line := range chroma.SplitTokensIntoLines(tokens) {
		marked := marks[i+1]
		if marked {
			b.WriteString(`<mark class="code-line">`)
		}
		end := false
		for _, tok := range line {
			v := tok.Value
			if marked && strings.HasSuffix(v, "\n") {
				v, end = strings.TrimSuffix(v, "\n"), true
			}
			writeToken(&b, tok.Type, v, colour)
		}
		if marked {
			b.WriteString(`</mark>`)
			if end {
				b.WriteByte('\n')
			}
		}
	}
	b.WriteString("</code></pre></div>\n")
	return b.String()
}

func writeToken(b *strings.Builder, t chroma.TokenType, v string, colour bool) {
	if v == "" {
		return
	}
	cls := ""
	if colour {
		cls = tokenClass(t)
	}
	if cls == "" {
		b.WriteString(html.EscapeString(v))
		return
	}
	b.WriteString(`<span class="` + cls + `">` + html.EscapeString(v) + `</span>`)
}
