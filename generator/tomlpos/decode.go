package tomlpos

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Problem is a key or value of a document that does not fit the Go value it
// is decoded into.
type Problem struct {
	Path   Path
	Offset int // where it is written: the key of an unknown key, the value of a wrong one
	// Unknown is set for a key the Go value has no field for; Known lists the
	// keys of its table, in field order, and Hint the one the key was
	// probably meant to be, or "".
	Unknown bool
	Known   []string
	Hint    string
	// Want is the type a wrong value must have, Found the type of the value
	// (of an unknown key too): "a string", "an integer", "a list", "a table".
	Want, Found string
}

// Key is the problem's last key: the unknown key, or the key of the wrong
// value.
func (p Problem) Key() string {
	for i := len(p.Path) - 1; i >= 0; i-- {
		if s, ok := p.Path[i].(string); ok {
			return s
		}
	}
	return ""
}

// Parent is the path of the table that holds the problem's key, without
// indexes: "dimension.values", or "" at the top.
func (p Problem) Parent() string {
	for i := len(p.Path) - 1; i >= 0; i-- {
		if _, ok := p.Path[i].(string); ok {
			return p.Path[:i].Keys()
		}
	}
	return ""
}

// TypeMessage says what is wrong with a value of the wrong type:
// `dimension.id must be a string, not an integer`.
func (p Problem) TypeMessage() string {
	what := p.Path.Keys()
	if n, ok := p.Path[len(p.Path)-1].(int); ok {
		what = fmt.Sprintf("element %d of %s", n+1, what)
	}
	return fmt.Sprintf("%s must be %s, not %s", what, p.Want, p.Found)
}

// Decode parses the TOML document src and decodes it into v, a pointer to a
// struct, as BurntSushi/toml does but strictly and with positions:
//
//   - a syntax error is returned as BurntSushi/toml's toml.ParseError, which
//     holds its line and column;
//   - keys match field tags exactly (BurntSushi/toml falls back to a match
//     that ignores letter case, so `baseurl` would set baseURL);
//   - a key with no field, and a value of the wrong type (left unset), are
//     returned as problems, in the order they are written, each with its
//     offset in src. BurntSushi/toml stops at the first wrong value it meets
//     in map order and gives the line of the last entry with the same key.
//
// Fields may be strings, booleans, integers, floats, time.Time, slices,
// structs, maps with string keys, and interfaces (which take the value as
// BurntSushi/toml decodes it into any). The Locator it returns finds other
// positions in src.
func Decode(src []byte, v any) (*Locator, []Problem, error) {
	var data map[string]any
	if _, err := toml.Decode(string(src), &data); err != nil {
		return nil, nil, err
	}
	l := New(src)
	d := decoder{loc: l}
	d.value(reflect.ValueOf(v).Elem(), data, nil)
	slices.SortStableFunc(d.problems, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return l, d.problems, nil
}

type decoder struct {
	loc      *Locator
	problems []Problem
}

var timeType = reflect.TypeFor[time.Time]()

// value sets rv to data, the value at path p.
func (d *decoder) value(rv reflect.Value, data any, p Path) {
	if rv.Kind() == reflect.Interface {
		if data != nil {
			rv.Set(reflect.ValueOf(data))
		}
		return
	}
	if rv.Type() == timeType {
		if t, ok := data.(time.Time); ok {
			rv.Set(reflect.ValueOf(t))
		} else {
			d.wrong(p, "a date and time", data)
		}
		return
	}
	switch rv.Kind() {
	case reflect.String:
		if s, ok := data.(string); ok {
			rv.SetString(s)
			return
		}
		d.wrong(p, "a string", data)
	case reflect.Bool:
		if b, ok := data.(bool); ok {
			rv.SetBool(b)
			return
		}
		d.wrong(p, "true or false", data)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := data.(int64); ok && !rv.OverflowInt(n) {
			rv.SetInt(n)
			return
		}
		d.wrong(p, "an integer", data)
	case reflect.Float32, reflect.Float64:
		switch n := data.(type) {
		case float64:
			rv.SetFloat(n)
			return
		case int64:
			rv.SetFloat(float64(n))
			return
		}
		d.wrong(p, "a number", data)
	case reflect.Slice:
		items := reflect.ValueOf(data)
		if data == nil || items.Kind() != reflect.Slice {
			d.wrong(p, "a list", data)
			return
		}
		out := reflect.MakeSlice(rv.Type(), items.Len(), items.Len())
		for i := range items.Len() {
			d.value(out.Index(i), items.Index(i).Interface(), p.with(i))
		}
		rv.Set(out)
	case reflect.Map:
		m, ok := data.(map[string]any)
		if !ok || rv.Type().Key().Kind() != reflect.String {
			d.wrong(p, "a table", data)
			return
		}
		out := reflect.MakeMapWithSize(rv.Type(), len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			e := reflect.New(rv.Type().Elem()).Elem()
			d.value(e, m[k], p.with(k))
			out.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), e)
		}
		rv.Set(out)
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			d.wrong(p, "a table", data)
			return
		}
		d.table(rv, m, p)
	case reflect.Pointer:
		e := reflect.New(rv.Type().Elem())
		d.value(e.Elem(), data, p)
		rv.Set(e)
	default:
		panic("tomlpos.Decode: cannot decode into " + rv.Type().String())
	}
}

