package themes

import "strings"

// keyLines maps every table and key of a theme file to its line, as
// "list.unread" and "list.unread.fg". BurntSushi/toml keeps no key
// positions. Theme files are flat tables of short values, so a line scanner
// is enough; a key it cannot place falls back to its table's line.
func keyLines(src string) map[string]int {
	lines := map[string]int{}
	table := ""
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[") {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				continue
			}
			table = dottedKey(strings.Trim(line[1:end], "[] \t"))
			// [list.unread] also places "list", for errors about it.
			for prefix := table; prefix != ""; {
				if _, seen := lines[prefix]; !seen {
					lines[prefix] = n + 1
				}
				i := strings.LastIndexByte(prefix, '.')
				if i < 0 {
					break
				}
				prefix = prefix[:i]
			}
			continue
		}
		key, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := dottedKey(key)
		if table != "" {
			full = table + "." + full
		}
		if _, seen := lines[full]; !seen {
			lines[full] = n + 1
		}
	}
	return lines
}

// dottedKey normalises a TOML key as written (`list . "unread"`) to
// list.unread.
func dottedKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
