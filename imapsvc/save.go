package imapsvc

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// progressEvery is how many bytes SavePart writes between SaveProgress events.
const progressEvery = 256 << 10

// SavePart streams one part's body, transfer encoding undone, into the file
// path, reporting progress as SaveProgress events with the given id. The
// part is written to a temporary file next to path first, so a failed save
// leaves nothing half-written under the name. Unless overwrite is set an
// existing file is never replaced: the answer is then an error for which
// errors.Is(err, fs.ErrExist) holds. It returns the bytes written.
func (s *Service) SavePart(ctx context.Context, mb Mailbox, uid UID, part PartInfo, path string, overwrite bool, id int) (int64, error) {
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return 0, fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
	}
	sec, err := parseSection(part.Section)
	if err != nil {
		return 0, err
	}
	var written int64
	err = s.onMessage(ctx, mb, uid, func(c *imapclient.Client, set imap.UIDSet) error {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".tern-save-*")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		written, err = s.streamPart(c, set, sec, part.Encoding, tmp, id)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if overwrite {
			return os.Rename(tmp.Name(), path)
		}
		return placeNew(tmp.Name(), path, os.Link)
	})
	return written, err
}

// placeNew puts the finished temporary file tmp at path, which must not
// exist: a file that appeared meanwhile is never replaced unasked. A hard
// link does that atomically; on filesystems without hard links (vfat,
// exFAT, some network mounts) the bytes are copied into a file created
// exclusively (O_EXCL) instead. link is os.Link; tests make it fail.
func placeNew(tmp, path string, link func(oldname, newname string) error) error {
	err := link(tmp, path)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	src, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		return err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // created above by this call, so nobody else's file
		return err
	}
	return nil
}

// streamPart copies the part into w: BINARY.PEEK where advertised (the
// server decodes), else BODY.PEEK decoded here. A server that cannot
// decode the part for BINARY gets a second try with BODY.
func (s *Service) streamPart(c *imapclient.Client, set imap.UIDSet, sec []int, encoding string, w *os.File, id int) (int64, error) {
	if s.has(imap.CapBinary) {
		opts := &imap.FetchOptions{UID: true, BinarySection: []*imap.FetchItemBinarySection{{Part: sec, Peek: true}}}
		n, err := s.streamFetch(c, set, opts, "", w, id)
		if err == nil {
			return n, nil
		}
		s.log.Info("BINARY fetch failed, using BODY", "err", err)
		if _, serr := w.Seek(0, io.SeekStart); serr != nil {
			return 0, serr
		}
		if terr := w.Truncate(0); terr != nil {
			return 0, terr
		}
	}
	opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Part: sec, Peek: true}}}
	return s.streamFetch(c, set, opts, encoding, w, id)
}

func (s *Service) streamFetch(c *imapclient.Client, set imap.UIDSet, opts *imap.FetchOptions, encoding string, w io.Writer, id int) (int64, error) {
	cmd := c.Fetch(set, opts)
	var written int64
	var copyErr error
	found := false
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		for item := msg.Next(); item != nil; item = msg.Next() {
			var lit imap.LiteralReader
			switch it := item.(type) {
			case imapclient.FetchItemDataBinarySection:
				lit = it.Literal
			case imapclient.FetchItemDataBodySection:
				lit = it.Literal
			}
			if lit == nil || found {
				continue
			}
			found = true
			pr := &progressReader{r: lit, total: lit.Size(), id: id, emit: s.emit}
			written, copyErr = io.Copy(w, decoder(pr, encoding))
			pr.report()
		}
	}
	if err := cmd.Close(); err != nil {
		return written, serverErr("UID FETCH", err)
	}
	if copyErr != nil {
		return written, fmt.Errorf("decoding the part: %w", copyErr)
	}
	if !found {
		return 0, errors.New("the server sent no body for that part")
	}
	return written, nil
}

func decoder(r io.Reader, encoding string) io.Reader {
	switch strings.ToLower(encoding) {
	case "base64":
		// The decoder skips line breaks itself.
		return base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// progressReader counts the bytes read from the server and reports them.
type progressReader struct {
	r           io.Reader
	done, total int64
	last        int64
	id          int
	emit        func(Event)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.done-p.last >= progressEvery {
		p.report()
	}
	return n, err
}

func (p *progressReader) report() {
	p.last = p.done
	p.emit(SaveProgress{ID: p.id, Done: p.done, Total: p.total})
}

// parseSection turns "1.2" into [1 2]; "" (a whole multipart message) is
// refused: only parts are saved.
func parseSection(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ".") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("not a part number: %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}
