package smtpsend

import (
	"bufio"
	"context"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-smtp"

	"tern/internal/alloctest"
)

// attachmentSize is the benchmark's attachment, as issue 14 asks.
const attachmentSize = 10 << 20

// writeAttachment writes attachmentSize random bytes (incompressible, like
// a photo) to a file in dir.
func writeAttachment(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "photo.jpg")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.NewChaCha8([32]byte{1})
	if _, err := io.CopyN(f, rng, attachmentSize); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// attachmentMessage streams a message with the file as a base64
// attachment, built with go-message as a composer would: the file is read
// and encoded as the sender reads the message, never held whole. The
// buffer saves a goroutine switch per 76-byte line written to the pipe.
func attachmentMessage(tb testing.TB, path string) io.Reader {
	tb.Helper()
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(func() error {
			var h mail.Header
			h.SetAddressList("From", []*mail.Address{{Name: "Alice", Address: "alice@example.com"}})
			h.SetAddressList("To", []*mail.Address{{Address: "bob@example.com"}})
			h.SetSubject("the photos")
			h.SetDate(time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC))
			h.SetMessageID("bench@example.com")
			h.SetContentType("multipart/mixed", map[string]string{"boundary": "tern-bench"})
			bw := bufio.NewWriterSize(pw, 64<<10)
			defer bw.Flush()
			w, err := mail.CreateWriter(bw, h)
			if err != nil {
				return err
			}
			var th mail.InlineHeader
			th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
			tw, err := w.CreateSingleInline(th)
			if err != nil {
				return err
			}
			io.WriteString(tw, "Here they are.\r\n")
			tw.Close()
			var ah mail.AttachmentHeader
			ah.SetContentType("image/jpeg", nil)
			ah.SetFilename("photo.jpg")
			aw, err := w.CreateAttachment(ah)
			if err != nil {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(aw, bufio.NewReader(f)); err != nil {
				return err
			}
			if err := aw.Close(); err != nil {
				return err
			}
			if err := w.Close(); err != nil {
				return err
			}
			return bw.Flush()
		}())
	}()
	return pr
}

// hashingServer is a TLS test server that keeps only the size and hash of
// what it receives, so that its own memory does not hide the client's.
func hashingServer(tb testing.TB) (*testServer, func() (int64, [32]byte)) {
	var mu sync.Mutex
	var n int64
	var sum [32]byte
	t, _ := tb.(*testing.T)
	srv := &testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw",
		data: func(_ *smtp.Conn, r io.Reader) error {
			h := sha256.New()
			m, err := io.Copy(h, r)
			mu.Lock()
			n = m
			copy(sum[:], h.Sum(nil))
			mu.Unlock()
			return err
		}}
	return srv, func() (int64, [32]byte) { mu.Lock(); defer mu.Unlock(); return n, sum }
}

// TestSendStreamsTenMegabytes: a message with a 10 MiB attachment reaches
// the server intact while the whole process (client and server) allocates
// less than the message's size: it is never held, let alone twice.
func TestSendStreamsTenMegabytes(t *testing.T) {
	path := writeAttachment(t)
	srv, got := hashingServer(t)
	srv.start()
	s := New(srv.account(SecurityTLS), quick)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// What the client reads is hashed on the way, to compare with what
	// the server got.
	want := sha256.New()
	msg := io.TeeReader(attachmentMessage(t, path), want)
	runtime.GC()
	var err error
	alloc := alloctest.Bytes(func() {
		err = s.Send(ctx, "alice@example.com", []string{"bob@example.com"}, msg, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	n, sum := got()
	wantN := int64(13 << 20) // base64 of 10 MiB: 13.3 MiB, and line ends
	if n < wantN || sum != [32]byte(want.Sum(nil)) {
		t.Fatalf("server got %d bytes (hash differs: %v), want at least %d", n, sum != [32]byte(want.Sum(nil)), wantN)
	}
	switch {
	case alloctest.Race:
		t.Logf("allocated %d bytes; not bounded under the race detector, which allocates beside the code", alloc)
	case alloc >= attachmentSize:
		t.Fatalf("sending a %d-byte message allocated %d bytes: it is held in memory", n, alloc)
	default:
		t.Logf("message %d bytes, allocated %d bytes while sending", n, alloc)
	}
}

// BenchmarkSend10MBAttachment sends a message with a 10 MiB attachment
// through go-smtp's server over TLS on loopback, as tern sends it. It
// reports the time, the bytes allocated, the peak heap in use (sampled
// every 5 ms) and the process's peak RSS (VmHWM, reset first).
func BenchmarkSend10MBAttachment(b *testing.B) {
	path := writeAttachment(b)
	for _, mode := range []Security{SecurityTLS, SecurityPlain} {
		b.Run(string(mode), func(b *testing.B) {
			srv, _ := hashingServer(b)
			srv.mode = mode
			srv.t = &testing.T{} // start needs a *testing.T only for Fatal and Cleanup
			srv.start()
			s := New(srv.account(mode), Options{})
			os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; ignored where unsupported
			peak := samplePeakHeap()
			b.ResetTimer()
			for range b.N {
				if err := s.Send(context.Background(), "alice@example.com", []string{"bob@example.com"}, attachmentMessage(b, path), nil); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
			if hwm := vmHWM(); hwm > 0 {
				b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MiB")
			}
			b.SetBytes(attachmentSize)
		})
	}
}

// samplePeakHeap samples HeapInuse until the returned function is called,
// which returns the highest value seen.
func samplePeakHeap() func() uint64 {
	stop := make(chan struct{})
	done := make(chan uint64)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(stop); return <-done }
}

// vmHWM is the process's peak resident set in bytes, 0 if unknown.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
