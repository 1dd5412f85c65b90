package badgerstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/rs/zerolog"

	"diplograph/graph"
)

// Options configures Open. The zero value is the recommended configuration,
// for a bulk load as for a server: asynchronous writes, no logging,
// MemoryDefault (Badger's write buffers under 130 MiB, no block cache),
// values of 256 bytes or more in the value log, value-log GC every 10 minutes and
// after every 128 MiB of values written, 10 conflict retries. The package
// doc's Tuning section explains each of Badger's settings and why it is set
// so.
type Options struct {
	// SyncWrites makes every committed Update wait for an fsync (msync) of the
	// write-ahead log. The default false acknowledges once the write is in the
	// memory-mapped log: it survives a crash of the process (kill -9, panic,
	// OOM kill) but not a crash of the machine or a power loss, which can lose
	// the last moments of writes (never part of a transaction). Call Sync at
	// checkpoints to make everything written so far survive power loss too.
	// See the package doc for measured costs.
	SyncWrites bool
	// InMemory keeps everything in memory and nothing on disk (dir is then
	// ignored and may be ""). For tests. Values are limited to 1 MiB, and
	// the transaction limit counts them in full (see Limits in the package
	// doc).
	InMemory bool
	// Memory chooses how much memory Badger may hold for writes: the size and
	// number of its memtables, which also bound the size of one transaction.
	// The default, MemoryDefault, keeps it under 130 MiB while a bulk load
	// runs at full speed; see MemoryBudget.
	Memory MemoryBudget
	// Logger receives Badger's own messages, tagged component=badger. Badger's
	// errors and warnings are logged as such; its informational messages (file
	// replay, compactions) are logged at debug level. The zero Logger, the
	// default, discards everything.
	Logger zerolog.Logger
	// GCInterval is how often a background loop garbage-collects the value
	// log (RunValueLogGC(0.5) while it finds something to rewrite). The default
	// 0 means 10 minutes; a negative value disables the loop (CollectGarbage
	// can still be called). Not used with InMemory.
	GCInterval time.Duration
	// ReleaseInterval is how often a background loop hands the pages of the
	// store's memory-mapped files back to the kernel (ReleaseMapped) if they
	// hold more than a few tens of megabytes, so that the resident set of a
	// process loading millions of articles does not grow with the store.
	// The default 0 means 50 ms; a negative
	// value disables the loop. Not used with InMemory; Linux only.
	ReleaseInterval time.Duration
	// MaxRetries is how many times Update re-runs fn after a conflict with a
	// concurrent transaction before it gives up with graph.ErrConflict. The
	// default 0 means 10; a negative value means no retry.
	MaxRetries int
}

// MemoryBudget is a preset of Badger's memory settings: the memtables (the
// write buffer, skiplists in arenas allocated on the Go heap) and the
// compactors. Badger's own defaults, five 64 MiB memtables of 83 MiB of
// arena each and a 256 MiB block cache, made a 20,000-article load peak at
// 2.7 GiB of Go heap, most of it memtables and table builders. Because values
// of 256 bytes or more go to the value log, a memtable here holds keys, small
// values and pointers, and can be much smaller for the same load.
//
// The presets differ in memory, in the largest transaction and in how often
// the LSM tree flushes and compacts; reads are served the same way by all
// (from memory-mapped files, without a block cache). Changing the preset of
// an existing store is safe, also after a crash: Open sizes the memtable to
// replay a write-ahead log left under a larger preset.
type MemoryBudget int

