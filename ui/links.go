package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"tern/ui/commands"
)

// runOpenLink opens link N of the message shown (:open N) in the user's
// browser. The URL came from the message, so it is checked first: only
// http, https and mailto, no control characters or spaces, and it is
// passed as one argument to the program, never through a shell.
func runOpenLink(m Model, c commands.Call) (tea.Model, tea.Cmd) {
	links := m.reader.Links()
	if !m.reader.Shown() || links == nil {
		return m.commandRefused("no message with links is shown")
	}
	n, err := strconv.Atoi(strings.TrimSpace(c.Text))
	if err != nil || n < 1 || n > len(links) {
		return m.commandRefused(fmt.Sprintf(":open takes a link number, 1 to %d", len(links)))
	}
	u, err := checkLink(links[n-1])
	if err != nil {
		return m.commandRefused(fmt.Sprintf("link %d not opened: %v", n, err))
	}
	id, name := m.reqs.Start(reqSave), fmt.Sprintf("link %d", n)
	m.status = m.status.setNotice("opening "+name+"…", false)
	return m, call(saveTimeout, func(ctx context.Context) tea.Msg {
		return openedMsg{id: id, name: name, err: startBrowser(u)}
	})
}

// checkLink accepts a URL from a message only if it is absolute http,
// https or mailto and holds no control, format (bidi) or space
// characters and no invalid UTF-8.
func checkLink(s string) (string, error) {
	bad := func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
	if strings.IndexFunc(s, bad) >= 0 || !utf8.ValidString(s) {
		return "", fmt.Errorf("it holds control characters or spaces")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("it is no valid URL")
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", fmt.Errorf("it names no host")
		}
	case "mailto":
	default:
		return "", fmt.Errorf("only http, https and mailto links are opened")
	}
	if strings.HasPrefix(s, "-") { // cannot happen with a scheme, but never an option
		return "", fmt.Errorf("it looks like an option")
	}
	return s, nil
}

// browserArgs is the command for url: $BROWSER (its first entry, as the
// colon-separated list is read; "%s" in it stands for the URL, else the
// URL is appended), else the system opener.
func browserArgs(browser, goos, link string) []string {
	first, _, _ := strings.Cut(browser, ":")
	args := strings.Fields(first)
	if len(args) == 0 {
		return []string{systemOpener(goos), link}
	}
	placed := false
	for i, a := range args {
		if strings.Contains(a, "%s") {
			args[i], placed = strings.ReplaceAll(a, "%s", link), true
		}
	}
	if !placed {
		args = append(args, link)
	}
	return args
}

// startBrowser starts the browser on url and does not wait for it.
func startBrowser(link string) error {
	return startDetached(browserArgs(os.Getenv("BROWSER"), runtime.GOOS, link))
}
