// Package demo runs an in-memory IMAP server filled with realistic mail, for
// "tern --demo" and for tests. It uses go-imap's imapserver and imapmemserver
// and listens on a free loopback port.
package demo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/emersion/go-smtp"

	"tern/internal/idlepoll"

	// The memory server parses headers with go-message: without the charset
	// tables, ENVELOPE names in GBK, Big5 or ISO-2022-JP come back empty.
	_ "github.com/emersion/go-message/charset"
)

// Options configures Start.
type Options struct {
	Now    time.Time    // base time for message dates; zero means time.Now()
	Logger *slog.Logger // server errors go here; nil discards them (nothing goes to stdout/stderr)
}

// Server is a running demo server. Addr, Username and Password are what a
// client needs to log in (plain IMAP, no TLS: it only listens on loopback);
// SMTPAddr is its SMTP server (smtp.go), same login, same rule.
type Server struct {
	Addr, Username, Password string
	SMTPAddr                 string
	// Name is the demo user's display name, for the From of what they write.
	Name string

	now  time.Time
	user *imapmemserver.User
	imap *imapserver.Server
	done chan struct{} // closed when Serve returns

	smtp     *smtp.Server
	smtpLn   net.Listener
	smtpDone chan struct{} // closed when its Serve returns

	mu     sync.Mutex
	closed bool
}

// Start generates the demo mail and starts serving it on 127.0.0.1.
func Start(opts Options) (*Server, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	folders, err := generate(now)
	if err != nil {
		return nil, fmt.Errorf("demo: generate mail: %w", err)
	}
	s := &Server{Username: me().addr, Name: me().name, Password: "demo", now: now, done: make(chan struct{})}
	s.user = imapmemserver.NewUser(s.Username, s.Password)
	for _, f := range folders {
		if err := s.user.Create(f.name, nil); err != nil {
			return nil, fmt.Errorf("demo: create %s: %w", f.name, err)
		}
		if err := s.user.Subscribe(f.name); err != nil {
			return nil, fmt.Errorf("demo: subscribe %s: %w", f.name, err)
		}
		for _, m := range f.messages {
			if _, err := s.user.Append(f.name, literal(m.raw), &imap.AppendOptions{Flags: m.flags, Time: m.date}); err != nil {
				return nil, fmt.Errorf("demo: append to %s: %w", f.name, err)
			}
		}
	}
	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &session{user: s.user}, nil, nil
		},
		Caps:         capabilities(),
		Logger:       printfLogger{logger},
		InsecureAuth: true, // loopback only
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: listen: %w", err)
	}
	s.Addr = ln.Addr().String()
	go func() {
		defer close(s.done)
		if err := s.imap.Serve(ln); err != nil {
			logger.Error("demo IMAP server stopped", "err", err)
		}
	}()
	logger.Info("demo IMAP server started", "addr", s.Addr, "folders", len(folders))
	if err := s.startSMTP(logger); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// capabilities are what the demo advertises: IMAP4rev1 with the extensions
// the memory server implements. Not advertised: SPECIAL-USE (imapmemserver
// cannot mark folders) and CHILDREN (it never sends \HasChildren).
//
// BINARY is not advertised: the embedded server answers BINARY[n] of a text
// part already converted to UTF-8, where RFC 3516 undoes only the transfer
// encoding, so a client that decodes the part's charset (as it must) would
// show mojibake. Without BINARY, tern fetches BODY[n] and decodes it itself.
func capabilities() imap.CapSet {
	caps := imap.CapSet{}
	for _, c := range []imap.Cap{imap.CapIMAP4rev1, imap.CapNamespace, imap.CapUIDPlus, imap.CapESearch,
		imap.CapSearchRes, imap.CapListExtended, imap.CapListStatus, imap.CapMove, imap.CapStatusSize,
		imap.CapLiteralPlus} {
		caps[c] = struct{}{}
	}
	return caps
}

