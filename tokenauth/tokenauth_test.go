package tokenauth

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestInitialResponse(t *testing.T) {
	if got, want := string(InitialResponse(OAuthBearer, "a,b=c@example.com", "imap.example.com", "993", "T")),
		"n,a=a=2Cb=3Dc@example.com,\x01host=imap.example.com\x01port=993\x01auth=Bearer T\x01\x01"; got != want {
		t.Errorf("OAUTHBEARER: %q, want %q", got, want)
	}
	if got, want := string(InitialResponse(XOAuth2, "alice@example.com", "h", "1", "T")),
		"user=alice@example.com\x01auth=Bearer T\x01\x01"; got != want {
		t.Errorf("XOAUTH2: %q, want %q", got, want)
	}
}

func TestFetchRefusesUnusableTokens(t *testing.T) {
	for _, tok := range []string{"", "a\r\nb", "a\x01b"} {
		_, err := Fetch(context.Background(), func(context.Context) (string, error) { return tok, nil })
		if err == nil || strings.Contains(err.Error(), tok+"x") {
			t.Errorf("token %q: err %v", tok, err)
		}
	}
	if _, err := Fetch(context.Background(), nil); err == nil {
		t.Error("nil Func: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Fetch(ctx, func(ctx context.Context) (string, error) { return "tok", nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	tok, err := Fetch(context.Background(), func(context.Context) (string, error) { return "ya29.x", nil })
	if tok != "ya29.x" || err != nil {
		t.Errorf("good token: %q, %v", tok, err)
	}
}

func TestClientAnswersTheErrorChallengeOnce(t *testing.T) {
	c := &Client{Mech: XOAuth2, IR: []byte("ir"), Dummy: []byte{1}}
	if mech, ir, _ := c.Start(); mech != "XOAUTH2" || string(ir) != "ir" {
		t.Fatalf("Start: %s %q", mech, ir)
	}
	resp, err := c.Next([]byte(`{"status":"401\u001b[31m","schemes":"bearer"}`))
	if err != nil || string(resp) != "\x01" || !c.Failed || strings.ContainsRune(c.Status, 0x1b) || !strings.HasPrefix(c.Status, "401") {
		t.Fatalf("Next: %q %v failed=%v status=%q", resp, err, c.Failed, c.Status)
	}
	if _, err := c.Next(nil); err == nil {
		t.Error("second challenge accepted")
	}
	empty := &Client{Mech: XOAuth2}
	if resp, _ := empty.Next([]byte("{}")); resp == nil || len(resp) != 0 {
		t.Errorf("no Dummy: %q, want an empty, non-nil response", resp)
	}
}
