package badgerstore

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"diplograph/graph"
)

// TestSettle writes enough to flush memtables into level-0 tables (each of
// which makes a compaction due) and checks that Settle returns only once no
// level is due any more, with everything still readable.
func TestSettle(t *testing.T) {
	s, err := Open(t.TempDir(), Options{Memory: MemorySmall, GCInterval: -1, ReleaseInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 200_000 // ~40 MB of keys and inline values: several 16 MiB memtables
	val := bytes.Repeat([]byte{'v'}, 150)
	for b := 0; b < n; b += 10_000 {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := b; i < b+10_000; i++ {
				if err := tx.Put(fmt.Appendf(nil, "k/%07d", i), val); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	tables := 0
	for _, l := range s.db.Levels() {
		tables += l.NumTables
	}
	if tables == 0 {
		t.Fatal("nothing flushed to a table: the test writes too little to make a compaction due")
	}
	waited, err := s.Settle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.db.Levels() {
		if l.Score >= 1 {
			t.Errorf("after Settle (%s), level %d is still due for compaction: score %.2f, %d tables", waited, l.Level, l.Score, l.NumTables)
		}
	}
	if waited < 500*time.Millisecond {
		t.Errorf("Settle returned after %s, before the half second of quiet it promises", waited)
	}
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		got := 0
		err := tx.Scan(t.Context(), []byte("k/"), nil, func(k, v []byte) (bool, error) {
			got++
			return true, nil
		})
		if err == nil && got != n {
			err = fmt.Errorf("%d keys after Settle, want %d", got, n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