// table sets the fields of the struct rv from the table m.
func (d *decoder) table(rv reflect.Value, m map[string]any, p Path) {
	t := rv.Type()
	fields := map[string]int{}
	var known []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = i
		known = append(known, name)
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		kp := p.with(k)
		i, ok := fields[k]
		if !ok {
			off, _ := d.loc.KeyOf(kp)
			d.problems = append(d.problems, Problem{Path: kp, Offset: off, Unknown: true, Known: known, Hint: hint(k, known), Found: typeName(m[k])})
			continue
		}
		d.value(rv.Field(i), m[k], kp)
	}
}

func (d *decoder) wrong(p Path, want string, data any) {
	off, _ := d.loc.ValueOf(p)
	d.problems = append(d.problems, Problem{Path: p, Offset: off, Want: want, Found: typeName(data)})
}

// typeName names the TOML type of a decoded value, with an article.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number with a fraction"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// hint returns the known key that key was probably meant to be: one that
// differs only in letter case, or by one or two letters; or "".
func hint(key string, known []string) string {
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	best, bestDist := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(key), strings.ToLower(k)); d < bestDist && d < len(k) {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the edit distance between a and b, in bytes, a swap of two
// neighbours counting as one edit ("di" is one from "id").
func distance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			rows[i][j] = min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				rows[i][j] = min(rows[i][j], rows[i-2][j-2]+1)
			}
		}
	}
	return rows[len(a)][len(b)]
}

// SyntaxError returns where in src a syntax error of Decode is (a byte
// offset) and what it says. BurntSushi/toml's own column counts bytes and,
// for an error at the start of a line, is taken from the line before, so
// only its offset is used, kept inside src. ok is false for other errors.
func SyntaxError(err error, src []byte) (offset int, message string, ok bool) {
	var perr toml.ParseError
	if !errors.As(err, &perr) {
		return 0, "", false
	}
	return max(0, min(perr.Position.Start, len(src))), perr.Message, true
}

// Hints are, by entry, the keys that the unknown keys of a document were
// probably meant to be (Problem.Hint): a key that is missing because it was
// misspelt, and reported so, is then not reported missing too. The zero
// value is ready to use.
type Hints struct {
	keys map[string]map[string]bool // entry path ("question[0]", "" for the top) -> keys
}

// Add records the hint of an unknown key, if it has one.
func (h *Hints) Add(pr Problem) {
	if pr.Hint == "" || len(pr.Path) == 0 {
		return
	}
	if h.keys == nil {
		h.keys = map[string]map[string]bool{}
	}
	entry := pr.Path[:len(pr.Path)-1].String()
	if h.keys[entry] == nil {
		h.keys[entry] = map[string]bool{}
	}
	h.keys[entry][pr.Hint] = true
}

// Meant reports whether an unknown key of the entry at path entry was
// probably meant to be key.
func (h *Hints) Meant(entry Path, key string) bool { return h.keys[entry.String()][key] }
