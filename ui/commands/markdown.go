package commands

import (
	"fmt"
	"strings"
)

// Markdown is the reference of every command, for docs/commands.md. The
// lists in its prose (which commands take one name, which work before
// login) are read from the table too.
func (t Table[R]) Markdown() string {
	var b strings.Builder
	b.WriteString("# Commands\n\n" +
		"<!-- Generated from tern's command table (ui/commands_table.go) by\n" +
		"\"go test ./ui -run TestCommandsDoc -update\". Do not edit by hand. -->\n\n" +
		"Press `:` and type a command; Enter runs it, Esc cancels. Commands are named after the IMAP\n" +
		"verbs; a command may be shortened to any prefix that names only one command (`:sel INBOX`).\n" +
		"Tab completes command names, then what the command takes: folder names, `:store`'s forms and\n" +
		"flags, `:sort`'s keys. An unknown or ambiguous name, or arguments that do not fit the command,\n" +
		"are shown on the message line with the command's usage, and nothing is sent. In the `?` help,\n" +
		"`:` turns to the list of commands.\n\n")
	fmt.Fprintf(&b, "**Quoting.** One rule for every command that takes a folder name. Arguments are separated by\n"+
		"spaces, and IMAP quoting works everywhere: `\"Sent Items\"`, with `\\\"` and `\\\\` inside the quotes.\n"+
		"Where a command takes only one argument, a name (%s), that name may hold spaces unquoted:\n"+
		"`:create INBOX.中文 邮件` and `:select INBOX.中文 邮件` name the same folder. Where more arguments\n"+
		"follow (%s), a name with spaces is quoted: `:rename \"Sent Items\" Archive`. Tab completion quotes\n"+
		"such names for you. A name is looked up as the folder pane shows it.\n\n",
		strings.Join(t.list(func(s Spec[R]) bool { return s.Args == Name || s.Args == OptName }, false), ", "),
		strings.Join(t.list(func(s Spec[R]) bool { return s.Args == Names }, true), ", "))
	b.WriteString("**Rights.** \"Needs\" says when a command changes something on the server and which RFC 4314\n" +
		"right it needs. A folder opened read-only (EXAMINE) refuses every change to its messages, and a\n" +
		"right that MYRIGHTS says you lack is refused before anything is sent.")
	if offline := t.list(func(s Spec[R]) bool { return s.Offline }, false); len(offline) > 0 {
		fmt.Fprintf(&b, " Before tern is connected, only %s work.", strings.Join(offline, " and "))
	}
	b.WriteString("\n\n| Command | Arguments | Needs | What it does |\n|---|---|---|---|\n")
	for _, s := range t {
		names := "`:" + s.Names[0] + "`"
		for _, a := range s.Names[1:] {
			names += ", `:" + a + "`"
		}
		args := "—"
		if s.Synopsis != "" {
			args = "`" + s.Synopsis + "`"
		}
		doc := s.Doc
		if doc == "" {
			doc = s.Help
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", names, mdEscape(args), s.needs(), mdEscape(doc))
	}
	return b.String()
}

// list names the commands that match, with their arguments if args.
func (t Table[R]) list(match func(Spec[R]) bool, args bool) []string {
	var out []string
	for _, s := range t {
		if match(s) {
			out = append(out, "`"+strings.TrimSpace(":"+s.Names[0]+" "+map[bool]string{true: s.Synopsis}[args])+"`")
		}
	}
	return out
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
