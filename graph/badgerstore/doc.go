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
// # Tuning
//
// Badger's DefaultOptions suit a large server; diplograph's workload is a
// bulk loader committing batches of ~256 articles (many small keys, JSON
// values of 100 bytes to 50 KB, read-modify-write of a few hundred hot
// records of up to ~40 KB) and a server doing point reads and short prefix
// scans. Open sets (Badger's default in brackets):
//
//   - ValueThreshold 256 bytes [1 MiB]: article records, the graph's
//     contributions (one per mention, ~600 bytes with their evidence
//     sentences, written once) and hot records go to the value log, written
//     once, and the LSM tree holds keys, index entries and 12-byte pointers.
//     Loading the graph, memtables fill about ten times more slowly, so they
//     can be small; compactions copy pointers, not articles; and a large
//     value counts 26 bytes against the transaction limit, so a batch that
//     rewrites many 40 KB records fits. With everything in the tree (and
//     Badger's other defaults), BenchmarkWorkload's load fails with ErrTooBig
//     once its hot records near 40 KB, and a 20,000-article load of the graph
//     peaked at 2.7 to 3.4 GiB of anonymous memory against 0.5 to 0.7 GiB.
//     With a 1 KiB threshold the contributions stayed in the tree: loading
//     100,000 generated articles left 512 MB of tables (117 MB at 256
//     bytes), compactions took a quarter of the CPU, and the load ran at
//     1,375 articles/s against 2,319. The cost: a read of a large value is
//     one more (memory-mapped) lookup, and an overwritten or deleted large
//     value is garbage in the value log until the GC rewrites its file
//     (below), so the store takes more disk than it holds.
//   - MemTableSize, NumMemtables, NumCompactors: set by Options.Memory; see
//     MemoryBudget. The default, 3 × 64 MiB and 2 compactors [5 × 64 MiB, 4],
//     bounds Badger's write buffers at 250 MiB of heap. With 3 × 32 MiB, the
//     default before, loads took 7 % more CPU (100k and 300k articles,
//     alternating) for 0–40 MiB less peak RSS.
//   - Compression None [Snappy], BlockCacheSize 0 [256 MiB]: the tree holds
//     small records, so compressing it saves little disk and costs CPU on
//     every flush, compaction and read; uncompressed blocks are read in
//     place from the memory-mapped tables, so a block cache would only copy
//     what the kernel's page cache already holds (Badger's advice), and 256
//     MiB of heap is saved. Tables written compressed by Badger's defaults
//     stay readable (the compression is recorded per table) and are
//     rewritten uncompressed as they are compacted.
//   - IndexCacheSize 0 [0]: table indexes and Bloom filters are read in
//     place from the memory-mapped tables, so they take no heap.
//   - BlockSize 4 KiB, BloomFalsePositive 1%, LevelSizeMultiplier 10 [the
//     same]: a point read touches one 4 KiB block per level it looks at, and
//     a 20-key scan of an index one or two.
//   - BaseTableSize 8 MiB, TableSizeMultiplier 1 [2 MiB, doubling at each
//     level]: a compaction builds each table whole in memory before copying
//     it into a mapped file, so with Badger's doubling two compactors writing
//     the last level held a quarter of a GiB twice over (the peak RSS of a
//     million-article load); tables of one size keep that to a few MiB.
//     Badger sizes a builder's buffer at twice the table and keeps up to
//     eight freed ones for reuse: at 300,000 articles, 192 MB of a 340 MB
//     live heap were these buffers (no pointers, so cheap to mark). Tables of
//     4 MiB, for half the buffers, made no difference to how often the
//     collector ran in a 300,000-article load, nor to its speed.
//   - NumLevelZeroTables 1 [5], NumLevelZeroTablesStall 15 [15]: every
//     flushed memtable is compacted into level 1 at once. Only compaction
//     finds the value-log pointers that overwrites made stale, and that is
//     what tells the GC which value-log file to rewrite: loading 60,000
//     articles, whose graph rewrites tens of MB/s of hot records, the value
//     log (and the RSS its mapped pages add) swung between 0.4 and 1.6 GiB
//     with 3 tables and between 0.4 and 0.8 GiB with 1. Such compactions are
//     cheap since the tree holds no large values, and a point read checks
//     fewer level-0 tables.
//   - ValueLogFileSize 128 MiB [1 GiB]: the GC rewrites and deletes whole
//     files, so smaller files give disk back sooner, at the cost of more
//     files (one per 128 MiB of values).
//   - DetectConflicts true [true]: Update's read-modify-write transactions
//     are serializable, which the graph relies on when two loads run at
//     once; the cost is a hash per key read, kept until the transaction
//     commits.
//   - MetricsEnabled false [true]: nothing reads Badger's expvar counters.
//
// Memory-mapped files are not heap: the kernel counts the pages of the
// tables and value-log files a process touched in its resident set (RssFile
// in /proc/PID/status) until it needs the memory back, so the resident set
// of a loader would grow with the store it writes (0.75 GiB of mapped pages
// after 100,000 articles). A background loop reads RssFile every
// Options.ReleaseInterval (50 ms) and, above 96 MiB, takes the store's
// mappings out of the process (Store.ReleaseMapped: madvise MADV_DONTNEED,
// Linux), as it does after each value-log GC round. The pages stay in the
// page cache, dirty ones included, so a later read is a minor fault, not a
// disk read, and the kernel reclaims them as it does any cached file data.
// (MADV_PAGEOUT, used before, evicted them: a million-article load, whose
// reports read back records written long before, then waited on the disk
// and ran at 1,347 articles/s instead of 2,208.) Released mappings are
// marked MADV_RANDOM, since fault-around mapped the 16 cached pages around
// each page read back (a 300,000-article load peaked at 860 MiB with it, at
// 549 without; a million-article load peaks at 641–663 MiB), except memtable
// logs, which Badger only appends to: their pages are first touched by
// writes into the file's preallocated hole, and without read-ahead each was
// a major fault taken by the commit. Badger doubles its table
// size at each level, up to 64 MiB, and a compaction builds each table in
// memory before copying it into a new mapped file; tables are all 8 MiB
// here (TableSizeMultiplier 1), so that two compactors writing the last
// level do not briefly hold half a GiB.
//
// Measured with `diplograph bench --n 20000` on the shared 2-core machine,
// the same code with Badger's defaults and with these: peak RSS during the
// load 3.3 GiB and 1.0 to 1.25 GiB (of which ~0.5 GiB mapped value log); the
// raw-write ceiling 16,000 and 26,000 articles/s; the end-to-end load 470
// and 700 to 900 articles/s, the rest of the time being extraction and the
// graph. BenchmarkWorkload (256-article batches): 16,000 and 19,000
// articles/s, peak Go heap 830 and 100 MiB, point reads 12 and 7 µs.
//
// # Maintenance
//
// A background loop garbage-collects the value log every Options.GCInterval
// and each time a value-log file's worth (128 MiB) of values has been
// written, so that a bulk load that rewrites hot records gives disk back as
// it goes; CollectGarbage does it on demand, e.g. after a bulk re-load. The
// GC can rewrite a file only once compactions have found that half of it is
// stale, so the value log of a store being loaded can be several times its
// live size for a while. Backup and BackupSince write full or incremental
// backups while the store is in use; Restore loads one into an empty store.
// Stats reports key counts and sizes.
//
// # Limits
//
// Keys are 1 to 65000 bytes and must not start with "!badger!". One
// transaction holds at most 15% of a memtable of keys and values under
// 256 bytes, each value of 256 bytes or more counting 26 bytes, and at most 1 write
// per 96 bytes of that (Badger's skiplist node): with MemoryDefault 10 MB and
// 104,000 writes. Beyond that Put returns graph.ErrTooBig and Update commits
// nothing, so the caller splits the batch. With InMemory every value counts
// in full. Update retries a transaction that conflicts with a concurrent
// one, then returns graph.ErrConflict.
package badgerstore
