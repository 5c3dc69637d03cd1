package folders

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"tern/imapsvc"
	"tern/sanitize"
)

func folder(name, delim string, flags ...string) imapsvc.Folder {
	f := imapsvc.Folder{Name: imapsvc.FolderName(name), Display: name, Delim: delim}
	for _, fl := range flags {
		switch fl {
		case "noselect":
			f.NoSelect = true
		default:
			f.SpecialUse = fl
		}
	}
	return f
}

// render shows a tree as indented lines: "  Label*" where * marks a
// placeholder and ! a \Noselect folder.
func render(rows []row) []string {
	var out []string
	for _, r := range rows {
		mark := ""
		if r.Node.Placeholder {
			mark = "*"
		} else if r.Node.Folder.NoSelect {
			mark = "!"
		}
		out = append(out, fmt.Sprintf("%s%s%s=%s", strings.Repeat("  ", r.Depth), r.Node.Label, mark, r.Node.Path))
	}
	return out
}

func TestBuildTree(t *testing.T) {
	tests := []struct {
		name    string
		folders []imapsvc.Folder
		want    []string
	}{
		{
			name: "dovecot slash",
			folders: []imapsvc.Folder{
				folder("Sent", "/", "Sent"), folder("INBOX", "/"), folder("Archive/2023", "/"),
				folder("Archive", "/"), folder("Archive/2024", "/"), folder("Drafts", "/", "Drafts"),
			},
			want: []string{"INBOX=INBOX", "Archive=Archive", "  2023=Archive/2023", "  2024=Archive/2024", "Drafts=Drafts", "Sent=Sent"},
		},
		{
			name: "cyrus dot under INBOX",
			folders: []imapsvc.Folder{
				folder("INBOX.Sub.Deep", "."), folder("INBOX", "."), folder("INBOX.Sub", "."), folder("INBOX.Alpha", "."),
			},
			want: []string{"INBOX=INBOX", "  Alpha=INBOX.Alpha", "  Sub=INBOX.Sub", "    Deep=INBOX.Sub.Deep"},
		},
		{
			name:    "missing parents become placeholders (slash)",
			folders: []imapsvc.Folder{folder("INBOX", "/"), folder("Lists/go/nuts", "/")},
			want:    []string{"INBOX=INBOX", "Lists*=Lists", "  go*=Lists/go", "    nuts=Lists/go/nuts"},
		},
		{
			name:    "missing parents become placeholders (dot)",
			folders: []imapsvc.Folder{folder("INBOX.a.b", "."), folder("INBOX", ".")},
			want:    []string{"INBOX=INBOX", "  a*=INBOX.a", "    b=INBOX.a.b"},
		},
		{
			name:    "parent listed after child keeps its flags",
			folders: []imapsvc.Folder{folder("Shared.team", "."), folder("Shared", ".", "noselect")},
			want:    []string{"Shared!=Shared", "  team=Shared.team"},
		},
		{
			name:    "flat server",
			folders: []imapsvc.Folder{folder("b/c", ""), folder("INBOX", ""), folder("a", "")},
			want:    []string{"INBOX=INBOX", "a=a", "b/c=b/c"},
		},
		{
			name:    "case-insensitive order, inbox first",
			folders: []imapsvc.Folder{folder("zeta", "/"), folder("Alpha", "/"), folder("beta", "/"), folder("Inbox", "/")},
			want:    []string{"Inbox=Inbox", "Alpha=Alpha", "beta=beta", "zeta=zeta"},
		},
		{name: "empty", folders: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(flattenTree(buildTree(tt.folders), nil))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestBuildTreeDisplayLabels(t *testing.T) {
	f := imapsvc.Folder{Name: "INBOX.&ZeVnLIqe-", Display: "INBOX.日本語", Delim: "."}
	rows := flattenTree(buildTree([]imapsvc.Folder{f}), nil)
	if len(rows) != 2 || rows[1].Node.Label != "日本語" || rows[1].Node.Path != "INBOX.&ZeVnLIqe-" || rows[0].Node.Label != "INBOX" {
		t.Fatalf("rows = %v", render(rows))
	}
}

func TestFlattenCollapsed(t *testing.T) {
	roots := buildTree([]imapsvc.Folder{
		folder("INBOX", "."), folder("INBOX.a", "."), folder("INBOX.a.b", "."), folder("Trash", ".", "Trash"),
	})
	tests := []struct {
		collapsed map[imapsvc.FolderName]bool
		want      []string
	}{
		{nil, []string{"INBOX=INBOX", "  a=INBOX.a", "    b=INBOX.a.b", "Trash=Trash"}},
		{map[imapsvc.FolderName]bool{"INBOX": true}, []string{"INBOX=INBOX", "Trash=Trash"}},
		{map[imapsvc.FolderName]bool{"INBOX.a": true}, []string{"INBOX=INBOX", "  a=INBOX.a", "Trash=Trash"}},
	}
	for _, tt := range tests {
		if got := render(flattenTree(roots, tt.collapsed)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("collapsed %v: got %v want %v", tt.collapsed, got, tt.want)
		}
	}
}

func TestAllFolderNames(t *testing.T) {
	roots := buildTree([]imapsvc.Folder{folder("INBOX", "/"), folder("x/y", "/"), folder("N", "/", "noselect")})
	if got, want := allNames(roots), []imapsvc.FolderName{"INBOX", "x/y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}

// TestResolveFolder: a typed name is the server's name when one folder
// has it; else the one folder shown as typed; else it is taken as typed.
func TestResolveFolder(t *testing.T) {
	var m Model
	m.roots = buildTree([]imapsvc.Folder{folder("INBOX", "/"),
		{Name: "Evil\x1b]0;x\x07Name", Display: "EvilName", Delim: "/"},
		{Name: "A\x07b", Display: "Ab", Delim: "/"}, folder("Ab", "/"),
		{Name: "T\u202ewin", Display: "Twin", Delim: "/"}, {Name: "Tw\u202ein", Display: "Twin", Delim: "/"}})
	for typed, want := range map[string]imapsvc.FolderName{
		"INBOX":                "INBOX",
		"EvilName":             "Evil\x1b]0;x\x07Name", // the one folder shown so
		"Evil\x1b]0;x\x07Name": "Evil\x1b]0;x\x07Name",
		"Ab":                   "Ab",   // an exact name wins
		"Twin":                 "Twin", // two are shown so: as typed
		"New/Folder":           "New/Folder",
	} {
		if got := m.Resolve(typed); got != want {
			t.Errorf("resolve(%q) = %q, want %q", typed, got, want)
		}
	}
}

// TestTreeLabelsSanitized: a name whose escape sequence spans the
// delimiter sanitizes to fewer levels than it has; every label is still
// the display form of its own level, never the raw one.
func TestTreeLabelsSanitized(t *testing.T) {
	raw := "A/\x1b]0;x/y\x07B/C\u202e"
	roots := buildTree([]imapsvc.Folder{{Name: imapsvc.FolderName(raw), Display: sanitize.Line(raw), Delim: "/"}})
	var labels []string
	for _, r := range flattenTree(roots, nil) {
		labels = append(labels, r.Node.Label, r.Node.Folder.Display)
	}
	for _, l := range labels {
		if l != sanitize.Line(l) {
			t.Fatalf("tree shows %q; all: %q", l, labels)
		}
	}
	if len(labels) != 8 || labels[6] != "C" {
		t.Fatalf("labels = %q, want four levels, the last C", labels)
	}
}
