//go:build !unix

package ui

import "time"

// processCPU is not measured here; BenchmarkClientSort50k reports 0.
func processCPU() time.Duration { return 0 }
