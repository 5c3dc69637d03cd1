package imapsvc

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// Subscribed lists the subscribed folders: LIST (SUBSCRIBED) "" "*" on the
// main connection where LIST-EXTENDED is advertised, else LSUB "" "*" on the
// side connection (go-imap has no LSUB).
func (s *Service) Subscribed(ctx context.Context) (Subscriptions, error) {
	var out Subscriptions
	extended := false
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		if extended = s.has(imap.CapListExtended); !extended {
			return nil
		}
		list, err := c.List("", "*", &imap.ListOptions{SelectSubscribed: true}).Collect()
		if err != nil {
			return serverErr("LIST (SUBSCRIBED)", err)
		}
		out.Via = "LIST (SUBSCRIBED)"
		for _, d := range list {
			out.Names = append(out.Names, FolderName(d.Mailbox))
		}
		return nil
	})
	if err != nil || extended {
		return out, err
	}
	entries, err := s.sideLSUB(ctx)
	out.Via = "LSUB"
	for _, e := range entries {
		out.Names = append(out.Names, FolderName(e.Name))
	}
	return out, err
}

// moveSubscriptions makes the subscriptions follow a RENAME of from to to.
// Servers differ: Dovecot and Cyrus keep the old names subscribed (Cyrus
// as \NonExistent, children included) and leave the new ones unsubscribed;
// others move them. So tern compares the subscriptions before and after
// and fixes what is needed, for the folder and every descendant. INBOX
// stays (RENAME INBOX moves its messages, not the folder or its children).
func (s *Service) moveSubscriptions(ctx context.Context, before Subscriptions, from, to, delim string) error {
	inbox := strings.EqualFold(from, "INBOX")
	moved := map[string]string{}
	for _, name := range before.Names {
		n := string(name)
		switch {
		case n == from:
			moved[n] = to
		case !inbox && delim != "" && strings.HasPrefix(n, from+delim):
			moved[n] = to + n[len(from):]
		}
	}
	if len(moved) == 0 {
		return nil
	}
	after, err := s.Subscribed(ctx)
	if err != nil {
		return fmt.Errorf("RENAME done, but the subscriptions could not be checked: %w", err)
	}
	have := map[string]bool{}
	for _, n := range after.Names {
		have[string(n)] = true
	}
	olds := make([]string, 0, len(moved))
	for old := range moved {
		olds = append(olds, old)
	}
	sort.Strings(olds)
	var failed []string
	err = s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		for _, old := range olds {
			if nw := moved[old]; !have[nw] {
				if err := c.Subscribe(nw).Wait(); err != nil {
					failed = append(failed, serverErr("SUBSCRIBE "+cleanLine(nw), err).Error())
				}
			}
			// LSUB may hide a subscription to a name that no longer exists
			// (Cyrus does), so without LIST (SUBSCRIBED) it goes regardless.
			if !inbox && (have[old] || after.Via == "LSUB") {
				err := c.Unsubscribe(old).Wait()
				if err != nil && have[old] {
					failed = append(failed, serverErr("UNSUBSCRIBE "+cleanLine(old), err).Error())
				}
			}
		}
		return nil
	})
	if err == nil && len(failed) > 0 {
		err = fmt.Errorf("RENAME done, but moving the subscriptions failed: %s", strings.Join(failed, "; "))
	}
	return err
}
