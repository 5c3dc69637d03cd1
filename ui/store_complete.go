package ui

import (
	"slices"
	"strings"

	"tern/imapsvc"
)

// storeFlags lists what :store may offer: the system flags the server
// keeps, its listed keywords, and where PERMANENTFLAGS holds \* (any new
// keyword) the common ones too. With no PERMANENTFLAGS everything goes.
func storeFlags(perm []string) []string {
	system := []string{`\Seen`, `\Flagged`, `\Answered`, `\Deleted`, `\Draft`}
	common := []string{"$label1", "$label2", "$label3", "$label4", "$label5", "Junk", "NonJunk", "$Forwarded"}
	if len(perm) == 0 {
		return append(system, common...)
	}
	var out []string
	for _, f := range perm {
		if f != `\*` {
			out = append(out, f)
		}
	}
	if slices.Contains(perm, `\*`) {
		for _, k := range common {
			if !slices.ContainsFunc(out, func(f string) bool { return strings.EqualFold(f, k) }) {
				out = append(out, k)
			}
		}
	}
	return out
}

// storeCompletions completes ":store FORM FLAG...": first the form, then
// the word being typed among flags not given yet (keywords compare
// case-insensitively, as IMAP says).
func storeCompletions(line string, flags []string) []string {
	words := strings.Fields(line)
	typing := !strings.HasSuffix(line, " ")
	if len(words) >= 2 && (len(words) > 2 || !typing) {
		if seq, _ := imapsvc.SplitFetchArgs(words[1]); seq != "" { // :store 1:2 FORM FLAG...
			words = append([]string{words[0] + " " + words[1]}, words[2:]...)
		}
	}
	if len(words) == 1 || (len(words) == 2 && typing) {
		prefix := ""
		if len(words) == 2 {
			prefix = strings.ToLower(words[1])
		}
		var out []string
		for _, form := range []string{"+flags", "-flags", "flags"} {
			if strings.HasPrefix(form, prefix) {
				out = append(out, words[0]+" "+form)
			}
		}
		return out
	}
	done, prefix := words, ""
	if typing {
		done, prefix = words[:len(words)-1], strings.ToLower(words[len(words)-1])
	}
	base := strings.Join(done, " ") + " "
	var out []string
	for _, f := range flags {
		given := slices.ContainsFunc(done[2:], func(w string) bool { return strings.EqualFold(w, f) })
		if !given && strings.HasPrefix(strings.ToLower(f), prefix) {
			out = append(out, base+f)
		}
	}
	return out
}
