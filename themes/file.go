package themes

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/charmbracelet/lipgloss"

	"tern/suggest"
)

// Error is one problem in a theme file; Line is 0 when no line is at fault.
type Error struct {
	Path string
	Line int
	Msg  string // names the key
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// IsBuiltin reports whether name is a built-in theme.
func IsBuiltin(name string) bool {
	_, ok := palettes()[name]
	return ok
}

// Load returns the theme called name: a built-in, else the file
// dir/NAME.toml. Errors in the file are *Error values, joined.
func Load(name, dir string) (Styles, error) {
	if IsBuiltin(name) {
		return Get(name)
	}
	path := filepath.Join(dir, name+".toml")
	src, err := os.ReadFile(path)
	if err != nil {
		return Styles{}, fmt.Errorf("theme %q: %w", name, err)
	}
	return Parse(name, path, src)
}

// Parse reads a theme file: an optional base = "BUILT-IN" (default dark)
// and one table per element it changes, e.g. [list.unread] fg = "#ffffff".
func Parse(name, path string, src []byte) (Styles, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Styles{}, &Error{Path: path, Line: pe.Position.Line, Msg: "syntax error: " + pe.Message}
		}
		return Styles{}, &Error{Path: path, Msg: err.Error()}
	}
	p := &parser{path: path, lines: keyLines(string(src)), elems: map[string]Element{}}
	for _, e := range Elements() {
		p.elems[e.Name] = e
	}
	base := "dark"
	if v, ok := raw["base"]; ok {
		b, isStr := v.(string)
		switch {
		case !isStr:
			p.errorf("base", "base: must be a string naming a built-in theme (%s)", strings.Join(Names(), ", "))
		case !IsBuiltin(b):
			p.errorf("base", "base = %q: must be a built-in theme (%s)", b, strings.Join(Names(), ", "))
		default:
			base = b
		}
	}
	styles, _ := Get(base)
	styles.Name = name
	p.walk(raw, "", &styles)
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		errs := make([]error, len(p.errs))
		for i, e := range p.errs {
			errs[i] = e
		}
		return Styles{}, errors.Join(errs...)
	}
	return styles, nil
}

type parser struct {
	path  string
	lines map[string]int
	elems map[string]Element
	errs  []*Error
}

// line is the line of key, or of the nearest enclosing table written.
func (p *parser) line(key string) int {
	for {
		if l, ok := p.lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

func (p *parser) errorf(key, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Line: p.line(key), Msg: fmt.Sprintf(format, args...)})
}

// walk goes through the tables under prefix in file order, applying each
// element's table to styles.
func (p *parser) walk(m map[string]any, prefix string, styles *Styles) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := p.line(prefix+keys[i]), p.line(prefix+keys[j])
		return li < lj || (li == lj && keys[i] < keys[j])
	})
	for _, k := range keys {
		name := prefix + k
		if name == "base" {
			continue
		}
		sub, isTable := m[k].(map[string]any)
		if e, ok := p.elems[name]; ok {
			if !isTable {
				p.errorf(name, "%s: must be a table, written [%s]", name, name)
				continue
			}
			p.apply(e, sub, e.style(styles))
			continue
		}
		if isTable && p.isGroup(name) {
			p.walk(sub, name+".", styles)
			continue
		}
		if isTable && allTables(sub) {
			// [lst.unread]: name the element as written, not just "lst".
			for _, child := range slices.Sorted(maps.Keys(sub)) {
				p.unknown(name+"."+child, true)
			}
			continue
		}
		p.unknown(name, isTable)
	}
}

func allTables(m map[string]any) bool {
	for _, v := range m {
		if _, ok := v.(map[string]any); !ok {
			return false
		}
	}
	return len(m) > 0
}

func (p *parser) unknown(name string, isTable bool) {
	msg := fmt.Sprintf("unknown element %q", name)
	if !isTable {
		msg = fmt.Sprintf("unknown key %q", name)
	}
	if s := p.suggest(name); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	p.errorf(name, "%s", msg)
}

// isGroup reports whether name is the first part of element names ("list").
func (p *parser) isGroup(name string) bool {
	for e := range p.elems {
		if strings.HasPrefix(e, name+".") {
			return true
		}
	}
	return false
}