const (
	// MemoryDefault, the zero value: three 64 MiB memtables (one being
	// written, up to two waiting to be flushed), 83 MiB of heap each, so at
	// most 250 MiB. A transaction may hold 10 MB of keys and small values
	// (a value of 256 bytes or more counts 26 bytes, whatever its size) and
	// 104,000 writes; a loader batch of 256 articles takes 1.4 MB and 6,800
	// writes. Two compactors, which a 2-core machine can afford beside the
	// loader's workers. Memtables of 32 MiB, the default before, cost a load
	// 7 % more CPU: every flushed memtable is compacted into the tree at once
	// (NumLevelZeroTables, see the package doc), so half as many flushes are
	// half as many of those compactions.
	MemoryDefault MemoryBudget = iota
	// MemorySmall: two 16 MiB memtables, 21 MiB of heap each. For small
	// machines, tests and tools that open a store briefly. Transactions are
	// limited to 2.5 MB and 26,000 writes (under twice the largest loader
	// batch measured), a write waits whenever a flush falls behind, and the
	// tree flushes and compacts four times as often as with MemoryDefault.
	MemorySmall
	// MemoryLarge: four 128 MiB memtables, 166 MiB of heap each (665 MiB in
	// all), and four compactors. For machines with memory and cores to
	// spare: fewer level-0 tables and compactions, transactions up to 20 MB
	// and 210,000 writes.
	MemoryLarge
)

// String names the preset as the package doc does.
func (m MemoryBudget) String() string {
	switch m {
	case MemoryDefault:
		return "default"
	case MemorySmall:
		return "small"
	case MemoryLarge:
		return "large"
	}
	return "MemoryBudget(" + strconv.Itoa(int(m)) + ")"
}

// tuning is what a MemoryBudget sets.
type tuning struct {
	memTableSize int64
	numMemtables int
	compactors   int
}

func (m MemoryBudget) tuning() (tuning, error) {
	switch m {
	case MemoryDefault:
		return tuning{memTableSize: 64 << 20, numMemtables: 3, compactors: 2}, nil
	case MemorySmall:
		return tuning{memTableSize: 16 << 20, numMemtables: 2, compactors: 2}, nil
	case MemoryLarge:
		return tuning{memTableSize: 128 << 20, numMemtables: 4, compactors: 4}, nil
	}
	return tuning{}, fmt.Errorf("badgerstore: unknown memory budget %d", int(m))
}

// Settings that do not depend on the memory budget. The package doc's
// Tuning section gives the trade-off of each.
const (
	// valueThreshold: a value of this size or more is written once to the
	// value log and the LSM tree keeps a 12-byte pointer to it; smaller
	// ones live in the LSM tree. Badger's default is 1 MiB (everything in
	// the tree).
	valueThreshold = 1 << 8
	// maxInMemoryValue is the largest value an InMemory store takes
	// (Badger's maximum value threshold).
	maxInMemoryValue = 1 << 20
	// tableSize is the size of every LSM table (Badger's default: 2 MiB at
	// the first level, doubling at each level below).
	tableSize = 8 << 20
	// valueLogFileSize bounds one value-log file, the unit the value-log GC
	// rewrites and deletes (Badger's default: 1 GiB).
	valueLogFileSize = 128 << 20
	// numLevelZeroTables is the number of level-0 tables that starts a
	// compaction into level 1 (Badger's default: 5); numLevelZeroTablesStall
	// the number at which writes wait for it (Badger's default, 15).
	numLevelZeroTables      = 1
	numLevelZeroTablesStall = 15
)

const (
	defaultGCInterval      = 10 * time.Minute
	defaultReleaseInterval = 50 * time.Millisecond
	defaultMaxRetries      = 10
	gcDiscardRatio         = 0.5
)

// badgerOptions translates o into Badger's options for dir.
func badgerOptions(dir string, o Options) (badger.Options, error) {
	t, err := o.Memory.tuning()
	if err != nil {
		return badger.Options{}, err
	}
	if !o.InMemory {
		// A write-ahead log left by a crash under a larger budget must fit
		// the memtable it is replayed into: Badger panics otherwise.
		t.memTableSize = max(t.memTableSize, walMemTableSize(dir))
	}
	bo := badger.DefaultOptions(dir).
		WithSyncWrites(o.SyncWrites).
		WithLogger(logger{o.Logger.With().Str("component", "badger").Logger()}).
		WithMemTableSize(t.memTableSize).
		WithNumMemtables(t.numMemtables).
		WithNumCompactors(t.compactors).
		WithNumLevelZeroTables(numLevelZeroTables).
		WithNumLevelZeroTablesStall(numLevelZeroTablesStall).
		WithValueThreshold(valueThreshold).
		WithValueLogFileSize(valueLogFileSize).
		WithCompression(options.None).
		WithBlockCacheSize(0).
		WithIndexCacheSize(0).
		WithDetectConflicts(true).
		WithMetricsEnabled(false).
		WithBaseTableSize(tableSize)
	// Badger doubles the table size at each level (64 MiB at the last of
	// seven). A compaction builds each table whole in memory and then copies
	// it into a new mapped file, so two compactors writing the last level
	// briefly held a quarter of a GiB twice over: the peak RSS of a
	// million-article load. Tables of one size keep that to a few MiB.
	bo.TableSizeMultiplier = 1
	if o.InMemory {
		// With no value log, Badger refuses values above the threshold,
		// so it is raised to its maximum.
		bo = bo.WithDir("").WithValueDir("").WithInMemory(true).WithValueThreshold(maxInMemoryValue)
	}
	return bo, nil
}

