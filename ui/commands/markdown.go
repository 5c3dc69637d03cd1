package commands

import (
	"fmt"
	"strings"
)

// Markdown is the reference of every command, for docs/commands.md.
func (t Table[R]) Markdown() string {
	var b strings.Builder
	b.WriteString(`# Commands

<!-- Generated from tern's command table (ui/commands_table.go) by
"go test ./ui -run TestCommandsDoc -update". Do not edit by hand. -->

Press ` + "`:`" + ` and type a command; Enter runs it, Esc cancels, Tab completes
command names, folder names and :store's flags. A command may be shortened
to any prefix that names only one command (` + "`:sel INBOX`" + `). An unknown
or ambiguous name, or arguments that do not fit, are shown on the message
line and nothing is sent.

Folder names follow one rule: where a command takes a single name, it may
hold spaces unquoted (` + "`:create INBOX.中文 邮件`" + `); IMAP quoting
(` + "`\"Sent Items\"`" + `, with ` + "`\\\"`" + ` and ` + "`\\\\`" + ` inside) works everywhere and is
needed where more arguments follow (` + "`:rename \"Sent Items\" Archive`" + `).
A name is looked up as the folder pane shows it.

"Needs" says when a command changes something on the server and which
RFC 4314 right it needs. A folder opened read-only (EXAMINE) refuses every
change to its messages, and a right that MYRIGHTS says you lack is refused
before anything is sent.

`)
	var offline []string
	for _, s := range t {
		if s.Offline {
			offline = append(offline, "`:"+s.Names[0]+"`")
		}
	}
	if len(offline) > 0 {
		fmt.Fprintf(&b, "Before tern is connected, only %s work.\n", strings.Join(offline, " and "))
	}
	b.WriteString("\n| Command | Arguments | Needs | What it does |\n|---|---|---|---|\n")
	for _, s := range t {
		names := "`:" + s.Names[0] + "`"
		for _, a := range s.Names[1:] {
			names += ", `:" + a + "`"
		}
		args := "—"
		if s.Synopsis != "" {
			args = "`" + s.Synopsis + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", names, mdEscape(args), s.needs(), mdEscape(s.Help))
	}
	return b.String()
}

// needs is the table's "Needs" cell.
func (s Spec[R]) needs() string {
	w := s.Write
	switch {
	case w != nil && w.On == OpenFolder:
		return fmt.Sprintf("open folder, read-write, right `%c`", w.Right)
	case w != nil:
		return fmt.Sprintf("right `%c` on the folder", w.Right)
	case s.Open:
		return "open folder"
	}
	return "—"
}

// mdEscape keeps a cell's text in its cell; GitHub's tables split at a
// "|" even inside code.
func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
