package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"tern/config"
	"tern/demo"
	"tern/drafts"
	"tern/imapsvc"
	"tern/smtpsend"
	"tern/ui"
)

// writeSettings are the account's settings for writing mail: From (the
// user name when it is an address), the aliases and where local drafts
// live. Sender and Appender are added by writeFor, once the service is
// built.
func writeSettings(a config.Account, getenv func(string) string) ui.WriteOptions {
	w := ui.WriteOptions{From: a.FromAddress(), Aliases: a.Aliases, AddressBook: a.AddressBookCmd,
		NoSentCopy: !a.CopiesToSent()}
	// No drafts directory (no HOME): writing stays off, since a draft
	// must be on disk before anything is sent.
	w.DraftsDir, _ = drafts.Dir(getenv)
	return w
}

// demoWriteSettings writes as the demo user, who sends to the demo's own
// SMTP server.
func demoWriteSettings(srv *demo.Server, getenv func(string) string) ui.WriteOptions {
	w := ui.WriteOptions{From: srv.Name + " <" + srv.Username + ">", Aliases: []string{srv.Username}}
	w.DraftsDir, _ = drafts.Dir(getenv)
	return w
}

// writeFor is the account's write settings with its backend: the SMTP
// sender and the account's own service for the Sent copy and drafts.
func (a startAccount) writeFor(svc *imapsvc.Service) ui.WriteOptions {
	w := a.write
	if a.sender != nil {
		// The IMAP login of a token account takes no typed password, and
		// its first token must not become the SMTP password.
		w.Sender = smtpSender{s: a.sender, takesTyped: a.sender.NeedsPassword() && a.acct.Token == nil}
	}
	w.Appender = svcAppender{svc}
	return w
}

// smtpSender is the review screen's Sender over smtpsend. takesTyped: its
// SMTP login has no password source, and the password typed at the IMAP
// login prompt is the one to use.
type smtpSender struct {
	s          *smtpsend.Sender
	takesTyped bool
}

func (s smtpSender) Send(ctx context.Context, from string, rcpt []string, msg io.Reader, progress func(int64)) error {
	return s.s.Send(ctx, from, rcpt, msg, progress)
}

// WithPassword gives the password typed at the login prompt to a sender
// whose config has no password for the SMTP login.
func (s smtpSender) WithPassword(password string) ui.Sender {
	if !s.takesTyped {
		return s
	}
	return smtpSender{s: s.s.WithPassword(password)}
}

// svcAppender stores in the folder with the asked SPECIAL-USE (\Sent,
// \Drafts), or the configured or usual name where the server marks none.
type svcAppender struct{ svc *imapsvc.Service }

func (a svcAppender) Append(ctx context.Context, specialUse string, flags []string, msg io.Reader, size int64) (imapsvc.UID, error) {
	f, err := a.svc.FindSpecial(ctx, strings.TrimPrefix(specialUse, `\`))
	if err != nil {
		return 0, err
	}
	if !f.Exists {
		// No folder has the role or a usual name: the fallback ("Sent",
		// "Drafts", or sent_folder / drafts_folder) is created, as the
		// copy was asked for; APPEND alone would answer TRYCREATE.
		if err := a.svc.Create(ctx, f.Name); err != nil {
			return 0, fmt.Errorf("creating %s for the copy: %w", f.Display, err)
		}
	}
	res, err := a.svc.Append(ctx, f.Name, flags, time.Now(), size, msg)
	return res.UID, err
}
