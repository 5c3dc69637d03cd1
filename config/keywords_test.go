package config

import (
	"strings"
	"testing"
)

func TestKeywordsKey(t *testing.T) {
	c, _, err := Load(writeConfig(t, liveAcct, 0o600))
	if err != nil || c.Keywords != "" {
		t.Fatalf("default: %q, %v", c.Keywords, err)
	}
	c, _, err = Load(writeConfig(t, "keywords = \"marker\"\n"+liveAcct, 0o600))
	if err != nil || c.Keywords != KeywordsMarker {
		t.Fatalf("marker: %q, %v", c.Keywords, err)
	}
	_, _, err = Load(writeConfig(t, "keywords = \"column\"\n"+liveAcct, 0o600))
	if err == nil || !strings.Contains(err.Error(), `:1: keywords = "column": must be one of tags, marker, off`) {
		t.Fatalf("bad value: %v", err)
	}
}
