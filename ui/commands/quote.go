package commands

import (
	"fmt"
	"strings"
)

// SplitArgs splits s at spaces, with IMAP quoted strings ("Sent Items",
// with \" and \\ inside) kept whole. With rest, an unquoted argument is
// the rest of the line: the one rule for folder names, where a command
// that takes only one name lets it hold spaces unquoted
// (:create INBOX.中文 邮件).
func SplitArgs(s string, rest bool) ([]string, error) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		if s[0] != '"' {
			word, tail, _ := strings.Cut(s, " ")
			if rest {
				word, tail = s, ""
			} else if strings.Contains(word, `"`) {
				return nil, fmt.Errorf(`a quote must start the argument: write "%s"`, strings.ReplaceAll(word, `"`, `\"`))
			}
			out = append(out, word)
			s = strings.TrimLeft(tail, " ")
			continue
		}
		word, n, err := unquote(s)
		if err != nil {
			return nil, err
		}
		if n < len(s) && s[n] != ' ' {
			return nil, fmt.Errorf("a space must follow the quoted %q", word)
		}
		out = append(out, word)
		s = strings.TrimLeft(s[n:], " ")
	}
	return out, nil
}

// unquote reads the IMAP quoted string at the start of s and returns it
// and how many bytes it took.
func unquote(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
				i++
				b.WriteByte(s[i])
				continue
			}
			return "", 0, fmt.Errorf(`in quotes, \\ only escapes " and \\ (write \\\\ for one)`)
		case '"':
			return b.String(), i + 1, nil
		}
		b.WriteByte(s[i])
	}
	return "", 0, fmt.Errorf("missing closing quote in %s", s)
}

// Quote writes name as one argument: IMAP-quoted when it holds a space or
// a quote, as typed otherwise.
func Quote(name string) string {
	if !strings.ContainsAny(name, ` "`) {
		return name
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
}
