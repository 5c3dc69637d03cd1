package demo

import (
	"bytes"
	"io"
	"mime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/mail"
)

// testNow is the fixed base time of every test server.
func testNow() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) }

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := Start(Options{Now: testNow()})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// watchInbox logs in with INBOX selected and reports every EXISTS count
// the server sends.
func watchInbox(t *testing.T, s *Server) (*imapclient.Client, <-chan uint32) {
	t.Helper()
	exists := make(chan uint32, 8)
	c := dial(t, s, &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
	})
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	return c, exists
}

func dial(t *testing.T, s *Server, handler *imapclient.UnilateralDataHandler) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr, &imapclient.Options{
		WordDecoder:           &mime.WordDecoder{CharsetReader: charset.Reader},
		UnilateralDataHandler: handler,
	})
	if err != nil {
		t.Fatalf("dial %s: %v", s.Addr, err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	return c
}

func TestListShowsNestedFolders(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	boxes, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatalf("LIST: %v", err)
	}
	var names []string
	for _, b := range boxes {
		names = append(names, b.Mailbox)
		if b.Delim != '/' {
			t.Errorf("%s: delimiter %q, want '/'", b.Mailbox, b.Delim)
		}
	}
	want := Folders()
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("LIST names = %q, want %q", names, want)
	}
}

func TestFolderCounts(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	total := 0
	for _, name := range Folders() {
		st, err := c.Status(name, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			t.Fatalf("STATUS %s: %v", name, err)
		}
		if *st.NumMessages == 0 {
			t.Errorf("%s is empty", name)
		}
		total += int(*st.NumMessages)
	}
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatalf("SELECT INBOX: %v", err)
	}
	if sel.NumMessages != InboxMessages {
		t.Errorf("INBOX has %d messages, want %d", sel.NumMessages, InboxMessages)
	}
	if total < 400 {
		t.Errorf("%d messages in all, want several hundred", total)
	}
}

// inbox fetches every INBOX envelope, with flags, keyed by subject.
func inbox(t *testing.T, c *imapclient.Client) map[string]*imapclient.FetchMessageBuffer {
	t.Helper()
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatalf("SELECT INBOX: %v", err)
	}
	all, err := c.Fetch(allSeq(), &imap.FetchOptions{Envelope: true, Flags: true, UID: true}).Collect()
	if err != nil {
		t.Fatalf("FETCH: %v", err)
	}
	bySubject := map[string]*imapclient.FetchMessageBuffer{}
	for _, m := range all {
		bySubject[m.Envelope.Subject] = m
	}
	return bySubject
}

func allSeq() imap.SeqSet {
	var s imap.SeqSet
	s.AddRange(1, 0)
	return s
}

func TestEnvelopesDecodeLegacyCharsets(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	msgs := inbox(t, c)
	for _, tc := range []struct{ subject, fromName string }{
		{SubjectGBK, "王小明"},
		{SubjectGB2312, "李娜"},
		{SubjectBig5, "陳怡君"},
		{SubjectISO2022JP, "佐藤花子"},
		{SubjectLatin1, "François Lefèvre"},
	} {
		m, ok := msgs[tc.subject]
		if !ok {
			t.Errorf("no INBOX message with subject %q", tc.subject)
			continue
		}
		if len(m.Envelope.From) != 1 || m.Envelope.From[0].Name != tc.fromName {
			t.Errorf("%q: From = %+v, want name %q", tc.subject, m.Envelope.From, tc.fromName)
		}
	}
}

