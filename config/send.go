package config

import (
	"slices"
	"strings"

	"tern/cmdline"
)

// AuthNone is smtp_auth = "none": the submission server takes mail
// without a login (a relay that trusts the local network).
const AuthNone Auth = "none"

// DefaultSMTPPort is the submission port for s (RFC 8314): 465 for TLS,
// 587 otherwise.
func (s Security) DefaultSMTPPort() int {
	if s == SecurityTLS {
		return 465
	}
	return 587
}

// CanSend reports whether the account says how to send mail.
func (a Account) CanSend() bool { return a.SMTPHost != "" || a.SendmailCmd != "" }

// CopiesToSent reports whether a sent message is APPENDed to the Sent
// folder: unless copy_to_sent = false, for servers that file it themselves.
func (a Account) CopiesToSent() bool { return a.CopyToSent == nil || *a.CopyToSent }

// SMTPUsesToken reports whether the SMTP login takes token_cmd's token.
func (a Account) SMTPUsesToken() bool {
	return a.SMTPAuth == AuthXOAuth2 || a.SMTPAuth == AuthOAuthBearer
}

// validateSend checks the sending keys and fills in their defaults. The
// SMTP connection follows the IMAP rules: it uses the account's ca_file
// and tls_skip_verify, and its login the account's password or token_cmd.
func (ld *loader) validateSend(a *Account, i int) {
	at := func(key string) []string { return []string{"account", index(i), key} }
	has := func(key string) bool { return ld.pos.has(at(key)...) }

	for key, v := range map[string]string{"sent_folder": a.SentFolder, "drafts_folder": a.DraftsFolder} {
		if has(key) && strings.TrimSpace(v) == "" {
			ld.errorf(at(key), "%s = %q: must name a folder", key, v)
		}
	}

	if has("sendmail_cmd") {
		if has("smtp_host") {
			later, other := "sendmail_cmd", "smtp_host"
			if ld.pos.line(at("smtp_host")...) > ld.pos.line(at("sendmail_cmd")...) {
				later, other = other, later
			}
			ld.errorf(at(later), "%s: %s is already set on line %d; tern sends either through SMTP or through a command, keep only one",
				later, other, ld.pos.line(at(other)...))
			return
		}
		if _, err := cmdline.Split(a.SendmailCmd); err != nil {
			ld.errorf(at("sendmail_cmd"), "sendmail_cmd = %q: the command %v", a.SendmailCmd, err)
		}
		for _, key := range []string{"smtp_port", "smtp_security", "smtp_username", "smtp_auth"} {
			if has(key) {
				ld.errorf(at(key), "%s: not used with sendmail_cmd, which sends by itself; remove it", key)
			}
		}
		return
	}
	if !has("smtp_host") {
		for _, key := range []string{"smtp_port", "smtp_security", "smtp_username", "smtp_auth"} {
			if has(key) {
				ld.errorf(at(key), `%s: only used with smtp_host = "..."; add the submission server's host name`, key)
			}
		}
		return
	}
	if strings.TrimSpace(a.SMTPHost) == "" {
		ld.errorf(at("smtp_host"), `smtp_host = %q: must be a host name`, a.SMTPHost)
	}

	if a.SMTPSecurity == "" && !has("smtp_security") {
		a.SMTPSecurity = SecurityTLS
	} else if !slices.Contains(securities(), a.SMTPSecurity) {
		ld.errorf(at("smtp_security"), "smtp_security = %q: must be one of tls, starttls, plain", a.SMTPSecurity)
	}
	if a.SMTPPort == 0 && !has("smtp_port") {
		a.SMTPPort = a.SMTPSecurity.DefaultSMTPPort()
	} else if a.SMTPPort < 1 || a.SMTPPort > 65535 {
		ld.errorf(at("smtp_port"), "smtp_port = %d: out of range, must be between 1 and 65535", a.SMTPPort)
	}
	if a.SMTPUsername == "" {
		if has("smtp_username") {
			ld.errorf(at("smtp_username"), `smtp_username = "": must not be empty; leave it out to use username`)
		}
		a.SMTPUsername = a.Username
	}

	switch {
	case a.SMTPAuth == "" && !has("smtp_auth"):
		a.SMTPAuth = a.Auth
		if a.SMTPAuth == "" {
			a.SMTPAuth = AuthPassword
		}
	case a.SMTPAuth != AuthNone && !slices.Contains(auths(), a.SMTPAuth):
		ld.errorf(at("smtp_auth"), "smtp_auth = %q: must be one of password, xoauth2, oauthbearer, none", a.SMTPAuth)
	case a.SMTPUsesToken() && a.TokenCmd == "":
		ld.errorf(at("smtp_auth"), `smtp_auth = %q needs token_cmd = "...", a command that prints an access token`, a.SMTPAuth)
	}
}
