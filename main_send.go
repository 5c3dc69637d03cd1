package main

import (
	"tern/config"
	"tern/demo"
	"tern/smtpsend"
)

// senderFor is the account's way to send mail, nil when the config names
// none (no smtp_host, no sendmail_cmd). An account without password or
// password_cmd gets the password typed at the prompt through
// Sender.WithPassword.
func senderFor(a config.Account) *smtpsend.Sender {
	if !a.CanSend() {
		return nil
	}
	sa := smtpsend.Account{SendmailCmd: a.SendmailCmd, Host: a.SMTPHost, Port: a.SMTPPort,
		Security: smtpsend.Security(a.SMTPSecurity), Username: a.SMTPUsername, Auth: smtpsend.Auth(a.SMTPAuth),
		CAFile: a.CAFile, TLSSkipVerify: a.TLSSkipVerify}
	if a.SMTPUsesToken() {
		sa.Token = a.LookupToken
	} else if a.HasPassword() {
		sa.Password = a.LookupPassword
	}
	return smtpsend.New(sa, smtpsend.Options{})
}

// demoSender sends through the demo's own SMTP server, which delivers
// into the demo INBOX.
func demoSender(srv *demo.Server) *smtpsend.Sender {
	host, port := splitAddr(srv.SMTPAddr)
	return smtpsend.New(smtpsend.Account{Host: host, Port: port, Security: smtpsend.SecurityPlain,
		Username: srv.Username, Auth: smtpsend.AuthPassword}, smtpsend.Options{}).WithPassword(srv.Password)
}
