package ui

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/emersion/go-message/mail"

	"tern/compose"
	"tern/imapsvc"
	uicompose "tern/ui/compose"
)

// Address completion in the review's To and Cc prompts: address_book_cmd
// and the addresses of the messages answered or forwarded this session.

const bookTimeout = 5 * time.Second

type addressesMsg struct {
	typed   string
	matches []uicompose.Contact
	err     error
}

// completeAddress asks the address book (in a Cmd) and the addresses seen.
func (m Model) completeAddress(typed string) tea.Cmd {
	query := uicompose.LastToken(typed)
	book, seen := m.write.book, m.write.seen.Contacts()
	return func() tea.Msg {
		var cs []uicompose.Contact
		var err error
		if book != "" && query != "" {
			cs, err = runAddressBook(book, query)
		}
		return addressesMsg{typed: typed, matches: uicompose.Match(append(cs, seen...), query), err: err}
	}
}

// runAddressBook runs address_book_cmd for query, bounded in time and in
// how much of its output is read.
func runAddressBook(cmd, query string) ([]uicompose.Contact, error) {
	ctx, cancel := context.WithTimeout(context.Background(), bookTimeout)
	defer cancel()
	c := exec.CommandContext(ctx, "sh", "-c", uicompose.BookCommand(cmd, query))
	var out capped
	out.max = uicompose.MaxBookOutput
	c.Stdout = &out
	err := c.Run()
	return uicompose.ParseAddressBook(out.Bytes()), err
}

// capped keeps the first max bytes written to it and drops the rest.
type capped struct {
	bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (m Model) addresses(msg addressesMsg) Model {
	switch {
	case len(msg.matches) == 0 && msg.err != nil:
		m.status = m.status.setNotice("address_book_cmd: "+errText(msg.err), true)
	case len(msg.matches) == 0:
		m.status = m.status.setNotice("no address matches", false)
	default:
		m.write.review = m.write.review.CompletedAddress(msg.typed, msg.matches[0])
		if len(msg.matches) > 1 {
			var names []string
			for _, c := range msg.matches[:min(len(msg.matches), 8)] {
				names = append(names, c.Display())
			}
			m.status = m.status.setNotice("also: "+strings.Join(names[1:], ", "), false)
		}
	}
	return m
}

// noteAddresses remembers the addresses of an original for completion.
func (m Model) noteAddresses(o compose.Original) Model {
	for _, l := range [][]*mail.Address{o.From, o.ReplyTo, o.To, o.Cc} {
		m.write.seen = m.write.seen.Add(l...)
	}
	return m
}

// noteShown remembers the addresses of a message shown in the viewer
// ("Name <addr>, ..." as imapsvc writes them; a list that does not parse
// is skipped).
func (m Model) noteShown(lists ...string) Model {
	for _, l := range lists {
		if as, err := mail.ParseAddressList(l); err == nil {
			m.write.seen = m.write.seen.Add(as...)
		}
	}
	return m
}

// noteRows remembers the senders of list rows (a window of the folder,
// so at most a few hundred at a time; Seen keeps the newest 500).
func (m Model) noteRows(rows []imapsvc.Row) Model {
	cs := make([]uicompose.Contact, 0, len(rows))
	for _, r := range rows {
		if r.FromAddr == "" {
			continue
		}
		c := uicompose.Contact{Addr: r.FromAddr}
		if r.From != r.FromAddr {
			c.Name = r.From // the short form: the display name
		}
		cs = append(cs, c)
	}
	m.write.seen = m.write.seen.AddContacts(cs...)
	return m
}
