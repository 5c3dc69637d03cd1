package imapsvc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// The keys connection's reader: the responses to one command, read into
// one reused buffer, and a parser of just the FETCH answers SortKeys asks
// for (UID, INTERNALDATE, RFC822.SIZE, BODY[HEADER.FIELDS (...)]). It
// allocates nothing per message. What a server sends is bounded as on the
// other raw connections: a line, the part of a literal kept, the
// literals of one response, the responses to one command.

const (
	// maxKeyLiteral is what is kept of one literal: the keys are clipped
	// to 80 bytes and eight references; the rest is read and dropped.
	maxKeyLiteral = 64 << 10
	// maxKeyLiterals bounds the literals of one response (one is asked).
	maxKeyLiterals = 16
	// keyDeadlineEvery is how many responses share one deadline: the
	// deadline moves on as long as the answer does.
	keyDeadlineEvery = 512
)

// keyResp is one response: its lines, each but the last followed by a
// literal (its kept part), as spans of buf.
type keyResp struct {
	buf     []byte
	parts   [][2]int // line, literal, line, ...
	scratch []byte   // an unescaped quoted string
}

func (r *keyResp) part(i int) []byte { return r.buf[r.parts[i][0]:r.parts[i][1]] }

// line is the i-th line, without the literal announcement ending it.
func (r *keyResp) line(i int) []byte { return r.part(2 * i) }

// read reads the next response from rd.
func (r *keyResp) read(rd *bufio.Reader) error {
	r.buf, r.parts = r.buf[:0], r.parts[:0]
	for {
		start := len(r.buf)
		for {
			chunk, err := rd.ReadSlice('\n')
			r.buf = append(r.buf, chunk...)
			if len(r.buf)-start > maxWireLine+2 {
				return errLineTooLong
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				return err
			}
			break
		}
		end := len(bytes.TrimRight(r.buf[start:], "\r\n")) + start
		n, brace, ok := literalAt(r.buf[start:end])
		if !ok {
			r.parts = append(r.parts, [2]int{start, end})
			return nil
		}
		if len(r.parts)/2 >= maxKeyLiterals {
			return fmt.Errorf("the server sent more than %d literals in one response", maxKeyLiterals)
		}
		r.parts = append(r.parts, [2]int{start, start + brace})
		keep := int(min(n, maxKeyLiteral))
		at := len(r.buf)
		r.buf = slices.Grow(r.buf, keep)[:at+keep]
		if _, err := io.ReadFull(rd, r.buf[at:]); err != nil {
			return err
		}
		if _, err := rd.Discard(int(min(n-int64(keep), 1<<62))); err != nil {
			return err
		}
		r.parts = append(r.parts, [2]int{at, len(r.buf)})
	}
}

// literalAt is n when line ends with a literal announcement {n} or {n+},
// and where its brace is.
func literalAt(line []byte) (n int64, brace int, ok bool) {
	if len(line) == 0 || line[len(line)-1] != '}' {
		return 0, 0, false
	}
	brace = bytes.LastIndexByte(line, '{')
	if brace < 0 {
		return 0, 0, false
	}
	digits := bytes.TrimSuffix(line[brace+1:len(line)-1], []byte("+"))
	if len(digits) == 0 || len(digits) > 10 {
		return 0, 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, brace, true
}

// keyCommand sends cmd and hands each untagged response to each, up to
// the tagged answer: nil for OK, a ServerError naming op for NO or BAD.
func (rc *rawConn) keyCommand(op, cmd string, each func(*keyResp) error) error {
	rc.n++
	tag := rc.tag + strconv.Itoa(rc.n)
	rc.traceSent(tag + " " + cmd)
	if _, err := io.WriteString(rc.conn, tag+" "+cmd+"\r\n"); err != nil {
		return err
	}
	var r keyResp
	for count := 0; ; count++ {
		if count > maxRawResponses {
			return fmt.Errorf("the server sent more than %d responses to one command", maxRawResponses)
		}
		if err := r.read(rc.rd.r); err != nil {
			return err
		}
		first := r.line(0)
		if rest, ok := bytes.CutPrefix(first, []byte(tag+" ")); ok {
			rc.traceRead(string(first))
			st, text, _ := strings.Cut(string(rest), " ")
			if strings.EqualFold(st, "OK") {
				return nil
			}
			return &ServerError{Op: op, Text: cleanLine(strings.ToUpper(st) + " " + text)}
		}
		switch {
		case bytes.HasPrefix(first, []byte("+")):
			return errors.New("the server asked for more input")
		case !bytes.HasPrefix(first, []byte("* ")):
			return fmt.Errorf("unexpected line from the server: %q", cleanLine(string(first)))
		case untaggedKind(string(first[:min(len(first), 32)])) == "BYE":
			return fmt.Errorf("the server said goodbye: %s", cleanLine(string(first[2:])))
		}
		if err := each(&r); err != nil {
			return err
		}
	}
}

// fetchKeys runs UID FETCH uids items on rc and hands each answer for one
// of uids to f, once per UID, in the order the server sends them.
func (rc *rawConn) fetchKeys(ctx context.Context, uids []UID, items *imap.FetchOptions, f func(*keyAnswer)) error {
	asked := make(map[UID]bool, len(uids)) // true once answered
	for _, u := range uids {
		asked[u] = false
	}
	count, other := 0, 0
	var a keyAnswer
	err := rc.keyCommand("UID FETCH", "UID FETCH "+uidSet(uids).String()+" "+fetchItemsWire(items), func(r *keyResp) error {
		if count++; count%keyDeadlineEvery == 0 {
			rc.deadline(ctx)
		}
		ok, err := parseKeyFetch(r, &a)
		if err != nil {
			return fmt.Errorf("reading the server's FETCH answer: %w", err)
		}
		if done, mine := asked[a.uid]; !ok || !mine || done {
			other++
			if other == 1 || !ok {
				rc.traceRead(string(r.line(0)))
			}
			return nil
		}
		if count-other == 1 { // the first answer, as a sample
			rc.traceRead(string(r.line(0)))
		}
		asked[a.uid] = true
		f(&a)
		return nil
	})
	if rc.read != nil {
		fmt.Fprintf(rc.read, "(%d responses read by the key reader, %d of them answers; not traced one by one)\r\n", count, count-other)
	}
	return err
}

// fetchItemsWire writes the items SortKeys asks for as FETCH sends them.
func fetchItemsWire(o *imap.FetchOptions) string {
	s := "(UID"
	if o.InternalDate {
		s += " INTERNALDATE"
	}
	if o.RFC822Size {
		s += " RFC822.SIZE"
	}
	for _, b := range o.BodySection {
		names := make([]string, len(b.HeaderFields))
		for i, n := range b.HeaderFields {
			names[i] = n
			if strings.Trim(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
				names[i] = quoteWire(n)
			}
		}
		s += " BODY.PEEK[HEADER.FIELDS (" + strings.Join(names, " ") + ")]"
	}
	return s + ")"
}
