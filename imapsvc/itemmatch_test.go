package imapsvc

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// literalItem, which reads the item from its possible starts only,
// decides as the unanchored regexps it replaced did.
func TestItemMatchAsUnanchored(t *testing.T) {
	partial := regexp.MustCompile(`(?i)(?:BODY|BINARY)\[[^\]]*\]<\d+> ~?\{\d+\}\r?$`)
	body := regexp.MustCompile(`(?i)(?:BODY\[[^\]]*\]|BINARY\[[^\]]*\]|RFC822(?:\.TEXT|\.HEADER)?)(?:<\d+>)? ~?\{\d+\}\r?$`)
	parts := []string{"* 1 FETCH (", "UID 7 ", "BODY[", "body[", "BINARY[", "Binary[", "RFC822", "rfc822",
		".TEXT", ".header", ".SIZE 12 ", "HEADER.FIELDS (DATE)", "1.2", "]", "<0>", "<12>", " ", "{", "}", "~",
		"12", "{5}", " {5}", " ~{7}", "\r", "x", "[", "(", ")", "BODY[]", "BODY[1]<0> {3}", "RFC822 {9}"}
	rng := rand.New(rand.NewSource(1))
	lines := []string{"* 1 FETCH (BODY[HEADER.FIELDS (DATE)] {23}", "* 1 FETCH (BODY[1]<0> {100}\r",
		"* 1 FETCH (RFC822.HEADER {3}", "* 1 FETCH (X-GM-LABELS {3}", "BODY[1] BODY[2]<0> {5}", "BODY[{]<0> {5}"}
	for range 50_000 {
		var b strings.Builder
		for range 1 + rng.Intn(8) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		lines = append(lines, b.String())
	}
	var hits [2]int
	for _, l := range lines {
		if partial.MatchString(l) {
			hits[0]++
		}
		if body.MatchString(l) {
			hits[1]++
		}
		gotBody, gotPartial := literalItem([]byte(l))
		if want := partial.MatchString(l); gotPartial != want {
			t.Fatalf("partial %q: %v, unanchored %v", l, gotPartial, want)
		}
		if want := body.MatchString(l); gotBody != want {
			t.Fatalf("body %q: %v, unanchored %v", l, gotBody, want)
		}
	}
	if hits[0] < 100 || hits[1] < 500 {
		t.Fatalf("too few lines match to compare: %v", hits)
	}
	t.Logf("%d lines, %v match", len(lines), hits)
}
