package graphtest

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"diplograph/graph"
)

// TestStore runs the conformance suite against stores made by open, which must
// return a new, empty store on each call. The suite closes every store it
// opens.
func TestStore(t *testing.T, open func(t *testing.T) graph.Store) {
	fresh := func(t *testing.T) graph.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	}
	tests := []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"NotFound", testNotFound},
		{"Delete", testDelete},
		{"ReadOwnWrites", testReadOwnWrites},
		{"ScanOrder", testScanOrder},
		{"ScanAfter", testScanAfter},
		{"ScanPaging", testScanPaging},
		{"ScanStop", testScanStop},
		{"ScanContext", testScanContext},
		{"ScanOwnWrites", testScanOwnWrites},
		{"ScanWhileWriting", testScanWhileWriting},
		{"NestedScan", testNestedScan},
		{"BinaryKeys", testBinaryKeys},
		{"InvalidKey", testInvalidKey},
		{"ValueCopies", testValueCopies},
		{"LargeValue", testLargeValue},
		{"ManyKeys", testManyKeys},
		{"Atomicity", testAtomicity},
		{"FailedWriteAborts", testFailedWriteAborts},
		{"Panic", testPanic},
		{"CanceledUpdate", testCanceledUpdate},
		{"TxAfterEnd", testTxAfterEnd},
		{"SnapshotIsolation", testSnapshotIsolation},
		{"Bank", testBank},
		{"NoLostUpdates", testNoLostUpdates},
		{"TooBig", testTooBig},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, fresh(t)) })
	}
	// Close is run on its own store: the suite's cleanup would close it twice.
	t.Run("Close", func(t *testing.T) { testClose(t, open(t)) })
}

// ---- helpers ----

