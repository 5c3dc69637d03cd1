package imapsvc

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// traceFileLine caps a line of the --trace file; the rest of a longer
// one (a literal's data, mostly) is counted, not written.
const traceFileLine = 64 << 10

// tap receives the raw protocol stream from imapclient's DebugWriter. The
// library tees both directions into one writer, so the tap reassembles lines,
// redacts credentials, writes the trace and picks out the two responses the
// library drops on the floor: "* n RECENT" and "* OK [UNSEEN n]".
type tap struct {
	mu      sync.Mutex
	out     io.Writer // may be nil
	secrets []string
	partial []byte
	cut     int64            // bytes of the current line past traceFileLine, not kept
	onLine  func(serverLine) // runs on the reader goroutine: must not block
	ring    *ring            // the console's copy of the trace; may be nil
	prefix  string           // marks another connection's lines, e.g. "side: "
}

// serverLine is a response the library ignores but the status bar shows.
type serverLine struct {
	recent, unseen int64  // -1 when absent
	alert          string // text of a BYE or [ALERT], raw
}

var (
	recentRe = regexp.MustCompile(`^\* (\d+) RECENT\b`)
	unseenRe = regexp.MustCompile(`(?i)^\* OK \[UNSEEN (\d+)\]`)
	authRe   = regexp.MustCompile(`(?i)^(\S+ (?:LOGIN|AUTHENTICATE \S+))(\s.*)?$`)
	alertRe  = regexp.MustCompile(`(?i)^\* (BYE .*|(?:OK|NO|BAD) \[ALERT\].*)$`)
)

func (t *tap) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		chunk := p
		i := bytes.IndexByte(p, '\n')
		if i >= 0 {
			chunk = p[:i]
		}
		// A literal without a newline would grow without bound: keep the
		// start of a line and count the rest.
		keep := min(len(chunk), max(0, traceFileLine-len(t.partial)))
		t.partial = append(t.partial, chunk[:keep]...)
		t.cut += int64(len(chunk) - keep)
		if i < 0 {
			break
		}
		p = p[i+1:]
		line := strings.TrimRight(string(t.partial), "\r")
		if t.cut > 0 {
			line += fmt.Sprintf(" … (%d more bytes not traced)", t.cut)
		}
		t.partial, t.cut = t.partial[:0], 0
		t.line(line)
	}
	return n, nil
}

func (t *tap) line(line string) {
	if t.onLine != nil && !isFetchLine(line) {
		sl := serverLine{recent: -1, unseen: -1}
		if m := recentRe.FindStringSubmatch(line); m != nil {
			sl.recent, _ = strconv.ParseInt(m[1], 10, 64)
		} else if m := unseenRe.FindStringSubmatch(line); m != nil {
			sl.unseen, _ = strconv.ParseInt(m[1], 10, 64)
		} else if m := alertRe.FindStringSubmatch(line); m != nil {
			sl.alert = m[1]
		}
		if sl.recent >= 0 || sl.unseen >= 0 || sl.alert != "" {
			t.onLine(sl)
		}
	}
	if t.out == nil && t.ring == nil {
		return
	}
	red := t.prefix + redact(line, t.secrets)
	if t.out != nil {
		io.WriteString(t.out, red+"\n")
	}
	if t.ring != nil {
		t.ring.add(red)
	}
}

// isFetchLine reports whether line is "* n FETCH ...", which can be no
// RECENT, UNSEEN, ALERT or BYE line: the regexps cost more than the rest
// of reading a FETCH of 50,000 headers.
func isFetchLine(line string) bool {
	rest, ok := strings.CutPrefix(line, "* ")
	if !ok {
		return false
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	return i > 0 && len(rest) >= i+6 && strings.EqualFold(rest[i:i+6], " FETCH")
}

// setSecrets names the strings that must never reach the trace.
func (t *tap) setSecrets(user, password string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.secrets = secretForms(user, password)
}

// setSecretForms names the exact strings that must never reach the trace
// (an access token and its SASL encodings).
func (t *tap) setSecretForms(forms []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.secrets = forms
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
