package config

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultCacheBodies is cache_bodies when left out.
const DefaultCacheBodies = 200 << 20

// CacheOn reports whether the account keeps a header cache: unless the
// file says cache = false.
func (a Account) CacheOn() bool { return a.Cache == nil || *a.Cache }

func (ld *loader) validateCache(a *Account, i int) {
	if !ld.pos.has("account", index(i), "cache_bodies") {
		return
	}
	n, err := ParseSize(a.CacheBodies)
	if err != nil {
		ld.errorf([]string{"account", index(i), "cache_bodies"}, "cache_bodies = %q: %v", a.CacheBodies, err)
		return
	}
	a.CacheBodyBytes = n
	if n == 0 {
		a.CacheBodyBytes = -1 // keep no texts
	}
}

// ParseSize reads a size such as "200MB", "1.5GB", "512KB" or "0"
// (units of 1024; B, KB, MB, GB, with or without the B).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"G", 1 << 30}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<40 {
		return 0, fmt.Errorf("must be a size such as \"200MB\" (B, KB, MB, GB; at most 1024GB)")
	}
	return int64(f * float64(mult)), nil
}
