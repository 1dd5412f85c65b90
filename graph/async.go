package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrCommit wraps the error of a batch whose background commit failed
// (ApplyAsync): the store did not take that batch, and the batches applied
// over it were discarded with it.
var ErrCommit = errors.New("graph: a batch's commit failed")

// Commit is the background commit of one ApplyAsync batch.
type Commit struct {
	done chan struct{}
	err  error
}

// Wait waits for the commit to land and returns its outcome: nil once the
// batch is in the store as Apply leaves it (it survives a crash of the
// process).
func (c *Commit) Wait() error {
	<-c.done
	return c.err
}

// landed returns a Commit that has already landed with err.
func landed(err error) *Commit {
	c := &Commit{done: make(chan struct{}), err: err}
	close(c.done)
	return c
}

// pipe is the state ApplyAsync leaves between batches, guarded by mu: the
// commit in flight, its writes, and the transaction opened before it
// started, whose snapshot therefore lacks them.
type pipe struct {
	next     PendingTx
	inflight *Commit
	layer    map[string]overlay // inflight's writes
	keys     []string           // layer's keys, sorted
}

// ApplyAsync is Apply for bulk loads: it applies cs in a transaction and
// starts its commit, and returns once the commit before it has landed,
// without waiting for its own. The next batch is resolved while Badger
// writes this one (a third of a load's time went to waiting for commits):
// it reads a snapshot opened before this commit started, with this batch's
// writes laid over it, so it sees the graph exactly as Apply would show it.
//
// Outcomes and errors of the apply itself are Apply's; Wait on the returned
// Commit says when the batch is durable. A commit that fails makes the next
// ApplyAsync (or Flush) fail with ErrCommit, and the batch applied over it
// is discarded. Call Flush after the last batch. Other writers (Apply,
// corrections) wait for the commit in flight first. On a Store that is not
// a Beginner, ApplyAsync is Apply.
func (g *Graph) ApplyAsync(ctx context.Context, cs []Contribution) (ApplyResult, *Commit, error) {
	b, ok := g.s.(Beginner)
	if !ok {
		res, err := g.Apply(ctx, cs)
		if err != nil {
			return ApplyResult{}, nil, err
		}
		return res, landed(nil), nil
	}
	var res ApplyResult
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.updateAsync(ctx, b, g.applyAll(cs, &res))
	if err != nil {
		return ApplyResult{}, nil, err
	}
	return res, c, nil
}

// Flush waits for the commit of the last ApplyAsync batch, and returns its
// error (wrapping ErrCommit), and closes the transaction opened ahead for
// the next batch.
func (g *Graph) Flush() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.drain()
}

// drain ends pipelining (Flush); mu is held.
func (g *Graph) drain() error {
	if g.pipe.next != nil {
		g.pipe.next.Discard()
	}
	var err error
	if c := g.pipe.inflight; c != nil {
		if err = c.Wait(); err != nil {
			g.forget()
			err = fmt.Errorf("%w: %w", ErrCommit, err)
		}
	}
	g.pipe = pipe{}
	return err
}

// forget empties the record cache after a commit failed: promote filled it
// from the batch before it landed.
func (g *Graph) forget() {
	g.cache, g.cached = map[string]*recState{}, 0
}

// updateAsync is update with a background commit; mu is held.
func (g *Graph) updateAsync(ctx context.Context, b Beginner, fn func(w *writer) error) (*Commit, error) {
	p := g.pipe.next
	g.pipe.next = nil
	if p == nil {
		// The first batch, or one after a failed one: nothing is open ahead.
		var err error
		if p, err = b.Begin(ctx); err != nil {
			return nil, err
		}
	}
	rtx := p.Snapshot()
	if g.pipe.layer != nil {
		// The commit in flight may or may not have landed in the snapshot
		// (it has if p was opened just now); its writes laid over the
		// snapshot are right either way.
		rtx = &layer{base: rtx, w: g.pipe.layer, keys: g.pipe.keys}
	}
	w := newWriter(ctx, g, p, rtx, &ApplyResult{})
	err := fn(w)
	if err == nil {
		err = w.flush()
	}
	if err == nil {
		err = ctx.Err() // nothing is committed once ctx is done, as in Update
	}
	g.lastWritten, g.lastDirs = len(w.written), len(w.dirs)
	if err != nil {
		p.Discard()
		return nil, err
	}
	// The next batch's transaction is opened now, before this one commits,
	// so that its snapshot needs only the commit in flight to land, which it
	// has had this batch's whole apply to do.
	next, err := b.Begin(ctx)
	if err != nil {
		p.Discard()
		return nil, err
	}
	if prev := g.pipe.inflight; prev != nil {
		if err := prev.Wait(); err != nil {
			// This batch was applied over writes the store refused.
			next.Discard()
			p.Discard()
			g.forget()
			g.pipe = pipe{}
			return nil, fmt.Errorf("%w: %w", ErrCommit, err)
		}
	}
	c := &Commit{done: make(chan struct{})}
	p.Commit(func(err error) {
		c.err = err
		close(c.done)
	})
	g.pipe = pipe{next: next, inflight: c, layer: w.written, keys: sortedKeys(w.written)}
	g.promote(w)
	return c, nil
}

// layer is a snapshot with a transaction's writes laid over it (see pipe):
// Get and Scan read the writes first, deletions included.
type layer struct {
	base ReadTx
	w    map[string]overlay
	keys []string // w's keys, sorted
}

func (l *layer) Get(k []byte) ([]byte, error) {
	if o, ok := l.w[string(k)]; ok {
		if o.del {
			return nil, ErrNotFound
		}
		return bytes.Clone(o.v), nil
	}
	return l.base.Get(k)
}

// Scan merges the snapshot's keys with the layer's, in order; a key in the
// layer hides the snapshot's.
func (l *layer) Scan(ctx context.Context, prefix, after []byte, fn func(k, v []byte) (bool, error)) error {
	start := string(prefix)
	if after != nil {
		if a := string(after) + "\x00"; a > start {
			start = a
		}
	}
	i := sort.SearchStrings(l.keys, start)
	// at returns the layer's next key in the scan, if any.
	at := func() (string, bool) {
		if i < len(l.keys) && strings.HasPrefix(l.keys[i], string(prefix)) {
			return l.keys[i], true
		}
		return "", false
	}
	stopped := false
	// emit passes the layer's key k on, unless it is a deletion.
	emit := func(k string) (bool, error) {
		o := l.w[k]
		if o.del {
			return true, nil
		}
		more, err := fn([]byte(k), o.v)
		stopped = err != nil || !more
		return more, err
	}
	err := l.base.Scan(ctx, prefix, after, func(bk, bv []byte) (bool, error) {
		for {
			k, ok := at()
			if !ok || k > string(bk) {
				break
			}
			i++
			if k == string(bk) {
				return emit(k)
			}
			if more, err := emit(k); !more || err != nil {
				return more, err
			}
		}
		more, err := fn(bk, bv)
		stopped = err != nil || !more
		return more, err
	})
	if err != nil || stopped {
		return err
	}
	for k, ok := at(); ok; k, ok = at() {
		if err := ctx.Err(); err != nil {
			return err
		}
		i++
		if more, err := emit(k); !more || err != nil {
			return err
		}
	}
	return nil
}
