// Package memstore is an in-memory graph.Store for tests and small tools.
//
// The store is a persistent treap (a balanced search tree whose nodes are
// never modified once published): each committed Update publishes a new root
// that shares all but O(w log n) nodes with the previous one, for w writes.
// View reads the root current when it starts, with no lock held, so a View
// never sees part of an Update and is never disturbed by a later one.
// Update transactions run one at a time (a mutex) and buffer their writes in
// an overlay treap that their own reads and scans see; conflicts cannot
// happen, so fn runs exactly once per Update.
//
// Nothing survives Close or the process; use graph/badgerstore for that.
//
// To keep tests honest about the rules every Store shares, memstore enforces
// what Badger enforces: keys are non-empty, at most MaxKeySize bytes and do not
// start with "!badger!"; the k and v passed to a Scan callback are overwritten
// once the callback returns (so code that keeps them without copying fails here
// too); a transaction used after its Update or View returned fails. Limits on
// the size of one transaction are off unless set with MaxTxBytes/MaxTxWrites,
// which lets the graph's ErrTooBig handling be tested cheaply.
package memstore
