package memstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"diplograph/graph"
)

// checkTreap verifies the search-tree order, the heap order of priorities and
// the key count, and that priorities are the ones the keys hash to.
func checkTreap(t *testing.T, s *snapshot) {
	t.Helper()
	n := 0
	var prev []byte
	var walk func(x *node, maxPrio uint64)
	walk = func(x *node, maxPrio uint64) {
		if x == nil {
			return
		}
		if x.prio > maxPrio {
			t.Fatalf("heap order broken at %q", x.key)
		}
		if x.prio != priority(x.key) || x.del {
			t.Fatalf("node %q: prio %x del %v", x.key, x.prio, x.del)
		}
		walk(x.left, x.prio)
		if prev != nil && bytes.Compare(prev, x.key) >= 0 {
			t.Fatalf("order broken: %q before %q", prev, x.key)
		}
		prev = x.key
		n++
		walk(x.right, x.prio)
	}
	walk(s.root, ^uint64(0))
	if n != s.n {
		t.Fatalf("snapshot counts %d keys, holds %d", s.n, n)
	}
}

// TestModel drives the store with random operations and compares every read
// with a map, while keeping old snapshots open and checking they never change.
func TestModel(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	s := New()
	defer s.Close()
	model := map[string]string{}
	type held struct {
		snap  *snapshot
		model map[string]string
	}
	var old []held
	key := func() string {
		// A small alphabet with 0x00 and 0xff makes shared prefixes common.
		const alpha = "ab\x00\xff"
		b := make([]byte, 1+r.IntN(4))
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		return string(b)
	}
	scanModel := func(m map[string]string, prefix, after string, hasAfter bool) []string {
		var out []string
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if strings.HasPrefix(k, prefix) && (!hasAfter || k > after) {
				out = append(out, k+"="+m[k])
			}
		}
		return out
	}
	scanTx := func(tx graph.ReadTx, prefix, after string, hasAfter bool) []string {
		var a []byte
		if hasAfter {
			a = []byte(after)
		}
		var out []string
		err := tx.Scan(context.Background(), []byte(prefix), a, func(k, v []byte) (bool, error) {
			out = append(out, string(k)+"="+string(v))
			return true, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for round := range 300 {
		// One Update of a few writes, checked against a copy of the model
		// from inside the transaction (reads of own writes).
		next := maps.Clone(model)
		err := s.Update(context.Background(), func(tx graph.Tx) error {
			for range 1 + r.IntN(8) {
				k := key()
				if r.IntN(3) == 0 {
					delete(next, k)
					if err := tx.Delete([]byte(k)); err != nil {
						return err
					}
				} else {
					v := fmt.Sprint(round, r.IntN(100))
					next[k] = v
					if err := tx.Put([]byte(k), []byte(v)); err != nil {
						return err
					}
				}
				p, a := key()[:1], key()
				hasAfter := r.IntN(2) == 0
				if got, want := scanTx(tx, p, a, hasAfter), scanModel(next, p, a, hasAfter); !slices.Equal(got, want) {
					return fmt.Errorf("round %d: Scan(%q, %q, %v) in Update = %q, want %q", round, p, a, hasAfter, got, want)
				}
				k = key()
				v, err := tx.Get([]byte(k))
				if mv, ok := next[k]; ok != (err == nil) || (ok && string(v) != mv) {
					return fmt.Errorf("round %d: Get(%q) in Update = %q, %v; want %q, %v", round, k, v, err, mv, ok)
				}
			}
			if r.IntN(10) == 0 {
				return errors.New("rollback")
			}
			return nil
		})
		if err == nil {
			model = next
		} else if err.Error() != "rollback" {
			t.Fatal(err)
		}
		cur := s.snap.Load()
		checkTreap(t, cur)
		if cur.n != len(model) {
			t.Fatalf("round %d: %d keys, model has %d", round, cur.n, len(model))
		}
		if round%20 == 0 {
			old = append(old, held{cur, maps.Clone(model)})
		}
	}
	// Every snapshot kept along the way still reads as it did.
	for i, h := range old {
		checkTreap(t, h.snap)
		tx := &tx{base: h.snap}
		if got, want := scanTx(tx, "", "", false), scanModel(h.model, "", "", false); !slices.Equal(got, want) {
			t.Errorf("snapshot %d changed: %q, want %q", i, got, want)
		}
	}
}
