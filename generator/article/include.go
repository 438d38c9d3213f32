package article

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"kb/generator/diag"
)

// Includes are Microsoft Docs' way of sharing text between articles:
//
//	[!INCLUDE [applies to](../includes/applies-to.md)]
//
// on a line of its own (a block: the file's paragraphs, lists and headings
// take its place, inside the list item or block quote the line is in) or
// inside a line or a table cell (inline: the file's text, its lines joined).
// The included file's front matter is left out. Includes nest; links,
// images and includes inside an included file resolve relative to that file,
// as DocFX resolves them.
//
// The text is expanded before it is parsed, so the headings of an include
// are the page's headings, with their anchors. The made text keeps spans
// (diag.Span) back to each file it was made of: every diagnostic in an
// included part names the included file and line, with a note at each
// [!INCLUDE] that brought it in (diag.Map).

// includePattern matches one [!INCLUDE [title](path)]; the title is
// optional text, the path may be in <...> and followed by a "title".
var includePattern = regexp.MustCompile(`\[!(?i:include)\s*\[[^\]]*\]\(\s*(<[^>\n]*>|[^)\s]*)(?:\s+"[^"\n]*")?\s*\)\]`)

// MaxIncludeDepth is how deep includes may nest.
const MaxIncludeDepth = 8

// maxExpanded bounds the text an article's includes make, so that files
// that include each other many times over cannot make it grow without end.
const maxExpanded = 8 * MaxFileSize

// hasInclude reports, cheaply, whether src may hold an [!INCLUDE].
func hasInclude(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("[!"))
		if j < 0 {
			return false
		}
		i += j + 2
		if len(src)-i >= 7 && strings.EqualFold(string(src[i:i+7]), "include") {
			return true
		}
	}
}

// expansion is one article's text with its includes expanded.
type expansion struct {
	p      *Parser
	prefix string // the content folder's path relative to the source folder
	out    []byte
	spans  []diag.Span
	files  diag.Files // the lines of the article and of each included file, by source path
	diags  *diag.List
	full   bool // past maxExpanded: no more includes
}

// expand returns the text of article a (source, with its front matter
// blanked) with its includes expanded, and the line table of the result,
// whose excerpts are those of file (source before the blanking: the same
// offsets and lines).
// Without includes it is source itself, and the table that of file.
func (p *Parser) expand(a *Article, source, file []byte, diags *diag.List) ([]byte, *diag.Lines) {
	if a.made != nil || !hasInclude(source) {
		// A made text (a YAML page's) keeps the positions of its spans; its
		// includes are not expanded.
		return source, a.lines(file)
	}
	e := &expansion{p: p, prefix: a.prefix, diags: diags}
	e.files.Add(a.SourcePath(), file)
	e.file(a.Path, source, 0, nil, []string{a.Path}, "")
	if len(e.spans) == 0 {
		return source, diag.NewLines(file)
	}
	return e.out, diag.Map(e.out, e.spans, e.files.Lines)
}

// copy appends text[from:to] of a file, which starts at offset base of it.
func (e *expansion) copy(file string, text []byte, from, to, base int, via *diag.Pos) {
	if from >= to {
		return
	}
	start := len(e.out)
	e.out = append(e.out, text[from:to]...)
	pos := diag.Pos{File: e.prefix + file, Offset: base + from, Via: via}
	if n := len(e.spans); n > 0 {
		last := &e.spans[n-1]
		if last.Linear && last.End == start && last.Pos.File == pos.File && last.Pos.Via == via &&
			last.Pos.Offset+(last.End-last.Start) == pos.Offset {
			last.End = len(e.out)
			return
		}
	}
	e.spans = append(e.spans, diag.Span{Start: start, End: len(e.out), Pos: pos, Linear: true})
}

// insert appends text kb adds (a list item's indentation before an
// included line), placed at pos.
func (e *expansion) insert(s string, pos diag.Pos) {
	if s == "" {
		return
	}
	start := len(e.out)
	e.out = append(e.out, s...)
	e.spans = append(e.spans, diag.Span{Start: start, End: len(e.out), Pos: pos})
}

// file appends the text of one file (text, which starts at offset base of
// it), with its includes expanded. via is where it was included (nil for the
// article), stack the files being expanded, for cycles; prefix goes before
// each of its lines but the first (the container of a block include).
func (e *expansion) file(file string, text []byte, base int, via *diag.Pos, stack []string, prefix string) {
	var fence fenceState
	for off, first := 0, true; off < len(text); first = false {
		end := len(text)
		if i := bytes.IndexByte(text[off:], '\n'); i >= 0 {
			end = off + i + 1
		}
		line := text[off:end]
		if !first {
			e.insert(prefix, diag.Pos{File: e.prefix + file, Offset: base + off, Via: via})
		}
		if fence.code(line) {
			e.copy(file, text, off, end, base, via)
			off = end
			continue
		}
		cursor := off
		for _, m := range includePattern.FindAllSubmatchIndex(line, -1) {
			if inCodeSpan(line[:m[0]]) {
				continue
			}
			e.copy(file, text, cursor, off+m[0], base, via)
			cursor = off + m[1]
			at := diag.Pos{File: e.prefix + file, Offset: base + off + m[0], Via: via}
			dest := string(line[m[2]:m[3]])
			lead, rest := line[:m[0]], line[m[1]:]
			block := isContainerPrefix(lead) && len(bytes.TrimSpace(rest)) == 0
			cont := ""
			if block {
				cont = prefix + continuation(string(lead))
			}
			e.include(file, dest, at, stack, block, cont)
		}
		e.copy(file, text, cursor, end, base, via)
		off = end
	}
}

