package imapsvc

import (
	"math/rand"
	"regexp"
	"slices"
	"testing"
)

// TestLiteralHeadMatchesRegexp: literalHead answers as the regexp it
// replaces, on random lines made of the bytes that matter.
func TestLiteralHeadMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`~?\{(\d+)\}\r?$`)
	alphabet := []byte("{}~0123456789\r x")
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		b := make([]byte, r.Intn(12))
		for j := range b {
			b[j] = alphabet[r.Intn(len(alphabet))]
		}
		if got, want := literalHead(b), re.FindSubmatchIndex(b); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, regexp %v", b, got, want)
		}
	}
	for _, s := range []string{"* 1 FETCH (BODY[] {12}", "a ~{3}\r", "{}", "x{1}}", "{12}\r\r"} {
		if got, want := literalHead([]byte(s)), re.FindSubmatchIndex([]byte(s)); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, regexp %v", s, got, want)
		}
	}
}

func TestIsFetchLine(t *testing.T) {
	for line, want := range map[string]bool{"* 12 FETCH (UID 3)": true, "* 1 fetch (x)": true, "* 3 RECENT": false,
		"* OK [UNSEEN 2]": false, "* BYE x": false, "* FETCH": false, "a1 OK FETCH": false, "* 12 FETCHED": true} {
		if isFetchLine(line) != want {
			t.Errorf("%q: %v", line, !want)
		}
	}
}
