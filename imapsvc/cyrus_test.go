package imapsvc

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"tern/internal/cyrustest"
)

func cyrusAccount(t testing.TB, srv *cyrustest.Server, sec Security) Account {
	t.Helper()
	return serverAccount(t, srv.Addr, srv.TLSAddr, srv.CAFile, sec)
}

// TestCyrusBrowse: on the walk-through's Cyrus account the service lists the
// seed's "."-separated folders with counts, opens INBOX and fetches its rows
// and a message, over both implicit TLS and STARTTLS.
func TestCyrusBrowse(t *testing.T) {
	srv := cyrustest.Start(t, cyrustest.Options{})
	for _, sec := range []Security{SecurityTLS, SecurityStartTLS} {
		t.Run(string(sec), func(t *testing.T) {
			s, _ := tracedService(t, cyrusAccount(t, srv, sec), Options{})
			ctx := testCtx(t)
			sess, err := s.Connect(ctx, "secret")
			if err != nil {
				t.Fatal(err)
			}
			if sess.Insecure || !contains(sess.Caps, "IDLE") || !contains(sess.Caps, "QUOTA") {
				t.Fatalf("session = %+v", sess)
			}

			list, err := s.ListFolders(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range list.Folders {
				names = append(names, string(f.Name))
				if f.Delim != "." {
					t.Errorf("%s has delimiter %q, want .", f.Name, f.Delim)
				}
				if f.Name == "INBOX" && (f.Counts == nil || f.Counts.Messages != cyrustest.SeedMessages) {
					t.Errorf("INBOX counts = %+v, want %d messages", f.Counts, cyrustest.SeedMessages)
				}
			}
			want := append([]string{"INBOX"}, cyrustest.SeedFolders...)
			slices.Sort(names)
			slices.Sort(want)
			if !slices.Equal(names, want) {
				t.Fatalf("folders = %q, want %q", names, want)
			}

			sel, err := s.Select(ctx, "INBOX", false, 50)
			if err != nil {
				t.Fatal(err)
			}
			if sel.Exists != cyrustest.SeedMessages || len(sel.Newest) != cyrustest.SeedMessages {
				t.Fatalf("selection = %+v, want %d messages", sel, cyrustest.SeedMessages)
			}
			uids, err := s.UIDs(ctx, sel.Mailbox)
			if err != nil || len(uids.UIDs) != cyrustest.SeedMessages {
				t.Fatalf("UIDs = %+v, %v", uids, err)
			}
			rows, err := s.Rows(ctx, sel.Mailbox, 1, uids.UIDs)
			if err != nil || len(rows.Rows) != cyrustest.SeedMessages {
				t.Fatalf("rows = %+v, %v", rows, err)
			}
			for i, r := range rows.Rows {
				// Seeded in order: UID n holds Message(n-1).
				if want := fmt.Sprintf("Test message %d", r.UID-1); r.Subject != want || r.UID != uids.UIDs[i] {
					t.Errorf("row %d = UID %d %q, want %q", i, r.UID, r.Subject, want)
				}
			}
			msg, err := s.FetchMessage(ctx, sel.Mailbox, uids.UIDs[0], false)
			if err != nil {
				t.Fatal(err)
			}
			if msg.Subject != "Test message 0" || !strings.Contains(msg.Text, "Body of message 0.") {
				t.Fatalf("message = %q / %q", msg.Subject, msg.Text)
			}
		})
	}
}
