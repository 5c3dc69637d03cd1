package ui

import (
	"context"
	"fmt"
	"strings"

	"tern/imapsvc"
	"tern/ui/pane"
)

// Plain-words texts of the information panels.

// capMeanings explains the capabilities a user is likely to meet.
var capMeanings = map[string]string{
	"IMAP4REV1": "IMAP version 4rev1 (RFC 3501)", "IMAP4REV2": "IMAP version 4rev2 (RFC 9051)",
	"IDLE": "pushes new mail and changes at once", "NAMESPACE": "tells where personal, shared and other users' folders live",
	"UIDPLUS": "reports UIDs of copied and appended mail; expunges by UID", "MOVE": "moves messages in one step",
	"CONDSTORE": "tracks changes with mod-sequences (fast resync)", "QRESYNC": "quick resync of a folder after reconnecting",
	"LIST-EXTENDED": "LIST can select subscribed folders and return more", "LIST-STATUS": "LIST returns message counts too",
	"SPECIAL-USE": "marks Drafts, Sent, Trash, Junk, Archive", "ESEARCH": "compact SEARCH answers (counts, ranges)",
	"SORT": "sorts on the server", "THREAD=REFERENCES": "threads on the server by References",
	"QUOTA": "reports storage and message quotas", "ACL": "access control lists per folder (RFC 4314)",
	"ID": "client and server tell each other who they are", "ENABLE": "turns on extensions for the session",
	"LITERAL+": "non-waiting literals", "LITERAL-": "non-waiting literals up to 4 KiB",
	"BINARY": "fetches parts decoded", "UNSELECT": "closes a folder without expunging",
	"SASL-IR": "login in one round trip", "STARTTLS": "upgrades the connection to TLS",
	"LOGINDISABLED": "LOGIN is refused on this connection", "COMPRESS=DEFLATE": "compresses the connection",
	"STATUS=SIZE": "STATUS reports a folder's size", "MULTIAPPEND": "appends several messages at once",
	"CHILDREN": "marks folders that have subfolders", "I18NLEVEL=1": "sorts and searches by Unicode rules",
	"NOTIFY": "pushes changes in other folders", "METADATA": "per-folder annotations", "SAVEDATE": "knows when a message was saved",
	"WITHIN": "searches by age (OLDER, YOUNGER)", "SEARCHRES": "reuses the last search result", "PREVIEW": "fetches a short text preview",
	"CATENATE": "builds messages from parts on the server", "URL-PARTIAL": "partial IMAP URLs", "APPENDLIMIT": "announces the biggest message accepted",
	"UTF8=ACCEPT": "UTF-8 in folder names and headers", "LOGIN-REFERRALS": "may send you to another server",
	"SORT=DISPLAY": "sorts by display names", "ESORT": "compact SORT answers",
	"CONTEXT=SEARCH": "updates search results live", "MAILBOX-REFERRALS": "folders may live on other servers",
}

// capName is a capability as the server spells it. go-imap upper-cases
// every capability; RIGHTS= lists rights letters, which are lower case
// (Cyrus: RIGHTS=kxten).
func capName(c string) string {
	if rest, ok := strings.CutPrefix(strings.ToUpper(c), "RIGHTS="); ok {
		return "RIGHTS=" + strings.ToLower(rest)
	}
	return c
}

func capMeaning(c string) string {
	up := strings.ToUpper(c)
	if m, ok := capMeanings[up]; ok {
		return m
	}
	switch {
	case strings.HasPrefix(up, "RIGHTS="):
		return "ACL rights beyond RFC 2086: " + strings.Join(strings.Split(capName(c)[7:], ""), ", ")
	case strings.HasPrefix(up, "AUTH="):
		return "login mechanism " + c[5:]
	case strings.HasPrefix(up, "THREAD="):
		return "threads on the server by " + c[7:]
	case strings.HasPrefix(up, "SNIPPET=") || strings.HasPrefix(up, "PREVIEW="):
		return "fetches a short text preview"
	}
	return ""
}

// rightMeaning explains one rights letter: RFC 4314's, RFC 2086's c and d
// (what they grant comes from legacyRights), and RFC 5257's n. Cyrus
// grants lrswipkxtecdan, Dovecot lrwstipekxacd, Courier-IMAP acdilrsw.
func rightMeaning(r byte) string {
	if covers, ok := legacyRights[r]; ok {
		what := map[byte]string{'c': "create", 'd': "delete"}[r]
		return fmt.Sprintf("%s (RFC 2086; grants %s)", what, strings.Join(strings.Split(covers, ""), ", "))
	}
	return map[byte]string{
		'l': "lookup: see the folder in LIST", 'r': "read: SELECT, FETCH, SEARCH, COPY from",
		's': "keep \\Seen across sessions", 'w': "write flags other than \\Seen and \\Deleted",
		'i': "insert: APPEND and COPY into", 'p': "post: send mail to the folder's address",
		'k': "create subfolders", 'x': "delete or rename the folder",
		't': "mark messages \\Deleted", 'e': "expunge", 'a': "administer: change the ACL",
		'n': "write shared annotations (RFC 5257)",
	}[r]
}