// walMemTableSize returns the memtable size the write-ahead logs (.mem
// files) in dir were created for, 0 if there are none. Badger creates each
// at twice the memtable size and a clean Close removes them, so one is left
// only by a crash, or by a Close that found nothing to flush.
func walMemTableSize(dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var size int64
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".mem" {
			continue
		}
		if fi, err := e.Info(); err == nil {
			size = max(size, fi.Size()/2)
		}
	}
	return size
}

// ErrInUse is matched (errors.Is) by the error Open returns when another
// process, or another Open in this process, holds the store directory.
var ErrInUse = errors.New("badgerstore: store in use")

// InUseError is the error Open returns for a store directory that is locked.
type InUseError struct {
	Dir string
	PID int // from the lock file; 0 if unknown
}

func (e *InUseError) Error() string {
	switch {
	case e.PID == os.Getpid():
		return fmt.Sprintf("store %s is already open in this process", e.Dir)
	case e.PID > 0:
		return fmt.Sprintf("store %s is in use by another diplograph process, pid %d (stop it, or load through the server with --server)", e.Dir, e.PID)
	}
	return fmt.Sprintf("store %s is in use by another diplograph process (stop it, or load through the server with --server)", e.Dir)
}

// Is makes errors.Is(err, ErrInUse) true.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// errEnded is returned by a transaction used after its Update or View returned.
var errEnded = errors.New("badgerstore: transaction used after it ended")

// Store is a graph.Store on Badger. It is safe for concurrent use.
type Store struct {
	db      *badger.DB
	dir     string
	retries int

	mu     sync.Mutex
	closed bool
	active sync.WaitGroup // transactions, backups and GC runs in progress

	stopGC chan struct{}
	gcDone chan struct{}
	// written counts the bytes of values committed to the value log since
	// the GC loop last ran; every gcEvery bytes Update wakes the loop up
	// through kick, so a bulk load's overwritten values are reclaimed while
	// it runs and not only every GCInterval.
	written atomic.Int64
	gcEvery int64 // a value-log file's worth
	kick    chan struct{}

	stopRelease chan struct{}
	releaseDone chan struct{}
	// updates counts committed Updates; the release loop skips its work
	// when nothing was written since it last ran.
	updates atomic.Int64
}

var _ graph.Store = (*Store)(nil)

// Open opens the store in dir, creating it if dir does not exist or is empty
// (a directory holding other files than Badger's is refused). Only one Open may hold a
// directory at a time, across processes: a second one fails with an
// *InUseError. Opening replays the write-ahead log, which recovers from a
// crash of the previous owner.
func Open(dir string, o Options) (*Store, error) {
	if !o.InMemory {
		if err := checkDir(dir); err != nil {
			return nil, err
		}
	}
	bo, err := badgerOptions(dir, o)
	if err != nil {
		return nil, err
	}
	db, err := badger.Open(bo)
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, &InUseError{Dir: dir, PID: lockPID(dir)}
		}
		return nil, fmt.Errorf("badgerstore: open %s: %w", dir, err)
	}
	s := &Store{db: db, dir: dir, retries: o.MaxRetries, gcEvery: bo.ValueLogFileSize}
	switch {
	case s.retries == 0:
		s.retries = defaultMaxRetries
	case s.retries < 0:
		s.retries = 0
	}
	if interval := o.GCInterval; !o.InMemory && interval >= 0 {
		if interval == 0 {
			interval = defaultGCInterval
		}
		s.stopGC, s.gcDone, s.kick = make(chan struct{}), make(chan struct{}), make(chan struct{}, 1)
		go s.gcLoop(interval)
	}
	if interval := o.ReleaseInterval; !o.InMemory && interval >= 0 && releaseSupported {
		if interval == 0 {
			interval = defaultReleaseInterval
		}
		s.stopRelease, s.releaseDone = make(chan struct{}), make(chan struct{})
		go s.releaseLoop(interval)
	}
	return s, nil
}

