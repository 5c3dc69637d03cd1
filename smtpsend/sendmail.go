package smtpsend

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"

	"tern/cmdline"
)

// maxHeader bounds the header read to find -t's recipients.
const maxHeader = 1 << 20

// sendmail runs the account's sendmail_cmd with the message on stdin. The
// recipients go on the command line after "--". With -t (or
// --read-recipients) the command takes To, Cc and Bcc from the header
// itself, and also those on its command line, so only the recipients the
// header does not name (Bcc, which tern leaves out of it) are added.
func (s *Sender) sendmail(ctx context.Context, rcpts []string, msg *progressReader) error {
	argv, err := cmdline.Split(s.acct.SendmailCmd)
	if err != nil {
		return &Error{Op: "sendmail_cmd", Text: "the command " + err.Error()}
	}
	var stdin io.Reader = msg
	add := rcpts
	if slices.Contains(argv[1:], "-t") || slices.Contains(argv[1:], "--read-recipients") {
		head, named, err := readHeader(msg)
		if err != nil {
			return &Error{Op: "sendmail_cmd", Text: "reading the message's header: " + clean(err.Error()), Err: err}
		}
		stdin = io.MultiReader(bytes.NewReader(head), msg)
		add = nil
		for _, r := range rcpts {
			if !named[strings.ToLower(r)] {
				add = append(add, r)
			}
		}
	}
	if len(add) > 0 {
		argv = append(append(argv, "--"), add...)
	}
	// The command gets as long as a server gets to answer the message's
	// end: it may be sending it over a slow link.
	ctx, cancel := context.WithTimeout(ctx, s.final)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = stdin
	stderr := &capped{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	// A grandchild holding the pipes open must not keep tern waiting.
	cmd.WaitDelay = 2 * time.Second
	err = cmd.Run()
	if err == nil {
		return nil
	}
	e := &Error{Op: "sendmail_cmd", Err: err}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		// Killed while it ran: it may have handed the message on.
		e.MaybeSent = true
		e.Text = "sending cancelled"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			e.Text = fmt.Sprintf("the command did not finish within %s and was stopped", s.final)
		}
	case errors.As(err, &exit):
		e.Text = clean(filepath.Base(argv[0])) + " " + exit.ProcessState.String()
		if out := firstLines(stderr.String()); out != "" {
			e.Text += ": " + out
		}
	default:
		e.Text = clean(err.Error())
	}
	return e
}

// readHeader reads msg's header (at most maxHeader bytes, raw, to be sent
// as it was) and returns the lowercased addresses in To, Cc and Bcc.
func readHeader(r io.Reader) ([]byte, map[string]bool, error) {
	var head []byte
	br := bufio.NewReaderSize(r, 4096)
	for {
		line, err := br.ReadSlice('\n')
		head = append(head, line...)
		if len(head) > maxHeader {
			return nil, nil, fmt.Errorf("longer than %d KiB", maxHeader>>10)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, nil, err
		}
		if err == io.EOF || len(bytes.TrimRight(line, "\r\n")) == 0 {
			break
		}
	}
	// What bufio read beyond the header is still to be sent.
	rest, _ := br.Peek(br.Buffered())
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(head)))
	if err != nil {
		return nil, nil, err
	}
	mh := mail.Header{Header: message.Header{Header: h}}
	named := map[string]bool{}
	for _, key := range []string{"To", "Cc", "Bcc"} {
		list, _ := mh.AddressList(key)
		for _, a := range list {
			named[strings.ToLower(a.Address)] = true
		}
	}
	return append(head, rest...), named, nil
}

// capped keeps the first max bytes written to it and drops the rest.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (c *capped) String() string { return c.buf.String() }

// firstLines joins the command's first non-blank output lines, sanitized
// and bounded.
func firstLines(s string) string {
	var lines []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
		if len(lines) == 3 {
			break
		}
	}
	return clean(strings.Join(lines, " / "))
}
