package keymap

import (
	"fmt"
	"strings"
)

// Markdown lists every action a config file can rebind, per context, with
// its default keys; docs/keys.md is generated from it so the two agree.
func (k *KeyMap) Markdown() string {
	var b strings.Builder
	b.WriteString("# Key actions\n\n")
	b.WriteString("Generated from package keymap by `go test ./keymap -run TestKeysDoc -update`; do not edit.\n\n")
	b.WriteString("Each `[keys.<context>]` table of the config file maps an action to one key or a list of keys,\n")
	b.WriteString("for example `[keys.list]` then `delete = [\"d\", \"x\"]`. An empty list, `[]`, turns the action off.\n")
	acts := k.actions()
	for _, ctx := range k.Contexts() {
		fmt.Fprintf(&b, "\n## [keys.%s]\n\n", ctx)
		b.WriteString("| action | default keys | what it does |\n|---|---|---|\n")
		for _, a := range k.contextActions(ctx) {
			bnd := acts[ctx+"."+a]
			keys := make([]string, len(bnd.Keys()))
			for i, s := range bnd.Keys() {
				keys[i] = codeSpan(shownKey(s))
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", a, strings.ReplaceAll(strings.Join(keys, ", "), "|", `\|`), bnd.Help().Desc)
		}
	}
	return b.String()
}

// codeSpan writes s as Markdown code; a backtick in it needs a longer fence.
func codeSpan(s string) string {
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}
