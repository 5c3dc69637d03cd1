package ui

import (
	"testing"
)

// FuzzKeys drives the UI with arbitrary key sequences on a fake backend:
// whatever a person types, nothing may panic. Each byte picks a key. The
// console key is left out: its trace refreshes on a timer, which drive
// would wait for forever (the console has its own tests).
func FuzzKeys(f *testing.F) {
	f.Add([]byte("jjkdtAvmCUFJu$/oOT"), uint8(5))
	f.Add([]byte("\tjj\n?q"), uint8(0))
	f.Add([]byte(":\x01\n"), uint8(3))
	f.Add([]byte("\nHhRivsSo][\x1b"), uint8(4))
	f.Add([]byte("\taDRsSieI"), uint8(2))
	keyset := []string{"j", "k", "g", "G", "enter", "esc", "tab", "shift+tab", "?", ":", "d", "m", "C", "U", "F", "J",
		"u", "$", "t", "A", "v", "/", "n", "N", "o", "O", "T", "H", "h", "R", "i", "s", "S", "]", "[", "a", "D", "e",
		"I", "y", "pgdown", "pgup", "ctrl+d", "ctrl+u", "space", "l", "x", "backspace"}
	f.Fuzz(func(t *testing.T, seq []byte, n uint8) {
		if len(seq) > 200 {
			seq = seq[:200]
		}
		m := start(t, quiet(int(n%12)), testOptions())
		for _, b := range seq {
			k := keyset[int(b)%len(keyset)]
			if k == "q" {
				continue
			}
			m = drive(t, m, keys(k)...).(Model)
			_ = m.View()
		}
	})
}
