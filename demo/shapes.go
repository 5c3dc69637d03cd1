package demo

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// specials files the INBOX messages that each show one hard case: legacy
// charsets, format=flowed, a very long body, HTML-only newsletters, an
// invitation, attachments, odd subjects and long recipient lists.
func (g *gen) specials() {
	g.section("specials")
	c := colleagues()
	for _, m := range []struct {
		msg    intlMessage
		age    time.Duration
		cte    string
		mailer string
		seen   bool
	}{
		{gbkMessage(), 22 * time.Hour, "base64", "Foxmail 7.2.25.228[cn]", false},
		{gb2312Message(), 2 * day, "8bit", "Microsoft Outlook 16.0", true},
		{big5Message(), 4 * day, "base64", "Microsoft Outlook 16.0", true},
		{iso2022JPMessage(), 20 * time.Hour, "7bit", "Becky! ver. 2.81.04", false},
		{latin1Message(), 3 * day, "quoted-printable", "Mozilla Thunderbird", true},
	} {
		body, err := textPart("plain", m.msg.charset, m.cte, m.msg.body, nil)
		g.fail(err)
		s := &spec{from: m.msg.from, to: []person{me()}, date: g.ago(m.age), subject: m.msg.subject,
			charset: m.msg.charset, text: m.msg.body, body: body, received: true,
			extra: []field{{"X-Mailer", m.mailer}}}
		if m.msg.charset == "Big5" {
			s.body = mixed(body, attachment("application/pdf", "年度報告草稿.pdf",
				pdfDocument("Annual report (draft)", []string{"Chapter 1: Overview", "Chapter 3: User experience"})))
		}
		if m.seen {
			s.flags = []imap.Flag{imap.FlagSeen}
		}
		g.add("INBOX", s)
	}

	lena, grace, marie, priya, tom, dan := c[4], c[6], c[2], c[0], c[11], c[5]

	fl := &spec{from: lena, to: []person{me()}, cc: []person{marie}, date: g.ago(5 * day), received: true,
		subject: "Notes from the accessibility review", flags: []imap.Flag{imap.FlagSeen, "$label2"}}
	fl.text = flowed(accessibilityNotes()) + "\nLena\n"
	var err error
	fl.body, err = textPart("plain", "utf-8", "7bit", fl.text, map[string]string{"format": "flowed"})
	g.fail(err)
	g.add("INBOX", fl)

	long := &spec{from: grace, to: []person{me()}, cc: c[:4], date: g.ago(6 * day), received: true,
		subject: "Incident report: IMAP latency spike (full timeline and logs)",
		flags:   []imap.Flag{imap.FlagSeen, imap.FlagFlagged, "$label1"}}
	long.text = incidentSummary() + "\n\n" + g.incidentLog(g.now.Add(-7*day), 280) + "\n" + incidentActions() + "\n\nGrace\n"
	long.body = g.plain(long.text)
	g.add("INBOX", long)

	for k := range 12 {
		g.add("INBOX", g.newsletter(g.ago(time.Duration(2+7*k)*day), 512-k))
	}
	g.add("INBOX", g.invitation(priya, g.ago(30*time.Hour)))

	shot := &spec{from: marie, to: []person{me()}, date: g.ago(2 * day), received: true,
		subject: "Screenshot of the rendering bug", flags: []imap.Flag{imap.FlagSeen, imap.FlagFlagged}}
	shot.text = g.compose(marie, "Alex", []string{"Here is what the message list looks like on my machine after resizing the terminal. The subject column overlaps the date."})
	shot.body = mixed(g.plain(shot.text), attachment("image/png", "screenshot.png", g.png(320, 200, 3)))
	g.add("INBOX", shot)

	logs := &spec{from: grace, to: []person{me()}, date: g.ago(10 * day), received: true,
		subject: "Server logs from last night", flags: []imap.Flag{imap.FlagSeen}}
	logs.text = g.compose(grace, "Alex", []string{"Logs from the proxy attached, as requested. The interesting part starts around 02:10."})
	logText := g.incidentLog(g.now.Add(-11*day), 60)
	logs.body = mixed(g.plain(logs.text), attachment("text/plain", "imap-proxy.log", []byte(logText)))
	g.add("INBOX", logs)

	emoji := &spec{from: priya, to: []person{me()}, cc: c[1:6], date: g.ago(12 * day), received: true,
		subject: "🎉 We shipped the new onboarding flow! 🚀", flags: []imap.Flag{imap.FlagSeen}}
	emoji.text = g.compose(priya, "team", []string{"Thank you all. Sign-ups that finish onboarding went from 61% to 78% in the first week. Cake in the kitchen at 3 ☕🍰."})
	emoji.body = g.alternative(emoji.text)
	g.add("INBOX", emoji)

	longSubj := &spec{from: dan, to: []person{me()}, date: g.ago(15 * day), received: true,
		subject: "Re: Follow-up on the vendor contract: updated pricing, the revised SLA terms, the data processing addendum and the open questions from legal",
		flags:   []imap.Flag{imap.FlagSeen, imap.FlagAnswered}}
	longSubj.text = g.compose(dan, "Alex", workParagraphs()[8:10])
	longSubj.body = g.plain(longSubj.text)
	g.add("INBOX", longSubj)

	all := append([]person{me()}, c...)
	office := &spec{from: person{name: "Office Manager", addr: "office@example.com"}, to: all,
		cc: listPeople()[:3], date: g.ago(8 * day), received: true,
		subject: "Office closed on Monday for the public holiday", flags: []imap.Flag{imap.FlagSeen}}
	office.text = "Hello everyone,\n\nA reminder that the office is closed on Monday. The building\nis locked; badges will not work.\n\nHave a nice long weekend!\n"
	office.body = g.plain(office.text)
	g.add("INBOX", office)

	nosubj := &spec{from: tom, to: []person{me()}, date: g.ago(3 * time.Hour), noSubject: true, received: true}
	nosubj.text = "Forgot the subject, sorry. Lunch at 12:30?\n\nTom\n"
	nosubj.body = g.plain(nosubj.text)
	g.add("INBOX", nosubj)
}

