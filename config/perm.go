package config

import (
	"fmt"
	"io/fs"
)

// writableCommands warns about every command the file makes tern run
// (new_mail_cmd, password_cmd, token_cmd) when others may change the file: whoever
// can write it can run commands as the user.
func (ld *loader) writableCommands(c *Config, mode fs.FileMode) []Warning {
	who := "other users"
	if mode&0o002 == 0 {
		who = "its group"
	}
	msg := func(key string) string {
		return fmt.Sprintf("%s runs a command from a file %s can change (mode %04o); anyone who can write "+
			"the file can run commands as you; run: chmod go-w %s", key, who, mode, ld.path)
	}
	var ws []Warning
	if c.NewMailCmd != "" {
		ws = append(ws, Warning{Path: ld.path, Line: ld.pos.line("new_mail_cmd"), Msg: msg("new_mail_cmd")})
	}
	for i, a := range c.Accounts {
		if a.PasswordCmd != "" {
			ws = append(ws, Warning{Path: ld.path, Line: ld.pos.line("account", index(i), "password_cmd"),
				Msg: msg(fmt.Sprintf("password_cmd of account %q", a.Name))})
		}
		if a.SendmailCmd != "" {
			ws = append(ws, Warning{Path: ld.path, Line: ld.pos.line("account", index(i), "sendmail_cmd"),
				Msg: msg(fmt.Sprintf("sendmail_cmd of account %q", a.Name))})
		}
		if a.TokenCmd != "" {
			ws = append(ws, Warning{Path: ld.path, Line: ld.pos.line("account", index(i), "token_cmd"),
				Msg: msg(fmt.Sprintf("token_cmd of account %q", a.Name))})
		}
	}
	return ws
}
