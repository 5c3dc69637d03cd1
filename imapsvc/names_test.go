package imapsvc

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/memtest"
)

const hostileName = "Evil\x1b]0;pwned\x07\u009b31m\u202eName"

// unsafe reports terminal controls a display string must not hold.
func unsafe(s string) bool {
	return strings.ContainsAny(s, "\x1b\x07\u009b\u202e") || strings.Contains(s, "pwned")
}

// TestFolderNameForms: String is the display form, and fmt prints it for
// every string verb, so a FolderName formatted into a notice is safe.
func TestFolderNameForms(t *testing.T) {
	n := FolderName(hostileName)
	if n.String() != "EvilName" || n.Shown() {
		t.Fatalf("String = %q, Shown = %v", n.String(), n.Shown())
	}
	for _, verb := range []string{"%s", "%v", "%+v", "%q", "%10s"} {
		if got := fmt.Sprintf(verb, n); unsafe(got) || !strings.Contains(got, "EvilName") {
			t.Errorf("Sprintf(%s) = %q", verb, got)
		}
	}
	if got := fmt.Sprint("in ", n); got != "in EvilName" {
		t.Errorf("Sprint = %q", got)
	}
	if !FolderName("Archive/2024").Shown() || !FolderName("inbox").IsInbox() || FolderName("INBOX/x").IsInbox() {
		t.Error("Shown or IsInbox wrong for plain names")
	}
}

// TestHostileFolderEmbedded: LIST gives the raw name for commands and the
// sanitized one for the screen; the raw name works for SELECT and STATUS;
// errors that name a folder name it sanitized.
func TestHostileFolderEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, hostileName)
	srv.Append(t, hostileName, plainMessage(1))
	srv.Append(t, "INBOX", plainMessage(2))
	s := connectMem(t, srv, nil)
	ctx := testCtx(t)

	list, err := s.ListFolders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var f *Folder
	for i := range list.Folders {
		if list.Folders[i].Name == hostileName {
			f = &list.Folders[i]
		}
	}
	if f == nil || f.Display != "EvilName" {
		t.Fatalf("LIST = %+v, want the raw name with Display EvilName", list.Folders)
	}
	sel, err := s.Select(ctx, f.Name, false, 10)
	if err != nil || sel.Name != hostileName || sel.Exists != 1 {
		t.Fatalf("SELECT by the raw name: %+v, %v", sel.Mailbox, err)
	}
	st, err := s.Status(ctx, f.Name)
	if err != nil || st.Display != "EvilName" || st.Messages != 1 {
		t.Fatalf("STATUS = %+v, %v", st, err)
	}

	missing := FolderName("Nope\x1b]0;pwned\x07")
	if _, err := s.Select(ctx, missing, false, 10); err == nil || unsafe(err.Error()) {
		t.Errorf("SELECT of a missing hostile name: %q", err)
	}
	inbox, err := s.Select(ctx, "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Move(ctx, inbox.Mailbox, []UID{1}, missing)
	var tc *TryCreateError
	if !errors.As(err, &tc) || unsafe(err.Error()) || tc.Folder != "Nope" {
		t.Errorf("MOVE to a missing hostile name: %#v", err)
	}
}

// TestControlDelimiter: a hierarchy delimiter the screen cannot show is
// taken as none, so the UI never splits on it or prints it.
func TestControlDelimiter(t *testing.T) {
	for delim, want := range map[rune]string{'/': "/", '.': ".", 0x1b: "", 0x07: "", '\t': "", 0x9b: "", 0: ""} {
		f := toFolder(&imap.ListData{Mailbox: "a" + string(delim) + "b", Delim: delim})
		if f.Delim != want {
			t.Errorf("delimiter %q: Delim = %q, want %q", delim, f.Delim, want)
		}
	}
}
