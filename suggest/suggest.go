// Package suggest finds the known name that a mistyped one most likely
// meant, for the "did you mean" of error messages about config and theme
// files and key tables.
package suggest

import "strings"

// Nearest returns the known name closest to typed, if it is close enough
// to be a likely typo: a case difference, or at most two edits and fewer
// edits than typed has letters. Ties go to the name that sorts first, so
// the answer does not depend on the order of known. "" when none is.
func Nearest(typed string, known []string) string {
	lower := strings.ToLower(typed)
	best, bestDist := "", 3
	for _, k := range known {
		d := Distance(lower, k)
		if d < bestDist || (d == bestDist && best != "" && k < best) {
			best, bestDist = k, d
		}
	}
	if best == "" || bestDist >= len(typed) {
		return "" // "x" is one edit from many things and means none of them
	}
	return best
}

// Distance is the optimal string alignment distance between a and b:
// Levenshtein's, with a swap of two neighbours ("lsit") as one edit.
func Distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
