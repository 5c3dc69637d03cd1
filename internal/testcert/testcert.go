// Package testcert makes a throwaway CA and a loopback server certificate
// for TLS tests: a client refuses the server without the CA and accepts it
// with the CA as ca_file. New serves an in-process server; WriteFiles
// writes PEM files for a server process (the private Cyrus and Dovecot).
package testcert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// New returns a server config with a certificate for 127.0.0.1, 127.0.0.2
// and localhost, and the path of its CA's PEM file (in t.TempDir()).
func New(t testing.TB) (server *tls.Config, caFile string) {
	t.Helper()
	c, err := issue()
	if err != nil {
		t.Fatal(err)
	}
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	if err := writePEM(caFile, "CERTIFICATE", c.caDER, 0o600); err != nil {
		t.Fatal(err)
	}
	cert := tls.Certificate{Certificate: [][]byte{c.der, c.caDER}, PrivateKey: c.key}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, caFile
}

// Files are the PEM files WriteFiles wrote.
type Files struct {
	CA   string // the CA's certificate, for a client's ca_file
	Cert string // the server's certificate
	Key  string // the server's private key (PKCS #8), mode 0600
}

// WriteFiles writes a fresh CA (ca.pem) and a server certificate it signs
// (server.pem, server.key) for 127.0.0.1, 127.0.0.2 and localhost into dir.
func WriteFiles(dir string) (Files, error) {
	c, err := issue()
	if err != nil {
		return Files{}, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(c.key)
	if err != nil {
		return Files{}, err
	}
	f := Files{
		CA:   filepath.Join(dir, "ca.pem"),
		Cert: filepath.Join(dir, "server.pem"),
		Key:  filepath.Join(dir, "server.key"),
	}
	if err := writePEM(f.CA, "CERTIFICATE", c.caDER, 0o644); err != nil {
		return Files{}, err
	}
	if err := writePEM(f.Cert, "CERTIFICATE", c.der, 0o644); err != nil {
		return Files{}, err
	}
	if err := writePEM(f.Key, "PRIVATE KEY", keyDER, 0o600); err != nil {
		return Files{}, err
	}
	return f, nil
}

type issued struct {
	caDER, der []byte
	key        *ecdsa.PrivateKey
}

// issue makes the CA and the server certificate, valid from an hour ago
// (clock skew between test processes) for a day.
func issue() (issued, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return issued{}, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tern test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return issued{}, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return issued{}, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return issued{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv4(127, 0, 0, 2)},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		return issued{}, err
	}
	return issued{caDER: caDER, der: der, key: key}, nil
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode)
}
