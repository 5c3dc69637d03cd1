package imapsvc

import (
	"bytes"
	"encoding/base64"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// tap receives the raw protocol stream from imapclient's DebugWriter. The
// library tees both directions into one writer, so the tap reassembles lines,
// redacts credentials, writes the trace and picks out the two responses the
// library drops on the floor: "* n RECENT" and "* OK [UNSEEN n]".
type tap struct {
	mu      sync.Mutex
	out     io.Writer // may be nil
	secrets []string
	partial []byte
	onLine  func(serverLine) // runs on the reader goroutine: must not block
}

// serverLine is a response the library ignores but the status bar shows.
type serverLine struct {
	recent, unseen int64  // -1 when absent
	bye            string // the text of "* BYE", which go-imap does not pass on
}

var (
	recentRe = regexp.MustCompile(`^\* (\d+) RECENT\b`)
	unseenRe = regexp.MustCompile(`(?i)^\* OK \[UNSEEN (\d+)\]`)
	byeRe    = regexp.MustCompile(`(?i)^\* BYE\s*(.*)$`)
	authRe   = regexp.MustCompile(`(?i)^(\S+ (?:LOGIN|AUTHENTICATE \S+))(\s.*)?$`)
)

func (t *tap) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.partial = append(t.partial, p...)
	for {
		i := bytes.IndexByte(t.partial, '\n')
		if i < 0 {
			break
		}
		line := strings.TrimRight(string(t.partial[:i]), "\r")
		t.partial = t.partial[i+1:]
		t.line(line)
	}
	// A literal without a newline would grow without bound; flush it.
	if len(t.partial) > 64<<10 {
		t.line(string(t.partial))
		t.partial = t.partial[:0]
	}
	return len(p), nil
}

func (t *tap) line(line string) {
	if t.onLine != nil {
		sl := serverLine{recent: -1, unseen: -1}
		if m := recentRe.FindStringSubmatch(line); m != nil {
			sl.recent, _ = strconv.ParseInt(m[1], 10, 64)
		} else if m := unseenRe.FindStringSubmatch(line); m != nil {
			sl.unseen, _ = strconv.ParseInt(m[1], 10, 64)
		} else if m := byeRe.FindStringSubmatch(line); m != nil {
			sl.bye = m[1]
			if sl.bye == "" {
				sl.bye = "BYE"
			}
		}
		if sl.recent >= 0 || sl.unseen >= 0 || sl.bye != "" {
			t.onLine(sl)
		}
	}
	if t.out != nil {
		io.WriteString(t.out, redact(line, t.secrets)+"\n")
	}
}

// setSecrets names the strings that must never reach the trace.
func (t *tap) setSecrets(user, password string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.secrets = secretForms(user, password)
}

// secretForms lists the password as LOGIN and AUTHENTICATE PLAIN send it.
func secretForms(user, password string) []string {
	if password == "" {
		return nil
	}
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(password)
	return []string{
		password,
		quoted,
		base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + password)),
		base64.StdEncoding.EncodeToString([]byte(user + "\x00" + user + "\x00" + password)),
	}
}

// redact hides the arguments of LOGIN and AUTHENTICATE and any known secret.
func redact(line string, secrets []string) string {
	if m := authRe.FindStringSubmatch(line); m != nil && m[2] != "" {
		line = m[1] + " <redacted>"
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(line, s) {
			line = strings.ReplaceAll(line, s, "<redacted>")
		}
	}
	return line
}