// checkDir refuses a directory holding files that are not Badger's, so that
// a mistyped --data (a home directory, say) is not filled with store files.
func checkDir(dir string) error {
	if dir == "" {
		return errors.New("badgerstore: no directory given")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil // Badger creates it
	}
	if err != nil {
		return fmt.Errorf("badgerstore: open %s: %w", dir, err)
	}
	for _, e := range entries {
		if !isBadgerFile(e.Name()) {
			return fmt.Errorf("badgerstore: %s holds %s, which is not a store file; give an empty or new directory for the store", dir, e.Name())
		}
	}
	return nil
}

// isBadgerFile reports whether name is one of the files Badger keeps in its
// directory.
func isBadgerFile(name string) bool {
	switch name {
	case "LOCK", "MANIFEST", "MANIFEST-REWRITE", "KEYREGISTRY", "KEYREGISTRY-REWRITE", "DISCARD":
		return true
	}
	switch filepath.Ext(name) {
	case ".vlog", ".sst", ".mem":
		return true
	}
	return false
}

// lockPID reads the process id Badger writes to the LOCK file of dir.
func lockPID(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "LOCK"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

// begin registers an operation; it fails once Close has started, so that
// Close can wait for every operation to end before closing Badger.
func (s *Store) begin() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return graph.ErrClosed
	}
	s.active.Add(1)
	return nil
}

// Close stops the GC loop, waits for running transactions, backups and
// restores, and closes Badger (flushing memtables). A transaction must not
// call Close: it would wait for itself. Closing twice is harmless.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	if s.stopGC != nil {
		close(s.stopGC)
		<-s.gcDone
	}
	if s.stopRelease != nil {
		close(s.stopRelease)
		<-s.releaseDone
	}
	s.active.Wait()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("badgerstore: close %s: %w", s.dir, err)
	}
	return nil
}

// View runs fn on one consistent snapshot.
func (s *Store) View(ctx context.Context, fn func(tx graph.ReadTx) error) error {
	if err := s.begin(); err != nil {
		return err
	}
	defer s.active.Done()
	if err := ctx.Err(); err != nil {
		return err
	}
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	t := &tx{txn: txn}
	defer t.end()
	return fn(t)
}

// Update runs fn in a read-write transaction and commits it; see graph.Store.
// On a conflict with a concurrent Update it re-runs fn, up to
// Options.MaxRetries times, with a short random backoff. Nothing is committed
// if ctx is done before the commit.
func (s *Store) Update(ctx context.Context, fn func(tx graph.Tx) error) error {
	if err := s.begin(); err != nil {
		return err
	}
	defer s.active.Done()
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.update(ctx, fn)
		if !errors.Is(err, badger.ErrConflict) {
			return err
		}
		if attempt >= s.retries {
			return fmt.Errorf("badgerstore: update gave up after %d attempts: %w", attempt+1, graph.ErrConflict)
		}
		// Back off a random 0–2^attempt ms (capped) so that the transactions
		// that collided do not collide again.
		backoff := time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 6)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
	}
}

