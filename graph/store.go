package graph

import (
	"context"
	"errors"
)

// Store is an ordered, transactional key-value store: the only thing the graph
// needs from a storage engine. Keys are compared bytewise.
//
// Implementations: graph/badgerstore (Badger, on disk) and graph/memstore (in
// memory, for tests). Both pass graph/graphtest.TestStore.
type Store interface {
	// Update runs fn in a read-write transaction. If fn returns nil, every write
	// fn made is committed atomically and, once Update returns nil, survives a
	// crash of the process; otherwise none is. Update may run fn more than once
	// when a concurrent transaction conflicts, so fn must not have side effects
	// outside tx. A transaction too large for the engine fails with ErrTooBig,
	// having written nothing.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// View runs fn in a read-only transaction that sees one consistent
	// snapshot: the state after some set of committed Updates, never part of one.
	View(ctx context.Context, fn func(tx ReadTx) error) error
	// Close releases the store. Transactions after Close fail with ErrClosed.
	Close() error
}

// ReadTx reads one snapshot.
type ReadTx interface {
	// Get returns a copy of the value stored under key, or ErrNotFound.
	Get(key []byte) ([]byte, error)
	// Scan calls fn for each key with the given prefix, in ascending key order,
	// starting at the first key strictly greater than after (when after is not
	// nil). It stops when fn returns false or an error. k and v are valid only
	// during the call. It returns the context's error if ctx is done.
	Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error
}

// Tx is a read-write transaction. Reads see the transaction's own writes.
type Tx interface {
	ReadTx
	Put(key, value []byte) error
	Delete(key []byte) error
}

// Sentinel errors, checked with errors.Is.
var (
	ErrNotFound = errors.New("graph: not found")
	ErrTooBig   = errors.New("graph: transaction too big")
	ErrClosed   = errors.New("graph: store closed")
	ErrConflict = errors.New("graph: transaction conflict")
)