// flowed writes paragraphs as RFC 3676 format=flowed text: every line of a
// paragraph but the last ends in a space, so a reader may re-flow it.
func flowed(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(strings.ReplaceAll(wrap(p, 66), "\n", " \n") + "\n\n")
	}
	b.WriteString("> Quoted text is flowed as well: a client that understands \n> format=flowed joins these two lines into one.\n")
	return b.String()
}

// incidentLog writes n proxy log lines starting at start.
func (g *gen) incidentLog(start time.Time, n int) string {
	cmds := []string{"UID FETCH", "SELECT", "IDLE", "UID SEARCH", "STATUS", "LIST", "UID STORE", "APPEND"}
	var b strings.Builder
	t := start.UTC().Truncate(24 * time.Hour).Add(2 * time.Hour)
	for i := range n {
		t = t.Add(time.Duration(5+g.rng.IntN(40)) * time.Second)
		ms := 15 + g.rng.IntN(30)
		if i > n/5 && i < n*3/4 {
			ms = 800 + g.rng.IntN(11000)
		}
		level := "info"
		if ms > 5000 {
			level = "warn"
		}
		fmt.Fprintf(&b, "%s %-4s imap-proxy[%d]: backend=mail%d user=u%05d cmd=%q latency_ms=%d\n",
			t.Format("2006-01-02T15:04:05Z"), level, 2200+g.rng.IntN(40), 1+g.rng.IntN(4),
			g.rng.IntN(90000), pick(g.rng, cmds), ms)
	}
	return b.String()
}

