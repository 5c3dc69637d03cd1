package config

import (
	"reflect"
	"strings"
	"time"
)

// Defaults of the live-watching keys.
const (
	DefaultIdleRefresh    = 25 * time.Minute
	DefaultPollInterval   = time.Minute
	DefaultStatusInterval = 2 * time.Minute
	DefaultReconnectMax   = 5 * time.Minute
	// MaxIdleRefresh: RFC 2177 lets servers end an IDLE after 30 minutes.
	MaxIdleRefresh = 29 * time.Minute
	// Off is a duration turned off in the file with "0s".
	Off time.Duration = -1
)

// Or returns d, or def when d was left out of the file (0), or 0 when it
// was turned off.
func Or(d, def time.Duration) time.Duration {
	switch {
	case d == Off:
		return 0
	case d == 0:
		return def
	}
	return d
}

// decodeDuration reads a duration written as a string, "25m" or "90s".
func (ld *loader) decodeDuration(v any, at []string, key string, dst reflect.Value) {
	s, ok := v.(string)
	var d time.Duration
	var err error
	if ok {
		d, err = time.ParseDuration(strings.TrimSpace(s))
	}
	if !ok || err != nil {
		ld.badValue(at, `%s: must be a duration in quotes, such as "25m", "90s" or "1h30m"`, show(key, v))
		return
	}
	dst.SetInt(int64(d))
}

// validateLive checks the ranges of the live keys.
func (ld *loader) validateLive(c *Config) {
	for _, k := range []struct {
		key     string
		d       *time.Duration
		min     time.Duration
		max     time.Duration // 0: none
		zeroOff bool          // "0s" turns the feature off
	}{
		{"idle_refresh", &c.IdleRefresh, 10 * time.Second, MaxIdleRefresh, false},
		{"poll_interval", &c.PollInterval, time.Second, 0, false},
		{"status_interval", &c.StatusInterval, 5 * time.Second, 0, true},
		{"reconnect_max", &c.ReconnectMax, time.Second, 0, false},
	} {
		switch {
		case !ld.pos.has(k.key), ld.bad[pathOf(k.key)]:
		case *k.d == 0 && k.zeroOff:
			*k.d = Off
		case *k.d < k.min:
			ld.errorf([]string{k.key}, "%s = %q: too short, must be at least %v%s", k.key, k.d.String(), k.min, offHint(k.zeroOff))
		case k.max > 0 && *k.d > k.max:
			ld.errorf([]string{k.key}, "%s = %q: too long, must be at most %v (servers may end IDLE after 30 minutes)", k.key, k.d.String(), k.max)
		}
	}
	if ld.pos.has("new_mail_cmd") && strings.TrimSpace(c.NewMailCmd) == "" {
		ld.errorf([]string{"new_mail_cmd"}, `new_mail_cmd = %q: must be a command to run`, c.NewMailCmd)
	}
}

func offHint(zeroOff bool) string {
	if zeroOff {
		return `, or "0s" to turn it off`
	}
	return ""
}
