package demo

import (
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

const day = 24 * time.Hour

// generate builds every demo folder for the given base time.
func generate(now time.Time) ([]folder, error) {
	g := newGen(now)
	g.releaseThread()
	g.shortThreads()
	g.specials()
	g.inboxFiller()
	g.sent()
	g.drafts()
	g.trashAndJunk()
	g.archives()
	g.lists()
	g.design()
	return g.finish()
}

// thread files a conversation: msgs[0] opens it, msgs[i] answers
// msgs[parents[i]]. The account owner's messages go to Sent, the rest to box,
// and a message the owner answered gets \Answered.
func (g *gen) thread(box string, t topic, authors []person, parents []int, start time.Time, to []person, extra []field) []*spec {
	gaps := make([]time.Duration, len(authors))
	var span time.Duration
	for i := 1; i < len(gaps); i++ {
		gaps[i] = time.Duration(20+g.rng.IntN(600)) * time.Minute
		span += gaps[i]
	}
	if late := start.Add(span).Sub(g.now.Add(-10 * time.Minute)); late > 0 {
		start = start.Add(-late) // the last reply must not be in the future
	}
	first := &spec{from: authors[0], to: to, date: start, subject: t.subject, extra: extra, received: true,
		id: g.idFrom(authors[0]), text: wrapParas(t.opening)}
	msgs := []*spec{first}
	date := start
	for i := 1; i < len(authors); i++ {
		parent := msgs[parents[i]]
		date = date.Add(gaps[i])
		body := pick(g.rng, genericListReplies())
		if i-1 < len(t.replies) {
			body = t.replies[i-1]
		}
		r := g.reply(parent, authors[i], date, "Re: "+t.subject, body)
		r.to, r.extra, r.received = to, extra, true
		if extra == nil { // not a list: reply to the author, copy the others
			r.to, r.cc = []person{parent.from}, others(to, authors[i], parent.from)
		}
		msgs = append(msgs, r)
	}
	for _, m := range msgs {
		m.body = g.plain(m.text)
		if m.from.addr == me().addr {
			m.flags, m.received = []imap.Flag{imap.FlagSeen}, false
			g.add("Sent", m)
			continue
		}
		m.flags = g.readFlags(m.date)
		if box != "INBOX" && g.now.Sub(m.date) > 2*day {
			m.flags = append(m.flags, imap.FlagSeen)
		}
		g.add(box, m)
	}
	for i := 1; i < len(msgs); i++ {
		if msgs[i].from.addr == me().addr {
			msgs[parents[i]].flags = append(msgs[parents[i]].flags, imap.FlagAnswered)
		}
	}
	return msgs
}

// others is to without the author and the person answered.
func others(to []person, author, answered person) []person {
	var out []person
	for _, p := range to {
		if p.addr != author.addr && p.addr != answered.addr {
			out = append(out, p)
		}
	}
	return out
}

// chain is the parents slice of a plain reply chain of n messages.
func chain(n int) []int {
	p := make([]int, n)
	for i := 1; i < n; i++ {
		p[i] = i - 1
	}
	return p
}

// releaseThread files the long INBOX thread and returns its last message.
func (g *gen) releaseThread() *spec {
	g.section("release-thread")
	c := colleagues()
	priya, jonas, sam, lena, grace, tom := c[0], c[1], c[3], c[4], c[6], c[11]
	authors := []person{priya, lena, sam, jonas, me(), priya, tom, jonas, grace, me(),
		grace, jonas, priya, me(), priya, sam, priya}
	parents := []int{0, 0, 0, 2, 3, 4, 0, 6, 0, 8, 9, 10, 0, 12, 12, 14, 15}
	team := []person{me(), jonas, sam, lena, grace, tom}
	msgs := g.thread("INBOX", releaseTopic(), authors, parents, g.ago(9*day), team, nil)
	msgs[7].subject = "AW: " + releaseTopic().subject // Jonas's German Outlook
	return msgs[len(msgs)-1]
}

func (g *gen) shortThreads() {
	g.section("short-threads")
	c := colleagues()
	for i := range 6 {
		n := 2 + g.rng.IntN(4)
		authors := []person{pick(g.rng, c)}
		for len(authors) < n {
			next := me()
			if len(authors)%2 == 0 {
				next = pick(g.rng, c)
			}
			authors = append(authors, next)
		}
		subjects := workSubjects()
		t := topic{subject: subjects[(i*7+3)%len(subjects)],
			opening: g.compose(authors[0], "Alex", []string{pick(g.rng, workParagraphs()), pick(g.rng, workParagraphs())}),
			replies: []string{pick(g.rng, replyOpeners()) + " " + pick(g.rng, workParagraphs())}}
		for range n {
			t.replies = append(t.replies, pick(g.rng, replyOpeners())+" "+pick(g.rng, workParagraphs()))
		}
		g.thread("INBOX", t, authors, chain(n), g.recent(40*day), []person{me()}, nil)
	}
}

// inboxFiller tops INBOX up to InboxMessages with everyday mail.
func (g *gen) inboxFiller() {
	g.section("inbox-filler")
	var deleted int
	for len(g.boxes["INBOX"]) < InboxMessages {
		s := g.everyday(g.recent(120 * day))
		s.flags = g.readFlags(s.date)
		if deleted < 2 && g.now.Sub(s.date) > 20*day && g.rng.IntN(5) == 0 {
			s.flags = []imap.Flag{imap.FlagSeen, imap.FlagDeleted}
			deleted++
		}
		g.add("INBOX", s)
	}
}

// everyday is one message of ordinary mail: work, notifications, receipts.
func (g *gen) everyday(date time.Time) *spec {
	c := colleagues()
	from := pick(g.rng, c)
	s := &spec{from: from, to: []person{me()}, date: date, received: true}
	switch r := g.rng.IntN(100); {
	case r < 50:
		s.subject = pick(g.rng, workSubjects())
		paras := []string{pick(g.rng, workParagraphs())}
		for range g.rng.IntN(3) {
			paras = append(paras, pick(g.rng, workParagraphs()))
		}
		s.text = g.compose(from, "Alex", paras)
		if g.rng.IntN(3) == 0 {
			s.cc = []person{pick(g.rng, c), pick(g.rng, c)}
		}
		if g.rng.IntN(5) < 2 {
			s.body = g.alternative(s.text)
		} else {
			s.body = g.plain(s.text)
		}
	case r < 70:
		return g.notification(date)
	case r < 80:
		return g.withAttachment(date)
	default:
		return g.receipt(date)
	}
	return s
}

func (g *gen) sent() {
	g.section("sent")
	c := colleagues()
	for range 14 {
		to := pick(g.rng, c)
		s := &spec{from: me(), to: []person{to}, date: g.recent(60 * day),
			subject: pick(g.rng, workSubjects()), flags: []imap.Flag{imap.FlagSeen}}
		s.text = g.compose(me(), firstName(to), []string{pick(g.rng, workParagraphs())})
		s.body = g.plain(s.text)
		if g.rng.IntN(4) == 0 {
			s.body = mixed(s.body, attachment("application/pdf", "notes.pdf",
				pdfDocument(s.subject, []string{"Notes by Alex Morgan"})))
		}
		g.add("Sent", s)
	}
}

func (g *gen) drafts() {
	g.section("drafts")
	wang := gbkMessage().from
	d1 := &spec{from: me(), to: []person{wang}, date: g.ago(20 * time.Hour), subject: "Re: " + SubjectGBK,
		text: "王经理，您好：\n\n收到，我会准时参加。进度汇报正在准备中，\n"}
	d2 := &spec{from: me(), to: []person{colleagues()[0]}, date: g.ago(3 * day),
		subject: "Proposal: drop support for TLS 1.0",
		text:    "Priya,\n\nHere is a first cut of the proposal. Still missing: numbers on\nhow many clients still connect with TLS 1.0.\n\nTODO\n"}
	d3 := &spec{from: me(), date: g.ago(26 * time.Hour), noSubject: true, text: "remember: renew staging cert\n"}
	for i, d := range []*spec{d1, d2, d3} {
		d.body = g.plain(d.text)
		d.flags = []imap.Flag{imap.FlagDraft}
		if i == 0 {
			d.flags = append(d.flags, imap.FlagSeen)
		}
		g.add("Drafts", d)
	}
}

func (g *gen) trashAndJunk() {
	g.section("trash")
	for i := range 15 {
		s := g.everyday(g.recent(30 * day))
		s.flags = []imap.Flag{imap.FlagSeen}
		if i == 7 {
			s.flags = append(s.flags, imap.FlagDeleted)
		}
		g.add("Trash", s)
	}
	g.section("junk")
	for i := range 12 {
		t := spamTopics()[i%len(spamTopics())]
		from := person{name: pick(g.rng, []string{"Delivery Service", "Prize Team", "IT Helpdesk", "Accounts", "Dr. Health", "Mr. James Walker"}),
			addr: fmt.Sprintf("noreply%d@promo%d.example.net", g.rng.IntN(900)+100, i)}
		s := &spec{from: from, to: []person{me()}, date: g.recent(25 * day), subject: t.subject,
			text: t.opening + "\n\nClick here: https://promo.example.net/claim?id=" + fmt.Sprint(g.rng.IntN(1e6)) + "\n", received: true}
		if i%2 == 0 {
			h, err := textPart("html", "utf-8", "quoted-printable", htmlFromText(s.text), nil)
			g.fail(err)
			s.body = h
		} else {
			s.body = g.plain(s.text)
		}
		if g.rng.IntN(3) > 0 {
			s.flags = []imap.Flag{imap.FlagSeen}
		}
		g.add("Junk", s)
	}
}

func (g *gen) archives() {
	g.section("archive")
	for range 20 {
		s := g.everyday(g.between(g.now.Add(-540*day), g.now.Add(-180*day)))
		s.flags = archivedFlags(g)
		g.add("Archive", s)
	}
	for _, year := range []int{2024, 2025} {
		g.section(fmt.Sprint("archive-", year))
		from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(1, 0, 0)
		if cut := g.now.Add(-30 * day); cut.Before(to) && cut.After(from) {
			to = cut // the year is not over yet at the base time
		}
		for range 40 {
			s := g.everyday(g.between(from, to))
			s.flags = archivedFlags(g)
			g.add(fmt.Sprint("Archive/", year), s)
		}
	}
}

func archivedFlags(g *gen) []imap.Flag {
	flags := []imap.Flag{imap.FlagSeen}
	if g.rng.IntN(4) == 0 {
		flags = append(flags, imap.FlagAnswered)
	}
	if g.rng.IntN(20) == 0 {
		flags = append(flags, imap.FlagFlagged)
	}
	return flags
}

func (g *gen) lists() {
	g.section("lists")
	for i, l := range []struct{ name, addr string }{
		{"golang-nuts", "golang-nuts@lists.example.org"},
		{"dovecot", "dovecot@lists.example.org"},
	} {
		s := &spec{from: person{name: l.name + " owner", addr: "owner-" + l.addr},
			to: []person{me()}, date: g.ago(time.Duration(200+30*i) * day), received: true,
			subject: "Welcome to the " + l.name + " mailing list", flags: []imap.Flag{imap.FlagSeen}}
		s.text = fmt.Sprintf("Welcome to %s!\n\nTo post, write to %s.\nTo unsubscribe, visit https://lists.example.org/%s/unsubscribe\n", l.name, l.addr, l.name)
		s.body = g.plain(s.text)
		g.add("Lists", s)
		d := &spec{from: s.from, to: s.to, date: g.ago(time.Duration(3+7*i) * day), received: true,
			subject: fmt.Sprintf("%s digest, Vol %d, Issue %d", l.name, 40+i, 12+g.rng.IntN(20)), flags: []imap.Flag{imap.FlagSeen}}
		d.text = "Today's topics:\n\n  1. " + goTopics()[1+i].subject + "\n  2. " + dovecotTopics()[1+i].subject + "\n"
		d.body = g.plain(d.text)
		g.add("Lists", d)
	}
	reminder := "This is a reminder of your list memberships at lists.example.org.\n"
	g.add("Lists", &spec{from: person{name: "lists.example.org", addr: "mailman@lists.example.org"}, to: []person{me()},
		date: g.ago(45 * day), subject: "Your mailing list memberships: monthly reminder", received: true,
		text: reminder, body: g.plain(reminder), flags: []imap.Flag{imap.FlagSeen}})

	g.listFolder("Lists/golang-nuts", "golang-nuts@lists.example.org", goTopics(), 60, 12)
	g.listFolder("Lists/dovecot", "dovecot@lists.example.org", dovecotTopics(), 35, 10)
}

// listFolder fills a mailing list folder with count messages: the first topic
// as a thread of long messages, the rest as shorter threads.
func (g *gen) listFolder(box, addr string, topics []topic, count, long int) {
	g.section(box)
	list := person{name: "", addr: addr}
	name := addr[:len(addr)-len("@lists.example.org")]
	extra := []field{
		{"List-Id", fmt.Sprintf("<%s.lists.example.org>", name)},
		{"List-Post", "<mailto:" + addr + ">"},
		{"List-Unsubscribe", fmt.Sprintf("<https://lists.example.org/%s/unsubscribe>", name)},
		{"Precedence", "list"},
	}
	people := listPeople()
	for i := 0; len(g.boxes[box]) < count; i++ {
		t := topics[i%len(topics)]
		n := long
		if i > 0 {
			n = min(1+g.rng.IntN(6), count-len(g.boxes[box]))
		}
		if i >= len(topics) { // second round: same subjects, fresh threads
			t.replies = nil
		}
		authors := []person{pick(g.rng, people)}
		for len(authors) < n {
			p := pick(g.rng, people)
			if p.addr != authors[len(authors)-1].addr {
				authors = append(authors, p)
			}
		}
		g.thread(box, t, authors, chain(n), g.recent(60*day), []person{list}, extra)
	}
}

func (g *gen) design() {
	g.section("design")
	c := colleagues()
	marie, lena := c[2], c[4]
	t := topic{subject: "Design: message list virtualisation",
		opening: "Attached are two mockups for the message list. The first keeps one line per message; the second adds a preview line. Both only render the visible window, so scrolling a 50k folder stays smooth.",
		replies: []string{
			"I like the one-line version for the default. Can the preview be a toggle?",
			"Yes, a toggle is easy. Where should the unread marker go in the two-line layout?",
			"Left gutter, same as now. Keeps the columns stable when toggling.",
			"Agreed. Updated mockup attached.",
			"Looks good. One more: how do we show a thread that is collapsed?",
			"A count in brackets after the subject, like [12]. Mockup in the next round.",
			"Great, let's go with that.",
		}}
	authors := []person{marie, me(), marie, lena, marie, me(), marie, lena}
	msgs := g.thread("Projects/tern/design", t, authors, chain(len(authors)), g.ago(14*day), []person{me(), lena}, nil)
	for _, i := range []int{0, 4} {
		msgs[i].body = mixed(msgs[i].body,
			attachment("image/png", fmt.Sprintf("mockup-%d.png", i/4+1), g.png(160, 100, i)))
	}
}
