package ui

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"tern/imapsvc"
)

// What each overlay shows, to tell from the screen which one is in front.
type shown struct {
	kind layerKind
	mark string // in the main area or the bottom line
}

// TestOverlayStackProperty: random sequences of overlays the user opens,
// late answers (panels, questions) and closes. After every step the key
// target, the main area and the bottom line all belong to the top of the
// stack, and a late answer never takes the front.
func TestOverlayStackProperty(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewSource(seed))
		m := start(t, quiet(5), testOptions())
		var want []shown // the expected stack, bottom first
		late := 0
		for step := 0; step < 40; step++ {
			var op string
			if len(want) == 0 {
				op = []string{"?", ":", "m", "/", "I", "panel", "question"}[r.Intn(7)]
			} else {
				op = []string{"panel", "question", "close", "close"}[r.Intn(4)]
			}
			switch op {
			case "?":
				m = drive(t, m, keys("?")...).(Model)
				want = append(want, shown{layerHelp, "Keys: "})
			case ":":
				m = drive(t, m, keys(":")...).(Model)
				want = append(want, shown{layerCmdline, ":"})
			case "m":
				m = drive(t, m, keys("m")...).(Model)
				want = append(want, shown{layerPicker, "Move 1 message to:"})
			case "/":
				m = drive(t, m, keys("/")...).(Model)
				want = append(want, shown{layerSearch, "/"})
			case "I": // the fake answers at once: nothing else is open
				m = drive(t, m, keys("I")...).(Model)
				want = append(want, shown{layerPanel, "CAPABILITY"})
			case "panel", "question":
				late++
				var s shown
				if op == "panel" {
					title := fmt.Sprintf("Late panel <%d>", late)
					m = drive(t, m, panelMsg{title: title, lines: []string{"x"}}).(Model)
					s = shown{layerPanel, title}
				} else {
					m = drive(t, m, deleteAskMsg{name: "Sent", st: imapsvc.FolderStatus{Display: "Sent", Messages: uint32(late)}}).(Model)
					s = shown{layerConfirm, fmt.Sprintf("DELETE Sent and its %d messages?", late)}
				}
				if len(want) == 0 {
					want = append(want, s)
				} else {
					want = append(want[:len(want)-1], s, want[len(want)-1])
				}
			case "close":
				k := "esc"
				if want[len(want)-1].kind == layerConfirm {
					k = "n"
				}
				m = drive(t, m, keys(k)...).(Model)
				want = want[:len(want)-1]
			}
			checkFront(t, fmt.Sprintf("seed %d step %d (%s)", seed, step, op), m, want)
		}
	}
}

func checkFront(t *testing.T, where string, m Model, want []shown) {
	t.Helper()
	var kinds []layerKind
	for _, l := range m.overlays.All() {
		kinds = append(kinds, l.kind)
	}
	var wantKinds []layerKind
	for _, s := range want {
		wantKinds = append(wantKinds, s.kind)
	}
	if !slices.Equal(kinds, wantKinds) {
		t.Fatalf("%s: stack %v, want %v", where, kinds, wantKinds)
	}
	lines := strings.Split(screen(m), "\n")
	bottom := lines[len(lines)-1]
	main := strings.Join(lines[:len(lines)-2], "\n")
	if len(want) == 0 {
		if strings.Contains(main, "Keys: ") || strings.Contains(bottom, "[y/n]") || strings.HasPrefix(bottom, ":") {
			t.Fatalf("%s: an overlay shows with none open:\n%s", where, screen(m))
		}
		return
	}
	top := want[len(want)-1]
	switch top.kind {
	case layerCmdline, layerSearch:
		if !strings.HasPrefix(bottom, top.mark) {
			t.Fatalf("%s: bottom line %q is not the %v's", where, bottom, top.kind)
		}
	case layerConfirm:
		if !strings.Contains(bottom, top.mark) || !strings.Contains(bottom, "[y/n]") {
			t.Fatalf("%s: bottom line %q is not the question %q", where, bottom, top.mark)
		}
	default:
		if !strings.Contains(main, top.mark) {
			t.Fatalf("%s: %q not in front:\n%s", where, top.mark, screen(m))
		}
	}
	// Nothing under the top shows (the notice may name it: "… is ready").
	for _, s := range want[:len(want)-1] {
		if s.mark != top.mark && len(s.mark) > 1 && (strings.Contains(main, s.mark) || s.kind == layerConfirm && strings.Contains(bottom, s.mark)) {
			t.Fatalf("%s: %q (under the top) shows:\n%s", where, s.mark, screen(m))
		}
	}
}

// TestLateCapabilityKeepsMessage: :capability, then a message is opened
// before the answer comes. The answer does not replace the message; the
// message line shows it.
func TestLateCapabilityKeepsMessage(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	next, caps := m.Update(commandMsg{line: "capability"}) // asked; the answer is held back
	m = drive(t, next, keys("enter")...).(Model)           // opens message 3; its answer comes at once
	m = drive(t, m, runCmd(caps)...).(Model)
	s := screen(m)
	if !strings.Contains(s, "Body of message 3") || !strings.Contains(s, "CAPABILITY IDLE IMAP4rev1") {
		t.Fatalf("the late CAPABILITY replaced the message or went unsaid:\n%s", s)
	}
}
