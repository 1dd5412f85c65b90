// Package graphtest is the conformance suite every graph.Store passes: the
// store-independent test idea of Cayley's graph/graphtest, for diplograph's
// ordered transactional key-value Store.
//
// An implementation's test is a few lines:
//
//	func TestStore(t *testing.T) {
//		graphtest.TestStore(t, func(t *testing.T) graph.Store { return memstore.New() })
//	}
//	func BenchmarkStore(b *testing.B) {
//		graphtest.BenchmarkStore(b, func(b *testing.B) graph.Store { return memstore.New() })
//	}
//
// open must return a new, empty store each time it is called; the suite closes
// it. The suite checks what the graph relies on: round trips; ErrNotFound;
// Scan order, prefix, the after cursor (paging), early stop, errors and context
// cancellation; reads of a transaction's own writes, also while scanning;
// atomicity (an Update whose fn fails, panics or ignores a failed write writes
// nothing); snapshot isolation (a View never sees a later Update, nor part of
// one, checked with a concurrent bank-transfer invariant as in Badger's bank
// test); no lost updates under concurrent read-modify-write; value copies that
// stay valid; binary keys; ErrTooBig when the engine has a limit; ErrClosed.
//
// The suite is deterministic (fixed seeds; concurrency is checked with
// invariants, never with timing) and takes seconds.
package graphtest
