package tlsconf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tern/internal/testcert"
)

func TestClient(t *testing.T) {
	cfg, err := Client("mail.example.org", "", false)
	if err != nil || cfg.ServerName != "mail.example.org" || cfg.InsecureSkipVerify || cfg.RootCAs != nil {
		t.Fatalf("default: %+v, %v", cfg, err)
	}
	if cfg, err := Client("h", "", true); err != nil || !cfg.InsecureSkipVerify {
		t.Fatalf("skip verify: %v", err)
	}
	dir := t.TempDir()
	_, good := testcert.New(t)
	if cfg, err := Client("h", good, false); err != nil || cfg.RootCAs == nil {
		t.Fatalf("ca_file: %v", err)
	}
	bad := filepath.Join(dir, "bad.pem")
	if err := os.WriteFile(bad, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Client("h", bad, false); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Fatalf("a file without PEM: %v", err)
	}
	if _, err := Client("h", filepath.Join(dir, "missing"), false); err == nil || !strings.Contains(err.Error(), "ca_file") {
		t.Fatalf("a missing file: %v", err)
	}
}
