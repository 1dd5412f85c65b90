package graphtest

import (
	"errors"
	"fmt"
	"testing"

	"diplograph/graph"
)

// testBeginner checks graph.Beginner: the pipelined transactions a bulk load
// commits in the background.
func testBeginner(t *testing.T, open func(t *testing.T) graph.Store) {
	fresh := func(t *testing.T) (graph.Store, graph.Beginner) {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s, s.(graph.Beginner)
	}
	t.Run("BeginCommit", func(t *testing.T) {
		s, b := fresh(t)
		put(t, s, "a", "1")
		p := begin(t, b)
		mustPut(t, p, "a", "2")
		mustPut(t, p, "b", "1")
		if v, err := p.Get([]byte("a")); err != nil || string(v) != "2" {
			t.Errorf("Get through the transaction = %q, %v; want its own write 2", v, err)
		}
		if v, err := p.Snapshot().Get([]byte("a")); err != nil || string(v) != "1" {
			t.Errorf("Snapshot().Get = %q, %v; want the committed 1", v, err)
		}
		if got := scanSnapshot(t, p); fmt.Sprint(got) != "[{a 1}]" {
			t.Errorf("Snapshot().Scan = %v; want only the committed a=1", got)
		}
		if err := commit(p); err != nil {
			t.Fatalf("Commit: %v", err)
		}
		checkKeys(t, "after Commit", scan(t, s, nil, nil), []string{"a", "b"})
		if v, _ := get(t, s, "a"); v != "2" {
			t.Errorf("a = %q after Commit; want 2", v)
		}
	})
	t.Run("BeginPipelined", func(t *testing.T) {
		// The next transaction is opened before the last one commits: its
		// snapshot lacks that commit, and its writes land over it.
		s, b := fresh(t)
		p1 := begin(t, b)
		mustPut(t, p1, "x", "1")
		mustPut(t, p1, "shared", "from 1")
		p2 := begin(t, b)
		if err := commit(p1); err != nil {
			t.Fatalf("Commit 1: %v", err)
		}
		if _, err := p2.Snapshot().Get([]byte("x")); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("the snapshot opened before commit 1 has x: %v", err)
		}
		mustPut(t, p2, "y", "2")
		mustPut(t, p2, "shared", "from 2")
		if err := commit(p2); err != nil {
			t.Fatalf("Commit 2 (opened before commit 1, no reads through it): %v", err)
		}
		checkKeys(t, "after both commits", scan(t, s, nil, nil), []string{"shared", "x", "y"})
		if v, _ := get(t, s, "shared"); v != "from 2" {
			t.Errorf("shared = %q; want the later commit's", v)
		}
	})
	t.Run("BeginDiscard", func(t *testing.T) {
		s, b := fresh(t)
		p := begin(t, b)
		mustPut(t, p, "a", "1")
		p.Discard()
		p.Discard() // harmless
		if _, ok := get(t, s, "a"); ok {
			t.Error("a discarded write was committed")
		}
		if err := commit(p); err == nil {
			t.Error("Commit after Discard succeeded")
		}
		if err := p.Put([]byte("b"), []byte("1")); err == nil {
			t.Error("Put after Discard succeeded")
		}
		if _, err := p.Snapshot().Get([]byte("a")); err == nil {
			t.Error("the snapshot is still readable after Discard")
		}
		put(t, s, "after", "1") // the store is still writable
	})
	t.Run("BeginFailedWrite", func(t *testing.T) {
		s, b := fresh(t)
		p := begin(t, b)
		mustPut(t, p, "a", "1")
		if err := p.Put(nil, []byte("x")); err == nil {
			t.Fatal("Put of an empty key succeeded")
		}
		if err := commit(p); err == nil {
			t.Error("Commit after a failed Put succeeded")
		}
		if _, ok := get(t, s, "a"); ok {
			t.Error("a write of a transaction with a failed Put was committed")
		}
	})
	t.Run("BeginCommitOnce", func(t *testing.T) {
		_, b := fresh(t)
		p := begin(t, b)
		mustPut(t, p, "a", "1")
		if err := commit(p); err != nil {
			t.Fatalf("Commit: %v", err)
		}
		if err := commit(p); err == nil {
			t.Error("a second Commit succeeded")
		}
	})
	t.Run("BeginClose", func(t *testing.T) {
		// A writer that opened its next transaction and stopped: Close must
		// not wait for it forever, and must not commit it.
		s := open(t)
		p := begin(t, s.(graph.Beginner))
		mustPut(t, p, "a", "1")
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if err := commit(p); !errors.Is(err, graph.ErrClosed) {
			t.Errorf("Commit after Close = %v; want ErrClosed", err)
		}
		if _, err := s.(graph.Beginner).Begin(t.Context()); !errors.Is(err, graph.ErrClosed) {
			t.Errorf("Begin after Close = %v; want ErrClosed", err)
		}
	})
}

func begin(t *testing.T, b graph.Beginner) graph.PendingTx {
	t.Helper()
	p, err := b.Begin(t.Context())
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	return p
}

func mustPut(t *testing.T, tx graph.Tx, k, v string) {
	t.Helper()
	if err := tx.Put([]byte(k), []byte(v)); err != nil {
		t.Fatalf("Put(%q): %v", k, err)
	}
}

// commit commits p and waits for its outcome, checking that done is called
// exactly once.
func commit(p graph.PendingTx) error {
	calls := make(chan error, 2)
	p.Commit(func(err error) { calls <- err })
	err := <-calls
	select {
	case again := <-calls:
		return fmt.Errorf("done called twice (%v, then %v)", err, again)
	default:
	}
	return err
}

func scanSnapshot(t *testing.T, p graph.PendingTx) []kv {
	t.Helper()
	out, err := scanAll(t.Context(), p.Snapshot(), nil, nil)
	if err != nil {
		t.Fatalf("Snapshot().Scan: %v", err)
	}
	return out
}
