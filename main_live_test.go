package main

import (
	"testing"
	"time"

	"tern/config"
)

func TestDemoDelay(t *testing.T) {
	for _, tc := range []struct {
		rate time.Duration
		r    float64
		want time.Duration
	}{
		{defaultDemoRate, 0, 20 * time.Second},
		{defaultDemoRate, 0.5, 30 * time.Second},
		{5 * time.Second, 0.999, 5*time.Second + 4995*time.Millisecond},
	} {
		if got := demoDelay(tc.rate, func() float64 { return tc.r }); got != tc.want {
			t.Errorf("demoDelay(%v, %v) = %v, want %v", tc.rate, tc.r, got, tc.want)
		}
	}
	f, err := parseFlags([]string{"--demo", "--demo-rate", "3s"}, nil)
	if err != nil || f.demoRate != 3*time.Second {
		t.Fatalf("--demo-rate 3s: %+v, %v", f, err)
	}
}

func TestLiveFromConfig(t *testing.T) {
	ls := liveFromConfig(&config.Config{PollInterval: 30 * time.Second, StatusInterval: config.Off,
		Bell: true, NewMailCmd: "true"})
	if ls.svc.IdleRefresh != config.DefaultIdleRefresh || ls.svc.PollInterval != 30*time.Second ||
		ls.svc.ReconnectMax != config.DefaultReconnectMax || ls.statusInterval != 0 ||
		!ls.notify.Enabled() || ls.notify.Command != "true" {
		t.Fatalf("live settings = %+v", ls)
	}
	if d := liveFromConfig(&config.Config{}); d.statusInterval != config.DefaultStatusInterval || d.notify.Enabled() {
		t.Fatalf("defaults = %+v", d)
	}
}
