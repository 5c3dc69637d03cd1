package imapsvc

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// go-imap has no raw-command API, so ":search KEYS" is parsed here into
// imap.SearchCriteria. The common RFC 3501 keys are supported; any other
// key is an error that names it.

// ParseSearch checks IMAP SEARCH keys as typed, e.g.
// `FROM alice SINCE 1-Jan-2026 NOT SEEN`. It returns nil when they parse.
func ParseSearch(keys string) error {
	_, err := parseSearch(keys)
	return err
}

func parseSearch(keys string) (*imap.SearchCriteria, error) {
	toks, err := searchTokens(keys)
	if err != nil {
		return nil, err
	}
	p := &searchParser{toks: toks}
	c := &imap.SearchCriteria{}
	for p.more() {
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		c.And(k)
	}
	return c, nil
}

// searchTokens splits on spaces, keeps "quoted strings" (with \" and \\)
// whole, and makes parentheses tokens of their own.
func searchTokens(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		switch ch := s[i]; {
		case ch == ' ' || ch == '\t':
			i++
		case ch == '(' || ch == ')':
			toks = append(toks, string(ch))
			i++
		case ch == '"':
			var b strings.Builder
			b.WriteByte('"')
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated quoted string")
			}
			i++
			toks = append(toks, b.String())
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t()\"", rune(s[j])) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks, nil
}

type searchParser struct {
	toks []string
	i    int
}

func (p *searchParser) more() bool { return p.i < len(p.toks) }

func (p *searchParser) next() (string, bool) {
	if !p.more() {
		return "", false
	}
	t := p.toks[p.i]
	p.i++
	return t, true
}

// arg returns the next token as a string argument (quotes removed).
func (p *searchParser) arg(key string) (string, error) {
	t, ok := p.next()
	if !ok || t == "(" || t == ")" {
		return "", fmt.Errorf("%s needs an argument", key)
	}
	return strings.TrimPrefix(t, `"`), nil
}

var flagKeys = map[string]imap.Flag{
	"ANSWERED": imap.FlagAnswered, "DELETED": imap.FlagDeleted, "DRAFT": imap.FlagDraft,
	"FLAGGED": imap.FlagFlagged, "SEEN": imap.FlagSeen,
}

var headerKeys = map[string]string{"FROM": "From", "TO": "To", "CC": "Cc", "BCC": "Bcc", "SUBJECT": "Subject"}

