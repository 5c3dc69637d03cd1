package imapsvc

import (
	"bytes"
	"net/mail"
	"strings"
	"time"

	"tern/mailtext"
)

// keysOfHeader reads the keys of fields from the fetched header fields.
// What does not parse is left empty: it sorts first, as IMAP SORT has it.
// Only the fields asked for are read: a Date parsed when only the Subject
// was fetched failed through every layout net/mail knows, which was a
// quarter of tern's CPU in a subject sort.
func keysOfHeader(raw []byte, fields KeyFields) MessageKeys {
	var k MessageKeys
	var seen KeyFields
	var refs []string
	eachField(raw, func(name, value []byte) {
		bit := fieldBit(name)
		if bit == 0 || fields&bit == 0 {
			return
		}
		if bit == KeyThread && bytes.EqualFold(name, []byte("References")) {
			refs = append(refs, string(value))
			return
		}
		if seen&bit != 0 && bit != KeyThread {
			return // the first of a repeated field counts, as textproto's Get has it
		}
		seen |= bit
		switch v := string(value); {
		case bit == KeyDate:
			if d, err := parseDate(v); v != "" && err == nil {
				k.Date = d
			}
		case bit == KeyFrom:
			if a, err := mail.ParseAddress(mailtext.DecodeHeader(v)); err == nil {
				v = a.Address
			}
			k.From = clip(strings.ToLower(cleanLine(v)))
		case bit == KeySubject:
			k.Subject = clip(cleanLine(mailtext.DecodeHeader(v)))
		case bytes.EqualFold(name, []byte("Message-ID")):
			if k.MessageID == "" {
				k.MessageID = msgID(v)
			}
		case bytes.EqualFold(name, []byte("In-Reply-To")):
			if k.InReplyTo == "" {
				k.InReplyTo = msgID(v)
			}
		}
	})
	k.References = parseReferences(refs)
	return k
}

// fieldBit is the key a header field feeds, 0 for none.
func fieldBit(name []byte) KeyFields {
	for _, f := range []struct {
		name string
		bit  KeyFields
	}{{"Subject", KeySubject}, {"Date", KeyDate}, {"From", KeyFrom},
		{"Message-ID", KeyThread}, {"In-Reply-To", KeyThread}, {"References", KeyThread}} {
		if bytes.EqualFold(name, []byte(f.name)) {
			return f.bit
		}
	}
	return 0
}

// eachField calls f with the name and the unfolded value of every field of
// raw, a header block as BODY[HEADER.FIELDS (...)] returns it. It reads in
// place: textproto's reader cost a 4 KB buffer a message, 200 MB of garbage
// for 50,000. Lines that are not fields are skipped.
func eachField(raw []byte, f func(name, value []byte)) {
	var name, value []byte
	for len(raw) > 0 {
		var line []byte
		line, raw, _ = bytes.Cut(raw, []byte("\n"))
		line = bytes.TrimRight(line, "\r")
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if name != nil { // a folded line: joined with one space, never in raw's place
				value = append(append(value[:len(value):len(value)], ' '), bytes.TrimSpace(line)...)
			}
			continue
		}
		if name != nil {
			f(name, value)
		}
		n, v, ok := bytes.Cut(line, []byte(":"))
		name, value = nil, nil
		if ok && len(n) > 0 {
			name, value = bytes.TrimSpace(n), bytes.TrimSpace(v)
		}
	}
	if name != nil {
		f(name, value)
	}
}

// parseDate reads a Date field as mail.ParseDate does, trying the layout
// nearly every mailer writes first: mail.ParseDate tries a dozen layouts
// before that one, and each failure builds an error (a tenth of tern's CPU
// while fetching the dates of 50,000 messages).
func parseDate(v string) (time.Time, error) {
	if t, err := time.Parse("Mon, 2 Jan 2006 15:04:05 -0700", v); err == nil {
		return t, nil
	}
	return mail.ParseDate(v)
}

// msgID is the first <id> of a field, without the brackets.
func msgID(v string) string {
	if ids := parseReferences([]string{v}); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

func clip(s string) string {
	if len(s) > maxKeyText {
		return s[:maxKeyText]
	}
	return s
}

// parseReferences reads the Message-IDs of References fields, keeping the
// last maxReferences (the nearest ancestors).
func parseReferences(values []string) []string {
	var ids []string
	for _, v := range values {
		for _, f := range strings.Fields(strings.ReplaceAll(v, "><", "> <")) {
			if strings.HasPrefix(f, "<") && strings.HasSuffix(f, ">") {
				ids = append(ids, clip(strings.Trim(f, "<>")))
			}
		}
	}
	if len(ids) > maxReferences {
		ids = ids[len(ids)-maxReferences:]
	}
	return ids
}