func rightsLines(rights string) []string {
	var out []string
	for i := 0; i < len(rights); i++ {
		m := rightMeaning(rights[i])
		if m == "" {
			m = "not a known right"
		}
		out = append(out, fmt.Sprintf("      %c  %s", rights[i], m))
	}
	return out
}

func statusLines(st imapsvc.FolderStatus) []string {
	recent := "RECENT       " + st.RecentNote
	if st.Recent != nil {
		recent = fmt.Sprintf("RECENT       %d", *st.Recent)
	}
	lines := []string{
		fmt.Sprintf("MESSAGES     %d", st.Messages),
		recent,
		fmt.Sprintf("UNSEEN       %d", st.Unseen),
		fmt.Sprintf("UIDNEXT      %d", st.UIDNext),
		fmt.Sprintf("UIDVALIDITY  %d", st.UIDValidity),
	}
	if st.Size != nil {
		lines = append(lines, fmt.Sprintf("SIZE         %s (%d bytes)", pane.FormatSize(*st.Size), *st.Size))
	} else {
		lines = append(lines, "SIZE         not supported (no STATUS=SIZE)")
	}
	if st.HighestModSeq != nil {
		lines = append(lines, fmt.Sprintf("HIGHESTMODSEQ %d", *st.HighestModSeq))
	} else {
		lines = append(lines, "HIGHESTMODSEQ not supported (no CONDSTORE)")
	}
	return lines
}

func aclLines(acl imapsvc.ACL) []string {
	lines := []string{"MYRIGHTS " + acl.MyRights}
	lines = append(lines, rightsLines(acl.MyRights)...)
	if acl.Err != "" {
		return append(lines, "", "GETACL refused: "+acl.Err)
	}
	lines = append(lines, "", "GETACL")
	for _, e := range acl.Entries {
		lines = append(lines, fmt.Sprintf("  %s  %s", e.ID, e.Rights))
		lines = append(lines, rightsLines(e.Rights)...)
	}
	return lines
}

func quotaLines(quotas []imapsvc.Quota) []string {
	var lines []string
	for _, q := range quotas {
		lines = append(lines, fmt.Sprintf("root %q  (folders: %s)", q.Root, strings.Join(q.Folders, ", ")))
		for _, r := range q.Resources {
			lines = append(lines, "  "+resourceLine(r))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "no quota roots")
	}
	return lines
}

func resourceLine(r imapsvc.QuotaResource) string {
	pct := 0.0
	if r.Limit > 0 {
		pct = 100 * float64(r.Usage) / float64(r.Limit)
	}
	if r.Name == "STORAGE" {
		return fmt.Sprintf("STORAGE  %s of %s (%.0f%%)", pane.FormatSize(r.Usage*1024), pane.FormatSize(r.Limit*1024), pct)
	}
	return fmt.Sprintf("%-8s %d of %d (%.0f%%)", r.Name, r.Usage, r.Limit, pct)
}

func serverLines(info imapsvc.ServerInfo) []string {
	lines := []string{"CAPABILITY"}
	for _, c := range info.Caps {
		lines = append(lines, fmt.Sprintf("  %-18s %s", capName(c), capMeaning(c)))
	}
	if len(info.Namespaces) > 0 {
		lines = append(lines, "", "NAMESPACE")
		for _, n := range info.Namespaces {
			lines = append(lines, fmt.Sprintf("  %-12s prefix %q, delimiter %q", n.Kind, n.Prefix, n.Delim))
		}
	}
	if len(info.ID) > 0 {
		lines = append(lines, "", "ID")
		for _, kv := range info.ID {
			lines = append(lines, fmt.Sprintf("  %-12s %s", kv[0], kv[1]))
		}
	}
	if len(info.Notes) > 0 {
		lines = append(lines, "")
		lines = append(lines, info.Notes...)
	}
	return lines
}

// aclPanelMsg asks GETACL and MYRIGHTS and builds the ACL panel.
func aclPanelMsg(ctx context.Context, b imapsvc.Backend, name imapsvc.FolderName) panelMsg {
	acl, err := b.ACL(ctx, name)
	return panelMsg{title: "ACL " + acl.Display, lines: aclLines(acl), err: err}
}
