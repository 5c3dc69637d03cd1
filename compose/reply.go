package compose

import (
	"bufio"
	netmail "net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
)

// Identity is the account's own addresses: From for new mail, Aliases
// that are also the user (left out of reply-all, chosen as From when the
// original was sent to one of them).
type Identity struct {
	From    string // "Name <addr>"
	Aliases []string
}

// own reports whether addr is one of the user's addresses.
func (id Identity) own(addr string) bool {
	for _, s := range append([]string{id.From}, id.Aliases...) {
		if a, err := mail.ParseAddress(s); err == nil && strings.EqualFold(a.Address, addr) {
			return true
		} else if err != nil && strings.EqualFold(strings.TrimSpace(s), addr) {
			return true
		}
	}
	return false
}

// Original is the message a reply or forward is made from: its header
// fields (already decoded) and its text.
type Original struct {
	MessageID      string
	InReplyTo      string
	References     []string
	From, To, Cc   []*mail.Address
	ReplyTo        []*mail.Address
	MailFollowupTo []*mail.Address
	Subject        string
	Date           time.Time
	Text           string
}

// ParseOriginal reads a header block (RFC 2047 already decoded, as the
// viewer's full header shows it) and takes the text to quote. Fields that
// do not parse are left empty: a reply to a broken message still opens,
// and the review screen shows what is missing.
func ParseOriginal(header, text string) Original {
	r := textproto.NewReader(bufio.NewReader(strings.NewReader(strings.TrimRight(header, "\r\n") + "\r\n\r\n")))
	mh, _ := r.ReadMIMEHeader()
	addrs := func(k string) []*mail.Address {
		v := strings.TrimSpace(mh.Get(k))
		if v == "" {
			return nil
		}
		l, err := mail.ParseAddressList(v)
		if err != nil {
			return nil
		}
		return l
	}
	o := Original{
		MessageID:      firstID(mh.Get("Message-Id")),
		InReplyTo:      firstID(mh.Get("In-Reply-To")),
		References:     ids(mh.Get("References")),
		From:           addrs("From"),
		To:             addrs("To"),
		Cc:             addrs("Cc"),
		ReplyTo:        addrs("Reply-To"),
		MailFollowupTo: addrs("Mail-Followup-To"),
		Subject:        strings.TrimSpace(mh.Get("Subject")),
		Text:           text,
	}
	if d, err := netmail.ParseDate(mh.Get("Date")); err == nil {
		o.Date = d
	}
	return o
}

var idRE = regexp.MustCompile(`<[^<>\s]+>`)

func ids(s string) []string {
	var out []string
	for _, m := range idRE.FindAllString(s, -1) {
		out = append(out, trimID(m))
	}
	return out
}

func firstID(s string) string {
	if l := ids(s); len(l) > 0 {
		return l[0]
	}
	return trimID(s)
}

var rePrefix = regexp.MustCompile(`(?i)^\s*(re|aw|sv|antw)(\[\d+\])?\s*:\s*`)

// ReplySubject prefixes "Re: " once: prefixes already there (also "RE:",
// "Re[2]:", "AW:") are taken off first.
func ReplySubject(s string) string {
	return "Re: " + stripPrefixes(rePrefix, s)
}

var fwdPrefix = regexp.MustCompile(`(?i)^\s*(fwd?|wg)\s*:\s*`)

// ForwardSubject prefixes "Fwd: " once.
func ForwardSubject(s string) string {
	return "Fwd: " + stripPrefixes(fwdPrefix, s)
}

// stripPrefixes takes off the prefixes prefix matches at the start of s,
// however many are stacked ("Re: RE: Re[2]:").
func stripPrefixes(prefix *regexp.Regexp, s string) string {
	for {
		t := prefix.ReplaceAllString(s, "")
		if t == s {
			return strings.TrimSpace(s)
		}
		s = t
	}
}

// Reply makes the draft answering o. To is Reply-To, else From; when
// the original is the user's own, its To. With all, Mail-Followup-To
// (where set) is the whole recipient list; else the original To and Cc
// become Cc, without the user's own addresses and without repeats.
func Reply(o Original, id Identity, all bool) Draft {
	d := Draft{
		From:    replyFrom(o, id),
		Subject: ReplySubject(o.Subject),
		Body:    Quote(o),
	}
	if o.MessageID != "" {
		d.InReplyTo = o.MessageID
		refs := o.References
		if len(refs) == 0 && o.InReplyTo != "" {
			refs = []string{o.InReplyTo}
		}
		d.References = append(append([]string(nil), refs...), o.MessageID)
	}
	to := o.ReplyTo
	if len(to) == 0 {
		to = o.From
	}
	if len(to) > 0 && len(o.ReplyTo) == 0 && allOwn(o.From, id) {
		to = o.To // replying to one's own message goes to its recipients
	}
	seen := map[string]bool{}
	var toList, ccList []*mail.Address
	add := func(dst *[]*mail.Address, l []*mail.Address) {
		for _, a := range l {
			k := strings.ToLower(a.Address)
			if seen[k] || id.own(a.Address) {
				continue
			}
			seen[k] = true
			*dst = append(*dst, a)
		}
	}
	switch {
	case all && len(o.MailFollowupTo) > 0:
		add(&toList, o.MailFollowupTo)
	case all:
		add(&toList, to)
		add(&ccList, o.To)
		add(&ccList, o.Cc)
	default:
		add(&toList, to)
	}
	if len(toList) == 0 && len(to) > 0 {
		toList = to // a note to oneself: reply to oneself rather than to nobody
	}
	d.To = formatList(toList)
	d.Cc = formatList(ccList)
	return d
}

