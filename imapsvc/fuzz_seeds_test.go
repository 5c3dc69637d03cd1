package imapsvc

import (
	"fmt"
	"strings"
)

// serverSeeds are scripts for FuzzServerResponses (see chunkSep): a whole
// session first, then the same with hostile twists.
func serverSeeds() []string {
	const body = "hi \x1b]52;c;QQ==\x07 you\r\n"
	const idling, idleDone = "+ idling\r\n", "$ OK idle done\r\n"
	session := []string{
		"* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] ready\r\n",
		"$ OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] logged in\r\n",
		"* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 9] n\r\n" +
			"* FLAGS (\\Seen \\Flagged)\r\n* OK [PERMANENTFLAGS (\\Seen \\Flagged \\*)] p\r\n$ OK [READ-WRITE] selected\r\n",
		// The newest window, by sequence number.
		`* 1 FETCH (UID 3 FLAGS (\Seen) INTERNALDATE "01-Nov-2026 10:00:00 +0000" ENVELOPE ` + envelope("first", "Bob") + ")\r\n" +
			`* 2 FETCH (UID 8 FLAGS () INTERNALDATE "02-Nov-2026 10:00:00 +0000" ENVELOPE ` +
			envelope("hello \x1b]0;evil\x07world", "Eve \u202e") + ")\r\n$ OK fetched\r\n",
		idling, idleDone,
		"* SEARCH 3 8\r\n$ OK searched\r\n",
		"* SEARCH 8\r\n$ OK searched\r\n",
		idling, idleDone,
		`* 1 FETCH (UID 3 FLAGS (\Seen) INTERNALDATE "01-Nov-2026 10:00:00 +0000" ENVELOPE ` + envelope("first", "Bob") + ")\r\n" +
			`* 2 FETCH (UID 8 FLAGS () INTERNALDATE "02-Nov-2026 10:00:00 +0000" ENVELOPE ` + envelope("second", "Eve") + ")\r\n" +
			"* 3 EXPUNGE\r\n$ OK fetched\r\n",
		idling, idleDone,
		`* 1 FETCH (UID 3 RFC822.SIZE 120 BODYSTRUCTURE ("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 12 1 NIL NIL NIL NIL))` + "\r\n" +
			`* 2 FETCH (UID 8 RFC822.SIZE 99999 BODYSTRUCTURE (("text" "plain" NIL NIL NIL "base64" 8 1 NIL NIL NIL NIL)` +
			`("application" "pdf" ("name" "a\x1b[2J.pdf") NIL NIL "base64" 4000 NIL ("attachment" ("filename" "x.pdf")) NIL NIL) "mixed" NIL NIL NIL NIL))` +
			"\r\n$ OK fetched\r\n",
		idling, idleDone,
		`* 1 FETCH (UID 3 FLAGS (\Seen) INTERNALDATE "01-Nov-2026 10:00:00 +0000" ENVELOPE ` + envelope("first", "Bob") +
			` BODYSTRUCTURE ("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 12 1 NIL NIL NIL NIL))` + "\r\n$ OK fetched\r\n",
		fmt.Sprintf("* 1 FETCH (UID 3 BODY[TEXT]<0> {%d}\r\n%s)\r\n$ OK fetched\r\n", len(body), body),
		idling, idleDone,
	}
	with := func(i int, chunk string) string {
		out := append([]string(nil), session[:i]...)
		out = append(out, chunk)
		return strings.Join(append(out, session[i+1:]...), chunkSep)
	}
	return []string{
		strings.Join(session, chunkSep),
		session[0],
		"* BYE \x1b[2Jgo away\r\n",
		"* OK \xff\xfe greeting\r\n",
		with(1, "$ NO [ALERT] \x1b]0;x\x07bad \u202epassword\r\n"),
		with(1, "* CAPABILITY IMAP4rev1 \u202eX\r\n$ OK in\r\n"),
		with(2, "$ NO [TRYCREATE] \x9b2Jno such folder\r\n"),
		with(3, `* 1 FETCH (UID 3 FLAGS (\Seen $\x1b[2J) ENVELOPE `+envelope("=?utf-8?q?a=1B]0;t=07b?=", "=?utf-8?b?4oCu?=")+
			")\r\n* 2 FETCH (UID 8 ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n$ OK fetched\r\n"),
		with(4, "+ idling\r\n* OK [ALERT] \x1b[31mred\r\n* 5 EXISTS\r\n* 1 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Deleted))\r\n* 3 RECENT\r\n"),
		with(5, "* BYE \x1b]52;c;QQ==\x07shutting down\r\n"),
		// What the server can make tern allocate: a count, a search answer
		// and a literal far past tern's limits (see limits.go).
		with(4, "+ idling\r\n* 4294967295 EXISTS\r\n"),
		with(2, "* 4294967295 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n$ OK [READ-WRITE] selected\r\n"),
		with(5, "* ESEARCH (TAG \"$\") UID ALL 1:4294967295\r\n$ OK searched\r\n"),
		with(3, "* 1 FETCH (UID 3 ENVELOPE (\"d\" {2000000}\r\n"),
	}
}

func envelope(subject, name string) string {
	return `("Sun, 01 Nov 2026 10:00:00 +0000" "` + subject + `" (("` + name + `" NIL "bob" "example.com")) NIL NIL ` +
		`(("Alice" NIL "alice" "example.com")) NIL NIL NIL "<m@example.com>")`
}
