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
	Arg  string // folder name for select/examine
}

type commandSpec struct {
	verb      verb
	needsArg  bool
	takesFold bool
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
		"store":      {verb: verbStore, needsArg: true},
		"expunge":    {verb: verbExpunge},
		"close":      {verb: verbClose},
		"unselect":   {verb: verbUnselect},
		"copy":       {verb: verbCopy, needsArg: true, takesFold: true},
		"move":       {verb: verbMove, needsArg: true, takesFold: true},
		"search":     {verb: verbSearch, needsArg: true},
		"sort":       {verb: verbSort, needsArg: true},
		"thread":     {verb: verbThread},
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
	case spec.needsArg && arg == "" && !spec.takesFold:
		return command{}, fmt.Errorf("%s needs arguments", name)
	case spec.needsArg && arg == "":
		return command{}, fmt.Errorf("%s needs a folder name", name)
	case !spec.needsArg && arg != "":
		return command{}, fmt.Errorf("%s takes no argument", name)
	}
	return command{Verb: spec.verb, Arg: arg}, nil
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
// folder names (case-insensitive prefix) after a command that takes one.
func completions(line string, folders []string) []string {
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
	if err != nil || !spec.takesFold {
		return nil
	}
	_, prefix := splitCommand(line)
	var out []string
	for _, f := range folders {
		if strings.HasPrefix(strings.ToLower(f), strings.ToLower(prefix)) {
			out = append(out, name+" "+f)
		}
	}
	return out
}
