package keymap

import "github.com/charmbracelet/bubbles/key"

// PartsKeys drive the parts list of the viewer (NeoMutt's attachment
// menu): the moves choose a part, and the actions apply to it.
type PartsKeys struct {
	Moves
	Open    key.Binding // save to a temporary file and open it
	Save    key.Binding
	SaveAll key.Binding
	Back    key.Binding // to the message
}

func defaultPartsKeys() PartsKeys {
	mv := defaultMoves("to")
	mv.Up.SetHelp(mv.Up.Help().Key, "previous part")
	mv.Down.SetHelp(mv.Down.Help().Key, "next part")
	return PartsKeys{
		Moves:   mv,
		Open:    bind("enter/o", "open part", "enter", "o"),
		Save:    bind("s", "save part", "s"),
		SaveAll: bind("S", "save all", "S"),
		Back:    bind("esc/q/v", "back to message", "esc", "q", "v"),
	}
}

// partsActions adds the parts list's actions to a.
func (k *KeyMap) partsActions(a map[string]*key.Binding) {
	a["parts.open"] = &k.Parts.Open
	a["parts.save"] = &k.Parts.Save
	a["parts.save_all"] = &k.Parts.SaveAll
	a["parts.back"] = &k.Parts.Back
}

// ShortHelp implements help.KeyMap.
func (k PartsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Save, k.Back}
}

// FullHelp implements help.KeyMap.
func (k PartsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Moves.all(), {k.Open, k.Save, k.SaveAll, k.Back}}
}
