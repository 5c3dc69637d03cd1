package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// HasPassword reports whether the account says where its password comes
// from. When it does not, the caller may ask the user.
func (a Account) HasPassword() bool { return a.Password != "" || a.PasswordCmd != "" }

// LookupPassword returns the account's password: the password key as
// written, or the first line printed by password_cmd. It may run a command,
// so call it from a tea.Cmd, never from Update.
func (a Account) LookupPassword(ctx context.Context) (string, error) {
	switch {
	case a.Password != "":
		return a.Password, nil
	case a.PasswordCmd != "":
		p, err := RunPasswordCmd(ctx, a.PasswordCmd)
		if err != nil {
			return "", fmt.Errorf("account %q: %w", a.Name, err)
		}
		return p, nil
	}
	return "", fmt.Errorf("account %q has neither password nor password_cmd", a.Name)
}

// RunPasswordCmd runs cmd, the user's own password_cmd from the config file,
// with sh -c and returns the first line of its standard output.
//
// Errors carry the exit status and the first line of standard error, but
// never anything from standard output, which may be the password, nor cmd
// itself, which may hold one ("echo hunter2").
func RunPasswordCmd(ctx context.Context, cmd string) (string, error) {
	return runSecretCmd(ctx, cmd, "password_cmd", "password")
}

// runSecretCmd is how tern runs every command that prints a secret
// (password_cmd, token_cmd): key names the config key in errors and what
// the secret. tern builds no shell string itself: cmd is the user's own.
func runSecretCmd(ctx context.Context, cmd, key, what string) (string, error) {
	c := exec.CommandContext(ctx, "sh", "-c", cmd)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	// A grandchild (gpg-agent, say) can keep the pipes open after sh is
	// killed; stop waiting for it soon after.
	c.WaitDelay = 2 * time.Second
	err := c.Run()
	secret, _, _ := strings.Cut(stdout.String(), "\n")
	secret = strings.TrimSuffix(secret, "\r")

	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return "", fmt.Errorf("%s did not finish: %w", key, ctxErr)
		}
		msg := key + " failed"
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			msg += " (" + exit.ProcessState.String() + ")"
		} else {
			msg += ": " + err.Error()
		}
		if line := firstLine(stderr.String(), secret); line != "" {
			msg += ": " + line
		}
		return "", errors.New(msg)
	}
	if secret == "" {
		return "", fmt.Errorf("%s printed an empty first line; it should print the %s", key, what)
	}
	return secret, nil
}

// firstLine returns the first non-blank line of s, made safe to show in a
// terminal and with secret blanked out should the command have echoed it.
func firstLine(s, secret string) string {
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if secret != "" {
			line = strings.ReplaceAll(line, secret, "***")
		}
		line = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, line)
		if r := []rune(line); len(r) > 200 {
			line = string(r[:200]) + "…"
		}
		return line
	}
	return ""
}
