package smtpsend

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"tern/internal/testcert"
)

// testServer is go-smtp's server on 127.0.0.1 that records what it is
// told. Fields are set before start.
type testServer struct {
	t    *testing.T
	mode Security // how it listens: tls, starttls (offers STARTTLS) or plain
	// user and password or token it accepts; echo makes a refusal quote
	// what the client sent, as a careless server might.
	user, password, token string
	echo                  bool
	mechs                 []string // AUTH mechanisms offered; nil: PLAIN LOGIN
	insecureAuth          bool     // offer AUTH without TLS
	refuse                map[string]bool
	// data, if set, replaces reading the message: for faults.
	data func(c *smtp.Conn, r io.Reader) error

	caFile string
	addr   string

	mu    sync.Mutex
	log   []string // AUTH, MAIL, RCPT, DATA events in order
	mails []received
}

type received struct {
	from  string
	rcpts []string
	body  []byte
	opts  smtp.MailOptions
}

func (s *testServer) start() *testServer {
	t := s.t
	t.Helper()
	be := smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &testSession{srv: s, conn: c}, nil })
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = s.insecureAuth || s.mode == SecurityPlain
	srv.MaxMessageBytes = 64 << 20
	srv.ErrorLog = discardLog{}
	var cfg *tls.Config
	cfg, s.caFile = testcert.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	switch s.mode {
	case SecurityTLS:
		ln = tls.NewListener(ln, cfg)
	case SecurityStartTLS:
		srv.TLSConfig = cfg
	}
	s.addr = ln.Addr().String()
	done := make(chan struct{})
	go func() { defer close(done); srv.Serve(ln) }()
	// go-smtp closes only listeners Serve has registered: close ln too.
	t.Cleanup(func() { srv.Close(); ln.Close(); <-done })
	return s
}

// account is an account for this server with its CA trusted.
func (s *testServer) account(sec Security) Account {
	host, port, _ := net.SplitHostPort(s.addr)
	p := 0
	for _, c := range port {
		p = p*10 + int(c-'0')
	}
	pw := s.password
	return Account{Host: host, Port: p, Security: sec, Username: s.user, Auth: AuthPassword, CAFile: s.caFile,
		Password: func(context.Context) (string, error) { return pw, nil }}
}

func (s *testServer) note(e string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, e)
}

func (s *testServer) events() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.log, " ")
}

func (s *testServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.mails...)
}

type testSession struct {
	srv  *testServer
	conn *smtp.Conn
	cur  received
}

var _ smtp.AuthSession = (*testSession)(nil)

func (ss *testSession) AuthMechanisms() []string {
	if ss.srv.mechs != nil {
		return ss.srv.mechs
	}
	return []string{sasl.Plain, sasl.Login}
}

func (ss *testSession) Auth(mech string) (sasl.Server, error) {
	s := ss.srv
	s.note("AUTH:" + mech)
	check := func(user, secret, want string) error {
		if user == s.user && secret == want {
			s.note("AUTH-OK")
			return nil
		}
		msg := "Authentication credentials invalid"
		if s.echo {
			msg += " for " + user + " with " + secret
		}
		return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: msg}
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pw string) error { return check(user, pw, s.password) }), nil
	case sasl.Login:
		return &loginServer{check: func(u, p string) error { return check(u, p, s.password) }}, nil
	case sasl.OAuthBearer:
		return sasl.NewOAuthBearerServer(func(o sasl.OAuthBearerOptions) *sasl.OAuthBearerError {
			if check(o.Username, o.Token, s.token) != nil {
				return &sasl.OAuthBearerError{Status: "invalid_token", Schemes: "bearer"}
			}
			return nil
		}), nil
	case "XOAUTH2":
		return &xoauth2Server{check: func(u, tok string) error { return check(u, tok, s.token) }}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (ss *testSession) Mail(from string, opts *smtp.MailOptions) error {
	ss.srv.note("MAIL")
	ss.cur = received{from: from}
	if opts != nil {
		ss.cur.opts = *opts
	}
	return nil
}

func (ss *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.srv.note("RCPT")
	if ss.srv.refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user \x1b[31mhere"}
	}
	ss.cur.rcpts = append(ss.cur.rcpts, to)
	return nil
}

func (ss *testSession) Data(r io.Reader) error {
	ss.srv.note("DATA")
	if ss.srv.data != nil {
		return ss.srv.data(ss.conn, r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.cur.body = b
	ss.srv.mu.Lock()
	ss.srv.mails = append(ss.srv.mails, ss.cur)
	ss.srv.mu.Unlock()
	return nil
}

func (ss *testSession) Reset()        {}
func (ss *testSession) Logout() error { return nil }

// loginServer is the server side of AUTH LOGIN, which go-sasl lacks.
type loginServer struct {
	user  string
	step  int
	check func(user, pw string) error
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	switch l.step {
	case 0:
		l.step++
		if resp == nil {
			return []byte("Username:"), false, nil
		}
		l.user, l.step = string(resp), 2
		return []byte("Password:"), false, nil
	case 1:
		l.user, l.step = string(resp), 2
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(resp))
}

// xoauth2Server answers a bad token with the JSON error challenge and
// refuses after the client's (empty) reply, as Gmail does.
type xoauth2Server struct {
	failed error
	check  func(user, token string) error
}

func (x *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if x.failed != nil {
		if len(resp) != 0 {
			return nil, true, errors.New("expected an empty response to the error challenge")
		}
		return nil, true, x.failed
	}
	parts := bytes.Split(resp, []byte{1})
	if len(parts) < 2 {
		return nil, true, errors.New("malformed XOAUTH2")
	}
	user := strings.TrimPrefix(string(parts[0]), "user=")
	token := strings.TrimPrefix(string(parts[1]), "auth=Bearer ")
	if err := x.check(user, token); err != nil {
		x.failed = err
		b, _ := json.Marshal(map[string]string{"status": "401", "schemes": "Bearer"})
		return b, false, nil
	}
	return nil, true, nil
}

type discardLog struct{}

func (discardLog) Printf(string, ...any) {}
func (discardLog) Println(...any)        {}
