package config

import (
	"strings"
	"testing"
	"time"
)

const liveAcct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n"

func TestLiveKeys(t *testing.T) {
	c, _, err := Load(writeConfig(t, liveAcct, 0o600))
	if err != nil {
		t.Fatal(err)
	}
	if Or(c.IdleRefresh, DefaultIdleRefresh) != 25*time.Minute || Or(c.StatusInterval, DefaultStatusInterval) != 2*time.Minute ||
		c.Bell || c.NewMailCmd != "" {
		t.Fatalf("defaults: %+v", c)
	}
	src := "idle_refresh = \"10m\"\npoll_interval = \"30s\"\nstatus_interval = \"0s\"\nreconnect_max = \"1h\"\n" +
		"bell = true\nnew_mail_cmd = \"notify-send \\\"$TERN_FROM\\\" \\\"$TERN_SUBJECT\\\"\"\n" + liveAcct
	c, _, err = Load(writeConfig(t, src, 0o600))
	if err != nil {
		t.Fatal(err)
	}
	if c.IdleRefresh != 10*time.Minute || c.PollInterval != 30*time.Second || Or(c.StatusInterval, DefaultStatusInterval) != 0 ||
		c.ReconnectMax != time.Hour || !c.Bell || c.NewMailCmd != `notify-send "$TERN_FROM" "$TERN_SUBJECT"` {
		t.Fatalf("set: %+v", c)
	}
}

func TestLiveKeyErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"idle_refresh = \"25x\"\n", `:1: idle_refresh = "25x": must be a duration in quotes, such as "25m", "90s" or "1h30m"`},
		{"poll_interval = 60\n", `:1: poll_interval = 60: must be a duration in quotes, such as "25m", "90s" or "1h30m"`},
		{"\nidle_refresh = \"45m\"\n", `:2: idle_refresh = "45m0s": too long, must be at most 29m0s (servers may end IDLE after 30 minutes)`},
		{"reconnect_max = \"10ms\"\n", `:1: reconnect_max = "10ms": too short, must be at least 1s`},
		{"status_interval = \"1s\"\n", `:1: status_interval = "1s": too short, must be at least 5s, or "0s" to turn it off`},
		{"new_mail_cmd = \" \"\n", `:1: new_mail_cmd = " ": must be a command to run`},
		{"bell = \"yes\"\n", `:1: bell = "yes": must be true or false`},
	} {
		path := writeConfig(t, tt.src+liveAcct, 0o600)
		_, _, err := Load(path)
		if err == nil || err.Error() != path+tt.want {
			t.Errorf("%q: error = %v, want %s", tt.src, err, path+tt.want)
		}
		if err != nil && strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%q: more than one error: %v", tt.src, err)
		}
	}
}
