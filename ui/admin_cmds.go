package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// The ":" commands of issue 5. Arguments are split by command.args.

func isAdminVerb(v verb) bool {
	switch v {
	case verbCreate, verbDelete, verbRename, verbSubscribe, verbUnsubscribe, verbLsub,
		verbStatus, verbInfo, verbQuota, verbACL, verbSetACL, verbDeleteACL, verbConsole:
		return true
	}
	return false
}

// adminCommand runs a parsed issue 5 command.
func (m Model) adminCommand(c command) (Model, tea.Cmd) {
	args := c.args()
	want := map[verb][2]int{ // min, max arguments
		verbCreate: {1, 1}, verbDelete: {1, 1}, verbRename: {2, 2}, verbSubscribe: {1, 1},
		verbUnsubscribe: {1, 1}, verbStatus: {0, 1}, verbACL: {0, 1}, verbSetACL: {3, 3},
		verbDeleteACL: {2, 2},
	}[c.Verb]
	if len(args) < want[0] || (want[1] > 0 && len(args) > want[1]) {
		m.status = m.status.setNotice(commandUsage(c.Verb), true)
		return m, nil
	}
	var open imapsvc.FolderName
	if m.list.open {
		open = m.list.mb.Name
	}
	// An existing folder may be named by what the screen shows of it
	// (resolve); a new name is taken as typed.
	arg := func(i int) imapsvc.FolderName {
		if i < len(args) {
			return m.folders.Resolve(args[i])
		}
		return open
	}
	switch c.Verb {
	case verbCreate:
		return m.createFolder(imapsvc.FolderName(args[0]))
	case verbDelete:
		return m.deleteFolder(arg(0))
	case verbRename:
		return m.renameFolder(arg(0), imapsvc.FolderName(args[1]), false)
	case verbSubscribe, verbUnsubscribe:
		return m.subscribe(arg(0), c.Verb == verbSubscribe)
	case verbLsub:
		return m.toggleSubscribedView()
	case verbStatus:
		return m.statusPanel(arg(0))
	case verbInfo:
		return m.serverPanel()
	case verbQuota:
		return m.quotaPanel()
	case verbACL:
		return m.aclPanel(arg(0))
	case verbSetACL:
		return m.setACL(arg(0), args[1], args[2])
	case verbDeleteACL:
		return m.setACL(arg(0), args[1], "")
	case verbConsole:
		return m.openConsole()
	}
	return m, nil
}

func commandUsage(v verb) string {
	return map[verb]string{
		verbCreate: "usage: :create NAME", verbDelete: "usage: :delete NAME",
		verbRename: "usage: :rename OLD NEW (quote names with spaces)", verbSubscribe: "usage: :subscribe NAME",
		verbUnsubscribe: "usage: :unsubscribe NAME", verbStatus: "usage: :status [NAME]",
		verbACL: "usage: :acl [NAME]", verbSetACL: "usage: :setacl NAME ID RIGHTS (RIGHTS may start with + or -)",
		verbDeleteACL: "usage: :deleteacl NAME ID",
	}[v]
}

func (m Model) createFolder(name imapsvc.FolderName) (Model, tea.Cmd) {
	return m.backendOp(adminDoneMsg{op: "CREATE", name: name, focus: name}, func(ctx context.Context, b imapsvc.Backend) error {
		return b.Create(ctx, name)
	})
}

// deleteFolder refuses a folder with subfolders and INBOX, then asks
// STATUS for the message count the question names.
func (m Model) deleteFolder(name imapsvc.FolderName) (Model, tea.Cmd) {
	if n, ok := m.folders.Lookup(name); ok && len(n.Children) > 0 {
		m.status = m.status.setNotice(fmt.Sprintf("DELETE %s: it has subfolders; delete them first", name), true)
		return m, nil
	}
	if why := m.rightsGuard(name, 'x', "delete it"); why != "" {
		m.status = m.status.setNotice(why, true)
		return m, nil
	}
	m.pending.other++
	b := m.backend
	return m, tea.Batch(m.startSpinner(), call(requestTimeout, func(ctx context.Context) tea.Msg {
		st, err := b.Status(ctx, name)
		return deleteAskMsg{name: name, st: st, err: err}
	}))
}

func (m Model) askDelete(msg deleteAskMsg) Model {
	if msg.err != nil {
		m.status = m.status.setNotice(errText(msg.err), true)
		return m
	}
	name := msg.name
	q := fmt.Sprintf("DELETE %s and its %d messages? They cannot be recovered.", msg.st.Display, msg.st.Messages)
	if name.IsInbox() {
		q = "DELETE INBOX? RFC 3501 forbids it and most servers refuse; a server that accepts may destroy all of INBOX's " +
			fmt.Sprintf("%d messages.", msg.st.Messages)
	}
	run := func(m Model) (Model, tea.Cmd) {
		// The folder pane puts its cursor on a neighbour when the folder goes.
		return m.backendOp(adminDoneMsg{op: "DELETE", name: name}, func(ctx context.Context, b imapsvc.Backend) error {
			return b.Delete(ctx, name)
		})
	}
	m.admin.confirm = m.admin.confirm.ask(q, run)
	return m
}

// renameFolder renames, also under another parent; renaming INBOX needs a
// confirmation that says what it does.
func (m Model) renameFolder(from, to imapsvc.FolderName, confirmed bool) (Model, tea.Cmd) {
	if why := m.rightsGuard(from, 'x', "rename it"); why != "" {
		m.status = m.status.setNotice(why, true)
		return m, nil
	}
	if from.IsInbox() && !confirmed {
		q := fmt.Sprintf("RENAME INBOX moves every message in INBOX to a new folder %s and leaves INBOX empty; new mail still arrives in INBOX. Rename?", to)
		m.admin.confirm = m.admin.confirm.ask(q, func(m Model) (Model, tea.Cmd) { return m.renameFolder(from, to, true) })
		return m, nil
	}
	done := adminDoneMsg{op: "RENAME", name: from, focus: to}
	if m.list.open && m.list.mb.Name == from {
		done.reopen = to
	}
	return m.backendOp(done, func(ctx context.Context, b imapsvc.Backend) error {
		return b.Rename(ctx, from, to)
	})
}

func (m Model) subscribe(name imapsvc.FolderName, on bool) (Model, tea.Cmd) {
	op := "UNSUBSCRIBE"
	if on {
		op = "SUBSCRIBE"
	}
	return m.backendOp(adminDoneMsg{op: op, name: name, focus: name}, func(ctx context.Context, b imapsvc.Backend) error {
		return b.Subscribe(ctx, name, on)
	})
}

// setACL runs SETACL (or DELETEACL for empty rights) where the user holds
// the "a" right, then shows the ACL.
func (m Model) setACL(name imapsvc.FolderName, id, rights string) (Model, tea.Cmd) {
	if why := m.rightsGuard(name, 'a', "change its ACL"); why != "" {
		m.status = m.status.setNotice(why, true)
		return m, nil
	}
	op := "SETACL"
	if rights == "" {
		op = "DELETEACL"
	}
	m.pending.other++
	b := m.backend
	return m, tea.Batch(m.startSpinner(), call(requestTimeout, func(ctx context.Context) tea.Msg {
		var err error
		if rights == "" {
			err = b.DeleteACL(ctx, name, id)
		} else {
			err = b.SetACL(ctx, name, id, rights)
		}
		if err != nil {
			return panelMsg{title: op, err: err}
		}
		return aclPanelMsg(ctx, b, name)
	}))
}
