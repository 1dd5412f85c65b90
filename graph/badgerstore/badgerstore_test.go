package badgerstore_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/graph/graphtest"
)

func openT(tb testing.TB, dir string, o badgerstore.Options) *badgerstore.Store {
	tb.Helper()
	s, err := badgerstore.Open(dir, o)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestStoreDisk(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) graph.Store { return openT(t, t.TempDir(), badgerstore.Options{}) })
}

func TestStoreInMemory(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) graph.Store {
		return openT(t, "", badgerstore.Options{InMemory: true})
	})
}

func BenchmarkStoreDisk(b *testing.B) {
	graphtest.BenchmarkStore(b, func(b *testing.B) graph.Store { return openT(b, b.TempDir(), badgerstore.Options{}) })
}

func BenchmarkStoreDiskSyncWrites(b *testing.B) {
	graphtest.BenchmarkStore(b, func(b *testing.B) graph.Store {
		return openT(b, b.TempDir(), badgerstore.Options{SyncWrites: true})
	})
}

func BenchmarkStoreInMemory(b *testing.B) {
	graphtest.BenchmarkStore(b, func(b *testing.B) graph.Store { return openT(b, "", badgerstore.Options{InMemory: true}) })
}

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
		t.Fatal(err)
	}
}

// dump returns every key=value of s, in order.
func dump(t *testing.T, s graph.Store) []string {
	t.Helper()
	var out []string
	err := s.View(t.Context(), func(tx graph.ReadTx) error {
		return tx.Scan(t.Context(), nil, nil, func(k, v []byte) (bool, error) {
			out = append(out, string(k)+"="+string(v))
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir, badgerstore.Options{})
	put(t, s, "a", "1", "b", "2", "c", "3")
	err := s.Update(t.Context(), func(tx graph.Tx) error { return tx.Delete([]byte("b")) })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openT(t, dir, badgerstore.Options{})
	defer s.Close()
	if got, want := strings.Join(dump(t, s), " "), "a=1 c=3"; got != want {
		t.Errorf("after reopen: %s, want %s", got, want)
	}
}

func TestInUse(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir, badgerstore.Options{})
	defer s.Close()
	// Badger's flock is per open file, so a second Open in the same process
	// is refused like one from another process (the crash test checks that).
	_, err := badgerstore.Open(dir, badgerstore.Options{})
	if !errors.Is(err, badgerstore.ErrInUse) {
		t.Fatalf("second Open: %v; want ErrInUse", err)
	}
	if want := "store " + dir + " is already open in this process"; err.Error() != want {
		t.Errorf("second Open: %q, want %q", err, want)
	}
	e := &badgerstore.InUseError{Dir: "/data", PID: 1}
	if want := "store /data is in use by another diplograph process, pid 1 (stop it, or load through the server with --server)"; e.Error() != want {
		t.Errorf("InUseError = %q, want %q", e, want)
	}
}

func TestOpenDir(t *testing.T) {
	if _, err := badgerstore.Open("", badgerstore.Options{}); err == nil {
		t.Error("Open(\"\") on disk succeeded")
	}
	// A directory with other files in it is not taken over.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := badgerstore.Open(dir, badgerstore.Options{}); err == nil || !strings.Contains(err.Error(), "notes.txt, which is not a store file") {
		t.Errorf("Open of a directory with other files: %v", err)
	}
	// A directory that does not exist yet is created, nested too.
	s := openT(t, filepath.Join(t.TempDir(), "a", "b"), badgerstore.Options{})
	s.Close()
}

func TestBackupRestore(t *testing.T) {
	src := openT(t, t.TempDir(), badgerstore.Options{})
	defer src.Close()
	put(t, src, "k/1", "one", "k/2", "two", "k/3", "three", "bin\x00\xff", "\x00\x01")
	// Overwritten and deleted keys must come back as they are now.
	put(t, src, "k/1", "uno")
	err := src.Update(t.Context(), func(tx graph.Tx) error { return tx.Delete([]byte("k/2")) })
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	want := dump(t, src)

	for _, o := range []badgerstore.Options{{}, {InMemory: true}} {
		dir := ""
		if !o.InMemory {
			dir = t.TempDir()
		}
		dst := openT(t, dir, o)
		if err := dst.Restore(bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatalf("Restore (in memory %v): %v", o.InMemory, err)
		}
		if got := dump(t, dst); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("restored (in memory %v) = %q, want %q", o.InMemory, got, want)
		}
		// Restoring over data is refused.
		if err := dst.Restore(bytes.NewReader(buf.Bytes())); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("Restore into a non-empty store: %v", err)
		}
		dst.Close()
	}
}

