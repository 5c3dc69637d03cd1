package alloctest

import "testing"

var sink []byte

func TestBytesCountsAllocation(t *testing.T) {
	const n = 1 << 20
	if got := Bytes(func() { sink = make([]byte, n) }); got < n {
		t.Fatalf("Bytes saw %d bytes for a %d-byte slice", got, n)
	}
	if got := Bytes(func() {}); got > 64<<10 {
		t.Fatalf("Bytes saw %d bytes for nothing", got)
	}
}
