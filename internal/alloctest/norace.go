//go:build !race

package alloctest

// Race is true in a build with the race detector, whose bookkeeping
// allocates beside the code measured: byte bounds do not hold there.
const Race = false
