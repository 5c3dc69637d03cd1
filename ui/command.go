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
	Arg  string // folder name for select/examine
	Raw  string // the arguments as typed, quotes kept, for several arguments
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
		"fetch":       {verb: verbFetch, needsArg: true, argName: "items, e.g. :fetch body.peek[header]"},
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
	return command{Verb: spec.verb, Arg: arg, Raw: strings.TrimSpace(raw)}, nil
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
	var out []string
	for _, f := range folders {
		if strings.HasPrefix(strings.ToLower(f), strings.ToLower(prefix)) {
			out = append(out, name+" "+f)
		}
	}
	return out
}
