package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Error is one problem in a config file. Line is 0 when no single line is
// at fault (an empty file, say). Load joins several with errors.Join, in
// line order, so the user can fix them all in one pass.
type Error struct {
	Path string
	Line int
	Msg  string // names the key, e.g. `security = "ssl": must be one of ...`
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// Warning is something in a valid config file the user should fix.
type Warning struct {
	Path string
	Line int
	Msg  string
}

func (w Warning) String() string { return (&Error{w.Path, w.Line, w.Msg}).Error() }

// NotFoundError says there is no config file at Path. Its message tells a
// first-time user how to write one. It unwraps to fs.ErrNotExist.
type NotFoundError struct {
	Path string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf(`no config file at %s

Create it with at least one account, for example:

    [[account]]
    name = "work"
    host = "imap.example.com"
    username = "alice"
    password_cmd = "pass show mail/work"

or run "tern --demo" to try tern without a mail server.`, e.Path)
}

func (e *NotFoundError) Unwrap() error { return fs.ErrNotExist }

// Loader holds what Load needs from outside the file.
type Loader struct {
	// Themes are the accepted theme names; the first is the default.
	// Nil means DefaultThemes().
	Themes []string
	// Getenv expands ~ in paths (via HOME). Nil means os.Getenv.
	Getenv func(string) string
}

// Load reads the config file at path with DefaultThemes and os.Getenv.
func Load(path string) (*Config, []Warning, error) {
	return Loader{}.Load(path)
}

// Load reads, decodes and validates the config file at path. A missing file
// gives a *NotFoundError; problems in the file give *Error values, joined.
func (l Loader) Load(path string) (*Config, []Warning, error) {
	if l.Themes == nil {
		l.Themes = DefaultThemes()
	}
	if l.Getenv == nil {
		l.Getenv = os.Getenv
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &NotFoundError{Path: path}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read config: %w", err)
	}
	// Decode into a plain map and type it ourselves: that way every error,
	// in any [[account]], gets the right line (see positions.go).
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, nil, syntaxError(path, err)
	}
	ld := &loader{Loader: l, path: path, pos: scanPositions(string(src)), bad: map[string]bool{}}
	var c Config
	c.Keys = ld.decodeKeys(raw) // keys.go; takes [keys] out of raw
	ld.decodeTable(raw, nil, "", structOf(&c))
	ld.validate(&c)
	if len(ld.errs) > 0 {
		slices.SortStableFunc(ld.errs, func(a, b *Error) int { return a.Line - b.Line })
		errs := make([]error, len(ld.errs))
		for i, e := range ld.errs {
			errs[i] = e
		}
		return nil, nil, errors.Join(errs...)
	}
	warnings, err := ld.warnings(&c)
	if err != nil {
		return nil, nil, err
	}
	return &c, warnings, nil
}

func syntaxError(path string, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, err)
	}
	msg := "syntax error: " + pe.Message
	if pe.LastKey != "" {
		msg = fmt.Sprintf("syntax error after key %q: %s", pe.LastKey, pe.Message)
	}
	if strings.HasPrefix(pe.Message, `expected value but found "`) {
		// Almost always host = imap.example.com, written without quotes.
		msg += " (strings must be in quotes)"
	}
	return &Error{Path: path, Line: pe.Position.Line, Msg: msg}
}

// loader is the state of one Load: where things are and what went wrong.
type loader struct {
	Loader
	path string
	pos  positions
	errs []*Error
	// bad holds the paths of values that failed to decode. Validation runs
	// anyway, to report every problem at once, but stays quiet about these:
	// their zero value would only produce a second, misleading message.
	bad map[string]bool
}

func (ld *loader) errorf(at []string, format string, args ...any) {
	for n := 1; n <= len(at); n++ {
		if ld.bad[pathOf(at[:n]...)] {
			return
		}
	}
	ld.errs = append(ld.errs, &Error{Path: ld.path, Line: ld.pos.line(at...), Msg: fmt.Sprintf(format, args...)})
}

// badValue reports a value that could not be decoded into its field.
func (ld *loader) badValue(at []string, format string, args ...any) {
	ld.errorf(at, format, args...)
	ld.bad[pathOf(at...)] = true
}

// dir is the directory relative paths in the file are resolved against.
func (ld *loader) dir() string { return filepath.Dir(ld.path) }

// expandPath resolves ~ and paths relative to the config file's directory,
// so the file means the same thing whatever directory tern starts in.
func (ld *loader) expandPath(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home := ld.Getenv("HOME")
		if home == "" {
			return "", errors.New("cannot expand ~: $HOME is not set")
		}
		return filepath.Join(home, p[1:]), nil
	}
	if filepath.IsAbs(p) {
		return p, nil
	}
	return filepath.Join(ld.dir(), p), nil
}
