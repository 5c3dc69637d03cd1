// Package memtest starts go-imap's embedded server on loopback for tests:
// fast, in-process, and real enough to exercise every client code path the
// server supports (see the quirks in the project's notes).
package memtest

import (
	"bytes"
	"crypto/tls"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"tern/internal/idlepoll"

	// The server decodes RFC 2047 words in ENVELOPE only with charsets.
	_ "github.com/emersion/go-message/charset"
)

// Options shape the server.
type Options struct {
	// Caps replaces the advertised capabilities (IMAP4rev1 is always in).
	Caps []imap.Cap
	// TLS, when set, serves implicit TLS with this config.
	TLS *tls.Config
	// StartTLS, when set, offers STARTTLS with this config.
	StartTLS *tls.Config
	// RequireTLS refuses authentication in cleartext (LOGINDISABLED).
	RequireTLS bool
}

// Server is a running embedded server with one user.
type Server struct {
	Addr     string
	Host     string
	Port     int
	Username string
	Password string
	User     *imapmemserver.User
}

// DefaultCaps are what the embedded server can really do as IMAP4rev1.
func DefaultCaps() []imap.Cap {
	return []imap.Cap{imap.CapIMAP4rev1, imap.CapLiteralPlus, imap.CapUIDPlus, imap.CapMove,
		imap.CapESearch, imap.CapListStatus, imap.CapNamespace, imap.CapUnselect, imap.CapIdle,
		imap.CapSpecialUse, imap.CapChildren}
}

// Start serves on 127.0.0.1 and stops when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("alice", "secret")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	caps := opts.Caps
	if caps == nil {
		caps = DefaultCaps()
	}
	capSet := imap.CapSet{imap.CapIMAP4rev1: {}}
	for _, c := range caps {
		capSet[c] = struct{}{}
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return idleSession{mem.NewSession().(imapserver.SessionIMAP4rev2)}, nil, nil
		},
		Caps:         capSet,
		InsecureAuth: !opts.RequireTLS,
		TLSConfig:    opts.StartTLS,
		Logger:       discardLogger{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if opts.TLS != nil {
		ln = tls.NewListener(ln, opts.TLS)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	addr := ln.Addr().(*net.TCPAddr)
	return &Server{Addr: addr.String(), Host: "127.0.0.1", Port: addr.Port,
		Username: "alice", Password: "secret", User: user}
}

// Create makes a folder.
func (s *Server) Create(t testing.TB, name string) {
	t.Helper()
	if err := s.User.Create(name, nil); err != nil {
		t.Fatal(err)
	}
}

// Append stores a message in folder with the given flags.
func (s *Server) Append(t testing.TB, folder string, msg []byte, flags ...imap.Flag) {
	t.Helper()
	_, err := s.User.Append(folder, literal{bytes.NewReader(msg)}, &imap.AppendOptions{
		Flags: flags, Time: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
}

// idleSession polls while idling (internal/idlepoll). The embedded
// IMAP4rev2 interface keeps MOVE and NAMESPACE visible to the server.
type idleSession struct{ imapserver.SessionIMAP4rev2 }

func (s idleSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	return idlepoll.Idle(w, stop, s.Poll)
}

type literal struct{ *bytes.Reader }

func (l literal) Size() int64 { return l.Reader.Size() }

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// Dial logs a second client in, as another mail program would; it is
// closed when the test ends.
func (s *Server) Dial(t testing.TB) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	return c
}
