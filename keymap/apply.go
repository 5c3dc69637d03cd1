package keymap

import (
	"errors"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// actions names every binding for user overrides: "context.action".
// It returns pointers into k, so it is rebuilt for every KeyMap.
func (k *KeyMap) actions() map[string]*key.Binding {
	a := map[string]*key.Binding{
		"global.quit":        &k.Global.Quit,
		"global.force_quit":  &k.Global.ForceQuit,
		"global.help":        &k.Global.Help,
		"global.focus_next":  &k.Global.FocusNext,
		"global.focus_prev":  &k.Global.FocusPrev,
		"global.command":     &k.Global.Command,
		"list.open":          &k.List.Open,
		"folders.open":       &k.Folders.Open,
		"folders.collapse":   &k.Folders.Collapse,
		"folders.expand":     &k.Folders.Expand,
		"folders.toggle":     &k.Folders.Toggle,
		"viewer.back":        &k.Viewer.Back,
		"viewer.toggle_html": &k.Viewer.ToggleHTML,
		"viewer.headers":     &k.Viewer.Headers,
		"viewer.raw":         &k.Viewer.Raw,
		"viewer.info":        &k.Viewer.Info,
		"viewer.parts":       &k.Viewer.Parts,
		"viewer.save":        &k.Viewer.Save,
		"viewer.save_all":    &k.Viewer.SaveAll,
		"viewer.open":        &k.Viewer.Open,
		"viewer.next_page":   &k.Viewer.NextPage,
		"viewer.prev_page":   &k.Viewer.PrevPage,
		"cmdline.complete":   &k.Cmdline.Complete,
		"cmdline.execute":    &k.Cmdline.Execute,
		"cmdline.cancel":     &k.Cmdline.Cancel,
		"prompt.submit":      &k.Prompt.Submit,
		"prompt.cancel":      &k.Prompt.Cancel,
		"prompt.retry":       &k.Prompt.Retry,
		"list.mark":          &k.List.Mark,
		"list.mark_all":      &k.List.MarkAll,
		"list.visual":        &k.List.Visual,
		"list.delete":        &k.List.Delete,
		"list.move":          &k.List.Move,
		"list.copy":          &k.List.Copy,
		"list.undo":          &k.List.Undo,
		"list.expunge":       &k.List.Expunge,
		"list.toggle_read":   &k.List.ToggleRead,
		"list.toggle_flag":   &k.List.ToggleFlag,
		"list.toggle_junk":   &k.List.ToggleJunk,
		"list.search":        &k.List.Search,
		"list.next_hit":      &k.List.NextHit,
		"list.prev_hit":      &k.List.PrevHit,
		"list.clear":         &k.List.Clear,
		"list.sort":          &k.List.Sort,
		"list.sort_reverse":  &k.List.SortReverse,
		"list.threads":       &k.List.Threads,
		"picker.up":          &k.Picker.Up,
		"picker.down":        &k.Picker.Down,
		"picker.choose":      &k.Picker.Choose,
		"picker.cancel":      &k.Picker.Cancel,
		"confirm.yes":        &k.Confirm.Yes,
		"confirm.no":         &k.Confirm.No,
	}
	k.adminActions(a)
	k.writeActions(a)
	// Issue 12: stepping through the list from the viewer.
	a["viewer.next_message"] = &k.Viewer.NextMessage
	a["viewer.prev_message"] = &k.Viewer.PrevMessage
	a["viewer.next_unread"] = &k.Viewer.NextUnread
	k.partsActions(a)
	a["viewer.open_link"] = &k.Viewer.OpenLink
	a["global.next_account"] = &k.Global.NextAccount
	a["global.prev_account"] = &k.Global.PrevAccount
	for ctx, m := range map[string]*Moves{"list": &k.List.Moves, "folders": &k.Folders.Moves,
		"viewer": &k.Viewer.Moves, "parts": &k.Parts.Moves, "panel": &k.Panel.Moves} {
		a[ctx+".up"] = &m.Up
		a[ctx+".down"] = &m.Down
		a[ctx+".top"] = &m.Top
		a[ctx+".bottom"] = &m.Bottom
		a[ctx+".page_up"] = &m.PageUp
		a[ctx+".page_down"] = &m.PageDown
		a[ctx+".half_up"] = &m.HalfUp
		a[ctx+".half_down"] = &m.HalfDown
	}
	return a
}

// Actions lists every action name that Apply accepts, sorted.
func (k *KeyMap) Actions() []string {
	var names []string
	for n := range k.actions() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Apply is ApplyOverrides for names written "context.action", e.g.
// "list.down": ["j", "down"]; on error nothing is changed.
func (k *KeyMap) Apply(overrides map[string][]string) error {
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	sort.Strings(names)
	ovs := make([]Override, len(names))
	for i, n := range names {
		ctx, act, _ := strings.Cut(n, ".")
		ovs[i] = Override{Context: ctx, Action: act, Keys: overrides[n]}
	}
	var errs []error
	for _, e := range k.ApplyOverrides(ovs) {
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

func helpKey(keys []string) string {
	shown := make([]string, len(keys))
	for i, s := range keys {
		if s == " " {
			s = "space"
		}
		shown[i] = s
	}
	return strings.Join(shown, "/")
}

// Binding is the binding of action name ("context.action"), for tests and
// tools that walk every action.
func (k *KeyMap) Binding(name string) (key.Binding, bool) {
	b, ok := k.actions()[name]
	if !ok {
		return key.Binding{}, false
	}
	return *b, true
}