// put commits key=value pairs given as alternating strings.
func put(t *testing.T, s graph.Store, kv ...string) {
	t.Helper()
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := 0; i+1 < len(kv); i += 2 {
			if err := tx.Put([]byte(kv[i]), []byte(kv[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// get reads one key in a View; ok reports whether it exists.
func get(t *testing.T, s graph.Store, key string) (val string, ok bool) {
	t.Helper()
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		v, err := tx.Get([]byte(key))
		if errors.Is(err, graph.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		val, ok = string(v), true
		return nil
	})
	if err != nil {
		t.Fatalf("View: Get(%q): %v", key, err)
	}
	return val, ok
}

// kv is one scanned pair.
type kv struct{ k, v string }

// scanAll collects a Scan of one ReadTx.
func scanAll(ctx context.Context, tx graph.ReadTx, prefix, after []byte) ([]kv, error) {
	var out []kv
	err := tx.Scan(ctx, prefix, after, func(k, v []byte) (bool, error) {
		out = append(out, kv{string(k), string(v)})
		return true, nil
	})
	return out, err
}

// scan collects a Scan in a View.
func scan(t *testing.T, s graph.Store, prefix, after []byte) []kv {
	t.Helper()
	var out []kv
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		var err error
		out, err = scanAll(t.Context(), tx, prefix, after)
		return err
	})
	if err != nil {
		t.Fatalf("View: Scan(%q, %q): %v", prefix, after, err)
	}
	return out
}

func keys(kvs []kv) []string {
	out := make([]string, len(kvs))
	for i, p := range kvs {
		out[i] = p.k
	}
	return out
}

func checkKeys(t *testing.T, what string, got []kv, want []string) {
	t.Helper()
	if g := keys(got); !slices.Equal(g, want) {
		t.Errorf("%s: got keys %q, want %q", what, g, want)
	}
}

// ---- tests ----

func testRoundTrip(t *testing.T, s graph.Store) {
	put(t, s, "a", "1", "b", "", "c/d", "three")
	for _, c := range []struct{ k, v string }{{"a", "1"}, {"b", ""}, {"c/d", "three"}} {
		if v, ok := get(t, s, c.k); !ok || v != c.v {
			t.Errorf("Get(%q) = %q, %v; want %q", c.k, v, ok, c.v)
		}
	}
	put(t, s, "a", "one")
	if v, _ := get(t, s, "a"); v != "one" {
		t.Errorf("after overwrite Get(a) = %q, want one", v)
	}
	checkKeys(t, "Scan all", scan(t, s, nil, nil), []string{"a", "b", "c/d"})
}

func testNotFound(t *testing.T, s graph.Store) {
	put(t, s, "present", "x")
	for _, k := range []string{"absent", "presen", "present\x00", "p"} {
		err := s.View(t.Context(), func(tx graph.ReadTx) error {
			v, err := tx.Get([]byte(k))
			if !errors.Is(err, graph.ErrNotFound) {
				return fmt.Errorf("Get(%q) = %q, %v; want ErrNotFound", k, v, err)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
		err = s.Update(t.Context(), func(tx graph.Tx) error {
			if _, err := tx.Get([]byte(k)); !errors.Is(err, graph.ErrNotFound) {
				return fmt.Errorf("in Update: Get(%q): %v; want ErrNotFound", k, err)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
}

func testDelete(t *testing.T, s graph.Store) {
	put(t, s, "k1", "1", "k2", "2", "k3", "3")
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		if err := tx.Delete([]byte("k2")); err != nil {
			return err
		}
		// Deleting a key that does not exist is not an error.
		return tx.Delete([]byte("k9"))
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if _, ok := get(t, s, "k2"); ok {
		t.Error("k2 still there after Delete")
	}
	checkKeys(t, "Scan after Delete", scan(t, s, []byte("k"), nil), []string{"k1", "k3"})
	// Delete then Put, and Put then Delete, in one transaction.
	err = s.Update(t.Context(), func(tx graph.Tx) error {
		return errors.Join(
			tx.Delete([]byte("k1")), tx.Put([]byte("k1"), []byte("again")),
			tx.Put([]byte("k4"), []byte("4")), tx.Delete([]byte("k4")))
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if v, ok := get(t, s, "k1"); !ok || v != "again" {
		t.Errorf("k1 = %q, %v; want again", v, ok)
	}
	if _, ok := get(t, s, "k4"); ok {
		t.Error("k4 present after Put then Delete")
	}
}

func testReadOwnWrites(t *testing.T, s graph.Store) {
	put(t, s, "old", "o", "gone", "g")
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		if err := errors.Join(tx.Put([]byte("new"), []byte("n")), tx.Put([]byte("old"), []byte("o2")),
			tx.Delete([]byte("gone"))); err != nil {
			return err
		}
		for _, c := range []struct{ k, v string }{{"new", "n"}, {"old", "o2"}} {
			v, err := tx.Get([]byte(c.k))
			if err != nil || string(v) != c.v {
				return fmt.Errorf("Get(%q) = %q, %v; want %q", c.k, v, err, c.v)
			}
		}
		if _, err := tx.Get([]byte("gone")); !errors.Is(err, graph.ErrNotFound) {
			return fmt.Errorf("Get(gone) after Delete: %v; want ErrNotFound", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testScanOrder(t *testing.T, s graph.Store) {
	r := rand.New(rand.NewPCG(1, 2))
	var want []string
	for i := range 200 {
		want = append(want, fmt.Sprintf("p/%05d", i*7))
	}
	shuffled := slices.Clone(want)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var args []string
	for _, k := range shuffled {
		args = append(args, k, "v"+k)
	}
	// Keys just outside the prefix on both sides.
	args = append(args, "p", "x", "p.", "x", "p0", "x", "o/1", "x", "q/1", "x")
	put(t, s, args...)

	got := scan(t, s, []byte("p/"), nil)
	checkKeys(t, "Scan p/", got, want)
	for _, p := range got {
		if p.v != "v"+p.k {
			t.Fatalf("Scan: %q has value %q", p.k, p.v)
		}
	}
	var sub []string
	for _, k := range want {
		if len(k) >= 6 && k[:6] == "p/0001" {
			sub = append(sub, k)
		}
	}
	checkKeys(t, "Scan p/0001", scan(t, s, []byte("p/0001"), nil), sub)
	checkKeys(t, "Scan nothing", scan(t, s, []byte("p/9"), nil), nil)
	all := scan(t, s, nil, nil)
	if len(all) != len(want)+5 || !slices.IsSortedFunc(all, func(a, b kv) int { return bytes.Compare([]byte(a.k), []byte(b.k)) }) {
		t.Errorf("Scan(nil): %d keys, sorted %v; want %d sorted", len(all),
			slices.IsSortedFunc(all, func(a, b kv) int { return bytes.Compare([]byte(a.k), []byte(b.k)) }), len(want)+5)
	}
}

func testScanAfter(t *testing.T, s graph.Store) {
	put(t, s, "a", "", "b/1", "", "b/2", "", "b/3", "", "b/30", "", "c", "")
	for _, c := range []struct {
		prefix, after string
		nilAfter      bool
		want          []string
	}{
		{"b/", "", true, []string{"b/1", "b/2", "b/3", "b/30"}},
		{"b/", "", false, []string{"b/1", "b/2", "b/3", "b/30"}}, // empty after: every key is greater
		{"b/", "b/1", false, []string{"b/2", "b/3", "b/30"}},
		{"b/", "b/2", false, []string{"b/3", "b/30"}},
		{"b/", "b/3", false, []string{"b/30"}},         // strictly greater: b/3 itself excluded
		{"b/", "b/25", false, []string{"b/3", "b/30"}}, // after need not exist
		{"b/", "b/30", false, nil},
		{"b/", "a", false, []string{"b/1", "b/2", "b/3", "b/30"}}, // after before the prefix
		{"b/", "b", false, []string{"b/1", "b/2", "b/3", "b/30"}},
		{"b/", "b0", false, nil}, // after beyond the prefix
		{"b/", "z", false, nil},
		{"", "b/3", false, []string{"b/30", "c"}},
		{"", "c", false, nil},
	} {
		var after []byte
		if !c.nilAfter {
			after = []byte(c.after)
		}
		checkKeys(t, fmt.Sprintf("Scan(%q, after %q)", c.prefix, c.after), scan(t, s, []byte(c.prefix), after), c.want)
	}
}

func testScanPaging(t *testing.T, s graph.Store) {
	const n = 1000
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := range n {
			if err := tx.Put(fmt.Appendf(nil, "page/%04d", i), fmt.Appendf(nil, "%d", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Page through with a cursor, 37 keys per page and a View per page, as the
	// API does with Relay cursors.
	var seen []string
	var after []byte
	for pages := 0; ; pages++ {
		if pages > n {
			t.Fatal("paging does not end")
		}
		var page []string
		err := s.View(t.Context(), func(tx graph.ReadTx) error {
			return tx.Scan(t.Context(), []byte("page/"), after, func(k, v []byte) (bool, error) {
				page = append(page, string(k))
				return len(page) < 37, nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		seen = append(seen, page...)
		after = []byte(page[len(page)-1])
	}
	if len(seen) != n {
		t.Fatalf("paged %d keys, want %d", len(seen), n)
	}
	for i, k := range seen {
		if want := fmt.Sprintf("page/%04d", i); k != want {
			t.Fatalf("page key %d = %q, want %q", i, k, want)
		}
	}
}

func testScanStop(t *testing.T, s graph.Store) {
	put(t, s, "s/1", "", "s/2", "", "s/3", "", "s/4", "", "s/5", "")
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		calls := 0
		if err := tx.Scan(t.Context(), []byte("s/"), nil, func(k, v []byte) (bool, error) {
			calls++
			return calls < 3, nil
		}); err != nil {
			return fmt.Errorf("Scan stopped by false: %v", err)
		}
		if calls != 3 {
			return fmt.Errorf("fn returning false on call 3: %d calls", calls)
		}
		calls = 0
		boom := errors.New("boom")
		err := tx.Scan(t.Context(), []byte("s/"), nil, func(k, v []byte) (bool, error) {
			calls++
			if calls == 2 {
				return true, boom
			}
			return true, nil
		})
		if !errors.Is(err, boom) || calls != 2 {
			return fmt.Errorf("fn error on call 2: Scan returned %v after %d calls; want boom after 2", err, calls)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testScanContext(t *testing.T, s graph.Store) {
	put(t, s, "c/1", "", "c/2", "", "c/3", "", "c/4", "")
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		ctx, cancel := context.WithCancel(t.Context())
		calls := 0
		err := tx.Scan(ctx, []byte("c/"), nil, func(k, v []byte) (bool, error) {
			calls++
			if calls == 2 {
				cancel()
			}
			return true, nil
		})
		if !errors.Is(err, context.Canceled) || calls != 2 {
			return fmt.Errorf("cancel during Scan: returned %v after %d calls; want context.Canceled after 2", err, calls)
		}
		calls = 0
		err = tx.Scan(ctx, []byte("c/"), nil, func(k, v []byte) (bool, error) { calls++; return true, nil })
		if !errors.Is(err, context.Canceled) || calls != 0 {
			return fmt.Errorf("Scan with a canceled ctx: returned %v after %d calls; want context.Canceled, no call", err, calls)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testScanOwnWrites(t *testing.T, s graph.Store) {
	put(t, s, "w/1", "old", "w/3", "old", "w/5", "old", "w/7", "old")
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		if err := errors.Join(
			tx.Put([]byte("w/0"), []byte("new")), tx.Put([]byte("w/3"), []byte("new")),
			tx.Delete([]byte("w/5")), tx.Put([]byte("w/6"), []byte("new")),
			tx.Put([]byte("w/9"), []byte("new")), tx.Put([]byte("x/1"), []byte("new"))); err != nil {
			return err
		}
		got, err := scanAll(t.Context(), tx, []byte("w/"), nil)
		if err != nil {
			return err
		}
		want := []kv{{"w/0", "new"}, {"w/1", "old"}, {"w/3", "new"}, {"w/6", "new"}, {"w/7", "old"}, {"w/9", "new"}}
		if !slices.Equal(got, want) {
			return fmt.Errorf("Scan in Update = %q, want %q", got, want)
		}
		got, err = scanAll(t.Context(), tx, []byte("w/"), []byte("w/3"))
		if err != nil {
			return err
		}
		if !slices.Equal(got, want[3:]) {
			return fmt.Errorf("Scan in Update after w/3 = %q, want %q", got, want[3:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testScanWhileWriting writes and deletes from inside a Scan callback, as an
// index rebuild does. Whether the running Scan sees those writes is not
// specified; it must visit each existing key once, in order, and the writes
// must commit.
func testScanWhileWriting(t *testing.T, s graph.Store) {
	put(t, s, "r/1", "a", "r/2", "b", "r/3", "c", "r/4", "d")
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		var seen []string
		err := tx.Scan(t.Context(), []byte("r/"), nil, func(k, v []byte) (bool, error) {
			key := string(k)
			seen = append(seen, key)
			if err := tx.Delete(k); err != nil {
				return false, err
			}
			return true, tx.Put([]byte("moved/"+key), v)
		})
		if err != nil {
			return err
		}
		if want := []string{"r/1", "r/2", "r/3", "r/4"}; !slices.Equal(seen, want) {
			return fmt.Errorf("Scan while writing visited %q, want %q", seen, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkKeys(t, "r/ after move", scan(t, s, []byte("r/"), nil), nil)
	got := scan(t, s, []byte("moved/"), nil)
	want := []kv{{"moved/r/1", "a"}, {"moved/r/2", "b"}, {"moved/r/3", "c"}, {"moved/r/4", "d"}}
	if !slices.Equal(got, want) {
		t.Errorf("moved = %q, want %q", got, want)
	}
}

// testNestedScan runs a Scan and a Get inside another Scan's callback, as an
// index join does, in a View and in an Update.
func testNestedScan(t *testing.T, s graph.Store) {
	put(t, s, "idx/a", "n/1", "idx/b", "n/2", "n/1/x", "1", "n/1/y", "2", "n/2/x", "3")
	want := []string{"idx/a>n/1/x=1", "idx/a>n/1/y=2", "idx/b>n/2/x=3"}
	join := func(tx graph.ReadTx) ([]string, error) {
		var out []string
		err := tx.Scan(t.Context(), []byte("idx/"), nil, func(k, v []byte) (bool, error) {
			outer := string(k)
			if _, err := tx.Get(v); !errors.Is(err, graph.ErrNotFound) {
				return false, fmt.Errorf("Get(%q) inside Scan: %v", v, err)
			}
			err := tx.Scan(t.Context(), append(slices.Clone(v), '/'), nil, func(k2, v2 []byte) (bool, error) {
				out = append(out, outer+">"+string(k2)+"="+string(v2))
				return true, nil
			})
			return err == nil, err
		})
		return out, err
	}
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		got, err := join(tx)
		if err == nil && !slices.Equal(got, want) {
			err = fmt.Errorf("nested Scan in View = %q, want %q", got, want)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
	err = s.Update(t.Context(), func(tx graph.Tx) error {
		got, err := join(tx)
		if err == nil && !slices.Equal(got, want) {
			err = fmt.Errorf("nested Scan in Update = %q, want %q", got, want)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

func testBinaryKeys(t *testing.T, s graph.Store) {
	ks := []string{
		"\x00", "\x00\x00", "\x00\x01", "\x01", "a", "a\x00", "a\x00\x00", "a\x00\xff",
		"a\x01", "a\xff", "a\xff\xff", "b", "\x7f", "\x80", "\xff", "\xff\x00", "\xff\xff", "\xff\xff\xff",
	}
	var args []string
	for i, k := range ks {
		args = append(args, k, fmt.Sprint(i))
	}
	put(t, s, args...)
	sorted := slices.Clone(ks)
	slices.Sort(sorted) // Go compares strings bytewise, as the Store does.
	checkKeys(t, "Scan all binary", scan(t, s, nil, nil), sorted)
	for i, k := range ks {
		if v, ok := get(t, s, k); !ok || v != fmt.Sprint(i) {
			t.Errorf("Get(%q) = %q, %v; want %d", k, v, ok, i)
		}
	}
	for _, c := range []struct {
		prefix, after string
		want          []string
	}{
		{"a\x00", "", []string{"a\x00", "a\x00\x00", "a\x00\xff"}},
		{"a\x00", "a\x00", []string{"a\x00\x00", "a\x00\xff"}},
		{"a\x00", "a\x00\x00", []string{"a\x00\xff"}},
		{"a", "a\x00\xff", []string{"a\x01", "a\xff", "a\xff\xff"}},
		{"\xff", "", []string{"\xff", "\xff\x00", "\xff\xff", "\xff\xff\xff"}},
		{"\xff", "\xff\xff", []string{"\xff\xff\xff"}},
		{"\xff\xff", "\xff\xff\xff", nil},
		{"\x00", "", []string{"\x00", "\x00\x00", "\x00\x01"}},
	} {
		checkKeys(t, fmt.Sprintf("Scan(%q, after %q)", c.prefix, c.after),
			scan(t, s, []byte(c.prefix), []byte(c.after)), c.want)
	}
}

func testInvalidKey(t *testing.T, s graph.Store) {
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		if err := tx.Put(nil, []byte("v")); err == nil {
			return errors.New("Put with an empty key succeeded")
		}
		if err := tx.Put(make([]byte, 70000), []byte("v")); err == nil {
			return errors.New("Put with a 70000-byte key succeeded")
		}
		return errors.New("abort")
	})
	if err == nil || err.Error() != "abort" {
		t.Fatal(err)
	}
	checkKeys(t, "after invalid keys", scan(t, s, nil, nil), nil)
}

func testValueCopies(t *testing.T, s graph.Store) {
	buf := []byte("original")
	key := []byte("key")
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		if err := tx.Put(key, buf); err != nil {
			return err
		}
		// The store must have copied both: the caller reuses its buffers.
		copy(buf, "CLOBBERD")
		key[0] = 'X'
		v, err := tx.Get([]byte("key"))
		if err != nil || string(v) != "original" {
			return fmt.Errorf("Get after caller reused its buffers = %q, %v; want original", v, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, "other", "different")
	var kept, keptScan []byte
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		var err error
		if kept, err = tx.Get([]byte("key")); err != nil {
			return err
		}
		// A second Get must not reuse the first one's memory.
		if other, err := tx.Get([]byte("other")); err != nil || string(other) != "different" {
			return fmt.Errorf("Get(other) = %q, %v", other, err)
		}
		if string(kept) != "original" {
			return fmt.Errorf("value of the first Get changed to %q by a second Get", kept)
		}
		return tx.Scan(t.Context(), []byte("key"), nil, func(k, v []byte) (bool, error) {
			keptScan = bytes.Clone(v) // Scan values are valid only during the call
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// Overwrite and write a lot more, so that an engine reusing memory would
	// show it in kept.
	put(t, s, "key", "replaced")
	for i := range 20 {
		put(t, s, fmt.Sprintf("filler/%d", i), string(bytes.Repeat([]byte{'f'}, 1000)))
	}
	if _, ok := get(t, s, "other"); !ok {
		t.Error("other missing")
	}
	if string(kept) != "original" || string(keptScan) != "original" {
		t.Errorf("values kept after the View = %q, %q; want original", kept, keptScan)
	}
	// Writing into a value returned by Get must not change the store.
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		v, err := tx.Get([]byte("key"))
		if err != nil {
			return err
		}
		copy(v, "XXXXXXXX")
		v2, err := tx.Get([]byte("key"))
		if err != nil || string(v2) != "replaced" {
			return fmt.Errorf("Get after writing into an earlier Get's value = %q, %v", v2, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testLargeValue(t *testing.T, s graph.Store) {
	// 512 KiB: below Badger's 1 MiB in-memory value limit, above its default
	// value threshold, so on disk it goes to the value log.
	big := make([]byte, 512<<10)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	err := s.Update(t.Context(), func(tx graph.Tx) error { return tx.Put([]byte("big"), big) })
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		v, err := tx.Get([]byte("big"))
		if err != nil {
			return err
		}
		if !bytes.Equal(v, big) {
			return errors.New("large value changed by a round trip")
		}
		return tx.Scan(t.Context(), []byte("big"), nil, func(k, v []byte) (bool, error) {
			if !bytes.Equal(v, big) {
				return false, errors.New("large value changed in Scan")
			}
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testManyKeys(t *testing.T, s graph.Store) {
	const n, batches = 20000, 20
	r := rand.New(rand.NewPCG(5, 6))
	perm := r.Perm(n)
	for b := range batches {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for _, i := range perm[b*n/batches : (b+1)*n/batches] {
				if err := tx.Put(fmt.Appendf(nil, "m/%08d", i), binary.BigEndian.AppendUint64(nil, uint64(i))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("batch %d: %v", b, err)
		}
	}
	// Delete every third key.
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := 0; i < n; i += 3 {
			if err := tx.Delete(fmt.Appendf(nil, "m/%08d", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		next := 1
		err := tx.Scan(t.Context(), []byte("m/"), nil, func(k, v []byte) (bool, error) {
			if want := fmt.Sprintf("m/%08d", next); string(k) != want || binary.BigEndian.Uint64(v) != uint64(next) {
				return false, fmt.Errorf("Scan: got %q=%x, want %q", k, v, want)
			}
			if next++; next%3 == 0 {
				next++
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		if next < n {
			return fmt.Errorf("Scan ended before key %d", next)
		}
		for range 500 {
			i := r.IntN(n)
			v, err := tx.Get(fmt.Appendf(nil, "m/%08d", i))
			switch {
			case i%3 == 0 && !errors.Is(err, graph.ErrNotFound):
				return fmt.Errorf("Get deleted key %d: %v", i, err)
			case i%3 != 0 && (err != nil || binary.BigEndian.Uint64(v) != uint64(i)):
				return fmt.Errorf("Get key %d = %x, %v", i, v, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testAtomicity(t *testing.T, s graph.Store) {
	put(t, s, "keep", "1", "drop", "1")
	fail := errors.New("fn failed")
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := range 100 {
			if err := tx.Put(fmt.Appendf(nil, "partial/%d", i), []byte("x")); err != nil {
				return err
			}
		}
		if err := errors.Join(tx.Put([]byte("keep"), []byte("2")), tx.Delete([]byte("drop"))); err != nil {
			return err
		}
		return fmt.Errorf("wrapped: %w", fail)
	})
	if !errors.Is(err, fail) {
		t.Fatalf("Update returned %v; want fn's error", err)
	}
	checkKeys(t, "after failed Update", scan(t, s, nil, nil), []string{"drop", "keep"})
	if v, _ := get(t, s, "keep"); v != "1" {
		t.Errorf("keep = %q after failed Update, want 1", v)
	}
}

// testFailedWriteAborts checks that an Update whose fn ignores a failed Put and
// returns nil commits nothing: committing the rest would write half of what fn
// meant.
func testFailedWriteAborts(t *testing.T, s graph.Store) {
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		_ = tx.Put([]byte("first"), []byte("x"))
		_ = tx.Put(nil, []byte("bad key"))
		_ = tx.Put([]byte("last"), []byte("x"))
		return nil
	})
	if err == nil {
		t.Error("Update succeeded although a Put failed")
	}
	checkKeys(t, "after ignored Put error", scan(t, s, nil, nil), nil)
}

func testPanic(t *testing.T, s graph.Store) {
	func() {
		defer func() {
			if recover() == nil {
				t.Error("panic in fn did not reach the caller")
			}
		}()
		_ = s.Update(t.Context(), func(tx graph.Tx) error {
			if err := tx.Put([]byte("p"), []byte("x")); err != nil {
				return err
			}
			panic("fn panicked")
		})
	}()
	// The store is still usable and the panicking Update wrote nothing.
	put(t, s, "q", "y")
	checkKeys(t, "after panic", scan(t, s, nil, nil), []string{"q"})
}

func testCanceledUpdate(t *testing.T, s graph.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := s.Update(ctx, func(tx graph.Tx) error { return tx.Put([]byte("k"), []byte("v")) })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Update with a canceled ctx: %v; want context.Canceled", err)
	}
	ctx, cancel = context.WithCancel(t.Context())
	err = s.Update(ctx, func(tx graph.Tx) error {
		err := tx.Put([]byte("k2"), []byte("v"))
		cancel() // canceled while fn runs, before the commit
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Update canceled during fn: %v; want context.Canceled", err)
	}
	checkKeys(t, "after canceled Updates", scan(t, s, nil, nil), nil)
	if err := s.View(ctx, func(graph.ReadTx) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("View with a canceled ctx: %v; want context.Canceled", err)
	}
}

// testTxAfterEnd uses a transaction after its Update or View returned, which
// is a bug in the caller: it must get an error, not a panic or a write.
func testTxAfterEnd(t *testing.T, s graph.Store) {
	put(t, s, "k", "v")
	var rtx graph.ReadTx
	if err := s.View(t.Context(), func(tx graph.ReadTx) error { rtx = tx; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := rtx.Get([]byte("k")); err == nil {
		t.Error("Get on an ended View succeeded")
	}
	if err := rtx.Scan(t.Context(), nil, nil, func(k, v []byte) (bool, error) { return true, nil }); err == nil {
		t.Error("Scan on an ended View succeeded")
	}
	var wtx graph.Tx
	if err := s.Update(t.Context(), func(tx graph.Tx) error { wtx = tx; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := wtx.Put([]byte("late"), []byte("v")); err == nil {
		t.Error("Put on an ended Update succeeded")
	}
	if err := wtx.Delete([]byte("k")); err == nil {
		t.Error("Delete on an ended Update succeeded")
	}
	if _, err := wtx.Get([]byte("k")); err == nil {
		t.Error("Get on an ended Update succeeded")
	}
	checkKeys(t, "after late writes", scan(t, s, nil, nil), []string{"k"})
}

func testSnapshotIsolation(t *testing.T, s graph.Store) {
	put(t, s, "iso/a", "1", "iso/b", "1")
	updated := make(chan error)
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		if _, err := tx.Get([]byte("iso/a")); err != nil {
			return err
		}
		// An Update commits while this View is open.
		go func() {
			updated <- s.Update(t.Context(), func(tx graph.Tx) error {
				return errors.Join(tx.Put([]byte("iso/a"), []byte("2")), tx.Delete([]byte("iso/b")),
					tx.Put([]byte("iso/c"), []byte("2")))
			})
		}()
		if err := <-updated; err != nil {
			return fmt.Errorf("concurrent Update: %v", err)
		}
		got, err := scanAll(t.Context(), tx, []byte("iso/"), nil)
		if err != nil {
			return err
		}
		if want := []kv{{"iso/a", "1"}, {"iso/b", "1"}}; !slices.Equal(got, want) {
			return fmt.Errorf("View saw an Update committed after it began: %q, want %q", got, want)
		}
		if v, err := tx.Get([]byte("iso/b")); err != nil || string(v) != "1" {
			return fmt.Errorf("Get(iso/b) in old View = %q, %v", v, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := scan(t, s, []byte("iso/"), nil)
	if want := []kv{{"iso/a", "2"}, {"iso/c", "2"}}; !slices.Equal(got, want) {
		t.Errorf("new View = %q, want %q", got, want)
	}
}

// account is the value of one bank account: balance and number of transfers
// it took part in.
func account(balance, moves uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, balance), moves)
}

// testBank is Badger's bank test in small: writers move money between
// accounts and log each transfer, readers check in every snapshot that the
// total is unchanged and that the log agrees with the accounts (sum of moves =
// 2 × transfers logged). A View that saw half of an Update would break one of
// them. Retries on ErrConflict are the caller's business once Update gives up.
func testBank(t *testing.T, s graph.Store) {
	const (
		accounts  = 10
		initial   = 100
		writers   = 4
		transfers = 60 // per writer
		readers   = 2
	)
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := range accounts {
			if err := tx.Put(fmt.Appendf(nil, "bank/acct/%02d", i), account(initial, 0)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check := func(tx graph.ReadTx) (logged int, err error) {
		var total, moves uint64
		n := 0
		err = tx.Scan(t.Context(), []byte("bank/acct/"), nil, func(k, v []byte) (bool, error) {
			if len(v) != 16 {
				return false, fmt.Errorf("%q: value of %d bytes", k, len(v))
			}
			total += binary.BigEndian.Uint64(v)
			moves += binary.BigEndian.Uint64(v[8:])
			n++
			return true, nil
		})
		if err != nil {
			return 0, err
		}
		err = tx.Scan(t.Context(), []byte("bank/log/"), nil, func(k, v []byte) (bool, error) {
			logged++
			return true, nil
		})
		if err != nil {
			return 0, err
		}
		if n != accounts || total != accounts*initial || moves != 2*uint64(logged) {
			return 0, fmt.Errorf("inconsistent snapshot: %d accounts, total %d (want %d), %d moves for %d logged transfers",
				n, total, accounts*initial, moves, logged)
		}
		return logged, nil
	}

	var wg sync.WaitGroup
	errs := make(chan error, writers+readers)
	done := make(chan struct{})
	var committed [writers]int
	for w := range writers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range transfers {
				from, to := r.IntN(accounts), r.IntN(accounts-1)
				if to >= from {
					to++
				}
				amount := uint64(r.IntN(30))
				for attempt := 0; ; attempt++ {
					err := s.Update(t.Context(), func(tx graph.Tx) error {
						fk, tk := fmt.Appendf(nil, "bank/acct/%02d", from), fmt.Appendf(nil, "bank/acct/%02d", to)
						fv, err := tx.Get(fk)
						if err != nil {
							return err
						}
						tv, err := tx.Get(tk)
						if err != nil {
							return err
						}
						fb, tb := binary.BigEndian.Uint64(fv), binary.BigEndian.Uint64(tv)
						amt := min(amount, fb)
						return errors.Join(
							tx.Put(fk, account(fb-amt, binary.BigEndian.Uint64(fv[8:])+1)),
							tx.Put(tk, account(tb+amt, binary.BigEndian.Uint64(tv[8:])+1)),
							tx.Put(fmt.Appendf(nil, "bank/log/%d/%04d", w, i), nil))
					})
					if err == nil {
						committed[w]++
						break
					}
					if !errors.Is(err, graph.ErrConflict) || attempt > 100 {
						errs <- fmt.Errorf("writer %d transfer %d: %v", w, i, err)
						return
					}
				}
			}
		})
	}
	var readerWG sync.WaitGroup
	for range readers {
		readerWG.Go(func() {
			for views := 0; ; views++ {
				// Readers stop when the writers are done, after at least a few
				// views so the check is not vacuous on a fast machine.
				select {
				case <-done:
					if views >= 3 {
						return
					}
				default:
				}
				if err := s.View(t.Context(), func(tx graph.ReadTx) error { _, err := check(tx); return err }); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(done)
	readerWG.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var logged int
	if err := s.View(t.Context(), func(tx graph.ReadTx) error { var err error; logged, err = check(tx); return err }); err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, c := range committed {
		sum += c
	}
	if logged != sum {
		t.Errorf("%d transfers logged, %d committed", logged, sum)
	}
}

// testNoLostUpdates increments one counter from several goroutines. Each
// Update that returns nil must count: a store that let two read-modify-write
// transactions both commit from the same read would lose increments.
func testNoLostUpdates(t *testing.T, s graph.Store) {
	const goroutines, each = 4, 40
	var mu sync.Mutex
	ok := 0
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range each {
				err := s.Update(t.Context(), func(tx graph.Tx) error {
					var n uint64
					v, err := tx.Get([]byte("counter"))
					switch {
					case err == nil:
						n = binary.BigEndian.Uint64(v)
					case !errors.Is(err, graph.ErrNotFound):
						return err
					}
					return tx.Put([]byte("counter"), binary.BigEndian.AppendUint64(nil, n+1))
				})
				switch {
				case err == nil:
					mu.Lock()
					ok++
					mu.Unlock()
				case !errors.Is(err, graph.ErrConflict):
					t.Errorf("Update: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	var n uint64
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		v, err := tx.Get([]byte("counter"))
		if err == nil {
			n = binary.BigEndian.Uint64(v)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != uint64(ok) || ok == 0 {
		t.Errorf("counter = %d after %d successful increments", n, ok)
	}
}

// testTooBig writes 64 KiB values in one transaction until the store refuses
// with ErrTooBig (Badger does at ~10 MB by default), then checks nothing was
// written. A store without a limit up to 32 MiB skips.
func testTooBig(t *testing.T, s graph.Store) {
	val := bytes.Repeat([]byte{'v'}, 64<<10)
	sawTooBig := false
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := range 512 {
			if err := tx.Put(fmt.Appendf(nil, "big/%04d", i), val); err != nil {
				sawTooBig = errors.Is(err, graph.ErrTooBig)
				return err
			}
		}
		return errors.New("no limit")
	})
	if err != nil && err.Error() == "no limit" {
		t.Skip("store took 32 MiB in one transaction without ErrTooBig")
	}
	if !sawTooBig || !errors.Is(err, graph.ErrTooBig) {
		t.Fatalf("oversized transaction: Put saw ErrTooBig %v, Update returned %v; want ErrTooBig", sawTooBig, err)
	}
	checkKeys(t, "after ErrTooBig", scan(t, s, nil, nil), nil)
	// The same writes split in smaller transactions fit.
	for b := range 8 {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := range 16 {
				if err := tx.Put(fmt.Appendf(nil, "big/%02d/%02d", b, i), val); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("1 MiB transaction: %v", err)
		}
	}
}

func testClose(t *testing.T, s graph.Store) {
	put(t, s, "k", "v")
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.View(t.Context(), func(graph.ReadTx) error { return nil }); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("View after Close: %v; want ErrClosed", err)
	}
	called := false
	err := s.Update(t.Context(), func(graph.Tx) error { called = true; return nil })
	if !errors.Is(err, graph.ErrClosed) || called {
		t.Errorf("Update after Close: %v (fn called %v); want ErrClosed, fn not called", err, called)
	}
}
