package sanitize

// The skip functions follow ECMA-48 loosely: they only decide how much to drop. Whatever
// they leave behind is sanitized like any other text, so a malformed sequence can at
// worst leave some of its harmless printable payload visible.

// skipEscape returns the index just past the escape sequence whose ESC is at s[i-1].
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_': // OSC DCS SOS PM APC
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // nF: intermediate bytes, then a final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e: // two-byte sequence such as ESC c (full reset)
		return i + 1
	}
	return i // a lone ESC: drop it and keep what follows
}

// skipCSI returns the index just past a control sequence whose introducer ends at s[i-1]:
// parameter and intermediate bytes (0x20–0x3f), then one final byte (0x40–0x7e).
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the index just past a control string (OSC, DCS, SOS, PM, APC) whose
// introducer ends at s[i-1]. BEL, ST, CAN and SUB end it; an ESC that does not start ST
// ends it too and is left to start the next sequence, as terminals do.
func skipString(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case 0x07, 0x18, 0x1a: // BEL CAN SUB
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2: // U+009C (8-bit ST) in UTF-8
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
	}
	return i
}