func TestRawSubjectIsEncodedWord(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	m := inbox(t, c)[SubjectGBK]
	if m == nil {
		t.Fatalf("GBK message not found")
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader,
		HeaderFields: []string{"Subject"}, Peek: true}
	got, err := c.Fetch(imap.UIDSetNum(m.UID), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil || len(got) != 1 {
		t.Fatalf("FETCH header: %v (%d messages)", err, len(got))
	}
	raw := string(got[0].FindBodySection(section))
	if !strings.Contains(raw, "=?GBK?B?") {
		t.Errorf("raw Subject %q is not a GBK encoded word", raw)
	}
}

func TestBodiesDecodeWithGoMessageCharset(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	msgs := inbox(t, c)
	for _, tc := range []struct{ subject, want string }{
		{SubjectGBK, "中文编码（GBK、GB2312、Big5）显示问题"},
		{SubjectGB2312, "川菜馆聚餐"},
		{SubjectBig5, "年度報告草稿"},
		{SubjectISO2022JP, "日本語メールの文字化け対策"},
		{SubjectLatin1, "déménagement du bureau de Genève"},
	} {
		m := msgs[tc.subject]
		if m == nil {
			t.Errorf("no message %q", tc.subject)
			continue
		}
		section := &imap.FetchItemBodySection{Peek: true}
		got, err := c.Fetch(imap.UIDSetNum(m.UID), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil || len(got) != 1 {
			t.Fatalf("FETCH %q: %v", tc.subject, err)
		}
		text := firstText(t, got[0].FindBodySection(section))
		if !strings.Contains(text, tc.want) {
			t.Errorf("%q: body %q does not contain %q", tc.subject, text, tc.want)
		}
	}
}

// firstText returns the first text part of a message, decoded to UTF-8 by
// go-message (transfer encoding and charset).
func firstText(t *testing.T, raw []byte) string {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse message: %v", err)
	}
	for {
		p, err := r.NextPart()
		if err != nil {
			t.Fatalf("no text part: %v", err)
		}
		if h, ok := p.Header.(*mail.InlineHeader); ok {
			if ct, _, _ := h.ContentType(); strings.HasPrefix(ct, "text/") {
				b, err := io.ReadAll(p.Body)
				if err != nil {
					t.Fatalf("read part: %v", err)
				}
				return string(b)
			}
		}
	}
}

func TestLongThread(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	all, err := c.Fetch(allSeq(), &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	replies := 0
	for _, m := range all {
		if strings.HasSuffix(m.Envelope.Subject, ": "+releaseTopic().subject) && len(m.Envelope.InReplyTo) == 1 {
			replies++
		}
	}
	if replies < 10 {
		t.Errorf("%d replies in the release thread in INBOX, want at least 10", replies)
	}
}

func TestDeliverGrowsExists(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c, exists := watchInbox(t, s)
	if err := s.Deliver(s.NextSample(0)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-exists:
		if n != InboxMessages+1 {
			t.Errorf("EXISTS %d, want %d", n, InboxMessages+1)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no EXISTS after Deliver")
	}
}

func TestMoveExpungesOnce(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	expunged := make(chan uint32, 8)
	c := dial(t, s, &imapclient.UnilateralDataHandler{
		Expunge: func(seq uint32) { expunged <- seq },
	})
	if !c.Caps().Has(imap.CapMove) {
		t.Fatal("MOVE not advertised")
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := c.Move(imap.SeqSetNum(5), "Archive").Wait()
	if err != nil {
		t.Fatalf("MOVE: %v", err)
	}
	if data == nil || data.DestUIDs == nil {
		t.Errorf("MOVE returned no COPYUID data: %+v", data)
	}
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	close(expunged)
	var got []uint32
	for seq := range expunged {
		got = append(got, seq)
	}
	if !slices.Equal(got, []uint32{5}) {
		t.Errorf("EXPUNGEs after MOVE = %v, want [5]", got)
	}
	st, err := c.Status("Archive", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || *st.NumMessages != 21 {
		t.Errorf("Archive after MOVE: %v, %v messages, want 21", err, st)
	}
}

func TestCloseStopsServer(t *testing.T) {
	t.Parallel()
	s, err := Start(Options{Now: testNow()})
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, s, nil)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-c.Closed():
	case <-time.After(5 * time.Second):
		t.Fatal("client still connected after Close")
	}
	if c2, err := imapclient.DialInsecure(s.Addr, nil); err == nil {
		c2.Close()
		t.Error("dial succeeded after Close")
	}
	if err := s.Deliver([]byte("Subject: x\r\n\r\n")); err == nil {
		t.Error("Deliver after Close succeeded")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, err := generate(testNow())
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate(testNow())
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		for j := range a[i].messages {
			if !bytes.Equal(a[i].messages[j].raw, b[i].messages[j].raw) {
				t.Fatalf("%s message %d differs between runs", a[i].name, j)
			}
		}
	}
	s := &Server{now: testNow()}
	seen := map[string]bool{}
	for i := range 12 {
		x, y := s.NextSample(i), s.NextSample(i)
		if !bytes.Equal(x, y) {
			t.Errorf("NextSample(%d) is not deterministic", i)
		}
		if seen[string(x)] {
			t.Errorf("NextSample(%d) repeats an earlier sample", i)
		}
		seen[string(x)] = true
		if _, err := mail.CreateReader(bytes.NewReader(x)); err != nil {
			t.Errorf("NextSample(%d) does not parse: %v", i, err)
		}
	}
}

func TestStartWithZeroOptions(t *testing.T) {
	t.Parallel()
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestFlagsMix(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	count := func(box string, criteria *imap.SearchCriteria) int {
		t.Helper()
		if _, err := c.Select(box, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatalf("EXAMINE %s: %v", box, err)
		}
		data, err := c.UIDSearch(criteria, nil).Wait()
		if err != nil {
			t.Fatalf("SEARCH %s: %v", box, err)
		}
		return len(data.AllUIDs())
	}
	flag := func(f imap.Flag) *imap.SearchCriteria { return &imap.SearchCriteria{Flag: []imap.Flag{f}} }
	unseen := count("INBOX", &imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}})
	if unseen < 5 || unseen > InboxMessages/4 {
		t.Errorf("INBOX has %d unseen messages, want a handful", unseen)
	}
	for _, tc := range []struct {
		box      string
		flag     imap.Flag
		min, max int
	}{
		{"INBOX", imap.FlagDeleted, 2, 2},
		{"INBOX", imap.FlagFlagged, 3, 40},
		{"INBOX", imap.FlagAnswered, 3, 40},
		{"INBOX", "$label1", 2, 30},
		{"Drafts", imap.FlagDraft, 3, 3},
		{"Sent", imap.FlagSeen, 10, 100},
	} {
		if n := count(tc.box, flag(tc.flag)); n < tc.min || n > tc.max {
			t.Errorf("%s: %d messages with %s, want %d to %d", tc.box, n, tc.flag, tc.min, tc.max)
		}
	}
}

// TestEveryMessageParses walks every part of every generated message with
// go-message, decoding transfer encodings and charsets, and asks the server
// for every BODYSTRUCTURE.
func TestEveryMessageParses(t *testing.T) {
	t.Parallel()
	folders, err := generate(testNow())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folders {
		for i, m := range f.messages {
			if m.date.After(testNow()) {
				t.Errorf("%s #%d is dated %v, after the base time", f.name, i, m.date)
			}
			e, err := message.Read(bytes.NewReader(m.raw))
			if err != nil {
				t.Fatalf("%s #%d: %v", f.name, i, err)
			}
			err = e.Walk(func(path []int, part *message.Entity, err error) error {
				if err != nil {
					return err
				}
				if part.MultipartReader() == nil {
					_, err = io.Copy(io.Discard, part.Body)
				}
				return err
			})
			if err != nil {
				t.Errorf("%s #%d: %v\n%s", f.name, i, err, m.raw)
			}
		}
	}

	s := startServer(t)
	c := dial(t, s, nil)
	for _, f := range folders {
		if _, err := c.Select(f.name, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatal(err)
		}
		msgs, err := c.Fetch(allSeq(), &imap.FetchOptions{BodyStructure: &imap.FetchItemBodyStructure{Extended: true}, Envelope: true}).Collect()
		if err != nil {
			t.Fatalf("FETCH BODYSTRUCTURE in %s: %v", f.name, err)
		}
		for _, m := range msgs {
			if m.BodyStructure == nil || m.Envelope == nil || len(m.Envelope.From) == 0 {
				t.Errorf("%s seq %d: missing BODYSTRUCTURE, ENVELOPE or From", f.name, m.SeqNum)
			}
		}
	}
}

// TestDeliverWakesIdle: mail delivered just before the client's IDLE,
// and each delivery during it, is announced with the right count (go-imap's
// own IDLE missed the first: internal/idlepoll).
func TestDeliverWakesIdle(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c, exists := watchInbox(t, s)
	delivered := 0
	deliver := func() {
		t.Helper()
		if err := s.Deliver(s.NextSample(delivered)); err != nil {
			t.Fatalf("Deliver: %v", err)
		}
		delivered++
	}
	deliver()
	idle, err := c.Idle()
	if err != nil {
		t.Fatalf("IDLE: %v", err)
	}
	select {
	case n := <-exists:
		if want := uint32(InboxMessages + delivered); n != want {
			t.Errorf("EXISTS %d, want %d", n, want)
		}
	case <-time.After(5 * time.Second): // bounds a failing test only
		t.Fatal("IDLE never announced the message delivered just before it")
	}
	for range 2 {
		deliver()
		select {
		case n := <-exists:
			if want := uint32(InboxMessages + delivered); n != want {
				t.Errorf("EXISTS %d, want %d", n, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no EXISTS during IDLE after delivery %d", delivered)
		}
	}
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestLiveReplyJoinsReleaseThread(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := dial(t, s, nil)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	all, err := c.Fetch(allSeq(), &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range all {
		ids[m.Envelope.MessageID] = true
	}
	r, err := mail.CreateReader(bytes.NewReader(s.NextSample(3)))
	if err != nil {
		t.Fatal(err)
	}
	parents, err := r.Header.MsgIDList("In-Reply-To")
	if err != nil || len(parents) != 1 {
		t.Fatalf("NextSample(3) In-Reply-To = %q, %v", parents, err)
	}
	if !ids[parents[0]] {
		t.Errorf("NextSample(3) answers %q, which is not in INBOX", parents[0])
	}
}
