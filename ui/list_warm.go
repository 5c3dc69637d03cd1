package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// warmed shows a folder as the cache holds it: its whole UID list and
// the newest rows, marked warm (not confirmed) until the server's UID
// list arrives.
func (m listModel) warmed(w imapsvc.Warmed) (listModel, tea.Cmd) {
	m, _ = m.reset(w.Selection) // its requests would fail: no session yet
	m.dropRequests()
	// The list takes the cache's UID list over rather than copy it (3 MB
	// at 1,000,000 messages): nobody else keeps it (main drops its
	// snapshot once the model is built).
	m.uids = w.UIDs
	m.haveAll, m.warm, m.queued = true, true, queuedOpen{}
	m.rederive()
	return m, m.fetch()
}
