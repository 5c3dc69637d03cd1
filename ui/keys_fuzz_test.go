package ui

import (
	"testing"
)

// FuzzKeys drives the UI with arbitrary key sequences on a fake backend:
// whatever a person types, nothing may panic. Each byte picks a key, or
// from 0xf0 on a live event (liveEvent: new mail, expunges, flag changes,
// reconnects), after which the list must still show the view derived
// from scratch. The
// console key is left out: its trace refreshes on a timer, which drive
// would wait for forever (the console has its own tests).
func FuzzKeys(f *testing.F) {
	f.Add([]byte("jjkdtAvmCUFJu$/oOT"), uint8(5))
	f.Add([]byte("\tjj\n?q"), uint8(0))
	f.Add([]byte(":\x01\n"), uint8(3))
	f.Add([]byte("\nHhRivsSo][\x1b"), uint8(4))
	f.Add([]byte("\taDRsSieI"), uint8(2))
	f.Add([]byte("oG\xf0\xf0\n"), uint8(7))
	f.Add([]byte("jjjjjo\xf0\xf1T\xf3/1\n\x1b\xf4\xf2\xf5G\n"), uint8(9))
	keyset := []string{"j", "k", "g", "G", "enter", "esc", "tab", "shift+tab", "?", ":", "d", "m", "C", "U", "F", "J",
		"u", "$", "t", "A", "v", "/", "n", "N", "o", "O", "T", "H", "h", "R", "i", "s", "S", "]", "[", "a", "D", "e",
		"I", "y", "pgdown", "pgup", "ctrl+d", "ctrl+u", "space", "l", "x", "backspace"}
	f.Fuzz(func(t *testing.T, seq []byte, n uint8) {
		if len(seq) > 200 {
			seq = seq[:200]
		}
		fb := quiet(int(n % 12))
		fb.noSortThread = n >= 128
		m := start(t, fb, testOptions())
		for i, b := range seq {
			if b >= 0xf0 {
				m = liveEvent(t, fb, m, int(b-0xf0), i*7+int(n))
				if m.list.open && m.list.mb == inbox {
					checkList(t, fb, m, "a live event")
				}
				continue
			}
			k := keyset[int(b)%len(keyset)]
			if k == "q" {
				continue
			}
			m = drive(t, m, keys(k)...).(Model)
			_ = m.View()
		}
	})
}
