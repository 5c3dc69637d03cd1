// Package commands is tern's table of ":" commands: each command is one
// entry with its names, the shape of its arguments, its usage and help
// text, the right it needs when it writes, its completion and its run
// function. Parsing, the usage message, completion and the Markdown
// reference are all read from the table, so they cannot drift apart.
//
// The package knows nothing of the UI's model: the run function's type
// is the table's type parameter, filled in by the UI.
package commands

import (
	"fmt"
	"slices"
	"strings"
)

// Shape is what a command takes after its name.
type Shape int

const (
	None    Shape = iota // nothing
	Name                 // one folder name; it may hold spaces unquoted
	OptName              // one folder name or none (the open folder)
	Names                // Min to Max arguments, the first a folder name
	Text                 // free text, required, read by the command itself
)

// Completion is what Tab offers after the command's name.
type Completion int

const (
	NoCompletion Completion = iota
	Folders                 // folder names
	StoreFlags              // +flags/-flags/flags, then the flags the server keeps
	Words                   // the entry's Words, each once
)

// Target is the folder whose rights a write is checked against.
type Target int

const (
	OpenFolder  Target = iota + 1 // the open folder; EXAMINE refuses every write
	NamedFolder                   // the folder the first argument names, else the open one
)

// Write says that a command changes the server's state and which RFC 4314
// right it needs, so a guard can refuse it before anything is sent.
type Write struct {
	Right byte
	What  string // what is refused: "cannot <What>"
	On    Target
}

// Spec is one command.
type Spec[R any] struct {
	Names    []string // the name, then its aliases
	Args     Shape
	Min, Max int    // how many arguments, for Names
	Synopsis string // the arguments as usage shows them: "OLD NEW"
	Note     string // appended to the usage message
	Missing  string // what a Text command says is missing: "items, e.g. …"
	Help     string // one line: what it does, for the help screen
	Doc      string // what it does in IMAP terms, for the reference (Markdown); Help when empty
	Write    *Write
	Open     bool // needs an open folder
	Offline  bool // runs before tern is connected
	Complete Completion
	Words    []string // for Words
	Run      R
}

// Usage is the message shown when the arguments do not fit.
func (s Spec[R]) Usage() string {
	u := "usage: :" + strings.TrimSpace(s.Names[0]+" "+s.Synopsis)
	if s.Note != "" {
		u += " (" + s.Note + ")"
	}
	return u
}

// Table is every command; no two share a name.
type Table[R any] []Spec[R]

// Call is a parsed command line.
type Call struct {
	Name  string   // the command's name (not the alias or prefix typed)
	Typed string   // the name as typed, for messages
	Args  []string // the arguments of a folder-name command
	Text  string   // the arguments of a Text command, outer quotes removed
	Raw   string   // the arguments as typed, trimmed
}

// Arg is the i-th argument, or "" when there are fewer.
func (c Call) Arg(i int) string {
	if i < len(c.Args) {
		return c.Args[i]
	}
	return ""
}

// names lists every name and alias, sorted.
func (t Table[R]) names() []string {
	var out []string
	for _, s := range t {
		out = append(out, s.Names...)
	}
	slices.Sort(out)
	return out
}

func (t Table[R]) byName(name string) (int, bool) {
	for i, s := range t {
		if slices.Contains(s.Names, name) {
			return i, true
		}
	}
	return 0, false
}

// Lookup finds a command by a name, an alias or an unambiguous prefix
// (":cap", ":sel INBOX"). A prefix of several names of one command is not
// ambiguous.
func (t Table[R]) Lookup(name string) (Spec[R], error) {
	name = strings.ToLower(name)
	if i, ok := t.byName(name); ok {
		return t[i], nil
	}
	var found []string
	hit := -1
	for _, n := range t.names() {
		if !strings.HasPrefix(n, name) {
			continue
		}
		found = append(found, n)
		i, _ := t.byName(n)
		if hit >= 0 && hit != i {
			hit = -2
		} else if hit == -1 {
			hit = i
		}
	}
	switch {
	case len(found) == 0:
		return Spec[R]{}, fmt.Errorf("unknown command %q", name)
	case hit < 0:
		return Spec[R]{}, fmt.Errorf("ambiguous command %q: %s", name, strings.Join(found, ", "))
	}
	return t[hit], nil
}

// Parse reads a command line such as "select INBOX" and checks its
// arguments against the command's shape.
func (t Table[R]) Parse(line string) (Spec[R], Call, error) {
	line = strings.TrimLeft(line, " :")
	typed, raw, _ := strings.Cut(line, " ")
	typed, raw = strings.ToLower(typed), strings.TrimSpace(raw)
	if typed == "" {
		return Spec[R]{}, Call{}, fmt.Errorf("empty command")
	}
	s, err := t.Lookup(typed)
	if err != nil {
		return s, Call{}, err
	}
	c := Call{Name: s.Names[0], Typed: typed, Raw: raw}
	switch s.Args {
	case None:
		if raw != "" {
			return s, c, fmt.Errorf("%s takes no argument", typed)
		}
	case Text:
		if raw == "" && s.Missing != "" {
			return s, c, fmt.Errorf("%s needs %s", typed, s.Missing)
		}
		if raw == "" {
			return s, c, fmt.Errorf("%s needs arguments", typed)
		}
		c.Text = raw
		if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
			c.Text = raw[1 : len(raw)-1]
		}
	default:
		if raw == "" && s.Args != OptName && s.Min > 0 || raw == "" && s.Args == Name {
			return s, c, fmt.Errorf("%s needs a folder name", typed)
		}
		if c.Args, err = SplitArgs(raw, s.Args != Names); err != nil {
			return s, c, fmt.Errorf("%s: %v", typed, err)
		}
		lo, hi := s.Min, s.Max
		switch s.Args {
		case Name:
			lo, hi = 1, 1
		case OptName:
			lo, hi = 0, 1
		}
		if len(c.Args) < lo || len(c.Args) > hi {
			return s, c, fmt.Errorf("%s", s.Usage())
		}
	}
	return s, c, nil
}
