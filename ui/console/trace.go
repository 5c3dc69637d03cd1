package console

import (
	"regexp"
	"strings"
	"tern/ui/pane"
)

// goTagged is a line with one of go-imap's tags (T1, T2...): a command, or
// the server's tagged answer when the word after it is OK, NO or BAD.
var goTagged = regexp.MustCompile(`^(T[0-9]+) ([A-Za-z]+)`)

// orderReach bounds how far back orderTrace looks for an answer.
const orderReach = 200

// orderTrace puts each command from lines[from:] that follows its own
// answer back before that answer. go-imap tees what it writes into the
// trace after sending it, so the reader may tee the server's answer first.
// The answer starts after the nearest tagged line, DONE or continuation.
func orderTrace(lines []string, from int) []string {
	for i := max(from, 1); i < len(lines); i++ {
		m := goTagged.FindStringSubmatch(lines[i])
		if m == nil || isTaggedStatus(m[2]) {
			continue
		}
		ans := -1
		for j := i - 1; j >= max(0, i-orderReach); j-- {
			if a := goTagged.FindStringSubmatch(lines[j]); a != nil && a[1] == m[1] && isTaggedStatus(a[2]) {
				ans = j
				break
			}
		}
		if ans < 0 {
			continue
		}
		start := ans
		for start > 0 && !traceBoundary(lines[start-1]) {
			start--
		}
		cmd := lines[i]
		copy(lines[start+1:i+1], lines[start:i])
		lines[start] = cmd
	}
	return lines
}

func isTaggedStatus(word string) bool {
	switch strings.ToUpper(word) {
	case "OK", "NO", "BAD":
		return true
	}
	return false
}

func traceBoundary(l string) bool {
	return goTagged.MatchString(l) || l == "DONE" || strings.HasPrefix(l, "+")
}

func keepLast(lines []string, n int) []string {
	if len(lines) > n {
		return append([]string(nil), lines[len(lines)-n:]...)
	}
	return lines
}

// tail is the last n lines fitted to width, padded to n lines.
func tail(lines []string, n, width int) []string {
	out := make([]string, 0, n)
	for _, l := range lines[max(0, len(lines)-n):] {
		out = append(out, pane.Fit(l, width))
	}
	for len(out) < n {
		out = append(out, "")
	}
	return out
}
