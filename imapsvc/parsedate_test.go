package imapsvc

import (
	"net/mail"
	"testing"
)

// parseDate's shortcut gives what mail.ParseDate gives, and the rest still
// goes to mail.ParseDate.
func TestParseDateAsMail(t *testing.T) {
	for _, v := range []string{"Tue, 14 Nov 2023 22:13:20 +0000", "Tue, 4 Nov 2023 22:13:20 -0530",
		"Mon, 04 Nov 2023 22:13:20 +0100", "4 Nov 2023 22:13:20 +0100", "Tue, 14 Nov 23 22:13 GMT",
		"Tue, 14 Nov 2023 22:13:20 +0000 (UTC)", " Tue, 14 Nov 2023 22:13:20 +0000", "Tue, 31 Feb 2023 22:13:20 +0000",
		"Tue, 14 Nov 2023 22:13:20 EST", "", "garbage"} {
		got, gerr := parseDate(v)
		want, werr := mail.ParseDate(v)
		if (gerr == nil) != (werr == nil) || !got.Equal(want) || got.String() != want.String() {
			t.Errorf("%q: %v %v, mail.ParseDate %v %v", v, got, gerr, want, werr)
		}
	}
}
