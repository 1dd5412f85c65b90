package memstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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

// snapshot is one committed state of the store: an immutable treap and its
// number of keys.
type snapshot struct {
	root *node
	n    int
}

// Store is an in-memory graph.Store. The zero value is not usable; call New.
type Store struct {
	snap   atomic.Pointer[snapshot] // current state; nil once closed
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
	s.snap.Store(&snapshot{})
	return s
}

// Len returns the number of keys in the current snapshot.
func (s *Store) Len() int {
	p := s.snap.Load()
	if p == nil {
		return 0
	}
	return p.n
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
	t := &tx{base: p}
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
	t := &tx{base: p, writable: true, store: s}
	defer t.end() // also when fn panics
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
	if t.writes == nil {
		return nil
	}
	s.snap.Store(t.base.apply(t.writes))
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

// tx implements graph.Tx. Its writes are buffered in an overlay treap
// (deletes as del nodes), persistent like the snapshots, so a Scan holds the
// overlay as it was when the Scan began at no cost.
type tx struct {
	base     *snapshot
	writable bool
	writes   *node
	store    *Store
	ended    bool
	err      error // first failed Put/Delete; Update will not commit
	size     int
	count    int
}

func (t *tx) end() { t.ended = true }

func (t *tx) Get(key []byte) ([]byte, error) {
	if t.ended {
		return nil, errEnded
	}
	if w := get(t.writes, key); w != nil {
		if w.del {
			return nil, graph.ErrNotFound
		}
		return append([]byte{}, w.val...), nil
	}
	if n := get(t.base.root, key); n != nil {
		return append([]byte{}, n.val...), nil
	}
	return nil, graph.ErrNotFound
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
	base := seek(t.base.root, start)
	ws := seek(t.writes, start)
	var kbuf, vbuf []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Pick the smaller of the next snapshot key and the next written key;
		// a written key shadows the same key in the snapshot.
		var k, v []byte
		switch {
		case ws.node() != nil && (base.node() == nil || bytes.Compare(ws.node().key, base.node().key) <= 0):
			w := ws.node()
			ws.next()
			if e := base.node(); e != nil && bytes.Equal(e.key, w.key) {
				base.next()
			}
			if !bytes.HasPrefix(w.key, prefix) {
				return nil
			}
			if w.del {
				continue
			}
			k, v = w.key, w.val
		case base.node() != nil:
			e := base.node()
			base.next()
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
	k := bytes.Clone(key)
	t.writes, _ = insert(t.writes, k, append([]byte{}, value...), false, priority(k))
	return nil
}

func (t *tx) Delete(key []byte) error {
	if err := t.check(key, nil); err != nil {
		return err
	}
	k := bytes.Clone(key)
	t.writes, _ = insert(t.writes, k, nil, true, priority(k))
	return nil
}

// check validates one write and counts it against the limits. A failure is
// remembered so that Update does not commit the other writes.
func (t *tx) check(key, value []byte) error {
	if t.ended {
		return errEnded
	}
	if !t.writable {
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

// apply returns a new snapshot: s with the overlay ws applied. It shares all
// but O(w log n) nodes with s, for w writes.
func (s *snapshot) apply(ws *node) *snapshot {
	next := *s
	for c := seek(ws, nil); c.node() != nil; c.next() {
		w := c.node()
		var changed bool
		if w.del {
			if next.root, changed = remove(next.root, w.key); changed {
				next.n--
			}
			continue
		}
		if next.root, changed = insert(next.root, w.key, w.val, false, w.prio); changed {
			next.n++
		}
	}
	return &next
}
