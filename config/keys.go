package config

import (
	"fmt"
	"sort"
)

// Keys are the [keys.<context>] tables: the user's key bindings, each with
// the line it is written on. Their problems do not stop Load: main checks
// the bindings against the key map (config does not know the actions) and
// tern runs on the default keys, which always work.
type Keys struct {
	Path     string
	Bindings []KeyBinding
	errs     []*Error // the tables' shape, found by Load
}

// KeyBinding is one `action = keys` line of a [keys.<context>] table. No
// keys (`action = []`) turns the action off.
type KeyBinding struct {
	Context, Action string
	Keys            []string
	Line            int
	ContextLine     int // of the table, for a problem with the context
}

// decodeKeys takes the [keys] tables out of raw, so decodeTable does not
// call them unknown, and records them with their lines.
func (ld *loader) decodeKeys(raw map[string]any) Keys {
	v, ok := raw["keys"]
	if !ok {
		return Keys{}
	}
	ks := Keys{Path: ld.path}
	delete(raw, "keys")
	bad := func(at []string, format string, args ...any) {
		ks.errs = append(ks.errs, &Error{Path: ld.path, Line: ld.pos.line(at...), Msg: fmt.Sprintf(format, args...)})
	}
	contexts, ok := v.(map[string]any)
	if !ok {
		bad([]string{"keys"}, "%s: must be tables, written [keys.<context>] (e.g. [keys.list])", show("keys", v))
		return ks
	}
	for _, ctx := range sortedKeys(contexts, ld.pos, "keys") {
		actions, ok := contexts[ctx].(map[string]any)
		if !ok {
			bad([]string{"keys", ctx}, "%s in [keys]: must be a table, written [keys.%s]", show(ctx, contexts[ctx]), ctx)
			continue
		}
		for _, act := range sortedKeys(actions, ld.pos, "keys", ctx) {
			at := []string{"keys", ctx, act}
			keys, ok := keyList(actions[act])
			if !ok {
				bad(at, `%s in [keys.%s]: must be a key in quotes or a list of them, e.g. ["d", "x"]`, show(act, actions[act]), ctx)
				continue
			}
			ks.Bindings = append(ks.Bindings, KeyBinding{Context: ctx, Action: act, Keys: keys,
				Line: ld.pos.line(at...), ContextLine: ld.pos.line("keys", ctx)})
		}
	}
	return ks
}

func keyList(v any) ([]string, bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case []any:
		keys := make([]string, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			keys[i] = s
		}
		return keys, true
	}
	return nil, false
}

// sortedKeys returns m's keys in file order, so messages come in the order
// the user reads them.
func sortedKeys(m map[string]any, pos positions, at ...string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := pos.line(append(at, keys[i])...), pos.line(append(at, keys[j])...)
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// Problems are the [keys] tables' own problems (a value that is not a
// table, a key that is not a string), found by Load.
func (ks Keys) Problems() []*Error { return append([]*Error(nil), ks.errs...) }

// ErrorAt is msg about Bindings[i], at its line, or at its table's line
// when the problem is the table (an unknown context).
func (ks Keys) ErrorAt(i int, table bool, msg string) *Error {
	line := ks.Bindings[i].Line
	if table {
		line = ks.Bindings[i].ContextLine
	}
	return &Error{Path: ks.Path, Line: line, Msg: msg}
}
