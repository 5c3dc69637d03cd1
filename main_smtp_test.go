package main

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpSink is go-smtp's server on 127.0.0.1 that takes one login and
// records every message it is given, for the end-to-end tests.
type smtpSink struct {
	user, password string
	host           string
	port           int

	mu     sync.Mutex
	logins []string // the passwords tried, in order
	mails  []sinkMail
	got    chan struct{}
}

type sinkMail struct {
	from  string
	rcpts []string
	data  []byte
}

func startSMTPSink(t *testing.T, user, password string) *smtpSink {
	t.Helper()
	s := &smtpSink{user: user, password: password, got: make(chan struct{}, 16)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true // loopback only
	srv.MaxMessageBytes = 64 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	s.host = host
	s.port, _ = strconv.Atoi(port)
	done := make(chan struct{})
	go func() { defer close(done); srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close(); ln.Close(); <-done })
	return s
}

func (s *smtpSink) snapshot() ([]string, []sinkMail) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.logins...), append([]sinkMail(nil), s.mails...)
}

type sinkSession struct {
	sink   *smtpSink
	authed bool
	mail   sinkMail
}

func (ss *sinkSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *sinkSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pw string) error {
		ss.sink.mu.Lock()
		ss.sink.logins = append(ss.sink.logins, pw)
		ss.sink.mu.Unlock()
		if user != ss.sink.user || pw != ss.sink.password {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.mail = sinkMail{from: from}
	return nil
}

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.mail.rcpts = append(ss.mail.rcpts, to)
	return nil
}

func (ss *sinkSession) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return err
	}
	ss.mail.data = b.Bytes()
	ss.sink.mu.Lock()
	ss.sink.mails = append(ss.sink.mails, ss.mail)
	ss.sink.mu.Unlock()
	ss.sink.got <- struct{}{}
	return nil
}

func (ss *sinkSession) Reset()        { ss.mail = sinkMail{} }
func (ss *sinkSession) Logout() error { return nil }

// writeConfig writes a config file into a temp dir and returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
