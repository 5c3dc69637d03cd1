package commands

import (
	"slices"
	"strings"
)

// Complete returns the full command lines that Tab may cycle through for
// the typed line: command names (aliases too) while the first word is
// typed, then what the command's entry offers: folder names (prefix, any
// case; quoted where more arguments follow) or :store's forms and flags.
func (t Table[R]) Complete(line string, folders, flags []string) []string {
	line = strings.TrimLeft(line, " ")
	if !strings.Contains(line, " ") {
		var out []string
		for _, n := range t.names() {
			if strings.HasPrefix(n, strings.ToLower(line)) {
				out = append(out, n)
			}
		}
		return out
	}
	name, rest, _ := strings.Cut(line, " ")
	s, err := t.Lookup(name)
	if err != nil {
		return nil
	}
	switch s.Complete {
	case StoreFlags:
		return storeCompletions(line, flags)
	case Words:
		return wordCompletions(line, s.Words)
	case Folders:
		prefix := strings.TrimSpace(rest)
		if quoted := strings.TrimPrefix(prefix, `"`); quoted != prefix {
			prefix = strings.TrimSuffix(quoted, `"`)
		}
		var out []string
		for _, f := range folders {
			if !strings.HasPrefix(strings.ToLower(f), strings.ToLower(prefix)) {
				continue
			}
			if s.Args == Names { // more arguments follow: quote spaces
				f = Quote(f)
			}
			out = append(out, name+" "+f)
		}
		return out
	}
	return nil
}

// storeCompletions completes ":store FORM FLAG...": first the form, then
// the word being typed among flags not given yet (keywords compare
// case-insensitively, as IMAP says).
func storeCompletions(line string, flags []string) []string {
	words := strings.Fields(line)
	typing := !strings.HasSuffix(line, " ")
	if len(words) >= 2 && (len(words) > 2 || !typing) && isSeqSet(words[1]) {
		// ":store 1:2 FORM FLAG...": the set rides along with the name.
		words = append([]string{words[0] + " " + words[1]}, words[2:]...)
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

// isSeqSet says whether w is a message sequence set (1, 1:*, 2,4:6).
func isSeqSet(w string) bool {
	return w != "" && strings.Trim(w, "0123456789:,*") == "" && strings.ContainsAny(w, "0123456789*")
}

// wordCompletions completes the word being typed among words not given
// yet.
func wordCompletions(line string, words []string) []string {
	typed := strings.Fields(line)
	done, prefix := typed, ""
	if !strings.HasSuffix(line, " ") {
		done, prefix = typed[:len(typed)-1], strings.ToLower(typed[len(typed)-1])
	}
	base := strings.Join(done, " ") + " "
	var out []string
	for _, w := range words {
		if !slices.Contains(done[1:], w) && strings.HasPrefix(w, prefix) {
			out = append(out, base+w)
		}
	}
	return out
}
