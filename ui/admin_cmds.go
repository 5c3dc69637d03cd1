package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// The folder commands of issue 5; the command table (commands_table.go)
// parses their arguments and checks their rights.

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
	id, b := m.reqs.Start(reqFolderOp), m.backend
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		st, err := b.Status(ctx, name)
		return deleteAskMsg{id: id, name: name, st: st, err: err}
	})
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
	return m.offerConfirm(m.admin.confirm.ask(q, run))
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
		return m.offerConfirm(m.admin.confirm.ask(q, func(m Model) (Model, tea.Cmd) { return m.renameFolder(from, to, true) })), nil
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
	req, b := m.reqs.Start(reqPanel), m.backend
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		var err error
		if rights == "" {
			err = b.DeleteACL(ctx, name, id)
		} else {
			err = b.SetACL(ctx, name, id, rights)
		}
		if err != nil {
			return panelMsg{id: req, title: op, err: err}
		}
		msg := aclPanelMsg(ctx, b, name)
		msg.id = req
		return msg
	})
}
