package graph

import (
	"fmt"
	"testing"
)

// Contribution keys are in stores already written: the sequence number must
// stay fmt's %05d, and decoding must read it back.
func TestContribKeySeq(t *testing.T) {
	for _, seq := range []int{0, 7, 42, 1234, 99999, 100000, 1234567, -3} {
		if got, want := seqString(seq), fmt.Sprintf("%05d", seq); got != want {
			t.Errorf("seqString(%d) = %q, want %q", seq, got, want)
		}
		k := contribKey("meeting:1", "art-9", seq)
		c, err := decodeContribution("meeting:1", k, []byte(`{"k":"visit","code":{}}`))
		if err != nil {
			t.Errorf("decodeContribution(%q): %v", k, err)
			continue
		}
		if c.Article != "art-9" || c.Seq != seq || c.Meet == nil || c.Meet.Kind != "visit" {
			t.Errorf("decodeContribution(%q) = %+v, want art-9 #%d, a visit", k, c, seq)
		}
	}
	for _, seq := range []string{"", "12x", "x", "1 2"} {
		k := key(pContrib, "meeting:1", "art-9", seq)
		if _, err := decodeContribution("meeting:1", k, []byte(`{"k":"visit","code":{}}`)); err == nil {
			t.Errorf("decodeContribution(%q) took sequence %q", k, seq)
		}
	}
}
