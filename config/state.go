package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// State is what tern remembers between runs that is not configuration:
// choices made in the UI. It lives in StateDir()/state.toml.
type State struct {
	// SubscribedOnly shows only subscribed folders (LSUB semantics).
	SubscribedOnly bool `toml:"subscribed_only"`
}

// StatePath is the state file in StateDir.
func StatePath(getenv func(string) string) (string, error) {
	dir, err := StateDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "state.toml"), nil
}

// LoadState reads the state file; a missing file is the zero State.
func LoadState(path string) (State, error) {
	var st State
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if _, err := toml.Decode(string(data), &st); err != nil {
		return State{}, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// SaveState writes the state file atomically (temp file, then rename).
func SaveState(path string, st State) error {
	var buf bytes.Buffer
	buf.WriteString("# Written by tern: choices made in the UI. Safe to delete.\n")
	if err := toml.NewEncoder(&buf).Encode(st); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
