package config

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	suggestpkg "tern/suggest"
)

// This file types the parsed TOML map into Config by the fields' toml tags.
// Supported field kinds: string (and string types like Security), bool,
// integers, pointers to these (nil when the key is left out), structs
// (tables) and slices of structs (arrays of tables).
// A new kind of field, say a duration, needs a case in decodeValue.

func structOf(ptr any) reflect.Value { return reflect.ValueOf(ptr).Elem() }

// decodeTable fills dst from m. at is the table's path; name is how
// messages refer to it ("" for the top level, "[[account]]").
func (ld *loader) decodeTable(m map[string]any, at []string, name string, dst reflect.Value) {
	fields := map[string]int{}
	for i := range dst.NumField() {
		if tag := dst.Type().Field(i).Tag.Get("toml"); tag != "" {
			fields[tag] = i
		}
	}
	// Map order is random; go in file order so messages are stable.
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(ld.pos.line(pathAt(at, a)...), ld.pos.line(pathAt(at, b)...)), strings.Compare(a, b))
	})
	for _, k := range keys {
		path := pathAt(at, k)
		i, ok := fields[k]
		if !ok {
			ld.errorf(path, "%s", unknownKey(k, m[k], name, fields))
			continue
		}
		ld.decodeValue(m[k], path, k, dst.Field(i))
	}
}

func pathAt(at []string, k string) []string {
	return append(append([]string(nil), at...), k)
}

func (ld *loader) decodeValue(v any, at []string, key string, dst reflect.Value) {
	if dst.Type() == reflect.TypeFor[time.Duration]() {
		ld.decodeDuration(v, at, key, dst)
		return
	}
	if dst.Kind() == reflect.Pointer { // an optional value: nil when left out
		e := reflect.New(dst.Type().Elem())
		ld.decodeValue(v, at, key, e.Elem())
		dst.Set(e)
		return
	}
	switch dst.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			ld.badValue(at, "%s: must be a string (in quotes)", show(key, v))
			return
		}
		dst.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			ld.badValue(at, "%s: must be true or false", show(key, v))
			return
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			ld.badValue(at, "%s: must be a whole number", show(key, v))
			return
		}
		if dst.OverflowInt(n) {
			ld.badValue(at, "%s: out of range", show(key, v))
			return
		}
		dst.SetInt(n)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			ld.badValue(at, "%s: must be a table, written [%s]", show(key, v), key)
			return
		}
		ld.decodeTable(m, at, "["+key+"]", dst)
	case reflect.Slice:
		if dst.Type().Elem().Kind() == reflect.String {
			ld.decodeStrings(v, at, key, dst)
			return
		}
		if dst.Type().Elem().Kind() != reflect.Struct {
			panic("config: no decoder for field " + key + " of type " + dst.Type().String())
		}
		tables, ok := tablesOf(v)
		if !ok {
			ld.badValue(at, "%s: must be written [[%s]], once for each", show(key, v), key)
			return
		}
		elems := reflect.MakeSlice(dst.Type(), len(tables), len(tables))
		for i, m := range tables {
			ld.decodeTable(m, append(append([]string(nil), at...), index(i)), "[["+key+"]]", elems.Index(i))
		}
		dst.Set(elems)
	default:
		// A field was added without teaching this function its kind.
		panic("config: no decoder for field " + key + " of type " + dst.Type().String())
	}
}

// decodeStrings fills a []string from an array of strings.
func (ld *loader) decodeStrings(v any, at []string, key string, dst reflect.Value) {
	arr, ok := v.([]any)
	if !ok {
		ld.badValue(at, "%s: must be a list of strings, e.g. [\"a\", \"b\"]", show(key, v))
		return
	}
	out := reflect.MakeSlice(dst.Type(), len(arr), len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			ld.badValue(at, "%s: must be a list of strings, e.g. [\"a\", \"b\"]", show(key, v))
			return
		}
		out.Index(i).SetString(s)
	}
	dst.Set(out)
}

// tablesOf accepts both [[key]] tables and key = [{...}, {...}].
func tablesOf(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		tables := make([]map[string]any, len(v))
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			tables[i] = m
		}
		return tables, true
	}
	return nil, false
}

// show renders key and value as the user wrote them, near enough, for
// messages; tables and arrays are named rather than printed.
func show(key string, v any) string {
	switch v := v.(type) {
	case string:
		return key + " = " + strconv.Quote(v)
	case map[string]any:
		return key + " (a table)"
	case []map[string]any, []any:
		return key + " (an array)"
	default:
		return fmt.Sprintf("%s = %v", key, v)
	}
}

func unknownKey(k string, v any, table string, fields map[string]int) string {
	what := fmt.Sprintf("unknown key %q", k)
	switch v.(type) {
	case map[string]any:
		what = fmt.Sprintf("unknown table [%s]", k)
	case []map[string]any:
		what = fmt.Sprintf("unknown table [[%s]]", k)
	}
	if table != "" {
		what += " in " + table
	}
	if s := suggest(k, fields); s != "" {
		what += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return what
}

// suggest returns the known key closest to k, if it is close enough to be
// a likely typo: a case difference or at most two edits.
func suggest(k string, fields map[string]int) string {
	known := make([]string, 0, len(fields))
	for f := range fields {
		known = append(known, f)
	}
	return suggestpkg.Nearest(k, known)
}