// include appends the file that an [!INCLUDE] at pos, in file, names.
func (e *expansion) include(file, dest string, at diag.Pos, stack []string, block bool, cont string) {
	report := func(rule, format string, args ...any) {
		e.diags.Add(e.files.At(at, diag.Error, rule, format, args...))
	}
	src, f := e.p.readRelative(path.Dir(file), strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">"), nil)
	dest, target := f.dest, f.target
	if f.folded {
		report(diag.RuleLinkCase, "[!INCLUDE] %q finds %s only when letter case is ignored; it breaks on Linux. Write the path with the file's letter case", dest, target)
	}
	switch f.problem {
	case fileNotRelative:
		report(diag.RuleIncludeMissing, "[!INCLUDE] needs the relative path of a Markdown file, not %q", dest)
		return
	case fileOutside:
		report(diag.RuleLinkOutsideSource, "[!INCLUDE] %q leaves the source folder; include a file inside it", dest)
		return
	case fileMissing:
		// An include need not be published itself (DocFX's docfx.json
		// leaves includes/ out): it is found by reading it.
		report(diag.RuleIncludeMissing, "included file %q does not exist (looked for %s); fix the path, which is relative to this file, or create the file", dest, target)
		return
	case fileUnreadable:
		report(diag.RuleRead, "cannot read the included file %s: %v", target, f.err)
		return
	}
	for i, s := range stack {
		if s == target {
			report(diag.RuleIncludeCycle, "include cycle: %s -> %s; a file cannot include itself", strings.Join(stack[i:], " -> "), target)
			return
		}
	}
	if len(stack) > MaxIncludeDepth {
		report(diag.RuleIncludeCycle, "includes nest more than %d deep here (%s); include the innermost file directly", MaxIncludeDepth, strings.Join(stack, " -> "))
		return
	}
	if e.full {
		return
	}
	e.p.used.Store(target, true)
	src = Text(src)
	if len(e.out)+len(src) > maxExpanded {
		e.full = true
		report(diag.RuleLimitFileSize, "the includes of this article make more than %d MiB of text; the rest of its includes are left out", maxExpanded>>20)
		return
	}
	body := 0
	if _, _, start, unclosed := frontMatter(src); !unclosed {
		body = start
	}
	e.files.Add(e.prefix+target, src)
	text := src[body:]
	if block {
		text = bytes.TrimRight(text, " \t\r\n")
	} else {
		text = bytes.TrimSpace(text)
		// An inline include is one run of text: its lines are joined, each
		// line end made a space so that offsets stay those of the file.
		text = bytes.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, text)
	}
	start := len(e.out)
	e.file(target, text, body+leadingSpace(src[body:], block), &at, append(stack[:len(stack):len(stack)], target), cont)
	if block && len(e.out) > start {
		// A block include is a block of its own: the line after it starts
		// another.
		e.insert("\n"+cont, at)
	}
}

// leadingSpace is how many bytes the trimming of text took from its start.
func leadingSpace(text []byte, block bool) int {
	if block {
		return 0
	}
	return len(text) - len(bytes.TrimLeft(text, " \t\r\n"))
}

// isContainerPrefix reports whether the text before a block include is only
// indentation, block quote markers and list markers.
func isContainerPrefix(lead []byte) bool {
	s := strings.TrimSpace(strings.ReplaceAll(string(lead), ">", " "))
	if s == "" {
		return true
	}
	if s == "-" || s == "*" || s == "+" {
		return true
	}
	n := strings.TrimRight(s, ".)")
	if len(n) == len(s)-1 && len(n) > 0 && len(n) <= 9 {
		for _, c := range n {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// continuation is what goes before the second and later lines of a block
// include, for the first line's container: block quote markers stay, a list
// marker becomes spaces of its width.
func continuation(lead string) string {
	b := []byte(lead)
	for i, c := range b {
		if c != '>' && c != ' ' && c != '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// inCodeSpan reports whether the text before a match leaves it inside a code
// span (an odd number of backticks).
func inCodeSpan(before []byte) bool {
	return bytes.Count(before, []byte("`"))%2 == 1
}

// fenceState follows fenced code blocks line by line, so that an
// [!INCLUDE] shown in a code sample stays text.
type fenceState struct {
	char byte
	n    int
}

// code reports whether line is part of a fenced code block (its fences
// included).
func (f *fenceState) code(line []byte) bool {
	s := containerless(line)
	run := 0
	for run < len(s) && (s[run] == '`' || s[run] == '~') && s[run] == s[0] {
		run++
	}
	if f.n > 0 {
		if run >= f.n && s[0] == f.char && len(bytes.TrimSpace(s[run:])) == 0 {
			f.n = 0
		}
		return true
	}
	if run >= 3 {
		f.char, f.n = s[0], run
		return true
	}
	return false
}

// containerless is a line without its indentation, block quote markers
// and list markers.
func containerless(line []byte) []byte {
	for {
		s := bytes.TrimLeft(line, " \t>")
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		switch {
		case len(s) > 1 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ':
			s = s[2:]
		case n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && s[n+1] == ' ':
			s = s[n+2:]
		default:
			return s
		}
		line = s
	}
}
