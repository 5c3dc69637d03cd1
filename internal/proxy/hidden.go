package proxy

import (
	"regexp"
	"strings"
)

// A hidden capability is not only left out of CAPABILITY: a command that
// needs it is a violation. Strict (see Strict) records each one and makes
// the server refuse it, as a server without the extension would, so a
// client that ignores what was advertised fails visibly instead of working
// by luck.

// tagRe is what a client's tag looks like here (go-imap's T12, tern's S3,
// L2, C4); it keeps message text inside a literal from being taken for a
// command.
var tagRe = regexp.MustCompile(`^[A-Za-z]+[0-9]+$`)

// needs reports which of the hidden capabilities a client line uses.
func needs(line string, hidden []string) string {
	body := strings.TrimRight(line, "\r\n")
	words := strings.Fields(body)
	if len(words) < 2 || !tagRe.MatchString(words[0]) {
		return ""
	}
	up := strings.ToUpper(body)
	cmd := strings.ToUpper(words[1])
	if cmd == "UID" && len(words) > 2 {
		cmd = strings.ToUpper(words[2])
	}
	for _, h := range hidden {
		h = strings.ToUpper(h)
		if uses(h, cmd, up) {
			return h
		}
	}
	return ""
}

// uses says whether a command (cmd, the whole line upper-cased) needs the
// capability c.
func uses(c, cmd, up string) bool {
	switch c {
	case "MOVE", "UNSELECT", "ID", "GETQUOTAROOT", "GETACL", "NAMESPACE", "ENABLE", "NOTIFY":
		return cmd == c
	case "CONDSTORE":
		return strings.Contains(up, "MODSEQ") || strings.Contains(up, "CHANGEDSINCE") || strings.Contains(up, "CONDSTORE")
	case "QRESYNC":
		return strings.Contains(up, "QRESYNC") || strings.Contains(up, "VANISHED")
	case "ESEARCH":
		return (cmd == "SEARCH" || cmd == "SORT") && strings.Contains(up, " RETURN (")
	case "LIST-EXTENDED":
		// Selection options, or RETURN options other than those LIST-STATUS
		// and SPECIAL-USE define.
		if cmd != "LIST" {
			return false
		}
		_, ret, hasRet := strings.Cut(up, " RETURN (")
		sel := strings.HasPrefix(strings.TrimSpace(strings.SplitN(up, " ", 3)[2]), "(")
		if hasRet {
			ret = strings.NewReplacer("STATUS", "", "SPECIAL-USE", "").Replace(ret)
			ret = regexp.MustCompile(`\([A-Z0-9 =-]*\)`).ReplaceAllString(ret, "")
			if strings.Trim(ret, " ()") != "" {
				return true
			}
		}
		return sel
	case "LIST-STATUS":
		_, ret, ok := strings.Cut(up, " RETURN (")
		return cmd == "LIST" && ok && strings.Contains(ret, "STATUS")
	case "SPECIAL-USE":
		return (cmd == "LIST" && strings.Contains(up, "SPECIAL-USE")) || (cmd == "CREATE" && strings.Contains(up, " USE ("))
	case "LITERAL+":
		return strings.HasSuffix(up, "+}")
	}
	return false
}
