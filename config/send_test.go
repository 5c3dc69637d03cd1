package config

import (
	"testing"
)

func TestLoadSend(t *testing.T) {
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u@example.com\"\n"
	no := false
	tests := []struct {
		name  string
		src   string
		check func(a Account) bool
	}{
		{"nothing: no sending, copies to Sent", acct, func(a Account) bool {
			return !a.CanSend() && a.CopiesToSent() && a.SMTPPort == 0 && a.SMTPAuth == ""
		}},
		{"smtp_host alone: implicit TLS on 465, the account's login", acct + "smtp_host = \"smtp.example.com\"\n", func(a Account) bool {
			return a.CanSend() && a.SMTPSecurity == SecurityTLS && a.SMTPPort == 465 &&
				a.SMTPUsername == "u@example.com" && a.SMTPAuth == AuthPassword
		}},
		{"starttls on 587, own user, no login", acct + "smtp_host = \"s\"\nsmtp_security = \"starttls\"\nsmtp_username = \"me\"\nsmtp_auth = \"none\"\n", func(a Account) bool {
			return a.SMTPSecurity == SecurityStartTLS && a.SMTPPort == 587 && a.SMTPUsername == "me" && a.SMTPAuth == AuthNone
		}},
		{"the account's OAuth2 carries over", acct + "auth = \"xoauth2\"\ntoken_cmd = \"t\"\nsmtp_host = \"s\"\nsmtp_port = 2525\n", func(a Account) bool {
			return a.SMTPAuth == AuthXOAuth2 && a.SMTPPort == 2525 && a.SMTPUsesToken()
		}},
		{"token for SMTP only", acct + "password_cmd = \"p\"\ntoken_cmd = \"t\"\nsmtp_host = \"s\"\nsmtp_auth = \"oauthbearer\"\n", func(a Account) bool {
			return a.SMTPAuth == AuthOAuthBearer && !a.UsesToken()
		}},
		{"sendmail_cmd and folders", acct + "sendmail_cmd = \"msmtp -t\"\nsent_folder = \"Sent Items\"\ndrafts_folder = \"Entwürfe\"\ncopy_to_sent = false\n", func(a Account) bool {
			return a.CanSend() && a.SendmailCmd == "msmtp -t" && a.SentFolder == "Sent Items" &&
				a.DraftsFolder == "Entwürfe" && !a.CopiesToSent() && *a.CopyToSent == no
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a := loadAccount(t, tt.src); !tt.check(a) {
				t.Errorf("account = %+v", a)
			}
		})
	}
}

func TestLoadSendErrors(t *testing.T) {
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n" // lines 1-4
	checkLoadErrors(t, []loadErrorCase{
		{"both ways to send", acct + "smtp_host = \"s\"\nsendmail_cmd = \"msmtp -t\"\n",
			`:6: sendmail_cmd: smtp_host is already set on line 5; tern sends either through SMTP or through a command, keep only one`},
		{"bad security", acct + "smtp_host = \"s\"\nsmtp_security = \"ssl\"\n",
			`:6: smtp_security = "ssl": must be one of tls, starttls, plain`},
		{"port out of range", acct + "smtp_host = \"s\"\nsmtp_port = 0\n",
			`:6: smtp_port = 0: out of range, must be between 1 and 65535`},
		{"port without host", acct + "smtp_port = 587\n",
			`:5: smtp_port: only used with smtp_host = "..."; add the submission server's host name`},
		{"smtp key with sendmail_cmd", acct + "sendmail_cmd = \"msmtp\"\nsmtp_security = \"tls\"\n",
			`:6: smtp_security: not used with sendmail_cmd, which sends by itself; remove it`},
		{"unclosed quote", acct + "sendmail_cmd = \"'/opt/my mail/send -t\"\n",
			`:5: sendmail_cmd = "'/opt/my mail/send -t": the command has an unclosed ' quote`},
		{"blank command", acct + "sendmail_cmd = \"  \"\n",
			`:5: sendmail_cmd = "  ": the command is empty`},
		{"bad smtp_auth", acct + "smtp_host = \"s\"\nsmtp_auth = \"cram-md5\"\n",
			`:6: smtp_auth = "cram-md5": must be one of password, xoauth2, oauthbearer, none`},
		{"token auth without token_cmd", acct + "smtp_host = \"s\"\nsmtp_auth = \"xoauth2\"\n",
			`:6: smtp_auth = "xoauth2" needs token_cmd = "...", a command that prints an access token`},
		{"empty sent_folder", acct + "sent_folder = \"\"\n",
			`:5: sent_folder = "": must name a folder`},
		{"copy_to_sent not a bool", acct + "copy_to_sent = \"no\"\n",
			`:5: copy_to_sent = "no": must be true or false`},
		{"typo", acct + "smtp_hots = \"s\"\n",
			`:5: unknown key "smtp_hots" in [[account]] (did you mean "smtp_host"?)`},
	})
}

func TestSendmailCmdWarning(t *testing.T) {
	checkLoneWarning(t, "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\nsendmail_cmd = \"msmtp -t\"\n", 0o664,
		5, `sendmail_cmd of account "a" runs a command`)
}
