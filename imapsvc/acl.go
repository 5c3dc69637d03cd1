package imapsvc

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// ErrNoACL answers ACL requests on a server without ACL.
var ErrNoACL = errors.New("the server does not advertise ACL")

// ACL runs GETACL and MYRIGHTS for a folder. Users without the "a" right
// may not read the ACL: then Entries is empty, Err says why and MyRights
// is still answered.
func (s *Service) ACL(ctx context.Context, name FolderName) (ACL, error) {
	out := ACL{Name: name, Display: cleanLine(name)}
	err := s.do(ctx, func() error {
		c, err := s.aclClient()
		if err != nil {
			return err
		}
		get, my := c.GetACL(string(name)), c.MyRights(string(name)) // pipelined
		data, getErr := get.Wait()
		mine, err := my.Wait()
		if err != nil {
			return serverErr("MYRIGHTS "+cleanLine(name), err)
		}
		out.MyRights = cleanLine(string(mine.Rights))
		if getErr != nil {
			out.Err = serverErr("GETACL", getErr).Error()
			return nil
		}
		for id, rights := range data.Rights {
			out.Entries = append(out.Entries, ACLEntry{ID: cleanLine(string(id)), Rights: cleanLine(string(rights))})
		}
		sort.Slice(out.Entries, func(i, j int) bool { return out.Entries[i].ID < out.Entries[j].ID })
		return nil
	})
	return out, err
}

// MyRights runs MYRIGHTS alone, for the UI to disable what is forbidden.
func (s *Service) MyRights(ctx context.Context, name FolderName) (string, error) {
	var rights string
	err := s.do(ctx, func() error {
		c, err := s.aclClient()
		if err != nil {
			return err
		}
		d, err := c.MyRights(string(name)).Wait()
		if err != nil {
			return serverErr("MYRIGHTS "+cleanLine(name), err)
		}
		rights = cleanLine(string(d.Rights))
		return nil
	})
	return rights, err
}

// SetACL runs SETACL. rights may start with + or - to add or remove
// letters instead of replacing them, as RFC 4314 allows; an empty rights
// string removes every right of id, which is what DeleteACL sends.
func (s *Service) SetACL(ctx context.Context, name FolderName, id, rights string) error {
	mod := imap.RightModificationReplace
	switch {
	case strings.HasPrefix(rights, "+"):
		mod, rights = imap.RightModificationAdd, rights[1:]
	case strings.HasPrefix(rights, "-"):
		mod, rights = imap.RightModificationRemove, rights[1:]
	}
	return s.do(ctx, func() error {
		c, err := s.aclClient()
		if err != nil {
			return err
		}
		err = c.SetACL(string(name), imap.RightsIdentifier(id), mod, imap.RightSet(rights)).Wait()
		return serverErr("SETACL "+cleanLine(name), err)
	})
}

// DeleteACL removes id from a folder's ACL. go-imap has no DELETEACL, so
// it sends SETACL with an empty rights string, which RFC 4314 servers
// treat as removing the identifier's rights (Dovecot drops the entry).
func (s *Service) DeleteACL(ctx context.Context, name FolderName, id string) error {
	return s.SetACL(ctx, name, id, "")
}

// aclClient is the connection, where the server has ACL.
func (s *Service) aclClient() (*imapclient.Client, error) {
	c, err := s.client()
	if err == nil && !s.has(imap.CapACL) {
		err = ErrNoACL
	}
	return c, err
}
