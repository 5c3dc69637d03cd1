package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Folder management: CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE and
// the subscribed list. Names are the server's own (Unicode); go-imap
// encodes them in modified UTF-7 on the wire.

// Delimiter asks the server for its hierarchy delimiter (LIST "" "").
func (s *Service) Delimiter(ctx context.Context) (string, error) {
	var delim string
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		delim, err = s.delimiter(c)
		return err
	})
	return delim, err
}

func (s *Service) delimiter(c *imapclient.Client) (string, error) {
	list, err := c.List("", "", nil).Collect()
	if err != nil {
		return "", serverErr("LIST", err)
	}
	if len(list) == 0 || list[0].Delim == 0 {
		return "", nil
	}
	return string(list[0].Delim), nil
}

// Create creates name and every missing parent on the way, so "A/B/C"
// gives a hierarchy whatever the server would do with a bare CREATE.
// Parents that exist already are fine; the last level must be new.
func (s *Service) Create(ctx context.Context, folder FolderName) error {
	name := string(folder)
	return s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		delim, err := s.delimiter(c)
		if err != nil {
			return err
		}
		if delim != "" {
			name = strings.TrimSuffix(name, delim)
		}
		if name == "" {
			return errors.New("CREATE needs a folder name")
		}
		parts := []string{name}
		if delim != "" {
			parts = strings.Split(name, delim)
		}
		for i := 1; i < len(parts); i++ {
			parent := strings.Join(parts[:i], delim)
			if !s.exists(c, parent) {
				if err := c.Create(parent, nil).Wait(); err != nil {
					return serverErr("CREATE "+cleanLine(parent), err)
				}
				_ = c.Subscribe(parent).Wait() // as the leaf below
			}
		}
		if err := c.Create(name, nil).Wait(); err != nil {
			return serverErr("CREATE "+cleanLine(name), err)
		}
		// New folders are subscribed, as aerc and NeoMutt users expect to
		// see them in the subscribed view.
		if err := c.Subscribe(name).Wait(); err != nil {
			s.log.Warn("SUBSCRIBE after CREATE", "err", err)
		}
		return nil
	})
}

// exists reports whether LIST finds name itself (not a \NonExistent
// placeholder).
func (s *Service) exists(c *imapclient.Client, name string) bool {
	list, err := c.List("", name, nil).Collect()
	if err != nil {
		return false
	}
	for _, d := range list {
		if d.Mailbox == name {
			for _, a := range d.Attrs {
				if a == imap.MailboxAttrNonExistent || a == imap.MailboxAttrNoSelect {
					return false
				}
			}
			return true
		}
	}
	return false
}

// Delete deletes one folder. A server that refuses (children, INBOX...)
// answers with its own text. Deleting the open folder leaves no folder
// open.
func (s *Service) Delete(ctx context.Context, folder FolderName) error {
	name := string(folder)
	return s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		if kids := s.children(c, name); len(kids) > 0 {
			return &ChildrenError{Name: cleanLine(name), Children: kids}
		}
		if err := s.leaveIfOpen(c, name); err != nil {
			return err
		}
		if err := c.Delete(name).Wait(); err != nil {
			return serverErr("DELETE "+cleanLine(name), err)
		}
		_ = c.Unsubscribe(name).Wait() // a subscription to nothing helps nobody
		return nil
	})
}

// Rename renames a folder, which may move it under another parent.
// Renaming the open folder leaves it closed; the UI opens it again under
// its new name. Servers differ on subscriptions (subscribed.go), so tern
// moves them itself, for the folder and every folder under it.
func (s *Service) Rename(ctx context.Context, fromName, toName FolderName) error {
	from, to := string(fromName), string(toName)
	before, subErr := s.Subscribed(ctx)
	var delim string
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		if delim, err = s.delimiter(c); err != nil {
			return err
		}
		if err := s.leaveIfOpen(c, from); err != nil {
			return err
		}
		if err := c.Rename(from, to, nil).Wait(); err != nil {
			return serverErr("RENAME "+cleanLine(from), err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if subErr != nil {
		return fmt.Errorf("RENAME done, but the subscriptions could not be checked: %w", subErr)
	}
	return s.moveSubscriptions(ctx, before, from, to, delim)
}

// Subscribe sends SUBSCRIBE, or UNSUBSCRIBE when on is false.
func (s *Service) Subscribe(ctx context.Context, folder FolderName, on bool) error {
	name := string(folder)
	return s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		if on {
			return serverErr("SUBSCRIBE "+cleanLine(name), c.Subscribe(name).Wait())
		}
		return serverErr("UNSUBSCRIBE "+cleanLine(name), c.Unsubscribe(name).Wait())
	})
}

// leaveIfOpen closes the open folder when it is name, so DELETE and RENAME do
// not act on a selected folder (Dovecot refuses, others misbehave).
func (s *Service) leaveIfOpen(c *imapclient.Client, name string) error {
	if s.sel == nil || string(s.sel.Name) != name {
		return nil
	}
	if s.has(imap.CapUnselect) {
		if err := c.Unselect().Wait(); err != nil {
			return serverErr("UNSELECT", err)
		}
	}
	s.sel = nil
	s.emit(StateChanged{State: StateAuthenticated})
	return nil
}

// ChildrenError refuses to DELETE a folder that has subfolders. Servers
// differ (Dovecot deletes the parent and leaves its children under a
// \NoSelect name), so tern refuses first and explains.
type ChildrenError struct {
	Name     string
	Children []string // sanitized
}

func (e *ChildrenError) Error() string {
	return fmt.Sprintf("DELETE %s: it has subfolders (%s); delete them first", e.Name, strings.Join(e.Children, ", "))
}

// children lists the direct subfolders of name.
func (s *Service) children(c *imapclient.Client, name string) []string {
	delim, err := s.delimiter(c)
	if err != nil || delim == "" {
		return nil
	}
	list, err := c.List("", name+delim+"%", nil).Collect()
	if err != nil {
		return nil
	}
	var out []string
	for _, d := range list {
		out = append(out, cleanLine(d.Mailbox))
	}
	return out
}
