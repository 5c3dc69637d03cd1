package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tern/imapsvc"
)

var inbox = imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, notice, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if notice != "" {
		t.Fatalf("fresh cache gave a notice: %s", notice)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func row(u imapsvc.UID, subject string) imapsvc.Row {
	return imapsvc.Row{UID: u, Subject: subject, From: "Ann <a@example.org>", FromAddr: "a@example.org",
		Date:  time.Date(2026, 12, 4, 10, 0, int(u%60), 0, time.FixedZone("", 3600)),
		Flags: imapsvc.Flags{Seen: u%2 == 0, Keywords: []string{"$work"}}}
}

func fill(t *testing.T, s *Store, mb imapsvc.Mailbox, n int) []imapsvc.UID {
	t.Helper()
	if _, err := s.Begin(mb.Name, mb.UIDValidity); err != nil {
		t.Fatal(err)
	}
	var uids []imapsvc.UID
	var rows []imapsvc.Row
	for u := imapsvc.UID(1); u <= imapsvc.UID(n); u++ {
		uids = append(uids, u)
		rows = append(rows, row(u, fmt.Sprintf("message %d", u)))
	}
	if err := s.SetUIDs(mb, uids); err != nil {
		t.Fatal(err)
	}
	if err := s.PutRows(mb, rows); err != nil {
		t.Fatal(err)
	}
	return uids
}

func TestRowsRoundTrip(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "tern", "a.db"))
	fill(t, s, inbox, 10)
	if err := s.PutDetails(inbox, []imapsvc.Row{{UID: 3, Size: 1234, Attachment: true}}); err != nil {
		t.Fatal(err)
	}
	// A later row without details keeps them.
	if err := s.PutRows(inbox, []imapsvc.Row{row(3, "again")}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFlags(inbox, []imapsvc.FlagUpdate{{UID: 4, Flags: imapsvc.Flags{Flagged: true}}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Rows(inbox, []imapsvc.UID{3, 4, 99})
	if err != nil {
		t.Fatal(err)
	}
	want3 := row(3, "again")
	want3.Size, want3.Attachment, want3.HasDetails = 1234, true, true
	if len(got) != 2 || !sameRow(got[0], want3) || !got[1].Flags.Flagged || got[1].Flags.Seen {
		t.Fatalf("rows = %+v", got)
	}
	if err := s.SetState(imapsvc.FolderName("INBOX"), FolderState{UIDValidity: 7, ModSeq: 42, UIDNext: 11}); err != nil {
		t.Fatal(err)
	}
	st, ok, err := s.Folder("INBOX")
	if err != nil || !ok || st.ModSeq != 42 || st.UIDNext != 11 {
		t.Fatalf("state %+v %v %v", st, ok, err)
	}
	if err := s.Remove(inbox, []imapsvc.UID{2, 5}); err != nil {
		t.Fatal(err)
	}
	uids, _ := s.UIDs(inbox)
	if !reflect.DeepEqual(uids, []imapsvc.UID{1, 3, 4, 6, 7, 8, 9, 10}) {
		t.Fatalf("uids after remove = %v", uids)
	}
	if r, _ := s.Rows(inbox, []imapsvc.UID{2}); len(r) != 0 {
		t.Fatalf("expunged row still cached: %+v", r)
	}
	// A new UID list drops rows of messages that went meanwhile.
	if err := s.SetUIDs(inbox, []imapsvc.UID{1, 3, 10, 11}); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := s.EachRow(inbox, func(r imapsvc.Row) { n++ }); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("%d rows after SetUIDs, want 3 (1, 3, 10)", n)
	}
}

func sameRow(a, b imapsvc.Row) bool {
	return a.Date.Equal(b.Date) && reflect.DeepEqual(a.Flags, b.Flags) && a.UID == b.UID &&
		a.From == b.From && a.FromAddr == b.FromAddr && a.Subject == b.Subject && a.Size == b.Size &&
		a.Attachment == b.Attachment && a.HasDetails == b.HasDetails
}

func TestUIDValidityChangeDropsFolder(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "a.db"))
	fill(t, s, inbox, 5)
	if err := s.PutBody(inbox, imapsvc.Message{UID: 2, Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	other := imapsvc.Mailbox{Name: "Archive", UIDValidity: 1}
	fill(t, s, other, 3)

	dropped, err := s.Begin("INBOX", 8)
	if err != nil || !dropped {
		t.Fatalf("Begin with a new UIDVALIDITY: dropped=%v err=%v", dropped, err)
	}
	if r, _ := s.Rows(inbox, []imapsvc.UID{1, 2}); len(r) != 0 {
		t.Fatalf("rows of the old UIDVALIDITY: %+v", r)
	}
	newer := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 8}
	if r, _ := s.Rows(newer, []imapsvc.UID{1, 2}); len(r) != 0 {
		t.Fatalf("old rows under the new UIDVALIDITY: %+v", r)
	}
	if _, ok, _ := s.Body(newer, 2); ok {
		t.Fatal("old body under the new UIDVALIDITY")
	}
	if n, _ := s.BodyBytes(); n != 0 {
		t.Fatalf("body bytes %d after the folder was dropped", n)
	}
	if u, _ := s.UIDs(newer); u != nil {
		t.Fatalf("uids under the new UIDVALIDITY: %v", u)
	}
	if r, _ := s.Rows(other, []imapsvc.UID{1, 2, 3}); len(r) != 3 {
		t.Fatalf("another folder lost its rows: %d", len(r))
	}
	if dropped, _ := s.Begin("INBOX", 8); dropped {
		t.Fatal("Begin with the same UIDVALIDITY dropped the folder")
	}
}

func TestBodiesBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, _, err := Open(path, Options{BodyLimit: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fill(t, s, inbox, 30)
	text := strings.Repeat("x", 1000)
	for u := imapsvc.UID(1); u <= 30; u++ {
		if err := s.PutBody(inbox, imapsvc.Message{UID: u, Subject: "s", Text: text}); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.BodyBytes(); n > 10_000 {
			t.Fatalf("after %d bodies %d bytes kept, over the bound", u, n)
		}
	}
	if _, ok, _ := s.Body(inbox, 1); ok {
		t.Fatal("the oldest body was not evicted")
	}
	m, ok, err := s.Body(inbox, 30)
	if err != nil || !ok || m.Text != text {
		t.Fatalf("newest body: ok=%v err=%v", ok, err)
	}
	// Reading again and storing again moves a body to the young end.
	if err := s.PutBody(inbox, imapsvc.Message{UID: 25, Text: text}); err != nil {
		t.Fatal(err)
	}
	for u := imapsvc.UID(31); u <= 38; u++ {
		s.PutBody(inbox, imapsvc.Message{UID: u, Text: text})
	}
	if _, ok, _ := s.Body(inbox, 25); !ok {
		t.Fatal("a body stored again was evicted as if old")
	}
	if err := s.PutBody(inbox, imapsvc.Message{UID: 1, Text: strings.Repeat("y", 20_000)}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Body(inbox, 1); ok {
		t.Fatal("a body larger than the bound was kept")
	}
}

func TestPermissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tern")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName("work"))
	open(t, path)
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %o, want %o", filepath.Base(p), fi.Mode().Perm(), want)
		}
	}
}

func TestFileNamePerAccount(t *testing.T) {
	for acct, want := range map[string]string{
		"work": "work.db", "me@example.org": "me%40example.org.db", "../x": "account-..%2fx.db", "": "account-.db",
	} {
		if got := FileName(acct); got != want {
			t.Errorf("FileName(%q) = %q, want %q", acct, got, want)
		}
	}
	if FileName("a/b") == FileName("a_b") {
		t.Error("two accounts share a file")
	}
}

func TestDir(t *testing.T) {
	env := map[string]string{"HOME": "/home/u"}
	get := func(k string) string { return env[k] }
	if d, _ := Dir(get); d != "/home/u/.cache/tern" {
		t.Errorf("Dir = %s", d)
	}
	env["XDG_CACHE_HOME"] = "/c"
	if d, _ := Dir(get); d != "/c/tern" {
		t.Errorf("Dir = %s", d)
	}
}

func TestClear(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tern")
	s, _, err := Open(filepath.Join(dir, "a.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := Clear(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("cache directory still there: %v", err)
	}
}

// TestStringsSanitizedOnRead: a cache file is outside tern; what it says
// is sanitized again before it can reach the terminal.
func TestStringsSanitizedOnRead(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "a.db"))
	fill(t, s, inbox, 1)
	evil := "\x1b]0;pwned\x07Hi\x1b[2J"
	r := row(1, evil)
	r.From, r.Flags.Keywords = evil, []string{evil}
	if err := s.PutRows(inbox, []imapsvc.Row{r}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutBody(inbox, imapsvc.Message{UID: 1, Subject: evil, Text: "a\x1b[31mred\n\tb"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Rows(inbox, []imapsvc.UID{1})
	m, _, _ := s.Body(inbox, 1)
	for _, str := range []string{got[0].Subject, got[0].From, got[0].Flags.Keywords[0], m.Subject, m.Text} {
		if strings.ContainsAny(str, "\x1b\x07") {
			t.Fatalf("escape sequence read back from the cache: %q", str)
		}
	}
}
