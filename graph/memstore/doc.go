// Package memstore is an in-memory graph.Store for tests and small tools.
//
// The whole store is one immutable, sorted slice of key/value pairs (a
// snapshot). View reads the snapshot current when it starts, with no lock held,
// so a View never sees part of an Update and is never disturbed by a later one.
// Update transactions run one at a time (a mutex), buffer their writes in an
// overlay that their own reads see, and commit by merging the overlay into a new
// snapshot that is published atomically. Conflicts cannot happen, so fn runs
// exactly once per Update.
//
// Commit costs O(n) in the size of the store: fine for tests and fixtures of
// up to a few hundred thousand keys, not a production engine. Nothing survives
// Close or the process; use graph/badgerstore for that.
//
// To keep tests honest about the rules every Store shares, memstore enforces
// what Badger enforces: keys are non-empty, at most MaxKeySize bytes and do not
// start with "!badger!"; the k and v passed to a Scan callback are overwritten
// once the callback returns (so code that keeps them without copying fails here
// too); a transaction used after its Update or View returned fails. Limits on
// the size of one transaction are off unless set with MaxTxBytes/MaxTxWrites,
// which lets the graph's ErrTooBig handling be tested cheaply.
package memstore
