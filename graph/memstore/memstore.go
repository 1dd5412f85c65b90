package memstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"diplograph/graph"
)

// MaxKeySize is the longest key accepted, the same bound Badger has.
const MaxKeySize = 65000

// reservedPrefix is rejected because Badger reserves it for its own keys; a
// graph that works on memstore must work on badgerstore.
var reservedPrefix = []byte("!badger!")

// errEnded is returned by a transaction used after its Update or View returned.
var errEnded = errors.New("memstore: transaction used after it ended")

// entry is one key/value pair of a snapshot. Neither slice is ever modified
// once it is in a snapshot.
type entry struct {
	key, val []byte
}

// Store is an in-memory graph.Store. The zero value is not usable; call New.
type Store struct {
	snap   atomic.Pointer[[]entry] // current snapshot, sorted by key
	closed atomic.Bool
	wmu    sync.Mutex // serialises Update

	maxBytes, maxWrites int
}

var _ graph.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// MaxTxBytes makes Update fail with graph.ErrTooBig when the keys and values
// written by one transaction (every Put and Delete counted, plus 10 bytes each,
// as Badger counts them) exceed n bytes. The default 0 means no limit.
func MaxTxBytes(n int) Option { return func(s *Store) { s.maxBytes = n } }

// MaxTxWrites makes Update fail with graph.ErrTooBig when one transaction makes
// more than n Puts and Deletes. The default 0 means no limit.
func MaxTxWrites(n int) Option { return func(s *Store) { s.maxWrites = n } }

// New returns an empty store.
func New(opts ...Option) *Store {
	s := &Store{}
	for _, o := range opts {
		o(s)
	}
	empty := []entry{}
	s.snap.Store(&empty)
	return s
}

// Len returns the number of keys in the current snapshot.
func (s *Store) Len() int {
	p := s.snap.Load()
	if p == nil {
		return 0
	}
	return len(*p)
}

