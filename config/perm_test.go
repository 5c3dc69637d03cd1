package config

import (
	"os"
	"strings"
	"testing"
)

// TestWritableCommandWarning: new_mail_cmd and password_cmd in a file its
// group or other users can change are warned about, with the line and
// the fix; a file only its owner can change is not.
func TestWritableCommandWarning(t *testing.T) {
	const src = "new_mail_cmd = \"notify-send hi\"\n\n[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npassword_cmd = \"pass p\"\n"
	tests := []struct {
		name string
		src  string
		mode os.FileMode
		want []string // warnings after the path, without the trailing path
	}{
		{"group-writable", src, 0o660, []string{
			`:1: new_mail_cmd runs a command from a file its group can change (mode 0660); anyone who can write the file can run commands as you; run: chmod go-w `,
			`:7: password_cmd of account "a" runs a command from a file its group can change (mode 0660); anyone who can write the file can run commands as you; run: chmod go-w `,
		}},
		{"world-writable", src, 0o602, []string{
			`:1: new_mail_cmd runs a command from a file other users can change (mode 0602); anyone who can write the file can run commands as you; run: chmod go-w `,
			`:7: password_cmd of account "a" runs a command from a file other users can change (mode 0602); anyone who can write the file can run commands as you; run: chmod go-w `,
		}},
		{"readable only", src, 0o644, nil},
		{"owner only", src, 0o600, nil},
		{"no commands", strings.Replace(strings.Replace(src, "new_mail_cmd = \"notify-send hi\"\n", "", 1),
			`password_cmd = "pass p"`, "", 1), 0o666, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.src, tt.mode)
			_, warnings, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) != len(tt.want) {
				t.Fatalf("warnings = %v, want %d", warnings, len(tt.want))
			}
			for i, w := range tt.want {
				if got := warnings[i].String(); got != path+w+path {
					t.Errorf("warning %d = %s\nwant %s", i, got, path+w+path)
				}
			}
		})
	}
}