// Close stops the server and drops every connection. It is safe to call more
// than once.
func (s *Server) Close() error {
	s.mu.Lock()
	already := s.closed
	s.closed = true
	s.mu.Unlock()
	if already {
		return nil
	}
	if s.smtp != nil {
		s.smtp.Close()
		// go-smtp closes only the listeners Serve has registered; one
		// closed before Serve began would keep it waiting forever.
		s.smtpLn.Close()
		<-s.smtpDone
	}
	if err := s.imap.Close(); err != nil {
		return fmt.Errorf("demo: close: %w", err)
	}
	<-s.done // Serve has returned
	return nil
}

// Deliver appends msg to INBOX as new, unread mail; clients that have INBOX
// selected or are idling see EXISTS grow. The internal date is the message's
// Date header (so runs with a fixed Options.Now stay reproducible), or the
// current time if it has none.
func (s *Server) Deliver(msg []byte) error {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return errors.New("demo: server closed")
	}
	_, err := s.user.Append("INBOX", literal(msg), &imap.AppendOptions{Time: headerDate(msg)})
	return err
}

// headerDate is msg's Date header, or the zero time (which APPEND treats as
// now) if it is missing or unreadable.
func headerDate(msg []byte) time.Time {
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(msg)))
	if err != nil {
		return time.Time{}
	}
	mh := mail.Header{Header: message.Header{Header: h}}
	date, err := mh.Date()
	if err != nil {
		return time.Time{}
	}
	return date
}

// NextSample returns live message i: realistic, deterministic in i and the
// base time, dated i+1 minutes after the base time. Successive i rotate
// through work mail, notifications, Chinese (GBK), replies to the long
// release thread, newsletters and Japanese (ISO-2022-JP).
func (s *Server) NextSample(i int) []byte {
	msg, err := sample(s.now, i)
	if err != nil { // cannot happen with the built-in corpus; stay visible, not fatal
		return fmt.Appendf(nil, "From: demo@example.com\r\nSubject: demo sample %d failed\r\n\r\n%v\r\n", i, err)
	}
	return msg
}

// literal adapts a byte slice to imap.LiteralReader.
func literal(b []byte) imap.LiteralReader {
	return sizedReader{bytes.NewReader(b)}
}

type sizedReader struct{ *bytes.Reader }

func (r sizedReader) Size() int64 { return r.Reader.Size() }

// printfLogger sends imapserver's Printf logging to slog.
type printfLogger struct{ l *slog.Logger }

func (p printfLogger) Printf(format string, args ...any) {
	msg := strings.TrimSpace(fmt.Sprintf(format, args...))
	if strings.HasPrefix(msg, "panic") {
		p.l.Error("demo IMAP server: " + msg)
		return
	}
	p.l.Warn("demo IMAP server: " + msg)
}

// session is imapmemserver's user session with its own login and a
// corrected MOVE.
type session struct {
	*imapmemserver.UserSession // nil until Login succeeds
	user                       *imapmemserver.User
}

func (s *session) Login(username, password string) error {
	if err := s.user.Login(username, password); err != nil {
		return err
	}
	s.UserSession = imapmemserver.NewUserSession(s.user)
	return nil
}

// Idle polls while idling (internal/idlepoll), so mail delivered just
// before the client's IDLE is announced at once.
func (s *session) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	return idlepoll.Idle(w, stop, s.Poll)
}

// Move replaces imapmemserver's MOVE, which writes each EXPUNGE itself and
// also queues it for the next poll, so the client hears it twice and drops a
// second, wrong message. Here MOVE is COPY, then \Deleted and a UID EXPUNGE of
// exactly the copied messages; the EXPUNGEs reach this client once, through
// the poll that follows the command.
func (s *session) Move(w *imapserver.MoveWriter, numSet imap.NumSet, dest string) error {
	data, err := s.UserSession.Copy(numSet, dest)
	if err != nil {
		return err
	}
	deleted := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
	if err := s.UserSession.Store(nil, data.SourceUIDs, deleted, &imap.StoreOptions{}); err != nil {
		return err
	}
	if err := s.UserSession.Expunge(&imapserver.ExpungeWriter{}, &data.SourceUIDs); err != nil {
		return err
	}
	return w.WriteCopyData(data)
}