func allOwn(l []*mail.Address, id Identity) bool {
	for _, a := range l {
		if !id.own(a.Address) {
			return false
		}
	}
	return len(l) > 0
}

// replyFrom is the first of the user's addresses (From, then the
// aliases) the original was sent to, else the account's From.
func replyFrom(o Original, id Identity) string {
	for _, mine := range append([]string{id.From}, id.Aliases...) {
		addr := strings.TrimSpace(mine)
		if p, err := mail.ParseAddress(mine); err == nil {
			addr = p.Address
		}
		for _, l := range [][]*mail.Address{o.To, o.Cc} {
			for _, a := range l {
				if strings.EqualFold(a.Address, addr) {
					return mine
				}
			}
		}
	}
	return id.From
}

// Quote is the original's text quoted under an attribution line.
func Quote(o Original) string {
	var b strings.Builder
	b.WriteString("\n") // room to answer above; the quote follows
	b.WriteString(Attribution(o) + "\n")
	text := strings.TrimRight(strings.ReplaceAll(o.Text, "\r\n", "\n"), "\n")
	for _, l := range strings.Split(text, "\n") {
		switch {
		case l == "":
			b.WriteString(">\n")
		case strings.HasPrefix(l, ">"):
			b.WriteString(">" + l + "\n")
		default:
			b.WriteString("> " + l + "\n")
		}
	}
	return b.String()
}

// Attribution is "On <date>, <sender> wrote:".
func Attribution(o Original) string {
	who := "someone"
	if len(o.From) > 0 {
		who = o.From[0].Name
		if who == "" {
			who = o.From[0].Address
		}
	}
	if o.Date.IsZero() {
		return who + " wrote:"
	}
	return "On " + o.Date.Format("Mon, 2 Jan 2006 15:04 -0700") + ", " + who + " wrote:"
}

// Forward makes the draft forwarding o: its text inline under a
// forwarded-message block, or (attached) with an empty body and the
// original as a message/rfc822 attachment read from rawPath.
func Forward(o Original, id Identity, attached bool, rawPath string) Draft {
	d := Draft{From: id.From, Subject: ForwardSubject(o.Subject)}
	if attached {
		d.Attachments = []Attachment{{Path: rawPath, Name: AttachName(o.Subject), Type: "message/rfc822"}}
		return d
	}
	var b strings.Builder
	b.WriteString("\n---------- Forwarded message ----------\n")
	b.WriteString("From: " + formatList(o.From) + "\n")
	if !o.Date.IsZero() {
		b.WriteString("Date: " + o.Date.Format(time.RFC1123Z) + "\n")
	}
	b.WriteString("Subject: " + o.Subject + "\n")
	b.WriteString("To: " + formatList(o.To) + "\n")
	if len(o.Cc) > 0 {
		b.WriteString("Cc: " + formatList(o.Cc) + "\n")
	}
	b.WriteString("\n" + strings.TrimRight(o.Text, "\n") + "\n")
	d.Body = b.String()
	return d
}

// AttachName is a file name for a forwarded message from its subject.
func AttachName(subject string) string {
	s := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < 0x20 {
			return '_'
		}
		return r
	}, strings.TrimSpace(subject))
	if s == "" {
		s = "message"
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return s + ".eml"
}

// formatList writes addresses for the editor: "Name <addr>" in UTF-8,
// comma-separated (the RFC 2047 encoding happens when the message is
// built).
func formatList(l []*mail.Address) string {
	parts := make([]string, len(l))
	for i, a := range l {
		parts[i] = FormatAddress(a)
	}
	return strings.Join(parts, ", ")
}

// FormatAddress is one address as the user reads and types it.
func FormatAddress(a *mail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	name := a.Name
	if strings.ContainsAny(name, `,;:<>"()[]@\.`) {
		name = `"` + strings.ReplaceAll(strings.ReplaceAll(name, `\`, `\\`), `"`, `\"`) + `"`
	}
	return name + " <" + a.Address + ">"
}