// View runs fn on the snapshot current when View is called.
func (s *Store) View(ctx context.Context, fn func(tx graph.ReadTx) error) error {
	if s.closed.Load() {
		return graph.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p := s.snap.Load()
	if p == nil {
		return graph.ErrClosed
	}
	t := &tx{base: *p}
	defer t.end()
	return fn(t)
}

// Update runs fn in a read-write transaction and commits its writes if fn
// returns nil and ctx is not done by then. Updates run one at a time, so fn
// must not call Update itself (it would wait for itself forever).
func (s *Store) Update(ctx context.Context, fn func(tx graph.Tx) error) error {
	if s.closed.Load() {
		return graph.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	// Close may have run while this Update waited for the lock.
	p := s.snap.Load()
	if s.closed.Load() || p == nil {
		return graph.ErrClosed
	}
	t := &tx{base: *p, writes: map[string]write{}, store: s}
	err := fn(t)
	t.end()
	if err != nil {
		return err
	}
	if t.err != nil {
		// fn ignored a failed Put or Delete: committing the rest would break
		// atomicity.
		return t.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(t.writes) == 0 {
		return nil
	}
	next := merge(t.base, t.sortedWrites(nil))
	s.snap.Store(&next)
	return nil
}

// Close releases the data. Later transactions fail with graph.ErrClosed;
// transactions already running finish on the snapshot they hold. Closing twice
// is harmless.
func (s *Store) Close() error {
	s.closed.Store(true)
	s.wmu.Lock()
	s.snap.Store(nil)
	s.wmu.Unlock()
	return nil
}

// write is one buffered Put (del false) or Delete (del true).
type write struct {
	val []byte
	del bool
}

// pending is a buffered write with its key, for sorting.
type pending struct {
	key []byte
	write
}

// tx implements graph.Tx. A read-only tx has writes == nil.
type tx struct {
	base   []entry
	writes map[string]write
	store  *Store
	ended  bool
	err    error // first failed Put/Delete; Update will not commit
	size   int
	count  int
}

func (t *tx) end() { t.ended = true }

// find returns the index of the first entry of t.base with key >= k.
func (t *tx) find(k []byte) int {
	return sort.Search(len(t.base), func(i int) bool { return bytes.Compare(t.base[i].key, k) >= 0 })
}

func (t *tx) Get(key []byte) ([]byte, error) {
	if t.ended {
		return nil, errEnded
	}
	if w, ok := t.writes[string(key)]; ok {
		if w.del {
			return nil, graph.ErrNotFound
		}
		return bytes.Clone(w.val), nil
	}
	i := t.find(key)
	if i < len(t.base) && bytes.Equal(t.base[i].key, key) {
		return append([]byte{}, t.base[i].val...), nil
	}
	return nil, graph.ErrNotFound
}

// sortedWrites returns the buffered writes whose key is >= from (all when
// from is nil), sorted by key. It copies the slice of writes, so writes made
// while a Scan runs do not disturb it.
func (t *tx) sortedWrites(from []byte) []pending {
	var ps []pending
	for k, w := range t.writes {
		if from != nil && k < string(from) {
			continue
		}
		ps = append(ps, pending{[]byte(k), w})
	}
	slices.SortFunc(ps, func(a, b pending) int { return bytes.Compare(a.key, b.key) })
	return ps
}

func (t *tx) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	if t.ended {
		return errEnded
	}
	start := prefix
	if after != nil {
		// The smallest key strictly greater than after is after+0x00.
		if a := append(bytes.Clone(after), 0); bytes.Compare(a, start) > 0 {
			start = a
		}
	}
	base := t.base[t.find(start):]
	var ws []pending
	if len(t.writes) > 0 {
		ws = t.sortedWrites(start)
	}
	var kbuf, vbuf []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Pick the smaller of the next snapshot key and the next written key;
		// a written key shadows the same key in the snapshot.
		var k, v []byte
		switch {
		case len(ws) > 0 && (len(base) == 0 || bytes.Compare(ws[0].key, base[0].key) <= 0):
			w := ws[0]
			ws = ws[1:]
			if len(base) > 0 && bytes.Equal(base[0].key, w.key) {
				base = base[1:]
			}
			if !bytes.HasPrefix(w.key, prefix) {
				return nil
			}
			if w.del {
				continue
			}
			k, v = w.key, w.val
		case len(base) > 0:
			e := base[0]
			base = base[1:]
			if !bytes.HasPrefix(e.key, prefix) {
				return nil
			}
			k, v = e.key, e.val
		default:
			return nil
		}
		// Hand out scratch copies and scribble over them afterwards: callers
		// must copy what they keep (Badger reuses its buffers the same way), and
		// must not be able to corrupt the store by writing into them.
		kbuf = append(kbuf[:0], k...)
		vbuf = append(vbuf[:0], v...)
		more, err := fn(kbuf, vbuf)
		clobber(kbuf)
		clobber(vbuf)
		if err != nil || !more {
			return err
		}
		if t.ended {
			return errEnded
		}
	}
}

func clobber(b []byte) {
	for i := range b {
		b[i] = 0xEE
	}
}

func (t *tx) Put(key, value []byte) error {
	if err := t.check(key, value); err != nil {
		return err
	}
	t.writes[string(key)] = write{val: append([]byte{}, value...)}
	return nil
}

func (t *tx) Delete(key []byte) error {
	if err := t.check(key, nil); err != nil {
		return err
	}
	t.writes[string(key)] = write{del: true}
	return nil
}

// check validates one write and counts it against the limits. A failure is
// remembered so that Update does not commit the other writes.
func (t *tx) check(key, value []byte) error {
	if t.ended {
		return errEnded
	}
	if t.writes == nil {
		return errors.New("memstore: write in a read-only transaction")
	}
	var err error
	switch {
	case len(key) == 0:
		err = errors.New("memstore: empty key")
	case len(key) > MaxKeySize:
		err = fmt.Errorf("memstore: key of %d bytes is longer than %d", len(key), MaxKeySize)
	case bytes.HasPrefix(key, reservedPrefix):
		err = fmt.Errorf("memstore: key %q uses the reserved prefix %q", key, reservedPrefix)
	}
	if err == nil {
		size := t.size + len(key) + len(value) + 10
		if (t.store.maxBytes > 0 && size > t.store.maxBytes) ||
			(t.store.maxWrites > 0 && t.count+1 > t.store.maxWrites) {
			err = graph.ErrTooBig
		} else {
			t.size, t.count = size, t.count+1
		}
	}
	if err != nil && t.err == nil {
		t.err = err
	}
	return err
}

// merge returns a new snapshot: base with the sorted writes ws applied.
func merge(base []entry, ws []pending) []entry {
	out := make([]entry, 0, len(base)+len(ws))
	i, j := 0, 0
	for i < len(base) || j < len(ws) {
		switch {
		case j == len(ws) || (i < len(base) && bytes.Compare(base[i].key, ws[j].key) < 0):
			out = append(out, base[i])
			i++
		default:
			if i < len(base) && bytes.Equal(base[i].key, ws[j].key) {
				i++
			}
			if !ws[j].del {
				out = append(out, entry{ws[j].key, ws[j].val})
			}
			j++
		}
	}
	return slices.Clip(out)
}
