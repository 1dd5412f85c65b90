package badgerstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/graph/memstore"
)

// FuzzDifferential decodes a sequence of operations from the input, runs it
// on badgerstore and on memstore, and checks that every read agrees: the two
// implementations must be interchangeable under the graph. Each input works
// in its own key space of one Badger store shared by the whole fuzz run,
// because opening Badger costs far more than an input.
func FuzzDifferential(f *testing.F) {
	// Seeds: batches of {opcode, key, second key}, see differential.
	for _, seed := range [][]fop{
		{{fPut, "a", ""}, {fPut, "b", ""}, {fPut, "c", ""}},
		{{fPut, "a", ""}, {fPut, "b", ""}, {fPut, "c", ""}, {fScanAfter, "", "a"}, {fScanAfter, "", "b"},
			{fGet, "b", ""}, {fDel, "b", ""}, {fScan, "", ""}, {fScanAfter, "", "a"}},
		{{fPut, "a\x00", ""}, {fPut, "a\xff", ""}, {fPut, "b", ""}, {fPut, "a", ""}},
		{{fScanAfter, "a", "a\x00"}, {fScanAfter, "a", "a"}, {fScanAfter, "\xff", ""}, {fDel, "a", ""}, {fScan, "a", ""}},
		{{fPut, "x", ""}, {fAbort, "", ""}},
		{{fGet, "x", ""}, {fScan, "", ""}, {fPut, "xy", ""}, {fScanAfter, "x", "x"}, {fDel, "xy", ""}, {fScan, "x", ""}},
	} {
		// Once as one Update, once as one Update per operation.
		f.Add(appendBatch(nil, seed))
		var b []byte
		for _, o := range seed {
			b = appendBatch(b, []fop{o})
		}
		f.Add(b)
	}
	var n int
	f.Fuzz(func(t *testing.T, ops []byte) {
		s := sharedStore(t)
		n++
		ns := fmt.Appendf(nil, "fuzz/%d/", n)
		m := memstore.New()
		defer m.Close()
		if err := differential(t.Context(), s, m, ns, ops); err != nil {
			t.Fatal(err)
		}
	})
}

// TestMain closes the store shared by FuzzDifferential's inputs.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

var (
	sharedOnce sync.Once
	shared     *badgerstore.Store
	sharedErr  error
)

func sharedStore(t *testing.T) *badgerstore.Store {
	sharedOnce.Do(func() { shared, sharedErr = badgerstore.Open("", badgerstore.Options{InMemory: true}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// differential interprets ops as a program and runs it on both stores. The
// program is a sequence of Updates, each: a count byte (1 + count%8
// operations), the operations, and an abort byte (odd: fn fails). An
// operation is an opcode (mod 8: put, delete, get, scan, scan with after, and
// again put, get, scan) and two keys of a length byte (mod 3) and that many
// bytes; the namespace ns is prepended to both, and for the scan with after
// only the first is the prefix.
func differential(ctx context.Context, b, m graph.Store, ns, ops []byte) error {
	next := func() (byte, bool) {
		if len(ops) == 0 {
			return 0, false
		}
		c := ops[0]
		ops = ops[1:]
		return c, true
	}
	key := func() []byte {
		k := slices.Clone(ns)
		l, _ := next()
		for range l % 3 {
			c, _ := next()
			k = append(k, c)
		}
		return k
	}
	type result struct {
		out []string
	}
	// run executes one read or write on tx and records what it saw.
	run := func(tx graph.Tx, op byte, k, k2 []byte, r *result) error {
		switch op % 8 {
		case fPut, 5:
			return tx.Put(k, append(slices.Clone(k[len(ns):]), op))
		case fDel:
			return tx.Delete(k)
		case fGet, 6:
			v, err := tx.Get(k)
			r.out = append(r.out, fmt.Sprintf("get %q = %q %v", k, v, errors.Is(err, graph.ErrNotFound)))
			if err != nil && !errors.Is(err, graph.ErrNotFound) {
				return err
			}
		case fScan, fScanAfter, 7:
			var after []byte
			if op%8 == fScanAfter {
				after = k2
			}
			r.out = append(r.out, fmt.Sprintf("scan %q after %q:", k, after))
			return tx.Scan(ctx, k, after, func(k, v []byte) (bool, error) {
				r.out = append(r.out, fmt.Sprintf(" %q=%q", k, v))
				return len(r.out) < 10000, nil
			})
		}
		return nil
	}
	type step struct {
		op    byte
		k, k2 []byte
	}
	for len(ops) > 0 {
		var steps []step
		count, _ := next()
		for i := 0; i <= int(count%8) && len(ops) > 0; i++ {
			op, _ := next()
			steps = append(steps, step{op, key(), key()})
		}
		abort, _ := next() // abort the Update when odd
		var rb, rm result
		for _, c := range []struct {
			s graph.Store
			r *result
		}{{b, &rb}, {m, &rm}} {
			err := c.s.Update(ctx, func(tx graph.Tx) error {
				c.r.out = c.r.out[:0]
				for _, st := range steps {
					if err := run(tx, st.op, st.k, st.k2, c.r); err != nil {
						return err
					}
				}
				if abort%2 == 1 {
					return errAbort
				}
				return nil
			})
			if err != nil && err != errAbort {
				return err
			}
		}
		if !slices.Equal(rb.out, rm.out) {
			var desc []string
			for _, st := range steps {
				desc = append(desc, fmt.Sprintf("op %d %q %q", st.op%8, st.k, st.k2))
			}
			return fmt.Errorf("stores disagree on %s (abort %v):\nbadger:   %q\nmemstore: %q", desc, abort%2 == 1, rb.out, rm.out)
		}
	}
	// Finally the whole key space, read in a View.
	dump := func(s graph.Store) (out []string, err error) {
		err = s.View(ctx, func(tx graph.ReadTx) error {
			return tx.Scan(ctx, ns, nil, func(k, v []byte) (bool, error) {
				out = append(out, fmt.Sprintf("%q=%q", k, v))
				return true, nil
			})
		})
		return out, err
	}
	db, err := dump(b)
	if err != nil {
		return err
	}
	dm, err := dump(m)
	if err != nil {
		return err
	}
	if !slices.Equal(db, dm) {
		return fmt.Errorf("final states differ:\nbadger:   %q\nmemstore: %q", db, dm)
	}
	return nil
}

var errAbort = errors.New("abort")

// Opcodes of differential (modulo 8). fAbort is not an operation: a batch
// that contains it is aborted.
const (
	fPut byte = iota
	fDel
	fGet
	fScan
	fScanAfter
	fAbort = 255
)

// fop is one operation of a fuzz seed.
type fop struct {
	op    byte
	k, k2 string
}

// appendBatch encodes one Update's operations (at most 8) for differential.
func appendBatch(b []byte, ops []fop) []byte {
	var steps []fop
	abort := byte(0)
	for _, o := range ops {
		if o.op == fAbort {
			abort = 1
			continue
		}
		steps = append(steps, o)
	}
	b = append(b, byte(len(steps)-1))
	for _, o := range steps {
		b = append(b, o.op, byte(len(o.k)))
		b = append(b, o.k...)
		b = append(b, byte(len(o.k2)))
		b = append(b, o.k2...)
	}
	return append(b, abort)
}
