package folderview

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"tern/imapsvc"
)

// clientSort orders f by key as IMAP SORT would (RFC 5256: Date falls back
// to the arrival time, subjects compare without Re:/Fwd:), ties by UID.
// Messages without keys yet come first, newest first.
func clientSort(f Folder, key imapsvc.SortKey, reverse bool) []UID {
	out := make([]UID, 0, len(f.UIDs))
	keyed := make([]imapsvc.MessageKeys, 0, len(f.UIDs))
	for i := len(f.UIDs) - 1; i >= 0; i-- {
		if k, ok := f.Keys[f.UIDs[i]]; ok {
			keyed = append(keyed, k)
		} else {
			out = append(out, f.UIDs[i])
		}
	}
	if key == imapsvc.SortSubject {
		for i := range keyed {
			keyed[i].Subject = BaseSubject(keyed[i].Subject)
		}
	}
	c := compareBy(key)
	slices.SortFunc(keyed, func(a, b imapsvc.MessageKeys) int {
		r := c(a, b)
		if r == 0 {
			r = cmp.Compare(a.UID, b.UID)
		}
		if reverse {
			return -r
		}
		return r
	})
	for _, k := range keyed {
		out = append(out, k.UID)
	}
	return out
}

func compareBy(key imapsvc.SortKey) func(a, b imapsvc.MessageKeys) int {
	switch key {
	case imapsvc.SortDate:
		return func(a, b imapsvc.MessageKeys) int { return sentAt(a).Compare(sentAt(b)) }
	case imapsvc.SortFrom:
		return func(a, b imapsvc.MessageKeys) int { return strings.Compare(a.From, b.From) }
	case imapsvc.SortSubject:
		return func(a, b imapsvc.MessageKeys) int { return strings.Compare(a.Subject, b.Subject) }
	case imapsvc.SortSize:
		return func(a, b imapsvc.MessageKeys) int { return cmp.Compare(a.Size, b.Size) }
	}
	return func(a, b imapsvc.MessageKeys) int { return 0 } // arrival: by UID
}

func sentAt(k imapsvc.MessageKeys) time.Time {
	if k.Date.IsZero() {
		return k.Arrived
	}
	return k.Date
}

// BaseSubject is the subject without reply and forward prefixes and
// "[fwd: ...]" wrappers, lower case (RFC 5256's base subject, simplified).
func BaseSubject(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for {
		t := s
		for _, p := range []string{"re:", "fwd:", "fw:", "re :", "fwd :", "fw :", "aw:", "sv:"} {
			t = strings.TrimSpace(strings.TrimPrefix(t, p))
		}
		if strings.HasPrefix(t, "[fwd:") && strings.HasSuffix(t, "]") {
			t = strings.TrimSpace(t[5 : len(t)-1])
		}
		t = strings.TrimSpace(strings.TrimSuffix(t, "(fwd)"))
		if t == s {
			return s
		}
		s = t
	}
}
