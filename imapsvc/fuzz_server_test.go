package imapsvc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// A script is what a fake server answers: chunks separated by "\n--\n".
// The first chunk is the greeting; each line the client sends gets the
// next chunk, with every "$" replaced by that line's tag (after DONE: by
// the tag of the IDLE it ends). When the chunks
// run out, or the client stays quiet for a moment, the server hangs up.
const chunkSep = "\n--\n"

// maxScript bounds a fuzz input: larger ones only cost time.
const maxScript = 64 << 10

// scriptServer serves one connection on a loopback port from script and
// returns its port and a channel closed when it is done.
func scriptServer(t *testing.T, script []byte) (int, <-chan struct{}) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer ln.Close()
		ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
		conn, err := ln.Accept()
		ln.Close() // a reconnect try finds nobody
		if err != nil {
			return
		}
		defer conn.Close()
		chunks := bytes.Split(script, []byte(chunkSep))
		conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := conn.Write(chunks[0]); err != nil {
			return
		}
		r := bufio.NewReader(conn)
		tag := ""
		for _, chunk := range chunks[1:] {
			conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			// DONE ends IDLE, whose tag the answer carries.
			if word, _, _ := strings.Cut(line, " "); strings.TrimSpace(word) != "DONE" {
				tag = word
			}
			if _, err := conn.Write(bytes.ReplaceAll(chunk, []byte("$"), []byte(tag))); err != nil {
				return
			}
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, done
}

// checkClean fails when s could do anything on a terminal but print: a
// control byte or rune, a bidi control, or invalid UTF-8.
func checkClean(t *testing.T, where, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", where, s)
	}
	for _, r := range s {
		if r == '\n' && where == "FetchMessage.Text" {
			continue // a message body keeps its lines
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x061c || r == 0x200e || r == 0x200f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("%s holds control %U: %q", where, r, s)
		}
	}
}

// checkStrings checks every string in v, except folder names (Name), which
// keep the server's raw form for commands.
func checkStrings(t *testing.T, where string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		checkClean(t, where, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkStrings(t, where, v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			checkStrings(t, fmt.Sprintf("%s[%d]", where, i), v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			checkStrings(t, fmt.Sprintf("%s[%v]", where, k), v.MapIndex(k))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			switch {
			case !f.IsExported(), f.Name == "Name":
				continue
			}
			checkStrings(t, where+"."+f.Name, v.Field(i))
		}
	}
}

// checkAnswer checks a result and its error.
func checkAnswer(t *testing.T, op string, res any, err error) {
	t.Helper()
	checkStrings(t, op, reflect.ValueOf(res))
	if err != nil {
		checkClean(t, op+" error", err.Error())
	}
}

// runScript drives a Service through connect, select, the UID list, rows,
// details and one message against a server that answers from script.
func runScript(t *testing.T, script []byte) {
	port, served := scriptServer(t, script)
	s := New(Account{Host: "127.0.0.1", Port: port, Security: SecurityPlain, Username: "u"},
		Options{EventBuffer: 4, Live: LiveOptions{Rand: func() float64 { return 0 }}})
	s.ownTimeout = 2 * time.Second
	events := make(chan struct{})
	go func() {
		defer close(events)
		for {
			select {
			case ev := <-s.Events():
				checkStrings(t, fmt.Sprintf("%T", ev), reflect.ValueOf(ev))
				for _, err := range []error{errOf(ev)} {
					if err != nil {
						checkClean(t, fmt.Sprintf("%T error", ev), err.Error())
					}
				}
			case <-served:
				return
			}
		}
	}()
	step := func(op string, fn func(ctx context.Context) (any, error)) bool {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		res, err := fn(ctx)
		checkAnswer(t, op, res, err)
		return err == nil
	}
	var mb Mailbox
	var uids []UID
	_ = step("Connect", func(ctx context.Context) (any, error) { return s.Connect(ctx, "pw") }) &&
		step("Select", func(ctx context.Context) (any, error) {
			sel, err := s.Select(ctx, "INBOX", false, 10)
			mb = sel.Mailbox
			return sel, err
		}) &&
		step("UIDs", func(ctx context.Context) (any, error) {
			l, err := s.UIDs(ctx, mb)
			uids = l.UIDs[:min(len(l.UIDs), 10)]
			return l, err
		}) &&
		step("Rows", func(ctx context.Context) (any, error) { return s.Rows(ctx, mb, 1, uids) }) &&
		step("Details", func(ctx context.Context) (any, error) { return s.Details(ctx, mb, 2, uids) }) &&
		len(uids) > 0 &&
		step("FetchMessage", func(ctx context.Context) (any, error) { return s.FetchMessage(ctx, mb, uids[0], false) })
	s.Close()
	<-served
	<-events
}

func errOf(ev Event) error {
	switch e := ev.(type) {
	case StateChanged:
		return e.Err
	case Reconnecting:
		return e.Err
	}
	return nil
}

// FuzzServerResponses feeds arbitrary server responses to go-imap's client
// and tern's processing of them: nothing may panic, every step ends within
// its deadline, and every string tern hands out is sanitized.
func FuzzServerResponses(f *testing.F) {
	for _, s := range serverSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, script []byte) {
		if len(script) > maxScript {
			return
		}
		finished := make(chan struct{})
		go func() {
			defer close(finished)
			runScript(t, script)
		}()
		select {
		case <-finished:
		case <-time.After(60 * time.Second):
			t.Fatal("the service hung on this script")
		}
	})
}

// TestFuzzSeedsReachRows: the main seed is a whole session, so the fuzzer
// starts from one that gets as far as a message.
func TestFuzzSeedsReachRows(t *testing.T) {
	port, served := scriptServer(t, []byte(serverSeeds()[0]))
	s := New(Account{Host: "127.0.0.1", Port: port, Security: SecurityPlain, Username: "u"}, Options{})
	defer func() { s.Close(); <-served }()
	ctx := testCtx(t)
	sel := connectInbox(t, s, "pw")
	if len(sel.Newest) != 2 || sel.Newest[1].Subject != "hello world" {
		t.Fatalf("newest rows: %+v", sel.Newest)
	}
	if l, err := s.UIDs(ctx, sel.Mailbox); err != nil || len(l.UIDs) != 2 {
		t.Fatalf("UIDs: %+v, %v", l, err)
	}
	if l, err := s.Rows(ctx, sel.Mailbox, 1, []UID{3, 8}); err != nil || len(l.Rows) != 2 {
		t.Fatalf("Rows: %+v, %v", l, err)
	}
	if l, err := s.Details(ctx, sel.Mailbox, 2, []UID{3, 8}); err != nil || len(l.Rows) != 2 {
		t.Fatalf("Details: %+v, %v", l, err)
	}
	if m, err := s.FetchMessage(ctx, sel.Mailbox, 3, false); err != nil || m.Text == "" {
		t.Fatalf("FetchMessage: %+v, %v", m, err)
	}
}
