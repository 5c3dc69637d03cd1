package demo

import (
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

// sample builds live message i for the base time now. It depends on nothing
// else, so the same (now, i) always gives the same bytes. The kinds rotate:
// work mail, a notification, GBK Chinese, a reply to the release thread, a
// newsletter and ISO-2022-JP Japanese.
func sample(now time.Time, i int) ([]byte, error) {
	g := newGen(now)
	tip := g.releaseThread()
	g.section(fmt.Sprint("live-", i))
	date := g.now.Add(time.Duration(i+1) * time.Minute)
	var s *spec
	switch i % 6 {
	case 0:
		from := pick(g.rng, colleagues())
		s = &spec{from: from, to: []person{me()}, subject: pick(g.rng, workSubjects())}
		s.text = g.compose(from, "Alex", []string{pick(g.rng, workParagraphs()), pick(g.rng, workParagraphs())})
		s.body = g.plain(s.text)
	case 1:
		s = g.notification(date)
	case 2:
		subject, body := liveChinese()
		s = &spec{from: person{name: "运维部", addr: "ops@example.net", charset: "GBK", zone: 480},
			to: []person{me()}, subject: subject, charset: "GBK", text: body}
		p, err := textPart("plain", "GBK", "base64", body, nil)
		g.fail(err)
		s.body = p
	case 3:
		body := pick(g.rng, replyOpeners()) + " " + pick(g.rng, workParagraphs())
		s = g.reply(tip, pick(g.rng, colleagues()), date, "Re: "+releaseTopic().subject, body)
		s.to = []person{me()}
		s.body = g.plain(s.text)
	case 4:
		s = g.newsletter(date, 513+i/6)
	default:
		subject, body := liveJapanese()
		s = &spec{from: iso2022JPMessage().from, to: []person{me()}, subject: subject,
			charset: "ISO-2022-JP", text: body}
		p, err := textPart("plain", "ISO-2022-JP", "7bit", body, nil)
		g.fail(err)
		s.body = p
	}
	if g.err != nil {
		return nil, g.err
	}
	s.date, s.received, s.flags = date, true, []imap.Flag(nil)
	s.id = fmt.Sprintf("live-%d.%08x@example.net", i, hash32(fmt.Sprint(date.Unix())))
	return s.render()
}
