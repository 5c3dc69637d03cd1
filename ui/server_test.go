package ui

import (
	"encoding/base64"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"golang.org/x/text/encoding/simplifiedchinese"

	"tern/imapsvc"
	"tern/internal/memtest"
)

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func plainMessage(i int) []byte {
	return []byte(fmt.Sprintf("From: Sender %d <s%d@example.org>\r\nTo: alice@example.org\r\n"+
		"Subject: Plain message %d\r\nDate: Sat, 01 Nov 2025 09:%02d:00 +0000\r\n"+
		"Message-ID: <%d@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello number %d.\r\n", i, i, i, i%60, i, i))
}

// TestServerFlow runs the UI against imapsvc.Service and go-imap's
// embedded server: open folders, scroll, and read a GBK message.
func TestServerFlow(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Archive")
	srv.Create(t, "Archive/2024")
	srv.Append(t, "Archive/2024", plainMessage(999))

	subject := "=?GBK?B?" + base64.StdEncoding.EncodeToString(gbk(t, "中文邮件测试")) + "?="
	body := base64.StdEncoding.EncodeToString(gbk(t, "你好，世界！这是一封用GBK编码的信。\n"))
	srv.Append(t, "INBOX", []byte("From: =?GBK?B?"+base64.StdEncoding.EncodeToString(gbk(t, "张三"))+"?= <zhang@example.cn>\r\n"+
		"To: alice@example.org\r\nSubject: "+subject+"\r\nDate: Sat, 01 Nov 2025 08:00:00 +0800\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: base64\r\n\r\n"+body+"\r\n"))
	for i := 1; i <= 60; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}

	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = "mem", srv.Password
	tm := runFlow(t, svc, opts)

	// The tree too: keys sent before LIST answers move nothing.
	waitScreen(t, tm, "Plain message 60", "INBOX [READ-WRITE]", "61 exists", "2024")

	// Open another folder from the tree, then come back to INBOX.
	send(tm, "tab", "j", "j", "enter")
	waitScreen(t, tm, "Archive/2024 [READ-WRITE]", "Plain message 999")
	send(tm, "tab", "k", "k", "enter")
	waitScreen(t, tm, "INBOX [READ-WRITE]")

	// Scroll to the oldest message, the GBK one, and read it.
	send(tm, "ctrl+d", "G")
	waitScreen(t, tm, "中文邮件测试", "张三")
	send(tm, "enter")
	waitScreen(t, tm, "你好，世界！这是一封用GBK编码的信。", "Subject: 中文邮件测试")
	send(tm, "esc")
	sendLine(tm, "capability")
	waitScreen(t, tm, "CAPABILITY", "IMAP4rev1")
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
