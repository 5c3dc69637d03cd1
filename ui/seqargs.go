package ui

import (
	"errors"
	"slices"

	"tern/imapsvc"
	"tern/ui/commands"
)

// The walk-through types "STORE 1:2 FLAGS \Deleted" and "COPY 1:2
// INBOX.test2": :store, :copy and :move accept a leading sequence set in
// place of the marks or the cursor. It is turned into UIDs at once, by the
// open folder's messages in UID order (tern's list follows the server's
// EXPUNGE and EXISTS, so this is the server's numbering as last heard).

// argTargets returns the messages a command acts on and the rest of its
// argument. toFolder says the rest is a folder name: an argument that
// names an existing folder as a whole (a folder "2024 Archive") is that
// folder, not a sequence set.
func (m Model) argTargets(arg string, toFolder bool) ([]imapsvc.UID, string, error) {
	seq, rest := imapsvc.SplitFetchArgs(arg)
	if seq == "" || rest == "" || (toFolder && m.folderExists(arg)) {
		return m.list.targets(), arg, nil
	}
	if toFolder { // IMAP quoting, as everywhere: :copy 1:2 "Sent Items"
		if names, err := commands.SplitArgs(rest, true); err == nil && len(names) == 1 {
			rest = names[0]
		}
	}
	if !m.list.haveAll {
		return nil, rest, errors.New("the folder's message list is still loading; try again, or mark the messages")
	}
	known := make([]imapsvc.UID, 0, len(m.list.uids))
	for _, u := range m.list.uids {
		if u != 0 {
			known = append(known, u)
		}
	}
	slices.Sort(known)
	nums, err := imapsvc.SeqNumbers(seq, uint32(len(known)))
	if err != nil {
		return nil, rest, err
	}
	uids := make([]imapsvc.UID, len(nums))
	for i, n := range nums {
		uids[i] = known[n-1]
	}
	return uids, rest, nil
}

// folderExists says whether typed names a folder of the tree.
func (m Model) folderExists(typed string) bool {
	_, ok := m.folders.Lookup(m.folders.Resolve(typed))
	return ok
}
