package demo

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"tern/imapsvc"
)

// TestInternationalSamplesReadAsSent opens every international sample the
// way tern's viewer does, through imapsvc, and checks the body text: the
// first thing a user of the demo sees must not be mojibake.
func TestInternationalSamplesReadAsSent(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	host, portStr, err := net.SplitHostPort(s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(portStr)
	svc := imapsvc.New(imapsvc.Account{Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: s.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := svc.Connect(ctx, s.Password); err != nil {
		t.Fatal(err)
	}
	sel, err := svc.Select(ctx, "INBOX", true, 10)
	if err != nil {
		t.Fatal(err)
	}
	list, err := svc.UIDs(ctx, sel.Mailbox)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := svc.Rows(ctx, sel.Mailbox, 1, list.UIDs)
	if err != nil {
		t.Fatal(err)
	}
	bySubject := map[string]imapsvc.UID{}
	for _, r := range rows.Rows {
		bySubject[r.Subject] = r.UID
	}
	for _, tc := range []struct{ subject, want string }{
		{SubjectGBK, "中文编码（GBK、GB2312、Big5）显示问题"},
		{SubjectGB2312, "川菜馆聚餐"},
		{SubjectBig5, "年度報告草稿"},
		{SubjectISO2022JP, "日本語メールの文字化け対策"},
		{SubjectLatin1, "déménagement du bureau de Genève"},
	} {
		uid, ok := bySubject[tc.subject]
		if !ok {
			t.Errorf("no INBOX row with subject %q", tc.subject)
			continue
		}
		msg, err := svc.FetchMessage(ctx, sel.Mailbox, uid, false)
		if err != nil {
			t.Errorf("%q: %v", tc.subject, err)
			continue
		}
		if !strings.Contains(msg.Text, tc.want) {
			t.Errorf("%q: body does not contain %q:\n%s", tc.subject, tc.want, msg.Text)
		}
		if len(msg.Notes) > 0 {
			t.Errorf("%q: notes %q, want none", tc.subject, msg.Notes)
		}
	}
}
