package ui

import (
	"sort"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/folderview"
	"tern/ui/pane"
	"tern/ui/requests"
)

// listModel is the message list. It holds every UID of the open folder in
// sequence order (uids, ascending) and a cache of rows by UID; what the
// screen shows is a view derived from them (look.view, first row first;
// ui/folderview). Only the visible rows are rendered and only the window
// around them (± one screen) is fetched, so 100,000-message folders cost
// no more than small ones.
type listModel struct {
	keys    keymap.ListKeys
	styles  themes.ListStyles
	backend imapsvc.Backend
	now     func() time.Time

	mb       imapsvc.Mailbox
	open     bool
	readOnly bool
	uids     []imapsvc.UID
	haveAll  bool // uids is the full list, not just Selection.Newest
	rows     map[imapsvc.UID]imapsvc.Row
	gone     map[imapsvc.UID]bool // asked for but not answered: not asked again
	noDetail map[imapsvc.UID]bool
	stale    map[imapsvc.UID]bool // cached before a reconnect: fetch again
	arrived  map[imapsvc.UID]bool // added by NewMail since the last UIDs request
	vanished map[imapsvc.UID]bool // expunged while a UIDs request was out

	// cur is the message under the cursor; cursor is its row in what is
	// shown, derived again whenever the view changes (rederive).
	cur            imapsvc.UID
	cursor, offset int
	width, height  int // height counts message rows, without the header

	// reqs is the root's request tracker, shared: the list's calls are in
	// it with everyone else's, so stale answers are dropped and the spinner
	// turns in one place (track.go).
	reqs *requests.Tracker
	// The server cannot SORT or THREAD: o and T work here (list_keys.go).
	noSort, noThread bool
	wantBottom       bool // G was pressed before the full UID list arrived

	// The header cache (list_warm.go): the rows and UIDs are from it and
	// not confirmed yet; the folder last opened, whose cached rows may show.
	warm     bool
	warmWant imapsvc.FolderName
	queued   queuedOpen // a message opened on them, waiting for SELECT

	look     listLook    // marks, search hits, sort and threads (marks.go)
	keywords keywordMode // how rows show keywords (list_view.go)
	sorting  keyFetch    // keys for sorting and threading here (list_keys.go)
}

func newListModel(keys keymap.ListKeys, styles themes.ListStyles, backend imapsvc.Backend, now func() time.Time) listModel {
	return listModel{keys: keys, styles: styles, backend: backend, now: now}
}

func (m listModel) helpKeys() help.KeyMap { return m.keys }

func (m listModel) setSize(w, h int) (listModel, tea.Cmd) {
	m.width, m.height = w, max(1, h)
	m.setCursor(m.cursor)
	return m, m.fetch()
}

// reset shows a newly selected folder: its newest rows at once, then the
// full UID list is asked for.
func (m listModel) reset(sel imapsvc.Selection) (listModel, tea.Cmd) {
	m.mb, m.open, m.readOnly = sel.Mailbox, true, sel.ReadOnly
	m.rows = make(map[imapsvc.UID]imapsvc.Row, len(sel.Newest))
	m.gone, m.noDetail = map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}
	m.stale, m.arrived = map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}
	m.vanished = nil
	m.uids = make([]imapsvc.UID, 0, len(sel.Newest))
	for _, r := range sel.Newest {
		m.rows[r.UID] = r
		m.uids = append(m.uids, r.UID)
	}
	sort.Slice(m.uids, func(i, j int) bool { return m.uids[i] < m.uids[j] })
	m.haveAll, m.cursor, m.offset, m.cur = false, 0, 0, 0
	m.wantBottom, m.warm = false, false
	m.dropRequests() // answers about the folder shown before are stale
	m.look, m.sorting = listLook{}, keyFetch{}
	m.rederive()
	return m, tea.Batch(m.uidsCmd(), m.fetch())
}

