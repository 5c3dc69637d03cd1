package compose

import (
	"bufio"
	"bytes"
	"net/mail"
	"sort"
	"strings"

	"tern/sanitize"
)

// Address completion of To and Cc: the lines of address_book_cmd
// ("name<TAB>address", as aerc reads them) and the addresses tern has
// seen in this session.

// Contact is one completion candidate.
type Contact struct{ Name, Addr string }

// String is the contact as it goes into a header.
func (c Contact) String() string {
	if c.Name == "" {
		return c.Addr
	}
	return (&mail.Address{Name: c.Name, Address: c.Addr}).String()
}

// Display is the contact as the completion list shows it (UTF-8 names,
// no RFC 2047).
func (c Contact) Display() string {
	if c.Name == "" {
		return c.Addr
	}
	return c.Name + " <" + c.Addr + ">"
}

// Bounds on what an address book command can make tern hold.
const (
	MaxBookOutput = 1 << 20
	maxContacts   = 500
)

// ParseAddressBook reads "name<TAB>address" lines; a line without a tab
// is an address alone; lines without an @ are skipped (khard and abook
// print a header line).
func ParseAddressBook(out []byte) []Contact {
	var cs []Contact
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() && len(cs) < maxContacts {
		line := strings.TrimRight(sc.Text(), "\r")
		name, addr, ok := strings.Cut(line, "\t")
		if !ok {
			name, addr = "", line
		}
		addr = strings.TrimSpace(addr)
		if i := strings.IndexByte(addr, '\t'); i >= 0 { // mutt's query format has a third column
			addr = addr[:i]
		}
		if !strings.Contains(addr, "@") || strings.ContainsAny(addr, " <>,") || sanitize.Line(addr) != addr {
			continue
		}
		cs = append(cs, Contact{Name: strings.TrimSpace(sanitize.Line(name)), Addr: addr})
	}
	return cs
}

// BookCommand is the shell command for a query: %s in cmd becomes the
// query, single-quoted; without %s the query is appended.
func BookCommand(cmd, query string) string {
	q := "'" + strings.ReplaceAll(query, "'", `'\''`) + "'"
	if strings.Contains(cmd, "%s") {
		return strings.ReplaceAll(cmd, "%s", q)
	}
	return cmd + " " + q
}

// Match returns the contacts whose name or address contains query (case
// ignored), address prefixes first, each address once.
func Match(cs []Contact, query string) []Contact {
	q := strings.ToLower(strings.TrimSpace(query))
	seen := map[string]bool{}
	var prefix, inner []Contact
	for _, c := range cs {
		a, n := strings.ToLower(c.Addr), strings.ToLower(c.Name)
		if seen[a] || !strings.Contains(a+"\x00"+n, q) {
			continue
		}
		seen[a] = true
		if strings.HasPrefix(a, q) || strings.HasPrefix(n, q) {
			prefix = append(prefix, c)
		} else {
			inner = append(inner, c)
		}
	}
	sort.SliceStable(prefix, func(i, j int) bool { return prefix[i].Addr < prefix[j].Addr })
	return append(prefix, inner...)
}

// LastToken is the address being typed: what follows the last comma.
func LastToken(list string) string {
	if i := strings.LastIndexByte(list, ','); i >= 0 {
		return strings.TrimSpace(list[i+1:])
	}
	return strings.TrimSpace(list)
}

// ReplaceLast puts c in place of the address being typed.
func ReplaceLast(list string, c Contact) string {
	head := ""
	if i := strings.LastIndexByte(list, ','); i >= 0 {
		head = list[:i+1] + " "
	}
	return head + c.Display()
}

// Seen is a bounded set of addresses met in this session, newest kept.
type Seen struct{ list []Contact }

// Add notes addresses; the oldest go past the bound.
func (s Seen) Add(as ...*mail.Address) Seen {
	cs := make([]Contact, 0, len(as))
	for _, a := range as {
		if a != nil {
			cs = append(cs, Contact{Name: a.Name, Addr: a.Address})
		}
	}
	return s.AddContacts(cs...)
}

// AddContacts notes contacts, each address once (the newest name wins);
// the oldest go past the bound.
func (s Seen) AddContacts(cs ...Contact) Seen {
	fresh := make(map[string]bool, len(cs))
	var add []Contact
	for i := len(cs) - 1; i >= 0; i-- { // the last of an address is the newest
		c := cs[i]
		key := strings.ToLower(c.Addr)
		if !strings.Contains(c.Addr, "@") || fresh[key] {
			continue
		}
		fresh[key] = true
		add = append(add, c)
	}
	if len(add) == 0 {
		return s
	}
	out := make([]Contact, 0, len(s.list)+len(add))
	for _, c := range s.list {
		if !fresh[strings.ToLower(c.Addr)] {
			out = append(out, c)
		}
	}
	for i := len(add) - 1; i >= 0; i-- {
		out = append(out, add[i])
	}
	if len(out) > maxContacts {
		out = out[len(out)-maxContacts:]
	}
	return Seen{list: out}
}

// Contacts are the addresses seen, newest first.
func (s Seen) Contacts() []Contact {
	out := make([]Contact, len(s.list))
	for i, c := range s.list {
		out[len(s.list)-1-i] = c
	}
	return out
}
