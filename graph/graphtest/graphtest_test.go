package graphtest_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"testing"

	"diplograph/graph"
	"diplograph/graph/graphtest"
	"diplograph/graph/memstore"
)

// The suite is tested on memstore (it must pass) and on broken stores (each
// must fail the subtest that guards against its bug). A failing suite cannot
// run inside a passing test, so each broken store runs in a child process:
// this test binary with envMutant set.

const envMutant = "GRAPHTEST_MUTANT"

func TestSuiteOnMemstore(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) graph.Store { return memstore.New() })
}

// mutants maps a broken store to the subtests that must catch it.
var mutants = map[string]struct {
	wrap     func(graph.Store) graph.Store
	failures []string
}{
	"CommitOnError": {func(s graph.Store) graph.Store { return commitOnError{s} },
		[]string{"TestStore/Atomicity"}},
	"InclusiveAfter": {func(s graph.Store) graph.Store { return &readWrap{Store: s, inclusiveAfter: true} },
		[]string{"TestStore/ScanAfter", "TestStore/ScanPaging"}},
	"IgnoreContext": {func(s graph.Store) graph.Store { return &readWrap{Store: s, ignoreCtx: true} },
		[]string{"TestStore/ScanContext"}},
	"SharedGetBuffer": {func(s graph.Store) graph.Store {
		return &readWrap{Store: s, sharedGet: true, buf: make([]byte, 0, 1<<20)}
	},
		[]string{"TestStore/ValueCopies"}},
	"LiveView": {func(s graph.Store) graph.Store { return &liveView{Store: s} },
		[]string{"TestStore/SnapshotIsolation"}},
}

// TestStore runs the suite on the mutant named by envMutant, in a child.
func TestStore(t *testing.T) {
	m, ok := mutants[os.Getenv(envMutant)]
	if !ok {
		t.Skip("only run as TestSuiteCatchesBugs's child")
	}
	graphtest.TestStore(t, func(t *testing.T) graph.Store { return m.wrap(memstore.New()) })
}

func TestSuiteCatchesBugs(t *testing.T) {
	if os.Getenv(envMutant) != "" {
		t.Skip("child")
	}
	for name, m := range mutants {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestStore$", "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), envMutant+"="+name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a store with bug %s:\n%s", name, out)
			}
			for _, f := range m.failures {
				if !bytes.Contains(out, []byte("--- FAIL: "+f+" ")) {
					t.Errorf("bug %s not caught by %s:\n%s", name, f, out)
				}
			}
		})
	}
}

// commitOnError commits fn's writes even when fn fails.
type commitOnError struct{ graph.Store }

func (s commitOnError) Update(ctx context.Context, fn func(graph.Tx) error) error {
	var fnErr error
	err := s.Store.Update(ctx, func(tx graph.Tx) error { fnErr = fn(tx); return nil })
	if err != nil {
		return err
	}
	return fnErr
}

// readWrap breaks reads in one of several ways.
type readWrap struct {
	graph.Store
	inclusiveAfter, ignoreCtx, sharedGet bool
	buf                                  []byte
}

func (s *readWrap) View(ctx context.Context, fn func(graph.ReadTx) error) error {
	return s.Store.View(ctx, func(tx graph.ReadTx) error { return fn(&readTx{tx, s}) })
}

func (s *readWrap) Update(ctx context.Context, fn func(graph.Tx) error) error {
	return s.Store.Update(ctx, func(tx graph.Tx) error { return fn(&writeTx{tx, readTx{tx, s}}) })
}

type readTx struct {
	graph.ReadTx
	s *readWrap
}

func (t *readTx) Get(key []byte) ([]byte, error) {
	v, err := t.ReadTx.Get(key)
	if t.s.sharedGet && err == nil {
		t.s.buf = append(t.s.buf[:0], v...)
		return t.s.buf, nil
	}
	return v, err
}

func (t *readTx) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	if t.s.ignoreCtx {
		ctx = context.Background()
	}
	if t.s.inclusiveAfter && after != nil {
		return t.ReadTx.Scan(ctx, prefix, nil, func(k, v []byte) (bool, error) {
			if bytes.Compare(k, after) < 0 {
				return true, nil
			}
			return fn(k, v)
		})
	}
	return t.ReadTx.Scan(ctx, prefix, after, fn)
}

type writeTx struct {
	graph.Tx
	readTx
}

func (t *writeTx) Get(key []byte) ([]byte, error) { return t.readTx.Get(key) }
func (t *writeTx) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	return t.readTx.Scan(ctx, prefix, after, fn)
}

// liveView reads every Get and Scan of a View from a fresh snapshot, so a View
// sees Updates committed after it began.
type liveView struct{ graph.Store }

func (s *liveView) View(ctx context.Context, fn func(graph.ReadTx) error) error {
	return fn(liveTx{s.Store})
}

type liveTx struct{ s graph.Store }

func (t liveTx) Get(key []byte) (v []byte, err error) {
	verr := t.s.View(context.Background(), func(tx graph.ReadTx) error { v, err = tx.Get(key); return nil })
	if verr != nil {
		return nil, verr
	}
	return v, err
}

func (t liveTx) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	return t.s.View(ctx, func(tx graph.ReadTx) error { return tx.Scan(ctx, prefix, after, fn) })
}
