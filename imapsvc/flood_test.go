package imapsvc

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestUnilateralFloodStaysBounded: 200,000 unasked FETCH (FLAGS) lines
// during IDLE are applied as they come: tern keeps answering, and what it
// holds afterwards does not grow with the flood.
func TestUnilateralFloodStaysBounded(t *testing.T) {
	s, _, conn, mb := hostileInbox(t)
	if _, err := s.UIDs(testCtx(t), mb); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; i < 200000; i++ {
		fmt.Fprintf(&b, "* %d FETCH (FLAGS (\\Seen))\r\n", i%3+1)
	}
	b.WriteString("* 4 EXISTS")
	before := heapInUse()
	conn.Send(b.String())
	// The UI may fall behind such a flood: the count then comes folded
	// into a Resync (backlog.go) rather than as Exists.
	timeout := time.After(30 * time.Second)
	for done := false; !done; {
		select {
		case ev := <-s.Events():
			switch e := ev.(type) {
			case Exists:
				done = e.Count == 4
			case Resync:
				done = e.Exists == 4
			}
		case <-timeout:
			t.Fatal("timed out waiting for the count of 4 after the flood")
		}
	}
	if _, err := s.Capability(testCtx(t)); err != nil {
		t.Fatalf("tern stopped answering after the flood: %v", err)
	}
	if grew := int64(heapInUse()) - int64(before); grew > 16<<20 {
		t.Fatalf("the flood left %d MiB held", grew>>20)
	}
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
