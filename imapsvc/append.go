package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// maxAppendSize bounds one APPEND: a message tern wrote itself, so this
// only catches a wrong size before the server is asked to take it.
const maxAppendSize = 512 << 20

// appendTimeout bounds an APPEND whose caller set no deadline: a minute,
// plus a second for every 100 KiB of the message.
func appendTimeout(size int64) time.Duration {
	return time.Minute + time.Duration(size/(100<<10))*time.Second
}

// AppendResult answers Append. UID is 0 when the server does not report
// it (no UIDPLUS); the message is in the folder all the same.
type AppendResult struct {
	Folder      FolderName
	UIDValidity uint32
	UID         UID
}

// Append stores a message of exactly size bytes, read from r, in folder
// with flags (e.g. \Seen for the Sent copy, \Draft for a draft) and the
// internal date date (zero: the server's now). It runs on the owner
// goroutine like every command; r is read there, so it must not block
// (a file or a buffer). When r yields fewer or more bytes than size, the
// APPEND is abandoned by dropping the connection, so the server stores
// nothing; the service reconnects as after any cut.
func (s *Service) Append(ctx context.Context, folder FolderName, flags []string, date time.Time, size int64, r io.Reader) (AppendResult, error) {
	out := AppendResult{Folder: folder}
	if size <= 0 || size > maxAppendSize {
		return out, fmt.Errorf("APPEND: a message of %d bytes cannot be stored (at most %s)", size, sizeText(maxAppendSize))
	}
	if err := checkAppendFlags(flags); err != nil {
		return out, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, appendTimeout(size))
		defer cancel()
	}
	opts := &imap.AppendOptions{Time: date}
	for _, f := range flags {
		opts.Flags = append(opts.Flags, imap.Flag(f))
	}
	what := "APPEND to " + cleanLine(folder)
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		caps := s.liveCaps()
		if limit, ok := caps.AppendLimit(); ok && limit != nil && size > int64(*limit) {
			return fmt.Errorf("%s: the message is %s; the server takes at most %s", what, sizeText(size), sizeText(int64(*limit)))
		}
		cmd := c.Append(string(folder), size, opts)
		n, werr := io.Copy(cmd, io.LimitReader(r, size))
		if werr == nil && n == size {
			// One byte more than announced would have been cut off.
			var one [1]byte
			if m, _ := io.ReadFull(r, one[:]); m > 0 {
				werr = errors.New("the message is longer than its announced size")
			}
		} else if werr == nil {
			werr = fmt.Errorf("the message ended after %d of %d bytes", n, size)
		}
		if werr != nil {
			// The literal is unfinished or wrong: only a closed connection
			// makes sure the server stores nothing.
			s.hung.close(fmt.Errorf("%s abandoned: %w", what, werr))
			cmd.Close()
			cmd.Wait()
			return fmt.Errorf("%s: %w; nothing was stored", what, werr)
		}
		if err := cmd.Close(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		data, err := cmd.Wait()
		if err != nil {
			return serverErr(what, err)
		}
		out.UIDValidity, out.UID = data.UIDValidity, UID(data.UID)
		return nil
	})
	return out, err
}

// SpecialFolder answers FindSpecial: where mail of a role goes.
type SpecialFolder struct {
	Name    FolderName
	Display string // sanitized
	// Exists is false when no folder has the role or the configured or
	// usual name: Name is then the fallback ("Sent", "Drafts"), which
	// an APPEND would have to CREATE first.
	Exists bool
	// By says how it was found: "SPECIAL-USE", "config", "name" (a
	// usual name such as "Sent Items") or "fallback".
	By string
}

// FindSpecial finds the folder for role "Sent" or "Drafts": the one the
// server flags \Sent or \Drafts (SPECIAL-USE), else the configured
// sent_folder or drafts_folder if it exists, else a folder with a usual
// name, else the fallback name.
func (s *Service) FindSpecial(ctx context.Context, role string) (SpecialFolder, error) {
	var configured string
	switch role {
	case "Sent":
		configured = s.acct.Sent
	case "Drafts":
		configured = s.acct.Drafts
	default:
		return SpecialFolder{}, fmt.Errorf("no special folder role %q", cleanLine(role))
	}
	var list []*imap.ListData
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		list, err = c.List("", "*", &imap.ListOptions{ReturnSpecialUse: s.has(imap.CapSpecialUse)}).Collect()
		return serverErr("LIST", err)
	})
	if err != nil {
		return SpecialFolder{}, err
	}
	folders := make([]Folder, 0, len(list))
	for _, d := range list {
		folders = append(folders, toFolder(d))
	}
	return pickSpecial(folders, role, configured), nil
}

// pickSpecial applies FindSpecial's order to a LIST answer.
func pickSpecial(folders []Folder, role, configured string) SpecialFolder {
	found := func(f Folder, by string) SpecialFolder {
		return SpecialFolder{Name: f.Name, Display: f.Display, Exists: true, By: by}
	}
	for _, f := range folders {
		if f.SpecialUse == role && !f.NoSelect {
			return found(f, "SPECIAL-USE")
		}
	}
	if configured != "" {
		for _, f := range folders {
			if string(f.Name) == configured && !f.NoSelect {
				return found(f, "config")
			}
		}
	}
	// guessSpecialUse knows the usual names; INBOX.Sent counts as Sent.
	for _, f := range folders {
		if !f.NoSelect && guessSpecialUse(string(f.Name), f.Delim) == role {
			return found(f, "name")
		}
	}
	name := role
	if configured != "" {
		name = configured
	}
	return SpecialFolder{Name: FolderName(name), Display: cleanLine(name), By: "fallback"}
}

// checkAppendFlags refuses \Recent, which only the server sets, and
// anything that is not one atom.
func checkAppendFlags(flags []string) error {
	for _, f := range flags {
		if f == "" || strings.EqualFold(f, `\Recent`) || strings.ContainsFunc(f, func(r rune) bool {
			return r <= ' ' || r >= 0x7f || strings.ContainsRune(`()[]{%*"`, r)
		}) {
			return fmt.Errorf("APPEND: flag %q cannot be set", cleanLine(f))
		}
	}
	return nil
}
