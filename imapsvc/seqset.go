package imapsvc

import (
	"errors"
	"strings"
)

// SeqNumbers resolves a sequence set as typed ("1:2", "1:*", "2,4") for a
// folder of n messages: the numbers it names, ascending, without repeats.
// A number past n is an error, as on the server. The UI maps them to UIDs
// at once, so that nothing is addressed by sequence number later.
func SeqNumbers(set string, n uint32) ([]uint32, error) {
	rs, err := parseSeqSet(set)
	if err == nil {
		var seqs []uint32
		seqs, _, err = expandSeq(rs, n, int(n))
		if err == nil {
			return seqs, nil
		}
	}
	return nil, errors.New(strings.TrimPrefix(err.Error(), "fetch: "))
}
