package main

import (
	"sort"

	"tern/config"
	"tern/keymap"
)

// applyKeys binds the config's [keys] in km. On any problem km keeps its
// default keys, and every problem comes back as a *config.Error with its
// file and line, in line order, for the screen.
func applyKeys(ks config.Keys, km *keymap.KeyMap) []*config.Error {
	errs := ks.Problems()
	ovs := make([]keymap.Override, len(ks.Bindings))
	for i, b := range ks.Bindings {
		ovs[i] = keymap.Override{Context: b.Context, Action: b.Action, Keys: b.Keys}
	}
	if len(errs) > 0 {
		// Still check the bindings that decoded, to show every problem,
		// but on a copy: one bad line means none of them apply.
		scratch := *km
		km = &scratch
	}
	for _, e := range km.ApplyOverrides(ovs) {
		errs = append(errs, ks.ErrorAt(e.Index, e.Context, e.Msg))
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return errs
}