func TestIncrementalBackup(t *testing.T) {
	src := openT(t, "", badgerstore.Options{InMemory: true})
	defer src.Close()
	put(t, src, "a", "1")
	var full, incr bytes.Buffer
	next, err := src.BackupSince(&full, 0)
	if err != nil {
		t.Fatal(err)
	}
	put(t, src, "b", "2")
	if _, err := src.BackupSince(&incr, next); err != nil {
		t.Fatal(err)
	}
	dst := openT(t, "", badgerstore.Options{InMemory: true})
	defer dst.Close()
	if err := dst.Restore(&incr); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(dump(t, dst), " "); got != "b=2" {
		t.Errorf("incremental backup holds %q, want b=2", got)
	}
}

// TestConflictRetry makes fn's first attempt conflict with an Update that
// commits in between, and checks Update re-runs fn and commits its second
// attempt, and that a transaction conflicting every time ends in ErrConflict.
func TestConflictRetry(t *testing.T) {
	s := openT(t, "", badgerstore.Options{InMemory: true, MaxRetries: 3})
	defer s.Close()
	put(t, s, "n", "0")
	calls := 0
	conflicting := func(times int) func(tx graph.Tx) error {
		return func(tx graph.Tx) error {
			calls++
			v, err := tx.Get([]byte("n"))
			if err != nil {
				return err
			}
			if calls <= times {
				// Another transaction changes what this one read.
				done := make(chan error)
				go func() {
					done <- s.Update(context.Background(), func(tx graph.Tx) error {
						return tx.Put([]byte("n"), []byte("other"))
					})
				}()
				if err := <-done; err != nil {
					return err
				}
			}
			return tx.Put([]byte("n"), append(v, '+'))
		}
	}
	if err := s.Update(t.Context(), conflicting(1)); err != nil {
		t.Fatalf("Update with one conflict: %v", err)
	}
	if calls != 2 {
		t.Errorf("fn ran %d times, want 2", calls)
	}
	if got := strings.Join(dump(t, s), " "); got != "n=other+" {
		t.Errorf("after retry: %s, want n=other+", got)
	}
	calls = 0
	err := s.Update(t.Context(), conflicting(100))
	if !errors.Is(err, graph.ErrConflict) || calls != 4 {
		t.Errorf("always conflicting: %v after %d runs; want ErrConflict after 4 (MaxRetries 3)", err, calls)
	}
}

func TestTooBigMapped(t *testing.T) {
	s := openT(t, "", badgerstore.Options{InMemory: true})
	defer s.Close()
	val := make([]byte, 100<<10)
	var putErr error
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := 0; putErr == nil && i < 1000; i++ {
			putErr = tx.Put(fmt.Appendf(nil, "k%d", i), val)
		}
		return nil // ignores the error on purpose: Update must still refuse
	})
	if !errors.Is(putErr, graph.ErrTooBig) || !errors.Is(err, graph.ErrTooBig) {
		t.Fatalf("Put: %v; Update: %v; want ErrTooBig from both", putErr, err)
	}
	if got := dump(t, s); len(got) != 0 {
		t.Errorf("%d keys written by a transaction that was too big", len(got))
	}
}

