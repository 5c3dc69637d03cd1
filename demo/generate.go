package demo

import (
	"fmt"
	"hash/fnv"
	"html"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// InboxMessages is how many messages INBOX holds right after Start.
const InboxMessages = 250

// Folders lists the demo folders in the order they are created. The
// delimiter is "/". Projects and Projects/tern do not exist: the demo keeps
// that gap on purpose, as many real servers have one.
func Folders() []string {
	return []string{
		"INBOX", "Sent", "Drafts", "Trash", "Junk",
		"Archive", "Archive/2024", "Archive/2025",
		"Lists", "Lists/golang-nuts", "Lists/dovecot",
		"Projects/tern/design",
	}
}

// folder is one generated folder, messages in append (date) order.
type folder struct {
	name     string
	messages []stored
}

// stored is a rendered message with what APPEND needs besides the bytes.
type stored struct {
	raw   []byte
	date  time.Time
	flags []imap.Flag
}

// spec describes one message before it is rendered.
type spec struct {
	from       person
	to, cc     []person
	date       time.Time
	subject    string
	charset    string // charset of the subject's encoded words; "" means UTF-8
	noSubject  bool
	id         string
	inReplyTo  string
	references []string
	extra      []field
	received   bool   // add a Received field, as delivered mail has
	text       string // main plain text, quoted by replies
	body       part
	flags      []imap.Flag
}

// gen builds the folders. Each section of content draws from its own seeded
// random source, so changing one section leaves the others as they were.
// The first error sticks; later calls do nothing.
type gen struct {
	now   time.Time
	rng   *rand.Rand
	boxes map[string][]*spec
	seq   int
	err   error
}

func newGen(now time.Time) *gen {
	return &gen{now: now.Truncate(time.Second), boxes: map[string][]*spec{}}
}

// section starts a named section with its own random source.
func (g *gen) section(name string) {
	h := fnv.New64a()
	h.Write([]byte(name))
	g.rng = rand.New(rand.NewPCG(h.Sum64(), 0x7465726e))
}

func (g *gen) fail(err error) {
	if g.err == nil && err != nil {
		g.err = err
	}
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// id returns a fresh Message-ID (without angle brackets) at host.
func (g *gen) id(host string) string {
	g.seq++
	return fmt.Sprintf("%x.%d@%s", g.rng.Uint64()>>24, g.seq, host)
}

// idFrom returns a fresh Message-ID at the domain of p's address.
func (g *gen) idFrom(p person) string {
	_, host, _ := strings.Cut(p.addr, "@")
	return g.id(host)
}

// ago is now minus d, plus up to an hour of jitter so dates look natural.
func (g *gen) ago(d time.Duration) time.Time {
	return g.now.Add(-d).Add(-time.Duration(g.rng.IntN(3600)) * time.Second)
}

// recent returns a date within the last maxAge, weighted toward now.
func (g *gen) recent(maxAge time.Duration) time.Time {
	u := g.rng.Float64()
	return g.now.Add(-time.Duration(u * u * float64(maxAge))).Truncate(time.Second)
}

// between returns a date uniformly in [from, to).
func (g *gen) between(from, to time.Time) time.Time {
	return from.Add(time.Duration(g.rng.Int64N(int64(to.Sub(from))))).Truncate(time.Second)
}

// readFlags gives a message of this date the \Seen flag as a reader would:
// most recent mail unread, older mail read, with a few exceptions.
func (g *gen) readFlags(date time.Time) []imap.Flag {
	var flags []imap.Flag
	if age := g.now.Sub(date); (age < 36*time.Hour && g.rng.IntN(4) == 0) ||
		(age >= 36*time.Hour && g.rng.IntN(25) != 0) {
		flags = append(flags, imap.FlagSeen)
	}
	switch r := g.rng.IntN(100); {
	case r < 6:
		flags = append(flags, imap.FlagFlagged)
	case r < 9:
		flags = append(flags, "$label1")
	case r < 12:
		flags = append(flags, "$label2")
	}
	return flags
}

// add files s in box and returns it for further changes.
func (g *gen) add(box string, s *spec) *spec {
	if s.id == "" {
		s.id = g.idFrom(s.from)
	}
	g.boxes[box] = append(g.boxes[box], s)
	return s
}

// compose writes a plain letter: greeting, paragraphs, sign-off, signature.
func (g *gen) compose(from person, to string, paras []string) string {
	var b strings.Builder
	if to != "" {
		fmt.Fprintf(&b, "Hi %s,\n\n", to)
	}
	for _, p := range paras {
		b.WriteString(wrap(p, 72) + "\n\n")
	}
	fmt.Fprintf(&b, "%s\n%s\n", pick(g.rng, signoffs()), firstName(from))
	if from.sig != "" {
		b.WriteString("\n-- \n" + from.sig + "\n")
	}
	return b.String()
}

// reply starts a reply to parent, with parent's text quoted.
func (g *gen) reply(parent *spec, from person, date time.Time, subject string, body string) *spec {
	quoted := quote(parent.text, 8)
	text := fmt.Sprintf("%s\n\nOn %s, %s wrote:\n%s\n", wrap(body, 72),
		parent.date.In(zone(parent.from)).Format("Mon, 2 Jan 2006 at 15:04"), parent.from.name, quoted)
	text += fmt.Sprintf("\n%s\n%s\n", pick(g.rng, signoffs()), firstName(from))
	refs := append(slices.Clone(parent.references), parent.id)
	if len(refs) > 10 { // clients trim long chains, keeping the root
		refs = append(refs[:1], refs[len(refs)-9:]...)
	}
	return &spec{from: from, date: date, subject: subject, id: g.idFrom(from),
		inReplyTo: parent.id, references: refs, text: text}
}

// plain is a 7bit (or quoted-printable, if not ASCII) text/plain body.
func (g *gen) plain(text string) part {
	p, err := textPart("plain", "utf-8", textEncoding(text), text, nil)
	g.fail(err)
	return p
}

// alternative is text/plain plus an HTML rendering of the same text.
func (g *gen) alternative(text string) part {
	h, err := textPart("html", "utf-8", "quoted-printable", htmlFromText(text), nil)
	g.fail(err)
	return part{mediaType: "multipart/alternative", children: []part{g.plain(text), h}}
}

// mixed wraps a text body and attachments in multipart/mixed.
func mixed(body part, attachments ...part) part {
	return part{mediaType: "multipart/mixed", children: append([]part{body}, attachments...)}
}

// finish renders every folder; messages are sorted by date so UIDs follow time.
func (g *gen) finish() ([]folder, error) {
	var out []folder
	for _, name := range Folders() {
		specs := g.boxes[name]
		slices.SortStableFunc(specs, func(a, b *spec) int { return a.date.Compare(b.date) })
		f := folder{name: name}
		for _, s := range specs {
			raw, err := s.render()
			g.fail(err)
			f.messages = append(f.messages, stored{raw: raw, date: s.date, flags: s.flags})
		}
		out = append(out, f)
	}
	return out, g.err
}

// render produces the message bytes of s.
func (s *spec) render() ([]byte, error) {
	var fields []field
	if s.received {
		fields = append(fields, field{"Received", fmt.Sprintf(
			"from mail.example.net (mail.example.net [192.0.2.25]) by mx.example.com with ESMTPS id %x; %s",
			hash32(s.id), s.date.Add(-7*time.Second).UTC().Format(time.RFC1123Z))})
	}
	fields = append(fields, field{"Date", s.date.In(zone(s.from)).Format(time.RFC1123Z)})
	from, err := s.from.address()
	if err != nil {
		return nil, err
	}
	fields = append(fields, field{"From", from})
	for _, l := range []struct {
		key    string
		people []person
	}{{"To", s.to}, {"Cc", s.cc}} {
		if len(l.people) == 0 {
			continue
		}
		var addrs []string
		for _, p := range l.people {
			a, err := p.address()
			if err != nil {
				return nil, err
			}
			addrs = append(addrs, a)
		}
		fields = append(fields, field{l.key, strings.Join(addrs, ", ")})
	}
	if !s.noSubject {
		subj, err := encodeWords(s.charset, s.subject)
		if err != nil {
			return nil, err
		}
		fields = append(fields, field{"Subject", subj})
	}
	fields = append(fields, field{"Message-ID", "<" + s.id + ">"})
	if s.inReplyTo != "" {
		fields = append(fields, field{"In-Reply-To", "<" + s.inReplyTo + ">"})
	}
	if len(s.references) > 0 {
		fields = append(fields, field{"References", "<" + strings.Join(s.references, "> <") + ">"})
	}
	fields = append(fields, s.extra...)
	return render(fields, s.body, fmt.Sprintf("%08x", hash32(s.id)))
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

func zone(p person) *time.Location {
	return time.FixedZone("", p.zone*60)
}

func firstName(p person) string {
	name, _, _ := strings.Cut(p.name, " ")
	return name
}

// textEncoding picks 7bit for ASCII text and quoted-printable otherwise.
func textEncoding(text string) string {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return "quoted-printable"
		}
	}
	return "7bit"
}

// wrap breaks a paragraph into lines of at most width bytes at spaces.
func wrap(p string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(p) {
		if i > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// quote prefixes text with "> ", keeping at most maxLines lines and cutting
// at a paragraph break where it can, as people trim what they quote.
func quote(text string, maxLines int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		for i := len(lines) - 1; i > 0; i-- {
			if strings.TrimSpace(lines[i]) == "" {
				lines = lines[:i]
				break
			}
		}
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

// htmlFromText renders plain text as simple HTML, quotes as blockquotes.
func htmlFromText(text string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><body style=\"font-family: Helvetica, Arial, sans-serif; font-size: 14px;\">\n")
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		esc := strings.ReplaceAll(html.EscapeString(para), "\n", "<br>\n")
		if strings.HasPrefix(para, ">") {
			fmt.Fprintf(&b, "<blockquote style=\"border-left: 2px solid #ccc; padding-left: 8px; color: #555;\">%s</blockquote>\n", esc)
		} else {
			fmt.Fprintf(&b, "<p>%s</p>\n", esc)
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// wrapParas wraps each paragraph of text (paragraphs end at blank lines).
func wrapParas(text string) string {
	paras := strings.Split(strings.TrimSpace(text), "\n\n")
	for i, p := range paras {
		if !strings.Contains(p, "\n") {
			paras[i] = wrap(p, 72)
		}
	}
	return strings.Join(paras, "\n\n") + "\n"
}
