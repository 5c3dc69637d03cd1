package folders

import (
	"testing"

	"tern/imapsvc"
)

// TestRedrawKeepsNewerCounts: a LIST-STATUS answer's counts are the
// counts of that moment. When the tree is drawn again from that answer
// later (the subscriptions arrive, the user switches between all and
// subscribed folders), counts learned since (events, STATUS after a move)
// stay: the old answer must not bring back a count that was true before.
func TestRedrawKeepsNewerCounts(t *testing.T) {
	inbox, trash := folder("INBOX", "/"), folder("Trash", "/")
	inbox.Counts, trash.Counts = &imapsvc.Counts{Messages: 3, Unseen: 3}, &imapsvc.Counts{}
	m := newPane()
	m, _ = m.Update(Listed{List: imapsvc.FolderList{Folders: []imapsvc.Folder{inbox, trash}}})
	now := map[imapsvc.FolderName]imapsvc.Counts{"INBOX": {Messages: 2, Unseen: 2}, "Trash": {Messages: 1, Unseen: 1}}
	m = m.SetCounts(now)
	check := func(when string) {
		t.Helper()
		for name, want := range now {
			if got, _ := m.Count(name); got != want {
				t.Errorf("after %s, %s counts %+v, want %+v", when, name, got, want)
			}
		}
	}
	m, _ = m.Update(SubsListed{Names: []imapsvc.FolderName{"INBOX"}})
	check("the subscriptions arrived")
	m = m.SetSubscribedOnly(true)
	check("the subscribed view")
	m = m.SetSubscribedOnly(false)
	check("the all-folders view")
}
