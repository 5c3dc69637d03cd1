package keymap

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"tern/suggest"
)

// Override is one user binding: the keys of Action in Context, as in a
// config file's [keys.<context>] table. No keys disables the action.
type Override struct {
	Context, Action string
	Keys            []string
}

// OverrideError is a problem with the override at Index of ApplyOverrides'
// argument, so the caller can say where the user wrote it.
type OverrideError struct {
	Index int
	Msg   string
	// Context says the problem is the context itself, as a whole table
	// (reported once, at its first override), not this one action.
	Context bool
}

func (e OverrideError) Error() string { return e.Msg }

// Contexts lists the contexts that have actions, sorted.
func (k *KeyMap) Contexts() []string {
	seen := map[string]bool{}
	var cs []string
	for n := range k.actions() {
		c, _, _ := strings.Cut(n, ".")
		if !seen[c] {
			seen[c] = true
			cs = append(cs, c)
		}
	}
	sort.Strings(cs)
	return cs
}

// ApplyOverrides replaces the keys of the named actions. Unknown contexts
// and actions (with the nearest known name), empty keys and a key bound to
// two actions of one context are errors; on any error nothing is changed,
// so tern runs on the default keys and the user sees every problem at once.
func (k *KeyMap) ApplyOverrides(ovs []Override) []OverrideError {
	next := *k // bindings are values; SetKeys replaces their slices
	acts := next.actions()
	contexts := next.Contexts()
	var errs []OverrideError
	set := map[string]int{} // context.action → index of the override that set it
	badContext := map[string]bool{}
	names := keyNames()
	for i, o := range ovs {
		name := o.Context + "." + o.Action
		b, ok := acts[name]
		switch {
		case !ok && !contains(contexts, o.Context):
			if !badContext[o.Context] {
				badContext[o.Context] = true
				errs = append(errs, OverrideError{Index: i, Context: true,
					Msg: fmt.Sprintf("unknown key context [keys.%s]%s", o.Context, didYouMean(o.Context, contexts))})
			}
			continue
		case !ok:
			errs = append(errs, OverrideError{Index: i, Msg: fmt.Sprintf("unknown action %q in [keys.%s]%s", o.Action, o.Context, didYouMean(o.Action, next.contextActions(o.Context)))})
			continue
		}
		if j, dup := set[name]; dup && j != i {
			errs = append(errs, OverrideError{Index: i, Msg: fmt.Sprintf("action %q of [keys.%s] is set twice", o.Action, o.Context)})
			continue
		}
		set[name] = i
		keys, bad := make([]string, len(o.Keys)), false
		for j, s := range o.Keys {
			var err error
			if keys[j], err = checkKey(s, names); err != nil {
				errs = append(errs, OverrideError{Index: i, Msg: fmt.Sprintf("%s = %q: %v", o.Action, s, err)})
				bad = true
			}
		}
		if bad {
			continue
		}
		if len(keys) == 0 {
			b.Unbind()
			continue
		}
		b.SetKeys(keys...)
		b.SetHelp(helpKey(keys), b.Help().Desc)
	}
	errs = append(errs, next.clashes(acts, set)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(a, b int) bool { return errs[a].Index < errs[b].Index })
		return errs
	}
	*k = next
	return nil
}

// alsoIn names the other context an action works in, if any: the viewer
// runs these list actions on the open message (after its own reading
// keys), so a viewer key equal to one of them would hide it there.
func alsoIn(action string) string {
	switch action {
	case "list.delete", "list.move", "list.copy", "list.undo", "list.toggle_read", "list.toggle_flag", "list.toggle_junk",
		"list.compose", "list.reply", "list.reply_all", "list.forward", "list.edit_draft":
		return "viewer"
	}
	return ""
}

// clashes reports every key bound to two actions of one context, at the
// override that made it so (the later one when the user set both).
func (k *KeyMap) clashes(acts map[string]*key.Binding, set map[string]int) []OverrideError {
	names := make([]string, 0, len(acts))
	for n := range acts {
		names = append(names, n)
	}
	sort.Strings(names)
	owner := map[string]string{} // context + "\x00" + key → first action
	var errs []OverrideError
	for _, n := range names {
		b := acts[n]
		if !b.Enabled() {
			continue
		}
		own, _, _ := strings.Cut(n, ".")
		for _, ctx := range []string{own, alsoIn(n)} {
			if ctx == "" {
				continue
			}
			for _, s := range b.Keys() {
				slot := ctx + "\x00" + s
				other, taken := owner[slot]
				if other == n {
					continue // ["d", "d"] says d twice, harmlessly
				}
				if !taken {
					owner[slot] = n
					continue
				}
				if oc, _, _ := strings.Cut(other, "."); oc != ctx && own != ctx {
					continue // reported in their own context
				}
				i, mine := set[n]
				j, theirs := set[other]
				if !mine && !theirs {
					continue // a clash in the defaults is a bug for keymap's tests
				}
				if !mine || (theirs && j > i) {
					i = j
				}
				a, b := shortName(other, ctx), shortName(n, ctx)
				errs = append(errs, OverrideError{Index: i, Msg: fmt.Sprintf("key %q is bound to both %s and %s in [keys.%s]%s",
					shownKey(s), a, b, ctx, defaultNote(other, n, set, ctx))})
			}
		}
	}
	return errs
}

// shortName is an action's name as seen from ctx: "delete" in [keys.list],
// "list.delete (which also works here)" in [keys.viewer].
func shortName(n, ctx string) string {
	c, a, _ := strings.Cut(n, ".")
	if c == ctx {
		return a
	}
	return n + " (which also works here)"
}

// defaultNote tells the user which of two clashing actions has its key by
// default, since that one is not in their file.
func defaultNote(a, b string, set map[string]int, ctx string) string {
	for _, n := range []string{a, b} {
		if _, ok := set[n]; !ok {
			c, act, _ := strings.Cut(n, ".")
			if c == ctx {
				return fmt.Sprintf(" (%s has it by default; rebind %s too, or pick another key)", act, act)
			}
			return fmt.Sprintf(" (%s has it by default; rebind it in [keys.%s] too, or pick another key)", n, c)
		}
	}
	return ""
}

func (k *KeyMap) contextActions(ctx string) []string {
	var as []string
	for n := range k.actions() {
		if c, a, _ := strings.Cut(n, "."); c == ctx {
			as = append(as, a)
		}
	}
	sort.Strings(as)
	return as
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func shownKey(s string) string {
	if s == " " {
		return "space"
	}
	return s
}

// didYouMean names the known name closest to s, if it is close enough to
// be a likely typo: a case difference, or at most two edits and fewer than\n// half its letters.
func didYouMean(s string, known []string) string {
	best := suggest.Nearest(s, known)
	if best == "" || 2*suggest.Distance(strings.ToLower(s), best) >= len(s) {
		return "" // "nope" is two edits from "copy" and means nothing like it
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
