package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tern", "state.toml")
	st, err := LoadState(path)
	if err != nil || st.SubscribedOnly {
		t.Fatalf("missing file: %+v, %v", st, err)
	}
	if err := SaveState(path, State{SubscribedOnly: true}); err != nil {
		t.Fatal(err)
	}
	if st, err := LoadState(path); err != nil || !st.SubscribedOnly {
		t.Fatalf("after save: %+v, %v", st, err)
	}
	os.WriteFile(path, []byte("subscribed_only = 3"), 0o600)
	if _, err := LoadState(path); err == nil {
		t.Fatal("a broken state file loaded without error")
	}
	p, err := StatePath(func(k string) string { return map[string]string{"XDG_STATE_HOME": "/x/state"}[k] })
	if err != nil || p != "/x/state/tern/state.toml" {
		t.Fatalf("StatePath = %q, %v", p, err)
	}
}
