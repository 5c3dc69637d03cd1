package cyrustest

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"

	"tern/internal/servertest"
)

// provision sets up the accounts as an administrator would: each user's
// INBOX (user.NAME) with its quota, then the first user's folders, the
// share with the second user, subscriptions and a few messages.
func (s *Server) provision(opts Options) error {
	admin, err := s.Dial(Admin)
	if err != nil {
		return err
	}
	defer admin.Close()
	for _, u := range s.Users {
		box := "user." + u.Name
		if err := admin.Create(box, nil).Wait(); err != nil {
			return fmt.Errorf("CREATE %s: %v", box, err)
		}
		limits := map[imap.QuotaResourceType]int64{imap.QuotaResourceStorage: opts.QuotaStorageKB}
		if err := admin.SetQuota(box, limits).Wait(); err != nil {
			return fmt.Errorf("SETQUOTA %s: %v", box, err)
		}
	}
	first := s.Users[0].Name
	for _, f := range SeedFolders {
		box := adminName(first, f)
		if err := admin.Create(box, nil).Wait(); err != nil {
			return fmt.Errorf("CREATE %s: %v", box, err)
		}
	}
	if len(s.Users) > 1 {
		box, who := adminName(first, SharedFolder), imap.RightsIdentifier(s.Users[1].Name)
		err := admin.SetACL(box, who, imap.RightModificationReplace, imap.RightSet(SharedRights)).Wait()
		if err != nil {
			return fmt.Errorf("SETACL %s %s: %v", box, who, err)
		}
	}
	if err := admin.Logout().Wait(); err != nil {
		return err
	}

	c, err := s.Dial(first)
	if err != nil {
		return err
	}
	defer c.Close()
	for _, f := range append([]string{"INBOX"}, SeedFolders...) {
		if err := c.Subscribe(f).Wait(); err != nil {
			return fmt.Errorf("SUBSCRIBE %s: %v", f, err)
		}
	}
	if !opts.NoMessages {
		for i := range SeedMessages {
			if err := servertest.Append(c, "INBOX", Message(i)); err != nil {
				return fmt.Errorf("APPEND: %v", err)
			}
		}
	}
	return c.Logout().Wait()
}

// adminName is the name the admin uses for a user's folder: INBOX.test1 of
// alice is user.alice.test1.
func adminName(user, folder string) string {
	return "user." + user + strings.TrimPrefix(folder, "INBOX")
}
