// Package alloctest measures what a piece of code allocates, for tests
// that bound it.
package alloctest

import "runtime"

// Bytes is what the whole process allocated while fn ran. It reads
// runtime.MemStats, not runtime/metrics: MemStats counts what the
// goroutines' caches have not handed back yet, and the metric read
// around a short call can show nothing.
func Bytes(fn func()) uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	before := m.TotalAlloc
	fn()
	runtime.ReadMemStats(&m)
	return m.TotalAlloc - before
}
