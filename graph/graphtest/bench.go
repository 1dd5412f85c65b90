package graphtest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"diplograph/graph"
)

// BenchmarkStore measures the operations the graph uses, on stores made by
// open (a new, empty store per sub-benchmark; the benchmark closes it):
//
//   - Put: one 200-byte value per Update (a small upsert);
//   - PutBatch100: 100 values per Update (an article batch);
//   - Get: one random key of 10,000 per View;
//   - Scan100: a 100-key prefix scan per View;
//   - UpdateRMW: read-modify-write of one of 1,000 keys per Update.
func BenchmarkStore(b *testing.B, open func(b *testing.B) graph.Store) {
	fresh := func(b *testing.B) graph.Store {
		s := open(b)
		b.Cleanup(func() {
			if err := s.Close(); err != nil {
				b.Errorf("Close: %v", err)
			}
		})
		return s
	}
	val := make([]byte, 200)
	for i := range val {
		val[i] = byte(i)
	}
	fill := func(b *testing.B, s graph.Store, n int) {
		for start := 0; start < n; start += 1000 {
			err := s.Update(b.Context(), func(tx graph.Tx) error {
				for i := start; i < min(start+1000, n); i++ {
					if err := tx.Put(fmt.Appendf(nil, "k/%08d", i), val); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}

	b.Run("Put", func(b *testing.B) {
		s := fresh(b)
		i := 0
		b.SetBytes(int64(len(val)))
		for b.Loop() {
			err := s.Update(b.Context(), func(tx graph.Tx) error {
				return tx.Put(fmt.Appendf(nil, "k/%08d", i), val)
			})
			if err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("PutBatch100", func(b *testing.B) {
		s := fresh(b)
		i := 0
		b.SetBytes(100 * int64(len(val)))
		for b.Loop() {
			err := s.Update(b.Context(), func(tx graph.Tx) error {
				for range 100 {
					if err := tx.Put(fmt.Appendf(nil, "k/%08d", i), val); err != nil {
						return err
					}
					i++
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Get", func(b *testing.B) {
		s := fresh(b)
		const n = 10000
		fill(b, s, n)
		r := rand.New(rand.NewPCG(1, 1))
		for b.Loop() {
			err := s.View(b.Context(), func(tx graph.ReadTx) error {
				_, err := tx.Get(fmt.Appendf(nil, "k/%08d", r.IntN(n)))
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Scan100", func(b *testing.B) {
		s := fresh(b)
		const n = 10000
		fill(b, s, n)
		r := rand.New(rand.NewPCG(2, 2))
		for b.Loop() {
			// k/0000xx.. has 100 keys for each 4-digit prefix.
			prefix := fmt.Appendf(nil, "k/%06d", r.IntN(n/100))
			seen := 0
			err := s.View(b.Context(), func(tx graph.ReadTx) error {
				return tx.Scan(b.Context(), prefix, nil, func(k, v []byte) (bool, error) {
					seen++
					return true, nil
				})
			})
			if err != nil || seen != 100 {
				b.Fatalf("Scan(%s): %d keys, %v", prefix, seen, err)
			}
		}
	})
	b.Run("UpdateRMW", func(b *testing.B) {
		s := fresh(b)
		const n = 1000
		fill(b, s, n)
		r := rand.New(rand.NewPCG(3, 3))
		for b.Loop() {
			k := fmt.Appendf(nil, "k/%08d", r.IntN(n))
			err := s.Update(b.Context(), func(tx graph.Tx) error {
				v, err := tx.Get(k)
				if err != nil {
					return err
				}
				v[0]++
				return tx.Put(k, v)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
