// Package badgerstore is the graph.Store diplograph runs on: Badger
// (github.com/dgraph-io/badger/v4), an embedded LSM key-value store with MVCC
// transactions and serializable snapshot isolation. Nothing outside graph/
// imports Badger; everything else sees graph.Store.
//
// Usage:
//
//	s, err := badgerstore.Open(dir, badgerstore.Options{})
//	...
//	defer s.Close()
//	g, err := graph.New(s, countries)
//
// # Durability
//
// Update returns nil only after Badger committed the transaction to its
// write-ahead log; a transaction is all or nothing, also across crashes.
//
//   - Options{} (SyncWrites false, the default): the log is memory-mapped and
//     a committed Update is in the kernel's page cache. It survives the
//     process being killed (kill -9, OOM, panic) — the crash test in this
//     package kills a writer at random points and checks that every
//     acknowledged batch is there and whole — but a kernel crash or power loss
//     may lose the most recent transactions (whole ones, never part of one).
//     Call Sync at checkpoints (end of a load) to close that window.
//   - Options{SyncWrites: true}: every Update fsyncs before returning, so an
//     acknowledged write survives power loss as well. Measured here (shared
//     2-core machine, BenchmarkStoreDisk*): an Update of one 200-byte write
//     takes ~15 µs without and ~190 µs with SyncWrites; one of 100 writes
//     ~0.28 ms and ~0.57 ms. Right for a server that accepts occasional
//     writes; a bulk load is better off with Sync at the end.
//   - Options{InMemory: true}: nothing is written to disk; for tests.
//
// Opening replays the log, so recovery after a crash is automatic. Badger
// locks the directory: one process (one Open) owns a store at a time, and a
// second gets an *InUseError telling the user to stop the other process or to
// load through the server.
//
// # Maintenance
//
// A background loop garbage-collects the value log every Options.GCInterval
// (CollectGarbage does it on demand, e.g. after a bulk re-load). Backup and
// BackupSince write full or incremental backups while the store is in use;
// Restore loads one into an empty store. Stats reports key counts and sizes.
//
// # Limits
//
// Keys are 1 to 65000 bytes and must not start with "!badger!". One
// transaction holds at most about 10 MB or ~100k writes (15% of the 64 MB
// memtable); beyond that Put returns graph.ErrTooBig and Update commits
// nothing, so the caller splits the batch. Update retries a transaction that
// conflicts with a concurrent one, then returns graph.ErrConflict.
package badgerstore
