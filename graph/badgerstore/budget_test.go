package badgerstore_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

// TestMemoryBudgets runs the basic operations under each preset and checks
// an unknown one is refused.
func TestMemoryBudgets(t *testing.T) {
	for _, m := range []badgerstore.MemoryBudget{badgerstore.MemoryDefault, badgerstore.MemorySmall, badgerstore.MemoryLarge} {
		t.Run(m.String(), func(t *testing.T) {
			dir := t.TempDir()
			s := openT(t, dir, badgerstore.Options{Memory: m})
			put(t, s, "small", "v", "large", strings.Repeat("x", 5000))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = openT(t, dir, badgerstore.Options{Memory: m})
			defer s.Close()
			if got := dump(t, s); len(got) != 2 || got[0] != "large="+strings.Repeat("x", 5000) || got[1] != "small=v" {
				t.Errorf("after reopen: %.40q", got)
			}
		})
	}
	_, err := badgerstore.Open(t.TempDir(), badgerstore.Options{Memory: 7})
	if err == nil || !strings.Contains(err.Error(), "unknown memory budget 7") {
		t.Errorf("Open with memory budget 7: %v", err)
	}
	if got := badgerstore.MemoryBudget(7).String(); got != "MemoryBudget(7)" {
		t.Errorf("String() = %q", got)
	}
}

// TestTransactionLimit checks the limits the package doc gives for
// MemoryDefault on disk: keys and small values count in full, up to ~10 MB,
// while values of 256 bytes or more count 26 bytes, so 32 MiB of them fit.
func TestTransactionLimit(t *testing.T) {
	s := openT(t, t.TempDir(), badgerstore.Options{GCInterval: -1})
	defer s.Close()
	small := bytes.Repeat([]byte{'s'}, 250) // just under the threshold
	var n int
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for n = 0; n < 80000; n++ {
			if err := tx.Put(fmt.Appendf(nil, "small/%05d", n), small); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, graph.ErrTooBig) {
		t.Fatalf("20 MB of 250-byte values in one Update: %v, want ErrTooBig", err)
	}
	if n < 30000 || n > 40000 {
		t.Errorf("ErrTooBig after %d values of 250 bytes; the package doc says ~10 MB", n)
	}
	if got := dump(t, s); len(got) != 0 {
		t.Errorf("%d keys written by a transaction that was too big", len(got))
	}
	large := bytes.Repeat([]byte{'L'}, 64<<10)
	err = s.Update(t.Context(), func(tx graph.Tx) error {
		for i := range 512 {
			if err := tx.Put(fmt.Appendf(nil, "large/%03d", i), large); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("32 MiB of 64 KiB values in one Update: %v", err)
	}
	if got := len(dump(t, s)); got != 512 {
		t.Errorf("%d keys stored, want 512", got)
	}
}

// TestOpenBadgerDefaults opens a store written with Badger's stock options
// (Snappy-compressed tables, 64 MiB memtables, values in the tree) and
// checks everything reads back and can be overwritten.
func TestOpenBadgerDefaults(t *testing.T) {
	dir := t.TempDir()
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	err = db.Update(func(txn *badger.Txn) error {
		for i := range 2000 {
			k, v := fmt.Sprintf("k/%04d", i), strings.Repeat(strconv.Itoa(i), 1+i%700)
			want[k] = v
			if err := txn.Set([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir, badgerstore.Options{})
	defer s.Close()
	got := dump(t, s)
	if len(got) != len(want) {
		t.Fatalf("%d keys read, want %d", len(got), len(want))
	}
	for _, kv := range got {
		k, v, _ := strings.Cut(kv, "=")
		if want[k] != v {
			t.Fatalf("%s: wrong value (%d bytes, want %d)", k, len(v), len(want[k]))
		}
	}
	put(t, s, "k/0001", "new")
	if v, ok := getT(t, s, "k/0001"); !ok || v != "new" {
		t.Errorf("k/0001 = %q after overwrite", v)
	}
}

func getT(t *testing.T, s graph.Store, key string) (string, bool) {
	t.Helper()
	var v []byte
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		var err error
		v, err = tx.Get([]byte(key))
		return err
	})
	if errors.Is(err, graph.ErrNotFound) {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(v), true
}

const (
	envBulkDir = "BADGERSTORE_BULK_DIR"
	bulkKeys   = 256 // values per batch, each 900 bytes: in the tree
)

func bulkValue(n, i int) []byte {
	v := bytes.Repeat([]byte{byte('a' + (n+i)%26)}, 900)
	copy(v, fmt.Sprintf("batch %d value %d", n, i))
	return v
}

// TestHelperBulkWriter is the child of TestRecoverSmallerBudget.
func TestHelperBulkWriter(t *testing.T) {
	dir := os.Getenv(envBulkDir)
	if dir == "" {
		t.Skip("only run as TestRecoverSmallerBudget's child")
	}
	s, err := badgerstore.Open(dir, badgerstore.Options{Memory: badgerstore.MemoryLarge})
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < 1000; n++ {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := range bulkKeys {
				if err := tx.Put(fmt.Appendf(nil, "bulk/%04d/%03d", n, i), bulkValue(n, i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("batch %d: %v", n, err)
		}
		if _, err := fmt.Fprintf(os.Stdout, "ack %d\n", n); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
}

// TestRecoverSmallerBudget kills a writer using MemoryLarge once its
// write-ahead log holds ~60 MB, more than a MemorySmall memtable, and
// reopens the store with MemorySmall: Badger would panic replaying the log
// into the smaller memtable unless Open sizes it up.
func TestRecoverSmallerBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBulkWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), envBulkDir+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "ack "))
		if err != nil {
			continue
		}
		acked = n
		if n == 250 {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := cmd.Wait(); err == nil || acked < 250 {
		t.Fatalf("child ended by itself after batch %d: %v\n%s", acked, err, stderr.Bytes())
	}
	s, err := badgerstore.Open(dir, badgerstore.Options{Memory: badgerstore.MemorySmall})
	if err != nil {
		t.Fatalf("reopen with MemorySmall: %v", err)
	}
	defer s.Close()
	count := map[int]int{}
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		return tx.Scan(t.Context(), []byte("bulk/"), nil, func(k, v []byte) (bool, error) {
			var n, i int
			if _, err := fmt.Sscanf(string(k), "bulk/%04d/%03d", &n, &i); err != nil {
				return false, fmt.Errorf("unexpected key %q", k)
			}
			if !bytes.Equal(v, bulkValue(n, i)) {
				return false, fmt.Errorf("%s: wrong value", k)
			}
			count[n]++
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for n := range acked + 1 {
		if count[n] != bulkKeys {
			t.Errorf("acknowledged batch %d has %d of %d values", n, count[n], bulkKeys)
		}
	}
	for n, c := range count {
		if c != bulkKeys {
			t.Errorf("batch %d stored in part: %d of %d values", n, c, bulkKeys)
		}
	}
}
