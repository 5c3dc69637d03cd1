// Package notify tells the user about new mail outside the screen: a
// terminal bell and a configured command. The command gets the mail's data
// only in environment variables, never in its command line, so a subject
// such as "$(rm -rf ~)" is inert.
package notify

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"

	"tern/sanitize"
)

// Mail describes what arrived. Env sanitizes every field again: the
// command's environment is often printed to a terminal by the user's
// script, and a raw folder name there could retitle it.
type Mail struct {
	Account string // the account's name in the config
	Folder  string
	From    string // of the newest message
	Subject string // of the newest message
	Count   int    // how many arrived together
}

// Notifier is configured once from the config file.
type Notifier struct {
	Bell    bool
	Out     io.Writer // where the bell goes; nil: no bell
	Command string    // new_mail_cmd, run with sh -c; empty: none
}

// Enabled reports whether Notify has anything to do.
func (n Notifier) Enabled() bool { return (n.Bell && n.Out != nil) || n.Command != "" }

// Notify rings the bell and runs the command, waiting for it. The
// command's output is discarded: the screen belongs to tern.
func (n Notifier) Notify(ctx context.Context, m Mail) error {
	if n.Bell && n.Out != nil {
		if _, err := io.WriteString(n.Out, "\a"); err != nil {
			return err
		}
	}
	if n.Command == "" {
		return nil
	}
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", n.Command)
	cmd.Env = append(os.Environ(), Env(m)...)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("new_mail_cmd: %w", err)
	}
	return nil
}

// Env is the environment the command sees, in display form: no escape
// sequences, control or bidi characters (and so no NUL, which exec would
// refuse).
func Env(m Mail) []string {
	return []string{
		"TERN_FOLDER=" + sanitize.Line(m.Folder),
		"TERN_FROM=" + sanitize.Line(m.From),
		"TERN_SUBJECT=" + sanitize.Line(m.Subject),
		"TERN_COUNT=" + strconv.Itoa(m.Count),
		"TERN_ACCOUNT=" + sanitize.Line(m.Account),
	}
}
