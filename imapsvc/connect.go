package imapsvc

import (
	"context"
	"sort"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Connect dials, logs in and reports the server's capabilities. A failed
// login is reported once; nothing retries it behind the user's back. An
// account with a token mechanism takes password as a fresh access token
// to try first, or "" to run its token command.
func (s *Service) Connect(ctx context.Context, password string) (Session, error) {
	var sess Session
	err := s.do(ctx, func() error {
		s.cancelRetry()
		if s.c != nil {
			s.c.Close()
			s.idle, s.sel = nil, nil
			s.setClient(nil, nil)
		}
		s.emit(StateChanged{State: StateConnecting})
		if !s.acct.usesToken() {
			s.tap.setSecrets(s.acct.Username, password)
		}
		c, lc, err := s.dialLogin(password)
		if err != nil {
			s.emit(StateChanged{State: StateDisconnected, Err: err})
			return err
		}
		s.setClient(c, lc)
		s.retry.armed = true
		if !s.acct.usesToken() {
			s.retry.password = password
		}
		s.bg.setLogin(s.retry.password, true)
		sess = Session{Caps: capList(s.liveCaps()), Insecure: s.acct.TLSSkipVerify}
		s.emit(StateChanged{State: StateAuthenticated})
		return nil
	})
	return sess, err
}

// Capability asks the server again, as CAPABILITY typed by hand would.
func (s *Service) Capability(ctx context.Context) ([]string, error) {
	var caps []string
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		caps, err = s.refreshCaps(c)
		return err
	})
	return caps, err
}

// Logout says goodbye to the server and closes the connection.
func (s *Service) Logout(ctx context.Context) error {
	err := s.do(ctx, func() error {
		s.retry.password, s.retry.armed = "", false
		s.bg.setLogin("", false)
		s.keys[0].reset()
		s.keys[1].reset()
		s.cancelRetry()
		if s.c == nil {
			return nil
		}
		err := s.c.Logout().Wait()
		s.c.Close()
		s.setClient(nil, nil)
		s.sel = nil
		s.emit(StateChanged{State: StateDisconnected})
		return err
	})
	s.Close()
	return err
}

// refreshCaps asks CAPABILITY again; go-imap keeps the answer as the live
// set that liveCaps reads.
func (s *Service) refreshCaps(c *imapclient.Client) ([]string, error) {
	set, err := c.Capability().Wait()
	if err != nil {
		return nil, serverErr("CAPABILITY", err)
	}
	return capList(set), nil
}

func capList(set imap.CapSet) []string {
	var caps []string
	for cp := range set {
		caps = append(caps, cleanLine(string(cp)))
	}
	sort.Strings(caps)
	return caps
}
