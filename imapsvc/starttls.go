package imapsvc

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

// maxPreTLSLine bounds a line read before STARTTLS.
const maxPreTLSLine = 8 << 10

// startTLSGreeting stands in for the greeting, which came before TLS, so
// that go-imap, reading only after the handshake, starts as it expects.
// It carries no capabilities: those from before TLS are not to be trusted.
const startTLSGreeting = "* OK (tern: TLS is up; the server greeted before STARTTLS)\r\n"

// startTLS reads the greeting, sends STARTTLS and runs the handshake, each
// within step, itself rather than through go-imap, so that the stream
// after TLS can be read through limitConn too. trace gets the cleartext
// exchange. It returns the TLS connection and the greeting to replay.
func (a Account) startTLS(raw net.Conn, cfg *tls.Config, step time.Duration, trace io.Writer) (net.Conn, []byte, error) {
	r := bufio.NewReaderSize(raw, 4096)
	timeout := func(what string, err error) error {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return &StepTimeout{Host: a.Host, Step: what, After: step}
		}
		return a.explainDialError(err)
	}
	say := func(line string) {
		if trace != nil {
			io.WriteString(trace, line+"\r\n")
		}
	}
	raw.SetDeadline(time.Now().Add(step))
	greet, err := readPreTLSLine(r)
	if err != nil {
		return nil, nil, timeout("greeting", err)
	}
	say(greet)
	switch word := strings.ToUpper(strings.SplitN(greet+"  ", " ", 3)[1]); {
	case word == "PREAUTH":
		return nil, nil, fmt.Errorf("%s sent PREAUTH on a cleartext connection; refusing to continue without TLS", a.Host)
	case word != "OK" || !strings.HasPrefix(greet, "* "):
		return nil, nil, fmt.Errorf("%s greeted with %q", a.Host, cleanLine(greet))
	}
	raw.SetDeadline(time.Now().Add(step))
	say("S0 STARTTLS")
	if _, err := io.WriteString(raw, "S0 STARTTLS\r\n"); err != nil {
		return nil, nil, timeout("STARTTLS", err)
	}
	for {
		line, err := readPreTLSLine(r)
		if err != nil {
			return nil, nil, timeout("STARTTLS", err)
		}
		say(line)
		rest, tagged := strings.CutPrefix(line, "S0 ")
		if !tagged {
			continue // untagged data before the answer
		}
		if status, _, _ := strings.Cut(rest, " "); !strings.EqualFold(status, "OK") {
			// The server does not offer it, and we must not carry on in cleartext.
			return nil, nil, fmt.Errorf("%s does not offer STARTTLS (%s); refusing to continue in cleartext", a.Host, cleanLine(rest))
		}
		break
	}
	if r.Buffered() > 0 {
		// Bytes sent before the handshake would be read as if they came
		// over TLS: an injection.
		return nil, nil, fmt.Errorf("%s sent data after agreeing to STARTTLS, before TLS began; refusing", a.Host)
	}
	tc, err := a.handshake(raw, cfg, step)
	if err != nil {
		return nil, nil, err
	}
	return tc, []byte(startTLSGreeting), nil
}

// readPreTLSLine reads one line of at most maxPreTLSLine bytes.
func readPreTLSLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		b = append(b, chunk...)
		if len(b) > maxPreTLSLine {
			return "", &LimitError{fmt.Sprintf("the server sent a line longer than %s before TLS", sizeText(maxPreTLSLine))}
		}
		if err == nil {
			return strings.TrimRight(string(b), "\r\n"), nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return "", err
		}
	}
}