// update is one attempt of Update. It returns badger.ErrConflict unwrapped
// when the commit conflicted, so that Update retries.
func (s *Store) update(ctx context.Context, fn func(tx graph.Tx) error) error {
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	t := &tx{txn: txn, update: true}
	defer t.end() // also when fn panics
	err := fn(t)
	t.end()
	if err != nil {
		return err
	}
	if t.err != nil {
		// fn ignored a failed Put or Delete; committing the others would
		// break atomicity.
		return t.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := txn.Commit(); err != nil {
		if errors.Is(err, badger.ErrConflict) {
			return err
		}
		return mapErr(err)
	}
	s.updates.Add(1)
	if t.logged > 0 && s.kick != nil && s.written.Add(t.logged) >= s.gcEvery {
		s.written.Store(0)
		select {
		case s.kick <- struct{}{}:
		default: // the loop is already due to run
		}
	}
	return nil
}

// mapErr maps Badger's errors onto the graph's sentinels, keeping Badger's
// message.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, badger.ErrTxnTooBig):
		return fmt.Errorf("%w: %w", graph.ErrTooBig, err)
	case errors.Is(err, badger.ErrConflict):
		return fmt.Errorf("%w: %w", graph.ErrConflict, err)
	case errors.Is(err, badger.ErrDBClosed):
		return fmt.Errorf("%w: %w", graph.ErrClosed, err)
	}
	return fmt.Errorf("badgerstore: %w", err)
}

// tx implements graph.Tx over a Badger transaction.
type tx struct {
	txn    *badger.Txn
	update bool
	ended  bool
	err    error // first failed Put/Delete
	logged int64 // bytes of values Put that go to the value log
}

func (t *tx) end() { t.ended = true }

func (t *tx) Get(key []byte) ([]byte, error) {
	if t.ended {
		return nil, errEnded
	}
	if len(key) == 0 {
		return nil, graph.ErrNotFound // Badger cannot store it, so it is not there
	}
	item, err := t.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, graph.ErrNotFound
	}
	if err != nil {
		return nil, mapErr(err)
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, mapErr(err)
	}
	return v, nil
}

func (t *tx) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	if t.ended {
		return errEnded
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	opts := badger.DefaultIteratorOptions
	// Values are read in the loop, without copies, and scans often stop
	// early (a page of results), so prefetching would be wasted.
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := t.txn.NewIterator(opts)
	defer it.Close()
	start := prefix
	if after != nil {
		// The smallest key strictly greater than after is after+0x00.
		if a := append(bytes.Clone(after), 0); bytes.Compare(a, start) > 0 {
			start = a
		}
	}
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		item := it.Item()
		var more bool
		var fnErr error
		err := item.Value(func(v []byte) error {
			more, fnErr = fn(item.Key(), v)
			return nil
		})
		if err != nil {
			return mapErr(err)
		}
		if fnErr != nil || !more {
			return fnErr
		}
		if t.ended {
			return errEnded
		}
	}
	return nil
}

func (t *tx) Put(key, value []byte) error {
	if err := t.writable(); err != nil {
		return err
	}
	// Badger keeps the slices until the commit; the caller may reuse its.
	if len(value) >= valueThreshold {
		t.logged += int64(len(value))
	}
	return t.fail(t.txn.Set(bytes.Clone(key), append([]byte{}, value...)))
}

func (t *tx) Delete(key []byte) error {
	if err := t.writable(); err != nil {
		return err
	}
	return t.fail(t.txn.Delete(bytes.Clone(key)))
}

func (t *tx) writable() error {
	switch {
	case t.ended:
		return errEnded
	case !t.update:
		return errors.New("badgerstore: write in a read-only transaction")
	}
	return nil
}

// fail maps a write error and remembers the first one, so Update does not
// commit the transaction even if fn ignores it.
func (t *tx) fail(err error) error {
	if err == nil {
		return nil
	}
	err = mapErr(err)
	if t.err == nil {
		t.err = err
	}
	return err
}

// releaseLoop calls ReleaseMapped every interval in which something was
// written, until Close.
func (s *Store) releaseLoop(interval time.Duration) {
	defer close(s.releaseDone)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-s.stopRelease:
			return
		case <-tick.C:
		}
		// Not only after writes: a compaction, or a query walking a big
		// store, maps hundreds of megabytes while no transaction commits
		// (a load waiting on a compaction makes none).
		if rss, ok := fileResident(); ok && rss > releaseAbove {
			_, _ = s.ReleaseMapped()
		}
	}
}

