package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sortedTx is a ReadTx over a map, for checking layer against.
type sortedTx map[string]string

func (m sortedTx) Get(k []byte) ([]byte, error) {
	if v, ok := m[string(k)]; ok {
		return []byte(v), nil
	}
	return nil, ErrNotFound
}

func (m sortedTx) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		if strings.HasPrefix(k, string(prefix)) && (after == nil || k > string(after)) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if more, err := fn([]byte(k), []byte(m[k])); !more || err != nil {
			return err
		}
	}
	return nil
}

// TestLayer compares a snapshot with writes laid over it with the map those
// writes make of the snapshot, on random keys over a small alphabet (so that
// prefixes, after-keys, shadowed and deleted keys all occur), scanning to
// the end and stopping early.
func TestLayer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	word := func() string {
		b := make([]byte, 1+rng.IntN(3))
		for i := range b {
			b[i] = "ab\x00"[rng.IntN(3)]
		}
		return string(b)
	}
	for round := range 300 {
		base, merged := sortedTx{}, sortedTx{}
		for range rng.IntN(12) {
			k, v := word(), fmt.Sprint("base", rng.IntN(9))
			base[k], merged[k] = v, v
		}
		w := map[string]overlay{}
		for range rng.IntN(12) {
			k := word()
			if rng.IntN(3) == 0 {
				w[k] = overlay{del: true}
				delete(merged, k)
			} else {
				v := fmt.Sprint("new", rng.IntN(9))
				w[k] = overlay{v: []byte(v)}
				merged[k] = v
			}
		}
		l := &layer{base: base, w: w, keys: sortedKeys(w)}
		for range 20 {
			prefix := []byte(word())[:rng.IntN(2)]
			var after []byte
			if rng.IntN(2) == 0 {
				after = []byte(word())
			}
			limit := 1 + rng.IntN(6)
			scan := func(tx ReadTx) string {
				var out []string
				err := tx.Scan(context.Background(), prefix, after, func(k, v []byte) (bool, error) {
					out = append(out, fmt.Sprintf("%q=%s", k, v))
					return len(out) < limit, nil
				})
				if err != nil {
					t.Fatal(err)
				}
				return strings.Join(out, " ")
			}
			if got, want := scan(l), scan(merged); got != want {
				t.Fatalf("round %d: Scan(%q, after %q, %d keys) = %s, want %s", round, prefix, after, limit, got, want)
			}
			k := []byte(word())
			gv, gerr := l.Get(k)
			wv, werr := merged.Get(k)
			if string(gv) != string(wv) || (gerr == nil) != (werr == nil) {
				t.Fatalf("round %d: Get(%q) = %q, %v; want %q, %v", round, k, gv, gerr, wv, werr)
			}
		}
	}
}
