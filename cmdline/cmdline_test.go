package cmdline

import (
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{"msmtp -t", []string{"msmtp", "-t"}, ""},
		{"  /usr/sbin/sendmail   -oi -oem ", []string{"/usr/sbin/sendmail", "-oi", "-oem"}, ""},
		{`"/opt/my mail/send" --account='work mail' a\ b`, []string{"/opt/my mail/send", "--account=work mail", "a b"}, ""},
		{`msmtp -a "it's"`, []string{"msmtp", "-a", "it's"}, ""},
		{`echo $HOME ~ *`, []string{"echo", "$HOME", "~", "*"}, ""},
		{`say ""`, []string{"say", ""}, ""},
		{`msmtp "oops`, nil, `unclosed " quote`},
		{`msmtp oops\`, nil, "lone backslash"},
		{"   ", nil, "is empty"},
	} {
		got, err := Split(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
