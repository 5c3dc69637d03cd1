package imapsvc

import (
	"fmt"
	"slices"
	"strings"
)

// What a move holds after it was cut off mid-way, as tern found by looking
// again, and the one step that completes it (or undoes the harmful part).

// Held is what the server holds after a move (or undo, or delete to
// Trash) whose connection was lost before tern knew how it ended.
type Held struct {
	Source Mailbox // where the originals were
	Dest   FolderName
	UIDs   []UID // the originals asked for
	Kept   []UID // still in Source, not \Deleted
	Marked []UID // still in Source, marked \Deleted
	Gone   []UID // no longer in Source
	// Copied are the originals still in Source that have a copy in Dest
	// (by COPYUID, else by Message-ID); Copies are those copies' UIDs.
	Copied []UID
	Copies []UID
	// NewInDest counts the messages Dest gained since the move began,
	// when tern knew its UIDNEXT then; -1 when unknown.
	NewInDest       int
	DestUIDValidity uint32
	UIDPlus         bool   // the live connection can UID EXPUNGE
	Err             string // why tern could not look; "" when it did
	CopyOnly        bool   // a copy (C), not a move: nothing to finish
}

// HeldStep is the one step tern offers after a cut.
type HeldStep int

const (
	StepNone   HeldStep = iota
	StepFinish          // expunge the originals that have a copy (UID EXPUNGE)
	StepMark            // mark them \Deleted; without UIDPLUS the user expunges
	StepUnmark          // clear \Deleted on originals that have no copy
)

// Next is the step that completes the move, or, where originals without a
// copy are marked \Deleted, the one that keeps them from being lost.
func (h Held) Next() (HeldStep, []UID) {
	if h.Err != "" || h.CopyOnly {
		return StepNone, nil
	}
	if lone := minus(h.Marked, h.Copied); len(lone) > 0 {
		return StepUnmark, lone
	}
	both := intersect(h.Copied, append(slices.Clone(h.Kept), h.Marked...))
	switch {
	case len(both) == 0:
		return StepNone, nil
	case h.UIDPlus:
		return StepFinish, both
	case len(intersect(h.Copied, h.Kept)) > 0:
		return StepMark, intersect(h.Copied, h.Kept)
	}
	return StepNone, nil
}

// Describe says what the server holds, in one sentence.
func (h Held) Describe() string {
	src, dst, n := cleanLine(h.Source.Name), cleanLine(h.Dest), len(h.UIDs)
	if h.Err != "" {
		return fmt.Sprintf("tern could not look again (%s): the %s may be in %s, in %s, or in both",
			h.Err, plural(n, "message"), src, dst)
	}
	if h.CopyOnly {
		if c := len(h.Copied); c > 0 {
			return fmt.Sprintf("copies of %d of the %s are in %s", c, plural(n, "message"), dst)
		}
		return fmt.Sprintf("no copy is in %s", dst)
	}
	switch {
	case len(h.Gone) == n:
		s := fmt.Sprintf("the move went through: the message is no longer in %s", src)
		if n > 1 {
			s = fmt.Sprintf("the move went through: none of the %d messages is left in %s", n, src)
		}
		if h.NewInDest >= 0 {
			s += fmt.Sprintf(" and %s has %s", dst, plural(h.NewInDest, "new message"))
		}
		return s
	case len(h.Kept) == n && len(h.Copied) == 0:
		return fmt.Sprintf("nothing was moved: all %s are still in %s and no copy is in %s", plural(n, "message"), src, dst)
	}
	var parts []string
	if c := len(h.Copied); c > 0 {
		parts = append(parts, fmt.Sprintf("copies of %d are in %s", c, dst))
	}
	if k := len(h.Kept); k > 0 {
		parts = append(parts, fmt.Sprintf("%d %s still in %s, untouched", k, isAre(k), src))
	}
	if m := len(h.Marked); m > 0 {
		parts = append(parts, fmt.Sprintf("%d %s still in %s, marked \\Deleted", m, isAre(m), src))
	}
	if g := len(h.Gone); g > 0 {
		parts = append(parts, fmt.Sprintf("%d %s gone from %s", g, isAre(g), src))
	}
	if len(h.Copied) == 0 {
		parts = append(parts, "no copy was found in "+dst)
	}
	return strings.Join(parts, "; ")
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// InterruptedError reports a move, delete or undo whose connection was
// lost before it ended, with what the server holds now.
type InterruptedError struct {
	Op   string // the command that got no answer, e.g. "UID COPY"
	Err  error
	Held Held
}

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("the connection was lost during %s (%v); %s", e.Op, e.Err, e.Held.Describe())
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// LateInterrupted is an InterruptedError whose request had already timed
// out when the look after the cut finished: the caller got only the
// timeout, so what the server holds comes as an event.
type LateInterrupted struct {
	Err *InterruptedError
}

func (LateInterrupted) event() {}

// minus returns a without the UIDs in b; intersect those in both. Both
// sort a copy of b, so 10,000-message moves stay cheap.
func minus(a, b []UID) []UID {
	b = sortedCopy(b)
	var out []UID
	for _, u := range a {
		if _, ok := slices.BinarySearch(b, u); !ok {
			out = append(out, u)
		}
	}
	return out
}

func intersect(a, b []UID) []UID {
	b = sortedCopy(b)
	var out []UID
	for _, u := range a {
		if _, ok := slices.BinarySearch(b, u); ok {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func sortedCopy(u []UID) []UID {
	c := slices.Clone(u)
	slices.Sort(c)
	return c
}
