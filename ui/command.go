package ui

import (
	"fmt"
	"sort"
	"strings"
)

// The ":" command line speaks IMAP verbs. Parsing and completion are pure.

type verb int

const (
	verbSelect verb = iota + 1
	verbExamine
	verbCapability
	verbLogout
	verbLogin
	// issue 5
	verbCreate
	verbDelete
	verbRename
	verbSubscribe
	verbUnsubscribe
	verbLsub
	verbStatus
	verbInfo
	verbQuota
	verbACL
	verbSetACL
	verbDeleteACL
	verbConsole
	verbFetch
	verbStore
	verbExpunge
	verbClose
	verbUnselect
	verbCopy
	verbMove
	verbSearch
	verbSort
	verbThread
)

// command is a parsed command line.
type command struct {
	Verb verb
	Arg  string // the folder name of a one-name command; else the arguments, outer quotes removed
	Raw  string // the arguments as typed, quotes kept, for several arguments
}

// nameArgs is how many arguments a command that takes folder names takes
// at most, names and others (:setacl NAME ID RIGHTS); 0 for the others.
func nameArgs(v verb) int {
	switch v {
	case verbSelect, verbExamine, verbCreate, verbDelete, verbSubscribe, verbUnsubscribe,
		verbStatus, verbACL, verbCopy, verbMove:
		return 1
	case verbRename, verbDeleteACL:
		return 2
	case verbSetACL:
		return 3
	}
	return 0
}

// args splits the arguments of a command that takes folder names by the
// one rule of the command line: IMAP quoting ("Sent Items", with \" and
// \\ inside) works everywhere, and where the command takes only one
// argument, a name, it may hold spaces unquoted (:create INBOX.中文 邮件).
// parseCommand has checked the quoting.
func (c command) args() []string {
	n := nameArgs(c.Verb)
	args, _ := splitNames(c.Raw, n == 1)
	return args
}

