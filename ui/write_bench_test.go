package ui

import (
	"os/exec"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkReplyKeyToEditor: from the reply key to the editor process
// started: the original's header and text fetched (from a fake backend,
// so this is tern's own cost), the reply made, the local draft written
// and the editor forked. The timer stops when the process has started.
func BenchmarkReplyKeyToEditor(b *testing.B) {
	f := quiet(50)
	opts := testOptions()
	opts.Write = WriteOptions{From: "Me <me@example.org>", DraftsDir: b.TempDir(), Editor: "true",
		Exec: func(c *exec.Cmd, done tea.ExecCallback) tea.Cmd {
			return func() tea.Msg {
				err := c.Start()
				b.StopTimer()
				if err == nil {
					err = c.Wait()
				}
				return done(err)
			}
		}}
	h := headerFake{fakeBackend: f}
	m := New(h, opts)
	var tm tea.Model = drive(b, m, append([]tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}, runCmd(m.Init())...)...)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StartTimer()
		tm = drive(b, tm, press("r"))
		// The editor changed nothing: tern asks; yes discards the draft.
		if tm.(Model).top() != layerConfirm {
			b.Fatalf("no question after an unchanged editor:\n%s", screen(tm))
		}
		tm = drive(b, tm, press("y"))
	}
}