func TestGarbageCollection(t *testing.T) {
	s := openT(t, t.TempDir(), badgerstore.Options{GCInterval: -1})
	defer s.Close()
	// Values of 256 bytes or more live in the value log; overwrite and delete
	// some so that there is garbage.
	big := bytes.Repeat([]byte{'x'}, 1<<20+1)
	for round := range 3 {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := range 4 {
				if err := tx.Put(fmt.Appendf(nil, "big/%d", i), big); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	err := s.Update(t.Context(), func(tx graph.Tx) error { return tx.Delete([]byte("big/0")) })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CollectGarbage(); err != nil {
		t.Errorf("CollectGarbage: %v", err)
	}
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Keys != 3 || st.ValueSize < 3*int64(len(big)) {
		t.Errorf("Stats = %+v; want 3 keys of > 1 MiB", st)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.CollectGarbage(); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("CollectGarbage after Close: %v", err)
	}
	if _, err := s.Stats(t.Context()); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("Stats after Close: %v", err)
	}
}

// TestGCLoop runs the background loop with a tiny interval while writing, and
// checks Close stops it.
func TestGCLoop(t *testing.T) {
	s := openT(t, t.TempDir(), badgerstore.Options{GCInterval: 1})
	for i := range 50 {
		put(t, s, "k", fmt.Sprint(i))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLogger checks Badger's messages reach the zerolog logger, tagged.
func TestLogger(t *testing.T) {
	var buf syncBuffer
	s := openT(t, t.TempDir(), badgerstore.Options{Logger: zerolog.New(&buf).Level(zerolog.DebugLevel)})
	put(t, s, "k", "v")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `"component":"badger"`) {
		t.Errorf("no tagged Badger log line in %q", out)
	}
	// The default logger is silent; nothing to capture, but Open must work.
	s = openT(t, t.TempDir(), badgerstore.Options{})
	s.Close()
}

// syncBuffer is a bytes.Buffer safe for Badger's logging goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestCloseWaits checks Close waits for a running View instead of pulling
// Badger from under it, and that the View's reads still work.
func TestCloseWaits(t *testing.T) {
	s := openT(t, "", badgerstore.Options{InMemory: true})
	put(t, s, "k", "v")
	inView, release := make(chan struct{}), make(chan struct{})
	viewErr, closed := make(chan error), make(chan error, 1)
	go func() {
		viewErr <- s.View(t.Context(), func(tx graph.ReadTx) error {
			close(inView)
			<-release
			_, err := tx.Get([]byte("k"))
			return err
		})
	}()
	<-inView
	go func() { closed <- s.Close() }()
	// Once new transactions are refused, Close has begun; it must then be
	// waiting for the View.
	for s.View(t.Context(), func(graph.ReadTx) error { return nil }) == nil {
		runtime.Gosched()
	}
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a View was running", err)
	default:
	}
	close(release)
	if err := <-viewErr; err != nil {
		t.Errorf("View during Close: %v", err)
	}
	if err := <-closed; err != nil {
		t.Error(err)
	}
}

// TestBackupDuringWrites takes a backup and runs value-log GC while transfers
// between accounts commit, then restores the backup: it must be one
// consistent snapshot (the total is unchanged), like every View.
func TestBackupDuringWrites(t *testing.T) {
	const accounts, initial, writers, transfers = 8, 1000, 2, 150
	s := openT(t, t.TempDir(), badgerstore.Options{GCInterval: -1})
	defer s.Close()
	acct := func(i int) []byte { return fmt.Appendf(nil, "acct/%02d", i) }
	err := s.Update(t.Context(), func(tx graph.Tx) error {
		for i := range accounts {
			if err := tx.Put(acct(i), binary.BigEndian.AppendUint64(nil, initial)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range transfers {
				if i == transfers/4 {
					once.Do(func() { close(started) })
				}
				from, to := (w+i)%accounts, (w+3*i+1)%accounts
				if from == to {
					continue
				}
				err := s.Update(t.Context(), func(tx graph.Tx) error {
					fv, err := tx.Get(acct(from))
					if err != nil {
						return err
					}
					tv, err := tx.Get(acct(to))
					if err != nil {
						return err
					}
					amt := min(binary.BigEndian.Uint64(fv), 7)
					return errors.Join(
						tx.Put(acct(from), binary.BigEndian.AppendUint64(nil, binary.BigEndian.Uint64(fv)-amt)),
						tx.Put(acct(to), binary.BigEndian.AppendUint64(nil, binary.BigEndian.Uint64(tv)+amt)))
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	<-started
	var buf bytes.Buffer
	backupErr := s.Backup(&buf)
	gcErr := s.CollectGarbage()
	wg.Wait()
	if backupErr != nil || gcErr != nil {
		t.Fatalf("Backup: %v; CollectGarbage: %v", backupErr, gcErr)
	}
	total := func(st graph.Store) (sum uint64, n int) {
		err := st.View(t.Context(), func(tx graph.ReadTx) error {
			return tx.Scan(t.Context(), []byte("acct/"), nil, func(k, v []byte) (bool, error) {
				sum += binary.BigEndian.Uint64(v)
				n++
				return true, nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return sum, n
	}
	dst := openT(t, "", badgerstore.Options{InMemory: true})
	defer dst.Close()
	if err := dst.Restore(&buf); err != nil {
		t.Fatal(err)
	}
	for name, st := range map[string]graph.Store{"source": s, "restored backup": dst} {
		if sum, n := total(st); sum != accounts*initial || n != accounts {
			t.Errorf("%s: %d accounts, total %d; want %d, %d", name, n, sum, accounts, accounts*initial)
		}
	}
}
