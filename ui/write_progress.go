package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// Progress of a send: the Sender reports bytes sent from the send's own
// goroutine into a one-slot feed (the newest count replaces an unread
// one, so the sender never waits for the screen); a Cmd reads it and
// re-arms after each count until the send closes the feed.

type sendProgressMsg struct {
	job         string // the draft's id
	sent, total int64
	feed        <-chan sendProgressMsg
}

// newProgressFeed returns the feed and the reporter the send calls.
func newProgressFeed(job string) (chan sendProgressMsg, func(sent, total int64)) {
	feed := make(chan sendProgressMsg, 1)
	return feed, func(sent, total int64) {
		p := sendProgressMsg{job: job, sent: sent, total: total, feed: feed}
		select { // one writer: after the drain the slot is free
		case <-feed:
		default:
		}
		select {
		case feed <- p:
		default:
		}
	}
}

// waitProgress reads the next count; nil once the send is over.
func waitProgress(feed <-chan sendProgressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-feed
		if !ok {
			return nil
		}
		return p
	}
}

// sendProgress shows the count on the review and the status line while
// that send is on its way.
func (m Model) sendProgress(msg sendProgressMsg) (Model, tea.Cmd) {
	if m.isOpen(layerReview) && m.write.review.Job().ID == msg.job && m.write.review.Busy() {
		text := "sending… " + progressText(msg.sent, msg.total)
		m.write.review = m.write.review.Start(text)
		m.status = m.status.setNotice(text, false)
	}
	return m, waitProgress(msg.feed)
}

// progressText is "1.5 MiB of 10.2 MiB (14%)".
func progressText(sent, total int64) string {
	if total <= 0 {
		return byteText(sent)
	}
	return fmt.Sprintf("%s of %s (%d%%)", byteText(sent), byteText(total), sent*100/total)
}

func byteText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// recountSpecial asks the counts of the Sent or Drafts folder after a
// message went into it, unless it is open (the list counts that one).
func (m *Model) recountSpecial(uses ...string) tea.Cmd {
	var ask []imapsvc.FolderName
	for _, u := range uses {
		if n := m.folders.SpecialUse(u); n != "" && !(m.list.open && n == m.list.mb.Name) {
			ask = append(ask, n)
		}
	}
	if len(ask) == 0 {
		return nil
	}
	return m.statusCmd(ask)
}
