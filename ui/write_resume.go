package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decodes non-UTF-8 file names
	"github.com/emersion/go-message/mail"

	"tern/compose"
	"tern/drafts"
	"tern/imapsvc"
	"tern/sanitize"
	uicompose "tern/ui/compose"
)

// maxResumeFiles bounds how many files one resumed draft may unpack.
const maxResumeFiles = 200

// fetchDraftFiles unpacks the attachments of a draft resumed from Drafts
// into the local draft's files directory, so that sending it (which
// removes the Drafts copy) does not lose them. The whole message is
// streamed (imapsvc caps it) and parsed on the fly; nothing is kept in
// memory beyond go-message's buffers.
func fetchDraftFiles(ctx context.Context, b imapsvc.Backend, dir, id string, mb imapsvc.Mailbox, uid imapsvc.UID) ([]compose.Attachment, error) {
	rf, ok := b.(uicompose.RawFetcher)
	if !ok {
		return nil, errors.New("this account cannot fetch the draft's attachments")
	}
	st, err := drafts.Open(dir)
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := rf.FetchMessageRaw(ctx, mb, uid, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	files, perr := unpackFiles(pr, st.FilesDir(id))
	// Read the rest, so the fetch never blocks on a parser that stopped.
	_, _ = io.Copy(io.Discard, pr)
	if ferr := <-done; ferr != nil {
		perr = ferr
	}
	if perr != nil {
		os.RemoveAll(st.FilesDir(id))
		return nil, perr
	}
	return files, nil
}

// unpackFiles writes each attachment part of the message in r as a 0600
// file in dir under its own (sanitized) name.
func unpackFiles(r io.Reader, dir string) ([]compose.Attachment, error) {
	mr, err := mail.CreateReader(r)
	if err != nil && !message.IsUnknownCharset(err) {
		return nil, fmt.Errorf("reading the draft: %w", err)
	}
	var out []compose.Attachment
	used := map[string]bool{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil && !message.IsUnknownCharset(err) {
			return nil, fmt.Errorf("reading the draft: %w", err)
		}
		name, typ, ok := fileOf(p.Header)
		if !ok {
			continue
		}
		if len(out) == maxResumeFiles {
			return nil, fmt.Errorf("the draft has more than %d attachments", maxResumeFiles)
		}
		if len(out) == 0 {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, err
			}
		}
		// As saving an attachment does: the last path component, no
		// control, format or escape characters, no leading dots.
		name = uniqueName(used, sanitize.Filename(name))
		path := filepath.Join(dir, name)
		if err := uicompose.WriteFile(path, func(w io.Writer) error {
			_, err := io.Copy(w, p.Body)
			return err
		}); err != nil {
			return nil, err
		}
		out = append(out, compose.Attachment{Path: path, Type: typ})
	}
}

// fileOf says whether a part is a file (an attachment, or an inline part
// that is not text, such as an image) and its name and type.
func fileOf(h mail.PartHeader) (name, typ string, ok bool) {
	var mh message.Header
	switch ph := h.(type) {
	case *mail.AttachmentHeader:
		mh = ph.Header
	case *mail.InlineHeader:
		mh = ph.Header
	default:
		return "", "", false
	}
	typ, params, _ := mh.ContentType()
	if typ == "" {
		typ = "text/plain"
	}
	disp, _, _ := mh.ContentDisposition()
	name, _ = (&mail.AttachmentHeader{Header: mh}).Filename()
	if name == "" {
		name = params["name"] // go-message decodes RFC 2047 and 2231 here too
	}
	switch {
	case disp == "attachment":
		return name, typ, true
	case strings.HasPrefix(typ, "text/"):
		// Text without a name, or shown inline, is the body.
		return name, typ, disp != "inline" && name != ""
	}
	return name, typ, true
}

// uniqueName keeps two parts of one name from overwriting each other.
func uniqueName(used map[string]bool, name string) string {
	out := name
	for i := 2; used[out]; i++ {
		ext := filepath.Ext(name)
		out = strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(i) + ext
	}
	used[out] = true
	return out
}