// splitNames splits s at spaces, with IMAP quoted strings kept whole;
// with rest, an unquoted argument is the rest of the line.
func splitNames(s string, rest bool) ([]string, error) {
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

type commandSpec struct {
	verb      verb
	needsArg  bool
	takesFold bool
	optArg    bool   // an argument may follow (issue 5: several, split by the command)
	argName   string // what the argument is, for errors; "" is a folder name
}

// commands maps every command name (aliases included) to what it does.
func commands() map[string]commandSpec {
	return map[string]commandSpec{
		"select":     {verb: verbSelect, needsArg: true, takesFold: true},
		"examine":    {verb: verbExamine, needsArg: true, takesFold: true},
		"capability": {verb: verbCapability},
		"login":      {verb: verbLogin},
		"logout":     {verb: verbLogout},
		"quit":       {verb: verbLogout},
		"q":          {verb: verbLogout}, // vi's :q, not ambiguous with :quota
		// issue 5
		"create":      {verb: verbCreate, needsArg: true, takesFold: true},
		"delete":      {verb: verbDelete, needsArg: true, takesFold: true},
		"rename":      {verb: verbRename, needsArg: true, takesFold: true},
		"subscribe":   {verb: verbSubscribe, needsArg: true, takesFold: true},
		"unsubscribe": {verb: verbUnsubscribe, needsArg: true, takesFold: true},
		"lsub":        {verb: verbLsub},
		"status":      {verb: verbStatus, optArg: true, takesFold: true},
		"info":        {verb: verbInfo},
		"quota":       {verb: verbQuota},
		"acl":         {verb: verbACL, optArg: true, takesFold: true},
		"setacl":      {verb: verbSetACL, needsArg: true, takesFold: true},
		"deleteacl":   {verb: verbDeleteACL, needsArg: true, takesFold: true},
		"console":     {verb: verbConsole},
		"fetch":       {verb: verbFetch, needsArg: true, argName: "items, e.g. :fetch body.peek[header] or :fetch 1:* flags"},
		"store":       {verb: verbStore, needsArg: true},
		"expunge":     {verb: verbExpunge},
		"close":       {verb: verbClose},
		"unselect":    {verb: verbUnselect},
		"copy":        {verb: verbCopy, needsArg: true, takesFold: true},
		"move":        {verb: verbMove, needsArg: true, takesFold: true},
		"search":      {verb: verbSearch, needsArg: true},
		"sort":        {verb: verbSort, needsArg: true},
		"thread":      {verb: verbThread},
	}
}

func commandNames() []string {
	var names []string
	for n := range commands() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// splitCommand splits a line into the command name and the rest. The
// argument is everything after the first run of spaces, so folder names
// may contain spaces; surrounding double quotes are removed.
func splitCommand(line string) (name, arg string) {
	line = strings.TrimLeft(line, " :")
	name, arg, _ = strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	if len(arg) >= 2 && arg[0] == '"' && arg[len(arg)-1] == '"' {
		arg = arg[1 : len(arg)-1]
	}
	return strings.ToLower(name), arg
}

// parseCommand parses a command line such as "select INBOX".
func parseCommand(line string) (command, error) {
	name, arg := splitCommand(line)
	if name == "" {
		return command{}, fmt.Errorf("empty command")
	}
	spec, err := lookupCommand(name)
	if err != nil {
		return command{}, err
	}
	switch {
	case spec.needsArg && arg == "" && spec.argName != "":
		return command{}, fmt.Errorf("%s needs %s", name, spec.argName)
	case spec.needsArg && arg == "" && !spec.takesFold:
		return command{}, fmt.Errorf("%s needs arguments", name)
	case spec.needsArg && arg == "":
		return command{}, fmt.Errorf("%s needs a folder name", name)
	case !spec.needsArg && !spec.optArg && arg != "":
		return command{}, fmt.Errorf("%s takes no argument", name)
	}
	_, raw, _ := strings.Cut(strings.TrimLeft(line, " :"), " ")
	c := command{Verb: spec.verb, Arg: arg, Raw: strings.TrimSpace(raw)}
	if n := nameArgs(spec.verb); n > 0 {
		args, err := splitNames(c.Raw, n == 1)
		if err != nil {
			return command{}, fmt.Errorf("%s: %v", name, err)
		}
		if n == 1 && len(args) == 1 {
			c.Arg = args[0]
		}
	}
	return c, nil
}

// lookupCommand finds a command by its name or an unambiguous prefix
// (":cap", ":sel INBOX").
func lookupCommand(name string) (commandSpec, error) {
	all := commands()
	if spec, ok := all[name]; ok {
		return spec, nil
	}
	var found []string
	for _, n := range commandNames() {
		if strings.HasPrefix(n, name) {
			found = append(found, n)
		}
	}
	switch {
	case len(found) == 0:
		return commandSpec{}, fmt.Errorf("unknown command %q", name)
	case len(found) > 1 && all[found[0]].verb != all[found[len(found)-1]].verb:
		return commandSpec{}, fmt.Errorf("ambiguous command %q: %s", name, strings.Join(found, ", "))
	}
	return all[found[0]], nil
}

// completions returns the full command lines that Tab may cycle through
// for the typed line: command names while the first word is being typed,
// folder names (case-insensitive prefix) after a command that takes one,
// and for :store its three forms, then the flags the server keeps.
func completions(line string, folders, flags []string) []string {
	line = strings.TrimLeft(line, " ")
	if !strings.Contains(line, " ") {
		var out []string
		for _, n := range commandNames() {
			if strings.HasPrefix(n, strings.ToLower(line)) {
				out = append(out, n)
			}
		}
		return out
	}
	name, _, _ := strings.Cut(line, " ")
	spec, err := lookupCommand(strings.ToLower(name))
	if err == nil && spec.verb == verbStore {
		return storeCompletions(line, flags)
	}
	if err != nil || !spec.takesFold {
		return nil
	}
	_, prefix := splitCommand(line)
	prefix = strings.TrimPrefix(prefix, `"`)
	var out []string
	for _, f := range folders {
		if strings.HasPrefix(strings.ToLower(f), strings.ToLower(prefix)) {
			if nameArgs(spec.verb) != 1 { // more arguments follow: quote spaces
				f = quoteName(f)
			}
			out = append(out, name+" "+f)
		}
	}
	return out
}
