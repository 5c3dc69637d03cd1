package main

import (
	"math/rand/v2"
	"os"
	"time"

	"tern/config"
	"tern/demo"
	"tern/imapsvc"
	"tern/notify"
)

// defaultDemoRate: the demo delivers a message every 20–40 s.
const defaultDemoRate = 20 * time.Second

// liveSettings are the config's live-watching keys with defaults applied.
type liveSettings struct {
	svc            imapsvc.LiveOptions
	statusInterval time.Duration
	notify         notify.Notifier
}

func liveFromConfig(c *config.Config) liveSettings {
	ls := liveSettings{
		svc: imapsvc.LiveOptions{
			IdleRefresh:  config.Or(c.IdleRefresh, config.DefaultIdleRefresh),
			PollInterval: config.Or(c.PollInterval, config.DefaultPollInterval),
			ReconnectMax: config.Or(c.ReconnectMax, config.DefaultReconnectMax),
		},
		statusInterval: config.Or(c.StatusInterval, config.DefaultStatusInterval),
		notify:         notify.Notifier{Bell: c.Bell, Command: c.NewMailCmd},
	}
	if c.Bell {
		ls.notify.Out = os.Stdout // one byte between frames; the renderer owns the rest
	}
	return ls
}

// demoDelay is the wait before the next demo delivery: [rate, 2·rate).
func demoDelay(rate time.Duration, random func() float64) time.Duration {
	return rate + time.Duration(random()*float64(rate))
}

// deliverDemo puts a new sample into the demo INBOX now and then, so live
// watching can be seen without a server of one's own. It stops with stop.
func deliverDemo(srv *demo.Server, rate time.Duration, stop <-chan struct{}) {
	for i := 0; ; i++ {
		t := time.NewTimer(demoDelay(rate, rand.Float64))
		select {
		case <-stop:
			t.Stop()
			return
		case <-t.C:
		}
		if err := srv.Deliver(srv.NextSample(i)); err != nil {
			return
		}
	}
}