// suggest returns the element name closest to name, if it is a likely typo.
func (p *parser) suggest(name string) string {
	var cands []string
	for e := range p.elems {
		cands = append(cands, e)
	}
	if prefix, _, ok := strings.Cut(name, "."); !ok || prefix == "" {
		cands = append(cands, "base")
	}
	return closest(name, cands)
}

func closest(k string, cands []string) string { return suggest.Nearest(k, cands) }

// styleKeys are the keys of an element's table.
var styleKeys = []string{"fg", "bg", "bold", "italic", "underline", "reverse", "faint", "strikethrough"}

func (p *parser) apply(e Element, m map[string]any, st *lipgloss.Style) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return p.line(e.Name+"."+keys[i]) < p.line(e.Name+"."+keys[j]) })
	for _, k := range keys {
		at, v := e.Name+"."+k, m[k]
		switch k {
		case "fg", "bg":
			c, err := parseColor(v)
			if err != nil {
				p.errorf(at, "%s in [%s]: %v", show(k, v), e.Name, err)
				continue
			}
			switch {
			case k == "fg" && e.Border:
				*st = st.BorderForeground(c)
			case k == "fg":
				*st = st.Foreground(c)
			case e.Border:
				*st = st.BorderBackground(c)
			default:
				*st = st.Background(c)
			}
		case "bold", "italic", "underline", "reverse", "faint", "strikethrough":
			b, ok := v.(bool)
			if !ok {
				p.errorf(at, "%s in [%s]: must be true or false", show(k, v), e.Name)
				continue
			}
			*st = setAttr(*st, k, b)
		default:
			msg := fmt.Sprintf("unknown key %q in [%s]", k, e.Name)
			if s := closest(k, slices.Clone(styleKeys)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += " (keys: " + strings.Join(styleKeys, ", ") + ")"
			}
			p.errorf(at, "%s", msg)
		}
	}
}

func setAttr(st lipgloss.Style, attr string, on bool) lipgloss.Style {
	switch attr {
	case "bold":
		return st.Bold(on)
	case "italic":
		return st.Italic(on)
	case "underline":
		return st.Underline(on)
	case "reverse":
		return st.Reverse(on)
	case "faint":
		return st.Faint(on)
	default:
		return st.Strikethrough(on)
	}
}

func show(key string, v any) string {
	if s, ok := v.(string); ok {
		return key + " = " + strconv.Quote(s)
	}
	if _, ok := v.(map[string]any); ok {
		return key + " (a table)"
	}
	return fmt.Sprintf("%s = %v", key, v)
}

// colorNames are the 16 ANSI colours by name; the terminal's scheme
// decides what they look like.
var colorNames = []string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// parseColor accepts an ANSI number 0-255 (written as a number or a
// string), "#rrggbb", a colour name ("red", "bright_red", "gray") or
// "default" for the terminal's own colour.
func parseColor(v any) (lipgloss.TerminalColor, error) {
	const want = `must be an ANSI number 0-255, "#rrggbb", a colour name such as "red" or "bright_blue", or "default"`
	var s string
	switch v := v.(type) {
	case int64:
		if v < 0 || v > 255 {
			return nil, errors.New("out of range: " + want)
		}
		return lipgloss.Color(strconv.FormatInt(v, 10)), nil
	case string:
		s = strings.ToLower(strings.TrimSpace(v))
	default:
		return nil, errors.New(want)
	}
	if n, err := strconv.Atoi(s); err == nil {
		return parseColor(int64(n))
	}
	if hexColor.MatchString(s) {
		return lipgloss.Color(s), nil
	}
	switch s {
	case "default", "none":
		return lipgloss.NoColor{}, nil
	case "gray", "grey":
		return lipgloss.Color("8"), nil
	}
	bright := strings.HasPrefix(s, "bright_") || strings.HasPrefix(s, "bright-")
	if bright {
		s = s[len("bright_"):]
	}
	if i := slices.Index(colorNames, s); i >= 0 {
		if bright {
			i += 8
		}
		return lipgloss.Color(strconv.Itoa(i)), nil
	}
	return nil, errors.New(want)
}
