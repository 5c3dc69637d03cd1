package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/ui/pane"
)

// formatDate shows a message date the way mail clients do: the time for
// today, "Jan 02" for this year, the full date otherwise. It uses now's
// location, so the caller decides the time zone.
func formatDate(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(now.Location())
	switch {
	case t.Year() == now.Year() && t.YearDay() == now.YearDay():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("Jan 02")
	}
	return t.Format("2006-01-02")
}

// formatDateShort is formatDate in six cells for a narrow list: the
// year alone for an older message.
func formatDateShort(t, now time.Time) string {
	if !t.IsZero() && t.In(now.Location()).Year() != now.Year() {
		return t.In(now.Location()).Format("2006")
	}
	return formatDate(t, now)
}

// flagColumn is the flags column of a list row: N unseen, F flagged,
// A answered, D deleted, + attachment (when known).
func flagColumn(r imapsvc.Row) string {
	b := []byte("    ")
	if !r.Flags.Seen {
		b[0] = 'N'
	}
	if r.Flags.Flagged {
		b[1] = 'F'
	}
	switch {
	case r.Flags.Deleted:
		b[2] = 'D'
	case r.Flags.Answered:
		b[2] = 'A'
	}
	if r.HasDetails && r.Attachment {
		b[3] = '+'
	}
	return string(b)
}

// How the list shows keywords ($label1, Junk, NonJunk...), from the
// config key "keywords".
type keywordMode int

const (
	keywordsTags   keywordMode = iota // [$label1 NonJunk] before the subject
	keywordsMarker                    // a K in a fifth cell of the flags column
	keywordsOff
)

// parseKeywordMode reads the config value; config has checked it.
func parseKeywordMode(s string) keywordMode {
	switch s {
	case "marker":
		return keywordsMarker
	case "off":
		return keywordsOff
	}
	return keywordsTags
}

// keywordMarker is the marker cell: K when the message has a keyword.
func keywordMarker(kws []string) string {
	if len(kws) > 0 {
		return "K"
	}
	return " "
}

// keywordTags writes the keywords as a tag before the subject, in at most
// width cells (cut with an ellipsis), so the subject keeps most of the row.
func keywordTags(kws []string, width int) string {
	if len(kws) == 0 || width < 4 {
		return ""
	}
	tag := pane.OneLine(strings.Join(kws, " "))
	if ansi.StringWidth(tag)+2 > width {
		tag = ansi.Truncate(tag, width-2, "…")
	}
	return "[" + tag + "] "
}

// uidsText writes UIDs as IMAP would list them, comma separated.
func uidsText(uids []imapsvc.UID) string {
	s := make([]string, len(uids))
	for i, u := range uids {
		s[i] = strconv.FormatUint(uint64(u), 10)
	}
	return strings.Join(s, ",")
}

// maxSetText bounds a UID set written on the message line: a COPYUID of
// 10,000 scattered UIDs is the server's to choose.
const maxSetText = 60

// copyUIDNote says what COPYUID answered, for the message line: the source
// UIDs, the UIDs of the copies and the destination's UIDVALIDITY, e.g.
// "COPYUID: UID 3:5,9 → 10:13, UIDVALIDITY 1712345".
func copyUIDNote(t imapsvc.Transfer) string {
	if len(t.DestUIDs) == 0 {
		return "the server sent no COPYUID"
	}
	return fmt.Sprintf("COPYUID: UID %s → %s, UIDVALIDITY %d",
		rangesText(t.SourceUIDs, maxSetText), rangesText(t.DestUIDs, maxSetText), t.DestUIDValidity)
}

// rangesText writes UIDs in the order given as an IMAP set, runs of
// consecutive UIDs as ranges (3:5,9), cut at about limit bytes with a count
// of what was left out.
func rangesText(uids []imapsvc.UID, limit int) string {
	var b strings.Builder
	for i := 0; i < len(uids); {
		j := i
		for j+1 < len(uids) && uids[j+1] == uids[j]+1 {
			j++
		}
		if b.Len() >= limit {
			fmt.Fprintf(&b, ",… (%d more)", len(uids)-i)
			break
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(uint64(uids[i]), 10))
		if j > i {
			b.WriteString(":" + strconv.FormatUint(uint64(uids[j]), 10))
		}
		i = j + 1
	}
	return b.String()
}
