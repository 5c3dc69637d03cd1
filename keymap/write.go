package keymap

import "github.com/charmbracelet/bubbles/key"

// Bindings of writing mail (issue 14).

// WriteKeys start a message from the list or the viewer; they are list
// actions that also work in the viewer, on the open message.
type WriteKeys struct {
	Compose  key.Binding
	Reply    key.Binding
	ReplyAll key.Binding
	Forward  key.Binding
	// EditDraft resumes a draft from Drafts (or edits any message as a
	// new one elsewhere).
	EditDraft key.Binding
}

// ReviewKeys drive the review screen shown after the editor.
type ReviewKeys struct {
	Send     key.Binding
	Edit     key.Binding
	Attach   key.Binding
	Detach   key.Binding
	EditTo   key.Binding
	EditCc   key.Binding
	Postpone key.Binding
	Discard  key.Binding
}

// c, r, a, f are free in both the list and the viewer (m is move and g
// the top, as in NeoMutt); y sends, as in NeoMutt's compose menu and
// aerc's review.
func defaultWriteKeys() WriteKeys {
	return WriteKeys{
		Compose:   bind("c", "compose", "c"),
		Reply:     bind("r", "reply", "r"),
		ReplyAll:  bind("a", "reply to all", "a"),
		Forward:   bind("f", "forward", "f"),
		EditDraft: bind("e", "resume draft", "e"),
	}
}

func defaultReviewKeys() ReviewKeys {
	return ReviewKeys{
		Send:     bind("y", "send", "y"),
		Edit:     bind("e", "edit", "e"),
		Attach:   bind("a", "attach", "a"),
		Detach:   bind("D", "detach", "D"),
		EditTo:   bind("t", "To", "t"),
		EditCc:   bind("c", "Cc", "c"),
		Postpone: bind("p", "postpone", "p"),
		Discard:  bind("q", "discard", "q"),
	}
}

// ShortHelp implements help.KeyMap.
func (k WriteKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Compose, k.Reply, k.ReplyAll, k.Forward}
}

// FullHelp implements help.KeyMap.
func (k WriteKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Compose, k.Reply, k.ReplyAll, k.Forward, k.EditDraft}}
}

// ShortHelp implements help.KeyMap.
func (k ReviewKeys) ShortHelp() []key.Binding {
	// The ones that end the review first: a narrow bottom line cuts the tail.
	return []key.Binding{k.Send, k.Edit, k.Attach, k.Postpone, k.Discard, k.EditTo, k.EditCc, k.Detach}
}

// FullHelp implements help.KeyMap.
func (k ReviewKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// writeActions names the bindings above for user overrides.
func (k *KeyMap) writeActions(a map[string]*key.Binding) {
	w, r := &k.Write, &k.Review
	for name, b := range map[string]*key.Binding{
		"list.compose": &w.Compose, "list.reply": &w.Reply, "list.reply_all": &w.ReplyAll,
		"list.forward": &w.Forward, "list.edit_draft": &w.EditDraft,
		"review.send": &r.Send, "review.edit": &r.Edit, "review.attach": &r.Attach,
		"review.detach": &r.Detach, "review.edit_to": &r.EditTo, "review.edit_cc": &r.EditCc, "review.postpone": &r.Postpone, "review.discard": &r.Discard,
	} {
		a[name] = b
	}
}
