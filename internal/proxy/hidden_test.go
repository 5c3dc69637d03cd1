package proxy

import "testing"

func TestNeeds(t *testing.T) {
	all := []string{"MOVE", "CONDSTORE", "QRESYNC", "ESEARCH", "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "UNSELECT", "ID", "LITERAL+"}
	for _, tc := range []struct{ line, want string }{
		{"T7 UID MOVE 3 Archive\r\n", "MOVE"},
		{"T7 MOVE 3 Archive\r\n", "MOVE"},
		{"T8 UNSELECT\r\n", "UNSELECT"},
		{`T2 ID ("name" "tern")` + "\r\n", "ID"},
		{"T9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12)\r\n", "CONDSTORE"},
		{"T9 SELECT INBOX (CONDSTORE)\r\n", "CONDSTORE"},
		{"T9 UID SEARCH RETURN (ALL) FLAGGED\r\n", "ESEARCH"},
		{`T3 LIST (SUBSCRIBED) "" "*"` + "\r\n", "LIST-EXTENDED"},
		{`T3 LIST "" "*" RETURN (CHILDREN)` + "\r\n", "LIST-EXTENDED"},
		{`T3 LIST "" "*" RETURN (STATUS (MESSAGES UNSEEN))` + "\r\n", "LIST-STATUS"},
		{`T3 LIST "" "*" RETURN (SPECIAL-USE)` + "\r\n", "SPECIAL-USE"},
		{"T4 APPEND INBOX {310+}\r\n", "LITERAL+"},
		{`T3 LIST "" "*"` + "\r\n", ""},
		{"T4 APPEND INBOX {310}\r\n", ""},
		{"T5 UID SEARCH FLAGGED\r\n", ""},
		{"Subject: MOVE it\r\n", ""}, // message text inside a literal
		{"T6 UID COPY 1 Archive\r\n", ""},
	} {
		if got := needs(tc.line, all); got != tc.want {
			t.Errorf("needs(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
	if got := needs("T7 UID MOVE 3 Archive\r\n", []string{"ESEARCH"}); got != "" {
		t.Errorf("MOVE flagged with only ESEARCH hidden: %q", got)
	}
}
