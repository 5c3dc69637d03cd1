package imapsvc

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/dovetest"
	"tern/internal/memtest"
)

var sentMsg = []byte("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: sent\r\n" +
	"Date: Fri, 04 Dec 2026 14:00:00 +0000\r\n\r\nThe Sent copy.\r\n")

// fetchAll reads every message of folder through another client: body,
// flags and internal date by UID.
func fetchAll(t *testing.T, c *imapclient.Client, folder string) map[UID]*imapclient.FetchMessageBuffer {
	t.Helper()
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	var all imap.SeqSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil && !strings.Contains(err.Error(), "No matching messages") {
		t.Fatal(err)
	}
	out := map[UID]*imapclient.FetchMessageBuffer{}
	for _, m := range msgs {
		out[UID(m.UID)] = m
	}
	c.Unselect().Wait()
	return out
}

func TestAppendEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Sent")
	s := connectMem(t, srv, nil)
	date := time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC)
	res, err := s.Append(testCtx(t), "Sent", []string{`\Seen`}, date, int64(len(sentMsg)), bytes.NewReader(sentMsg))
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Status(testCtx(t), "Sent")
	if err != nil {
		t.Fatal(err)
	}
	if res.Folder != "Sent" || res.UID == 0 || res.UIDValidity != st.UIDValidity {
		t.Fatalf("result %+v, folder UIDVALIDITY %d", res, st.UIDValidity)
	}
	got := fetchAll(t, srv.Dial(t), "Sent")
	m := got[res.UID]
	if len(got) != 1 || m == nil {
		t.Fatalf("Sent holds %d messages, none with UID %d", len(got), res.UID)
	}
	if !bytes.Equal(m.BodySection[0].Bytes, sentMsg) || !m.InternalDate.Equal(date) ||
		len(m.Flags) != 1 || m.Flags[0] != imap.FlagSeen {
		t.Errorf("stored %q flags %v date %v", m.BodySection[0].Bytes, m.Flags, m.InternalDate)
	}
}

// A reader that gives fewer or more bytes than announced stores nothing:
// the unfinished APPEND goes down with its connection.
func TestAppendWrongSizeStoresNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int64
	}{{"shorter", int64(len(sentMsg)) + 10}, {"longer", int64(len(sentMsg)) - 10}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := memtest.Start(t, memtest.Options{})
			srv.Create(t, "Sent")
			s := connectMem(t, srv, nil)
			_, err := s.Append(testCtx(t), "Sent", nil, time.Time{}, tc.size, bytes.NewReader(sentMsg))
			if err == nil || !strings.Contains(err.Error(), "nothing was stored") {
				t.Fatalf("err = %v", err)
			}
			if got := fetchAll(t, srv.Dial(t), "Sent"); len(got) != 0 {
				t.Fatalf("Sent holds %d messages", len(got))
			}
		})
	}
}

func TestAppendRefusals(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	s := connectMem(t, srv, nil)
	_, err := s.Append(testCtx(t), "Nowhere", nil, time.Time{}, int64(len(sentMsg)), bytes.NewReader(sentMsg))
	var se *ServerError
	if !errors.As(err, &se) || !strings.Contains(se.Op, "APPEND to Nowhere") {
		t.Errorf("missing folder: %v", err)
	}
	for _, flags := range [][]string{{`\Recent`}, {"a b"}, {"x)"}, {""}} {
		if _, err := s.Append(testCtx(t), "INBOX", flags, time.Time{}, int64(len(sentMsg)), bytes.NewReader(sentMsg)); err == nil {
			t.Errorf("flags %q accepted", flags)
		}
	}
	if _, err := s.Append(testCtx(t), "INBOX", nil, time.Time{}, 0, strings.NewReader("")); err == nil {
		t.Error("empty message accepted")
	}
	// The connection is still good.
	if _, err := s.Append(testCtx(t), "INBOX", []string{`\Draft`, "$Custom"}, time.Time{}, int64(len(sentMsg)), bytes.NewReader(sentMsg)); err != nil {
		t.Errorf("good append after refusals: %v", err)
	}
}