// releaseAbove is the resident size of mapped files (the store's and the
// executable's) above which the release loop gives the store's back. The
// loop checks often (defaultReleaseInterval): a check is one read of
// /proc/self/status, and with the store in the page cache a value-log GC or
// a compaction maps a whole 128 MiB file in a few tens of milliseconds.
// 256 MiB was tried: a 300k-article load peaked 110 MiB higher and a 1M one
// 120 MiB higher, for a speed-up within this machine's noise (releases are
// cheap: the TLB flushes of a load are Badger's msync of each new table).
// 192 MiB, on a machine where a page fault costs 8-22 µs: a 1M load ran no
// faster (1,170 against 1,190 articles/s) with 10 % fewer faults and 40 MiB
// more at its peak.
const releaseAbove = 96 << 20

// ReleaseMapped takes the pages of the store's memory-mapped files out of
// this process's resident set (madvise MADV_DONTNEED), returning how many
// bytes of mappings it covered.
//
// Badger reads and writes its tables, value log and write-ahead logs through
// shared memory mappings, and every page of them the process has touched
// counts in its resident set until it is unmapped (it shows as RssFile in
// /proc/PID/status). Loading a store, that grows with the store: 0.75 GiB
// after 100,000 articles, several GiB after a million, all of it page cache
// that reads as the loader's memory. Released, the pages stay in the page
// cache, dirty ones included, so nothing is lost or written early and a
// later read is a minor fault; the kernel reclaims them when it needs the
// memory, as it does any cached file data. The data is never changed, so a
// file Badger unmaps meanwhile (after a compaction) and memory mapped at its
// address since are safe. A background loop calls it every
// Options.ReleaseInterval while mapped files hold more than releaseAbove; on
// other systems than Linux it does nothing.
func (s *Store) ReleaseMapped() (int64, error) {
	if err := s.begin(); err != nil {
		return 0, err
	}
	defer s.active.Done()
	if !releaseSupported || s.dir == "" {
		return 0, nil
	}
	return releaseMapped(s.dir)
}

// gcLoop garbage-collects the value log every interval until Close.
func (s *Store) gcLoop(interval time.Duration) {
	defer close(s.gcDone)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-s.stopGC:
			return
		case <-tick.C:
		case <-s.kick:
		}
		_ = s.collect(s.stopGC)
	}
}

// CollectGarbage rewrites value-log files that are at least half garbage
// until there are none, which gives disk space back after many deletes or
// overwrites of large values (a bulk re-load, say). The background loop does
// the same every Options.GCInterval.
func (s *Store) CollectGarbage() error {
	if err := s.begin(); err != nil {
		return err
	}
	defer s.active.Done()
	return s.collect(nil)
}

// collect runs RunValueLogGC while it rewrites something and stop is open.
func (s *Store) collect(stop <-chan struct{}) error {
	for {
		select {
		case <-stop:
			return nil
		default:
		}
		err := s.db.RunValueLogGC(gcDiscardRatio)
		if s.stopRelease != nil {
			// A round reads a whole value-log file through its mapping:
			// give it back now rather than let rounds add up.
			_, _ = releaseMapped(s.dir)
		}
		switch {
		case err == nil:
			continue
		case errors.Is(err, badger.ErrNoRewrite), errors.Is(err, badger.ErrGCInMemoryMode):
			return nil
		case errors.Is(err, badger.ErrRejected):
			return nil // another GC is running, or Badger is closing
		}
		return mapErr(err)
	}
}

// Sync makes every write acknowledged so far durable against power loss (it
// fsyncs the write-ahead and value logs). With Options.SyncWrites every Update
// already does. Loaders call it at checkpoints before recording progress.
func (s *Store) Sync() error {
	if err := s.begin(); err != nil {
		return err
	}
	defer s.active.Done()
	return mapErr(s.db.Sync())
}

// Backup writes a full backup of the store to w: the latest version of every
// key, in Badger's portable backup format (protobuf KV lists). It runs on a
// snapshot, concurrently with Updates.
func (s *Store) Backup(w io.Writer) error {
	_, err := s.BackupSince(w, 0)
	return err
}

