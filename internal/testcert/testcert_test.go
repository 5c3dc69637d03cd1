package testcert

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"testing"
)

// TestWriteFiles: the written pair loads, the key is private to its owner,
// and the certificate verifies against the written CA for both loopback
// addresses the servers listen on, and against no other root.
func TestWriteFiles(t *testing.T) {
	f, err := WriteFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.LoadX509KeyPair(f.Cert, f.Key)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(f.Key)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file has mode %v, want 0600", fi.Mode().Perm())
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	caPEM, err := os.ReadFile(f.CA)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		t.Fatal("no certificate in the CA file")
	}
	for _, host := range []string{"127.0.0.1", "127.0.0.2", "localhost"} {
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: host}); err != nil {
			t.Errorf("%s: %v", host, err)
		}
	}
	other, err := WriteFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	otherPEM, _ := os.ReadFile(other.CA)
	otherRoots := x509.NewCertPool()
	otherRoots.AppendCertsFromPEM(otherPEM)
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: otherRoots, DNSName: "127.0.0.1"}); err == nil {
		t.Fatal("verified against another CA")
	}
}
