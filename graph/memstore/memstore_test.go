package memstore_test

import (
	"errors"
	"fmt"
	"testing"

	"diplograph/graph"
	"diplograph/graph/graphtest"
	"diplograph/graph/memstore"
)

func TestStore(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) graph.Store { return memstore.New() })
}

// TestStoreLimited runs the suite with a transaction limit like Badger's, so
// the suite's TooBig test runs instead of skipping.
func TestStoreLimited(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) graph.Store { return memstore.New(memstore.MaxTxBytes(10 << 20)) })
}

func TestMaxTxWrites(t *testing.T) {
	s := memstore.New(memstore.MaxTxWrites(3))
	defer s.Close()
	for _, c := range []struct {
		writes  int
		tooBig  bool
		wantLen int
	}{{3, false, 3}, {4, true, 3}} {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := range c.writes {
				if err := tx.Put(fmt.Appendf(nil, "k%d", i), nil); err != nil {
					return err
				}
			}
			return nil
		})
		if errors.Is(err, graph.ErrTooBig) != c.tooBig {
			t.Errorf("%d writes: %v, want ErrTooBig %v", c.writes, err, c.tooBig)
		}
		if s.Len() != c.wantLen {
			t.Errorf("%d writes: Len %d, want %d", c.writes, s.Len(), c.wantLen)
		}
	}
}

func BenchmarkStore(b *testing.B) {
	graphtest.BenchmarkStore(b, func(b *testing.B) graph.Store { return memstore.New() })
}
