package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"tern/imapsvc"
)

// writeOp is a change to the open folder's messages, with the RFC 4314
// right it needs.
type writeOp struct {
	what  string
	right byte
}

var (
	opSeen    = writeOp{"change \\Seen", 's'}
	opFlags   = writeOp{"change flags", 'w'}
	opDelete  = writeOp{"mark messages \\Deleted", 't'}
	opExpunge = writeOp{"expunge", 'e'}
)

// writeGuard says why op may not be done in the open folder, or "" when
// it may. A folder opened with EXAMINE refuses every write; a folder whose
// MYRIGHTS lack the op's right refuses it, so the UI never sends a command
// the server would refuse.
func (m Model) writeGuard(op writeOp) string {
	if !m.list.open {
		return "no folder is open"
	}
	if why := m.warmGuard(); why != "" {
		return why
	}
	if m.list.readOnly {
		return fmt.Sprintf("%s is open read-only (EXAMINE): cannot %s; open it with SELECT (Enter or :select) to write", m.list.mb.Name, op.what)
	}
	return m.rightsGuard(m.list.mb.Name, op.right, op.what)
}

// rightsGuard refuses what the user's known rights on folder forbid.
// Unknown rights (no ACL, not asked yet) allow: the server decides.
func (m Model) rightsGuard(folder imapsvc.FolderName, right byte, what string) string {
	rights, ok := m.admin.rights[folder]
	if !ok || hasRight(rights, right) {
		return ""
	}
	return fmt.Sprintf("your rights on %s (%s) lack %q (%s): cannot %s", folder, rights, string(right), rightMeaning(right), what)
}

// legacyRights are the RFC 2086 letters and the RFC 4314 rights each one
// grants (RFC 4314 section 2.1.1): servers such as Courier-IMAP still send
// "acdilrsw". The guard, lacksWrite and the ACL panel all read them here.
var legacyRights = map[byte]string{'c': "kx", 'd': "tex"}

// hasRight reports whether rights grant right, directly or through a
// legacy letter.
func hasRight(rights string, right byte) bool {
	if strings.IndexByte(rights, right) >= 0 {
		return true
	}
	for old, covers := range legacyRights {
		if strings.IndexByte(rights, old) >= 0 && strings.IndexByte(covers, right) >= 0 {
			return true
		}
	}
	return false
}

// refused shows why op may not be done and reports whether it was refused.
func (m Model) refused(op writeOp) (Model, bool) {
	why := m.writeGuard(op)
	if why != "" {
		m.status = m.status.setNotice(why, true)
	}
	return m, why != ""
}

// syncWriteHelp marks in the help the write keys that the open folder
// refuses (read-only, or rights it lacks), so the help never offers what
// a press would only refuse. The keys stay bound: a press says why.
func (m Model) syncWriteHelp() Model {
	orig, a := m.keys.List.Actions, &m.list.keys.Actions
	for _, k := range []struct {
		dst *key.Binding
		src key.Binding
		op  writeOp
	}{
		{&a.Delete, orig.Delete, opDelete}, {&a.Move, orig.Move, opDelete},
		{&a.Expunge, orig.Expunge, opExpunge}, {&a.ToggleRead, orig.ToggleRead, opSeen},
		{&a.ToggleFlag, orig.ToggleFlag, opFlags}, {&a.ToggleJunk, orig.ToggleJunk, opFlags},
	} {
		h := k.src.Help()
		if m.writeGuard(k.op) != "" {
			h.Desc += " (not here)"
		}
		k.dst.SetHelp(h.Key, h.Desc)
	}
	return m
}