// BackupSince writes the keys changed after version since (0 for a full
// backup) and returns the version to pass next time for an incremental one.
func (s *Store) BackupSince(w io.Writer, since uint64) (next uint64, err error) {
	if err := s.begin(); err != nil {
		return 0, err
	}
	defer s.active.Done()
	// What Badger's DB.Backup does, with one producer: each producer opens
	// its own read transaction, so with several (Badger's default) the key
	// ranges of a backup taken during writes were read at different
	// versions, and a restore could hold half of a transaction
	// (TestBackupDuringWrites failed 6 times in 200). One transaction reads
	// every range at one version.
	stream := s.db.NewStream()
	stream.LogPrefix = "badgerstore.Backup"
	stream.NumGo = 1
	stream.SinceTs = since
	next, err = stream.Backup(w, since)
	return next, mapErr(err)
}

// Restore loads a backup written by Backup into this store, which must be
// empty: restoring over existing data would mix two histories.
func (s *Store) Restore(r io.Reader) error {
	if err := s.begin(); err != nil {
		return err
	}
	defer s.active.Done()
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		it.Rewind()
		empty = !it.Valid()
		return nil
	})
	if err != nil {
		return mapErr(err)
	}
	if !empty {
		return fmt.Errorf("badgerstore: restore into %s: the store is not empty", s.dir)
	}
	// 256 pending writes bounds the memory Load uses.
	if err := s.db.Load(r, 256); err != nil {
		return fmt.Errorf("badgerstore: restore into %s: %w", s.dir, err)
	}
	return nil
}

// Stats describes the store's size.
type Stats struct {
	Keys      int   // live keys
	KeyBytes  int64 // sum of the key lengths
	ValueSize int64 // sum of the value sizes
	LSMBytes  int64 // on-disk size of the LSM tree (keys and small values)
	VLogBytes int64 // on-disk size of the value log (large values)
}

// Stats counts keys and value sizes with a keys-only scan, O(keys) but
// without reading values from the value log, and reports Badger's on-disk
// sizes (updated by Badger about once a minute).
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := s.begin(); err != nil {
		return Stats{}, err
	}
	defer s.active.Done()
	var st Stats
	st.LSMBytes, st.VLogBytes = s.db.Size()
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			item := it.Item()
			st.Keys++
			st.KeyBytes += int64(len(item.Key()))
			st.ValueSize += item.ValueSize()
		}
		return nil
	})
	if err != nil && ctx.Err() != nil {
		return st, err
	}
	return st, mapErr(err)
}

// logger adapts zerolog to badger.Logger.
type logger struct{ l zerolog.Logger }

func (l logger) Errorf(f string, args ...any)   { l.l.Error().Msgf(strings.TrimSpace(f), args...) }
func (l logger) Warningf(f string, args ...any) { l.l.Warn().Msgf(strings.TrimSpace(f), args...) }
func (l logger) Infof(f string, args ...any)    { l.l.Debug().Msgf(strings.TrimSpace(f), args...) }
func (l logger) Debugf(f string, args ...any)   { l.l.Trace().Msgf(strings.TrimSpace(f), args...) }

// Settle waits until Badger's background compactions have caught up with
// the writes, that is until no level of the LSM tree is due for compaction
// for half a second, or until ctx ends. It returns how long it waited. A
// bulk load leaves minutes of compaction behind it, which competes with
// whatever runs next for the disk and the cores.
func (s *Store) Settle(ctx context.Context) (time.Duration, error) {
	if err := s.begin(); err != nil {
		return 0, err
	}
	defer s.active.Done()
	start := time.Now()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	quietSince := time.Time{}
	for {
		due := false
		for _, l := range s.db.Levels() {
			if l.Score >= 1 {
				due = true
			}
		}
		switch {
		case due:
			quietSince = time.Time{}
		case quietSince.IsZero():
			quietSince = time.Now()
		case time.Since(quietSince) >= 500*time.Millisecond:
			return time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return time.Since(start), ctx.Err()
		case <-tick.C:
		}
	}
}