// index returns the display row of uid, or -1.
func (m listModel) index(uid imapsvc.UID) int {
	return m.disp().Index(uid)
}

// pos returns the row of uid in the natural (arrival) order, or -1.
func (m listModel) pos(uid imapsvc.UID) int {
	i := sort.Search(len(m.uids), func(i int) bool { return m.uids[i] >= uid })
	if i < len(m.uids) && m.uids[i] == uid {
		return len(m.uids) - 1 - i
	}
	return -1
}

// selected returns the UID under the cursor.
func (m listModel) selected() (imapsvc.UID, bool) {
	if m.disp().Len() == 0 {
		return 0, false
	}
	return m.cur, true
}

// setUIDs installs the full UID list, keeping the cursor on its message.
func (m listModel) setUIDs(msg uidsMsg) (listModel, tea.Cmd) {
	if !m.current(msg.id, msg.mb) || msg.err != nil {
		return m, nil
	}
	m.uids, m.haveAll, m.warm = m.mergeArrived(msg.list.UIDs), true, false
	m.arrived, m.vanished = map[imapsvc.UID]bool{}, nil
	m.sorting.queue = nil // taken from the full list now
	if m.sorting.want != nil {
		m.sorting.total = len(m.folder().MissingKeys(m.fields()))
	}
	m.rederive()
	if m.wantBottom {
		m.setCursor(m.disp().Len() - 1)
		m.wantBottom = false
	}
	return m, tea.Batch(m.fetch(), m.fetchKeys())
}

func (m *listModel) updateKeys() {
	m.keys.Open.SetEnabled(m.disp().Len() > 0)
	m.updateActionKeys()
}

func (m listModel) update(msg tea.Msg) (listModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if c, moved := pane.Move(m.keys.Moves, km, m.cursor, m.disp().Len(), m.height); moved {
		// Before the full UID list, the bottom is not known yet: go there
		// when it arrives.
		m.wantBottom = !m.haveAll && key.Matches(km, m.keys.Bottom)
		m.setCursor(c)
		return m, m.fetch()
	}
	return m, nil
}

// expunged removes a message.
func (m listModel) expunged(uid imapsvc.UID) listModel {
	n := m.pos(uid)
	if n < 0 {
		return m
	}
	pos := len(m.uids) - 1 - n
	m.uids = append(m.uids[:pos:pos], m.uids[pos+1:]...)
	delete(m.rows, uid)
	delete(m.sorting.keys, uid)
	m.look = m.look.forget(uid)
	m.rederive()
	return m
}

// setFlags updates a cached row's flags; it reports whether the message
// was unseen before and seen after (for the unseen count).
func (m listModel) setFlags(uid imapsvc.UID, f imapsvc.Flags) (listModel, bool) {
	r, ok := m.rows[uid]
	if !ok {
		return m, false
	}
	newlySeen := !r.Flags.Seen && f.Seen
	r.Flags = f
	m.rows[uid] = r
	return m, newlySeen
}

// rederive derives what is shown from the folder and the view's spec again
// and puts the cursor back on its message, or on its nearest neighbour if
// that is gone.
func (m *listModel) rederive() {
	old, oldRow := m.look.view, m.cursor
	m.look.view = folderview.Derive(m.folder(), m.look.spec)
	i := 0
	if old.Len() > 0 {
		i = folderview.Place(old, m.look.view, m.cur, oldRow)
	}
	m.setCursor(i)
}

// setCursor puts the cursor on row i of what is shown (clamped).
func (m *listModel) setCursor(i int) {
	d := m.disp()
	m.cursor, m.offset = pane.ClampScroll(d.Len(), i, m.offset, m.height)
	m.cur = 0
	if d.Len() > 0 {
		m.cur = d.At(m.cursor)
	}
	m.updateKeys()
}

func (m listModel) folder() folderview.Folder {
	return folderview.Folder{UIDs: m.uids, Keys: m.sorting.keys}
}