func (p *searchParser) key() (*imap.SearchCriteria, error) {
	t, _ := p.next()
	c := &imap.SearchCriteria{}
	up := strings.ToUpper(t)
	if f, ok := flagKeys[up]; ok {
		c.Flag = []imap.Flag{f}
		return c, nil
	}
	if f, ok := flagKeys[strings.TrimPrefix(up, "UN")]; ok && strings.HasPrefix(up, "UN") {
		c.NotFlag = []imap.Flag{f}
		return c, nil
	}
	if h, ok := headerKeys[up]; ok {
		v, err := p.arg(up)
		c.Header = []imap.SearchCriteriaHeaderField{{Key: h, Value: v}}
		return c, err
	}
	switch up {
	case "ALL":
		return c, nil
	case "(":
		for p.more() && p.toks[p.i] != ")" {
			k, err := p.key()
			if err != nil {
				return nil, err
			}
			c.And(k)
		}
		if _, ok := p.next(); !ok {
			return nil, fmt.Errorf("missing )")
		}
		return c, nil
	case "NOT":
		if !p.more() {
			return nil, fmt.Errorf("NOT needs a key")
		}
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		c.Not = []imap.SearchCriteria{*k}
		return c, nil
	case "OR":
		if !p.more() {
			return nil, fmt.Errorf("OR needs two keys")
		}
		a, err := p.key()
		if err != nil {
			return nil, err
		}
		if !p.more() {
			return nil, fmt.Errorf("OR needs two keys")
		}
		b, err := p.key()
		if err != nil {
			return nil, err
		}
		c.Or = [][2]imap.SearchCriteria{{*a, *b}}
		return c, nil
	case "NEW":
		c.Flag, c.NotFlag = []imap.Flag{"\\Recent"}, []imap.Flag{imap.FlagSeen}
		return c, nil
	case "KEYWORD", "UNKEYWORD":
		v, err := p.arg(up)
		if up == "KEYWORD" {
			c.Flag = []imap.Flag{imap.Flag(v)}
		} else {
			c.NotFlag = []imap.Flag{imap.Flag(v)}
		}
		return c, err
	case "BODY", "TEXT":
		v, err := p.arg(up)
		if up == "BODY" {
			c.Body = []string{v}
		} else {
			c.Text = []string{v}
		}
		return c, err
	case "HEADER":
		name, err := p.arg(up)
		if err != nil {
			return nil, err
		}
		v, err := p.arg(up)
		c.Header = []imap.SearchCriteriaHeaderField{{Key: name, Value: v}}
		return c, err
	case "SINCE", "BEFORE", "ON", "SENTSINCE", "SENTBEFORE", "SENTON":
		return p.date(up, c)
	case "LARGER", "SMALLER":
		v, err := p.arg(up)
		if err != nil {
			return nil, err
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%s needs a size in bytes, not %q", up, v)
		}
		if up == "LARGER" {
			c.Larger = n
		} else {
			c.Smaller = n
		}
		return c, nil
	case "UID":
		v, err := p.arg(up)
		if err != nil {
			return nil, err
		}
		set, err := parseUIDSet(v)
		if err != nil {
			return nil, fmt.Errorf("UID needs a set like 1:100,205, not %q", v)
		}
		c.UID = []imap.UIDSet{set}
		return c, nil
	case ")":
		return nil, fmt.Errorf("unexpected )")
	}
	return nil, fmt.Errorf("unsupported search key %q (tern knows FROM TO CC BCC SUBJECT BODY TEXT HEADER "+
		"SINCE BEFORE ON SENTSINCE SENTBEFORE SENTON LARGER SMALLER UID KEYWORD UNKEYWORD NOT OR ALL NEW "+
		"and the flag keys such as SEEN UNSEEN FLAGGED DELETED)", t)
}

// date parses 1-Jan-2026 (IMAP) or 2026-01-02.
func (p *searchParser) date(up string, c *imap.SearchCriteria) (*imap.SearchCriteria, error) {
	v, err := p.arg(up)
	if err != nil {
		return nil, err
	}
	d, err := time.Parse("2-Jan-2006", v)
	if err != nil {
		if d, err = time.Parse("2006-01-02", v); err != nil {
			return nil, fmt.Errorf("%s needs a date like 1-Jan-2026 or 2026-01-01, not %q", up, v)
		}
	}
	next := d.AddDate(0, 0, 1)
	switch up {
	case "SINCE":
		c.Since = d
	case "BEFORE":
		c.Before = d
	case "ON":
		c.Since, c.Before = d, next
	case "SENTSINCE":
		c.SentSince = d
	case "SENTBEFORE":
		c.SentBefore = d
	case "SENTON":
		c.SentSince, c.SentBefore = d, next
	}
	return c, nil
}

// parseUIDSet parses "1:100,205,300:*"; "*" is the highest UID.
func parseUIDSet(s string) (imap.UIDSet, error) {
	var set imap.UIDSet
	num := func(t string) (imap.UID, error) {
		if t == "*" {
			return 0, nil // 0 stands for * in go-imap's ranges
		}
		n, err := strconv.ParseUint(t, 10, 32)
		if err != nil || n == 0 {
			return 0, fmt.Errorf("bad UID %q", t)
		}
		return imap.UID(n), nil
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, ":")
		a, err := num(lo)
		if err != nil {
			return nil, err
		}
		b := a
		if isRange {
			if b, err = num(hi); err != nil {
				return nil, err
			}
		}
		set = append(set, imap.UIDRange{Start: a, Stop: b})
	}
	return set, nil
}