func TestPickSpecial(t *testing.T) {
	f := func(name, use string) Folder {
		return Folder{Name: FolderName(name), Display: name, Delim: "/", SpecialUse: use}
	}
	folders := []Folder{f("INBOX", ""), f("Sent Items", "Sent"), f("Gesendet", ""), f("Drafts", "Drafts"), f("Old/Sent", "")}
	for _, tc := range []struct {
		folders          []Folder
		role, configured string
		want             SpecialFolder
	}{
		{folders, "Sent", "Gesendet", SpecialFolder{Name: "Sent Items", Display: "Sent Items", Exists: true, By: "SPECIAL-USE"}},
		{folders[:1], "Sent", "", SpecialFolder{Name: "Sent", Display: "Sent", By: "fallback"}},
		{[]Folder{f("INBOX", ""), f("Gesendet", ""), f("Sent", "")}, "Sent", "Gesendet",
			SpecialFolder{Name: "Gesendet", Display: "Gesendet", Exists: true, By: "config"}},
		{[]Folder{f("INBOX", ""), f("Sent Messages", "")}, "Sent", "Missing",
			SpecialFolder{Name: "Sent Messages", Display: "Sent Messages", Exists: true, By: "name"}},
		{folders[:1], "Drafts", "Entwürfe", SpecialFolder{Name: "Entwürfe", Display: "Entwürfe", By: "fallback"}},
		{[]Folder{{Name: "Drafts", SpecialUse: "Drafts", NoSelect: true}}, "Drafts", "", SpecialFolder{Name: "Drafts", Display: "Drafts", By: "fallback"}},
	} {
		if got := pickSpecial(tc.folders, tc.role, tc.configured); got != tc.want {
			t.Errorf("%s (config %q): %+v, want %+v", tc.role, tc.configured, got, tc.want)
		}
	}
}

func TestFindSpecialEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Sent Items")
	srv.Create(t, "Brouillons")
	s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: srv.Username, Drafts: "Brouillons"}, Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), srv.Password); err != nil {
		t.Fatal(err)
	}
	sent, err := s.FindSpecial(testCtx(t), "Sent")
	if err != nil || sent.Name != "Sent Items" || sent.By != "name" {
		t.Errorf("Sent: %+v, %v", sent, err)
	}
	drafts, err := s.FindSpecial(testCtx(t), "Drafts")
	if err != nil || drafts.Name != "Brouillons" || drafts.By != "config" {
		t.Errorf("Drafts: %+v, %v", drafts, err)
	}
	if _, err := s.FindSpecial(testCtx(t), "Trash"); err == nil {
		t.Error("role Trash accepted")
	}
}

// TestDovecotAppendSentAndDrafts: Dovecot flags Sent and Drafts with
// SPECIAL-USE and answers APPENDUID; the copies land there with their
// flags.
func TestDovecotAppendSentAndDrafts(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	s := New(dovecotAccount(t, srv, SecurityTLS), Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ role, flag string }{{"Sent", `\Seen`}, {"Drafts", `\Draft`}} {
		sf, err := s.FindSpecial(testCtx(t), tc.role)
		if err != nil || !sf.Exists || sf.By != "SPECIAL-USE" || string(sf.Name) != tc.role {
			t.Fatalf("%s: %+v, %v", tc.role, sf, err)
		}
		res, err := s.Append(testCtx(t), sf.Name, []string{tc.flag}, time.Time{}, int64(len(sentMsg)), io.MultiReader(bytes.NewReader(sentMsg)))
		if err != nil {
			t.Fatal(err)
		}
		if res.UID == 0 || res.UIDValidity == 0 {
			t.Fatalf("%s: no APPENDUID: %+v", tc.role, res)
		}
		c, err := srv.Dial("alice")
		if err != nil {
			t.Fatal(err)
		}
		got := fetchAll(t, c, tc.role)
		c.Close()
		m := got[res.UID]
		if m == nil || !bytes.Equal(m.BodySection[0].Bytes, sentMsg) || !containsFlag(m.Flags, imap.Flag(tc.flag)) {
			t.Fatalf("%s: message %d not stored as sent (%d messages)", tc.role, res.UID, len(got))
		}
	}
}

func containsFlag(flags []imap.Flag, f imap.Flag) bool {
	for _, g := range flags {
		if g == f {
			return true
		}
	}
	return false
}