// newsletter is an HTML-only issue of a weekly newsletter.
func (g *gen) newsletter(date time.Time, issue int) *spec {
	items := newsletterItems()
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Go Weekly #%d</title></head>
<body style="margin:0; background:#f4f4f4;">
<table width="100%%" cellpadding="0" cellspacing="0" role="presentation"><tr><td align="center">
<table width="600" cellpadding="16" cellspacing="0" style="background:#ffffff; font-family:Georgia, serif;">
<tr><td><img src="https://news.example.org/img/go-weekly-header.png" width="568" height="80" alt="Go Weekly"></td></tr>
<tr><td><h1 style="font-size:22px;">Issue #%d</h1>
<p>This week: %s, and more.</p></td></tr>
`, issue, issue, html.EscapeString(items[issue%len(items)]))
	for k := range 5 {
		item := items[(issue+k)%len(items)]
		fmt.Fprintf(&b, "<tr><td><h2 style=\"font-size:17px;\"><a href=\"https://news.example.org/r/%d-%d\">%s</a></h2>\n<p>%s</p></td></tr>\n",
			issue, k, html.EscapeString(item), html.EscapeString(pick(g.rng, workParagraphs())))
	}
	fmt.Fprintf(&b, `<tr><td style="font-size:12px; color:#888;">You are receiving this because you subscribed at news.example.org.<br>
<a href="https://news.example.org/unsubscribe?u=alex">Unsubscribe</a> &middot; <a href="https://news.example.org/issues/%d">View in browser</a>
<img src="https://news.example.org/open.gif?i=%d" width="1" height="1" alt=""></td></tr>
</table></td></tr></table>
</body></html>
`, issue, issue)
	body, err := textPart("html", "utf-8", "quoted-printable", b.String(), nil)
	g.fail(err)
	s := &spec{from: person{name: "Go Weekly", addr: "newsletter@news.example.org"}, to: []person{me()},
		date: date, received: true, body: body,
		subject: fmt.Sprintf("Go Weekly #%d: %s", issue, items[issue%len(items)]),
		extra: []field{{"List-Id", "Go Weekly <weekly.news.example.org>"},
			{"List-Unsubscribe", "<https://news.example.org/unsubscribe?u=alex>"},
			{"Precedence", "bulk"}}}
	if g.now.Sub(date) > 5*day {
		s.flags = []imap.Flag{imap.FlagSeen}
	}
	return s
}

// invitation is a meeting request: text and HTML, plus a text/calendar part.
func (g *gen) invitation(from person, date time.Time) *spec {
	start := g.now.Add(2 * day).UTC().Truncate(time.Hour)
	s := &spec{from: from, to: []person{me()}, cc: colleagues()[1:4], date: date, received: true,
		subject: "Invitation: Design review @ " + start.In(zone(from)).Format("Mon 2 Jan 15:04") + " (1 hour)"}
	s.text = fmt.Sprintf("%s invited you to: Design review\n\nWhen: %s UTC, 1 hour\nWhere: Room 3.14 / video link in the calendar\n\nAgenda: folder tree, message list, key bindings.\n",
		from.name, start.Format("Monday 2 January 2006 15:04"))
	ics := strings.Join([]string{"BEGIN:VCALENDAR", "PRODID:-//Example Corp//Calendar//EN", "VERSION:2.0", "METHOD:REQUEST",
		"BEGIN:VEVENT", "UID:" + g.id("calendar.example.com"), "DTSTAMP:" + date.UTC().Format("20060102T150405Z"),
		"DTSTART:" + start.Format("20060102T150405Z"), "DTEND:" + start.Add(time.Hour).Format("20060102T150405Z"),
		"SUMMARY:Design review", "LOCATION:Room 3.14", "ORGANIZER;CN=" + from.name + ":mailto:" + from.addr,
		"ATTENDEE;CN=Alex Morgan;RSVP=TRUE:mailto:" + me().addr, "END:VEVENT", "END:VCALENDAR", ""}, "\n")
	cal, err := textPart("calendar", "utf-8", "7bit", ics, map[string]string{"method": "REQUEST"})
	g.fail(err)
	s.body = mixed(g.alternative(s.text), cal)
	return s
}

// notification is automated mail: CI results and code review.
func (g *gen) notification(date time.Time) *spec {
	s := &spec{to: []person{me()}, date: date, received: true}
	if g.rng.IntN(2) == 0 {
		job, build := pick(g.rng, ciJobs()), 4000+g.rng.IntN(900)
		status := pick(g.rng, []string{"passed", "passed", "passed", "failed", "was cancelled"})
		s.from = person{name: "tern CI", addr: "ci@builds.example.com"}
		s.subject = fmt.Sprintf("[tern] Build #%d %s: %s on main", build, status, job)
		s.text = fmt.Sprintf("Build #%d %s.\n\nJob:      %s\nBranch:   main\nCommit:   %07x\nDuration: %dm%02ds\n\nDetails: https://builds.example.com/tern/%d\n",
			build, status, job, g.rng.Uint32()>>4, 1+g.rng.IntN(12), g.rng.IntN(60), build)
	} else {
		pr, who := 100+g.rng.IntN(300), pick(g.rng, colleagues())
		title := pick(g.rng, pullRequests())
		s.from = person{name: who.name + " (review)", addr: "notifications@review.example.com"}
		s.subject = fmt.Sprintf("Re: [tern/tern] %s (PR #%d)", title, pr)
		s.text = fmt.Sprintf("%s commented on this pull request:\n\n%s\n\n--\nReply to this email directly or view it at https://review.example.com/tern/tern/pull/%d\n",
			firstName(who), wrap(pick(g.rng, replyOpeners())+" "+pick(g.rng, workParagraphs()), 72), pr)
		s.extra = []field{{"List-Id", "tern/tern <tern.tern.review.example.com>"}}
	}
	s.body = g.alternative(s.text)
	return s
}

// withAttachment is a colleague's mail with a PDF, PNG or text attachment.
func (g *gen) withAttachment(date time.Time) *spec {
	from := pick(g.rng, colleagues())
	s := &spec{from: from, to: []person{me()}, date: date, received: true, subject: pick(g.rng, workSubjects())}
	s.text = g.compose(from, "Alex", []string{"Attached, as promised. " + pick(g.rng, workParagraphs())})
	var a part
	switch g.rng.IntN(3) {
	case 0:
		a = attachment("application/pdf", slug(s.subject)+".pdf",
			pdfDocument(s.subject, []string{"Prepared by " + from.name}))
	case 1:
		a = attachment("image/png", "screenshot.png", g.png(240, 150, g.rng.IntN(6)))
	default:
		a = attachment("text/plain", "notes.txt", []byte(wrap(pick(g.rng, workParagraphs()), 72)+"\n"))
	}
	s.body = mixed(g.plain(s.text), a)
	return s
}

// receipt is a shop order confirmation or shipping notice.
func (g *gen) receipt(date time.Time) *spec {
	item, order := pick(g.rng, shopItems()), 100000+g.rng.IntN(900000)
	price := float64(900+g.rng.IntN(30000)) / 100
	s := &spec{from: person{name: "Example Shop", addr: "orders@shop.example.net"}, to: []person{me()},
		date: date, received: true}
	if g.rng.IntN(2) == 0 {
		s.subject = fmt.Sprintf("Your order #%d is confirmed", order)
		s.text = fmt.Sprintf("Hello Alex,\n\nThank you for your order.\n\n  1 x %s    EUR %.2f\n\nTotal: EUR %.2f (incl. VAT)\n\nExample Shop\n", item, price, price)
	} else {
		s.subject = fmt.Sprintf("Your order #%d has shipped", order)
		s.text = fmt.Sprintf("Hello Alex,\n\nGood news: your %s is on its way.\nTracking number: EX%09d\n\nExample Shop\n", item, g.rng.IntN(1e9))
	}
	s.body = g.alternative(s.text)
	return s
}

// slug makes a file name from the first words of a subject.
func slug(subject string) string {
	words := strings.FieldsFunc(strings.ToLower(subject), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	return strings.Join(words[:min(3, len(words))], "-")
}
