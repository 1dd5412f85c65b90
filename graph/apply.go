package graph

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// articleRec is the stored form of an article: the public Article (with the
// ids of the officials, meetings and agreements it fed) plus the ministries it
// fed, which RemoveArticle needs and readers do not.
type articleRec struct {
	Article
	Ministries []string `json:"ministries,omitempty"`
	// Pending lists, as "<ministryID>␀<date>", the offices and dates of
	// title-only mentions ("the Algerian interior minister") no known
	// official held when the article was applied; see reapplyPending.
	Pending []string `json:"pending,omitempty"`
}

// Apply merges contributions into the graph in one transaction, in order;
// each contribution sees the ones before it. Outcomes: an article already
// loaded with the same content, under its id or another, changes nothing
// (OutcomeUnchanged); one loaded again under its id with new content has what
// it contributed before removed first (OutcomeReplaced; if the new content
// is already loaded under another id, the article is just removed).
//
// Order. Records are derived from their contributions sorted by article, and
// resolution merges what a later report shows to be one (two meetings a
// report's participants link, agreements a dated report links, an official
// known by a surname and the full name), and title-only mentions wait for
// their office holder, so loading the same articles in any order and any
// batching gives the same graph (ExportCanonical), tested on random corpora.
// The known exceptions: a meeting reported on three consecutive days with no
// participants in common (the middle report joins whichever came first); an
// agreement matched across languages through a meeting that has several
// agreements in several languages; a title-only mention when the graph knows
// several holders of the office, which goes to the nearest known then.
func (g *Graph) Apply(ctx context.Context, cs []Contribution) (ApplyResult, error) {
	var res ApplyResult
	err := g.update(ctx, func(w *writer) error {
		res = ApplyResult{Outcomes: make([]Outcome, 0, len(cs))}
		w.res = &res
		for i := range cs {
			o, err := w.apply(&cs[i])
			if err == nil {
				err = w.reapplyPending()
			}
			if err != nil {
				return fmt.Errorf("graph: apply article %q (#%d): %w", cs[i].Article.ID, i, err)
			}
			res.Outcomes = append(res.Outcomes, o)
		}
		return nil
	})
	if err != nil {
		return ApplyResult{}, err
	}
	return res, nil
}

// recState is a record being changed in a transaction: its contributions,
// its derived public form, and the index entries currently in the
// transaction for it.
//
// Deriving a record is linear in its contributions, and a foreign minister
// has thousands, so adding a contribution does not derive again: it marks
// the record stale, writes the resolution index entries the contribution
// implies (they only ever grow when contributions are added) and updates the
// summaries resolution checks (below). The record is derived, and its index
// entries set exactly, once, at flush, or earlier if something needs its
// public form (pubOf).
type recState struct {
	id      string
	cs      []contribution          // sorted by (article, seq)
	stored  map[string]bool         // contribution keys in the store; read-only until promote
	touched map[string]contribution // contributions to write at flush, by key
	gone    map[string]bool         // contribution keys removed in this transaction
	pub     any                     // nil: no contributions; may be stale
	stale   bool
	existed bool
	idx     map[string]string // index entries in the transaction for this record, but its sources'
	dirty   bool
	shrunk  bool // contributions removed or bodies replaced: summaries need recomputing

	// src: the entries of its sources (sourceList), apart, since only they
	// change as a hot record is reported again; srcOf and srcVer: the
	// derivation, and the version of its sources, that src and the sources
	// of pub were made from.
	src    []entry
	srcOf  *derivation
	srcVer int

	// d summarises cs for deriving (records.go): contributions added are
	// added to it, so a stale record with thousands of contributions derives
	// again at the cost of its new ones. nil when a contribution was removed
	// or changed in place: refresh derives from all of them then.
	d       *derivation
	changed bool // the public form differs from the stored one
	idxGen  int  // d.xgen when idx was computed from the current pub, or -1

	// lazy: cs and stored are not loaded (a cached record: see promote);
	// d, the summaries and idx are current. Adding a contribution needs no
	// more; anything that reads or changes the contributions loads them
	// (writer.load → materialize).
	lazy bool
	// size and used: a cached state's cacheSize, and the promotion that
	// cached it last (the cache drops the least recently used first).
	size int
	used uint64

	// Summaries, always current.
	offSum           // officials: what resolution compares
	parts  stringSet // meetings: participants
	langs  stringSet // agreements: languages of the reports
	arts   stringSet // meetings: articles reporting it
	dates  stringSet // agreements: the dates reports gave
}

// offSum is what official resolution compares of a candidate: the countries
// and portfolios of its mentions and the strict keys of every name form.
type offSum struct {
	countries  stringSet
	portfolios stringSet
	strict     stringSet
}

// clone copies the summaries (a cached state's sets grow in place as a
// later transaction adds to them).
func (s *offSum) clone() *offSum {
	return &offSum{maps.Clone(s.countries), maps.Clone(s.portfolios), maps.Clone(s.strict)}
}

func (st *recState) live() bool {
	if st.lazy {
		return st.d.n > 0
	}
	return len(st.cs) > 0
}

// take readies a state taken out of the cache for a new transaction.
func (st *recState) take() *recState {
	st.touched, st.gone = map[string]contribution{}, map[string]bool{}
	st.dirty, st.stale, st.changed = false, false, false
	return st
}

// drop removes the contributions keep rejects.
func (st *recState) drop(remove func(c *contribution) bool) {
	kept := st.cs[:0]
	for i := range st.cs {
		c := st.cs[i]
		if remove(&c) {
			k := string(contribKey(st.id, c.Article, c.Seq))
			st.gone[k] = true
			delete(st.touched, k)
			continue
		}
		kept = append(kept, c)
	}
	clear(st.cs[len(kept):])
	st.cs = kept
	st.shrunk = true
	st.d = nil
}

// summarize recomputes the summaries from all contributions.
func (st *recState) summarize() {
	st.countries, st.portfolios, st.strict, st.parts = stringSet{}, stringSet{}, stringSet{}, stringSet{}
	st.langs, st.arts, st.dates = stringSet{}, stringSet{}, stringSet{}
	for i := range st.cs {
		st.summarizeOne(&st.cs[i])
	}
}

func (st *recState) summarizeOne(c *contribution) {
	switch {
	case c.Off != nil:
		st.countries.add(c.Off.Country)
		st.portfolios.add(c.Off.Portfolio)
		for _, f := range offForms(c.Off) {
			st.strict.add(nameKey(f))
		}
	case c.Meet != nil:
		st.parts.add(c.Meet.Participants...)
		st.arts.add(c.Article)
	case c.Agr != nil:
		st.langs.add(c.Agr.Lang)
		st.dates.add(c.Agr.Date)
	}
}

// offForms lists the name forms of an official mention.
func offForms(m *offContrib) []string {
	s := stringSet{}
	for _, n := range m.Names {
		s.add(n.Text)
	}
	s.add(m.Latin)
	return s.sorted()
}

// derived returns the record's derivation, current with its contributions,
// without deriving its public form and index entries again as pubOf does
// for a stale record. For a meeting or an agreement the public form is the
// derivation's result (corrections only rename officials), so a lookup
// that reads a few of its fields can read them here.
func (w *writer) derived(st *recState) (*derivation, error) {
	if st.lazy && (st.d == nil || st.shrunk) {
		if err := w.materialize(st); err != nil {
			return nil, err
		}
	}
	if st.d == nil || st.shrunk || (!st.lazy && st.d.n != len(st.cs)) {
		st.d = deriveAll(st.id, st.cs)
		st.idxGen = -1
	}
	return st.d, nil
}

// pubOf returns the record's public form, derived again if stale.
func (w *writer) pubOf(st *recState) (any, error) {
	if st.stale {
		if err := w.refresh(st); err != nil {
			return nil, err
		}
	}
	return st.pub, nil
}

// writer is one write transaction. It writes through tx but reads through
// rtx, a snapshot of the same committed state (writers are serialised by
// Graph.mu), plus an overlay of its own writes: engines merge and sort a
// transaction's pending writes on every scan (Badger's pending-writes
// iterator does, so does memstore), which made the many small lookups of
// resolution quadratic in the batch size.
type writer struct {
	ctx          context.Context
	g            *Graph
	tx           Tx
	rtx          ReadTx
	res          *ApplyResult
	recs         map[string]*recState
	order        []string
	counts       map[string]int    // kind → change of the record count
	renamed      map[string]string // merged meeting or agreement → the one it went into
	waiting      []string          // pending articles to apply again (reapplyPending)
	pendingAdded map[string]bool   // pending keys written in this transaction
	reapplied    map[string]bool
	written      map[string]overlay         // key → what this transaction wrote
	dirs         map[string]map[string]bool // index key without its last part → id → present
	// agrDates: for each agreement-resolution directory (gr␀<countries>␀
	// <subject>␀), the inverted dates under which this transaction wrote or
	// deleted entries, so that a date-range lookup finds them in dirs.
	agrDates map[string]stringSet
	// fresh: articles the snapshot does not hold and this transaction had
	// not written before applying them, so none of their contributions can
	// be in the store (addContribution skips looking).
	fresh map[string]bool
	// resPut: hashes of the resolution directories this transaction wrote
	// entries in (see resFilter).
	resPut []uint64
}

type overlay struct {
	v   []byte
	del bool
}

func newWriter(ctx context.Context, g *Graph, tx Tx, rtx ReadTx, res *ApplyResult) *writer {
	// The overlay and the directories start at the size the last
	// transaction reached: a load's batches are alike, and growing them to
	// thousands of keys rehashed each several times per batch.
	return &writer{ctx: ctx, g: g, tx: tx, rtx: rtx, res: res, recs: map[string]*recState{},
		counts: map[string]int{}, written: make(map[string]overlay, g.lastWritten), dirs: make(map[string]map[string]bool, g.lastDirs),
		renamed: map[string]string{}, reapplied: map[string]bool{}, pendingAdded: map[string]bool{},
		agrDates: map[string]stringSet{}, fresh: map[string]bool{}}
}

// update runs fn with a writer in one transaction and flushes it. Writers are
// serialised: the overlay scheme needs the snapshot to be the state the
// transaction started from.
func (g *Graph) update(ctx context.Context, fn func(w *writer) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	var last *writer
	err := g.s.Update(ctx, func(tx Tx) error {
		return g.s.View(ctx, func(rtx ReadTx) error {
			w := newWriter(ctx, g, tx, rtx, &ApplyResult{})
			last = w
			if err := fn(w); err != nil {
				return err
			}
			return w.flush()
		})
	})
	if err == nil {
		g.promote(last)
	}
	if last != nil {
		g.lastWritten, g.lastDirs = len(last.written), len(last.dirs)
	}
	return err
}

// The record cache keeps, between transactions, the state of records with
// many contributions (a foreign minister named in thousands of articles), so
// that a batch touching them does not read and decode all their
// contributions again. It is only filled from committed transactions, and
// only this Graph writes its Store (writers hold mu), so it stays true.
//
// The cache is bounded in bytes as well as in records: a hot record's state
// holds its 200 sources twice over (the derivation's, with their index
// entries) and its roles' sources, about 230 KB for the generated corpus's
// busiest officials (268 of them took 63 MB after 100k articles, measured),
// so a world with thousands of officials named often would otherwise fill
// the cache's 4,096 places with a gigabyte, past the loader's heap limit.
// Past either bound, the records least recently used leave it, until it is
// down to three quarters of each.
const (
	cacheMinContribs = 16   // records with fewer are cheap to read again
	cacheMaxRecords  = 4096 // records the cache keeps at most
)

// sumsMax bounds the officials whose summaries Graph.sums keeps: about
// 850 bytes each for a name in three spellings (measured), so 28 MB at most.
// A variable for tests.
var sumsMax = 1 << 15

// cacheMaxBytes bounds the estimated heap of the cached records
// (cacheSize); 0, the default, means cacheBound's. A variable for tests,
// which make it small.
var cacheMaxBytes = 0

// cacheBound is the cache's bound in bytes: 128 MiB, or a fifth of the Go
// heap's soft limit when that is less (128 MiB of the loader's 640).
// Badger's memtables and table builders take most of the rest of the limit.
// The generated corpus's hot records take 63 MB; a world of many officials
// fills any bound, and the collector marks all the cache holds at every
// cycle, more often the closer the heap runs to its limit: on 100k articles
// of gen --turnover 12, 128 MiB loaded at 0.91 ms of CPU per article, 256
// MiB at 1.17-1.25 (two runs each; 64 MiB 0.86, but 0.68 against 0.57 for
// the default corpus, whose hot records no longer fit).
func cacheBound() int {
	if cacheMaxBytes > 0 {
		return cacheMaxBytes
	}
	b := int64(128 << 20)
	if l := debug.SetMemoryLimit(-1); l < math.MaxInt64 {
		b = min(b, l/5)
	}
	return int(b)
}

// promote moves the records a committed transaction touched into the cache,
// without their contributions: a cached record is its derivation, summaries
// and index entries, so its size does not grow with its contributions.
func (g *Graph) promote(w *writer) {
	if g.pendMins != nil {
		for k := range w.pendingAdded {
			mid, _, _ := strings.Cut(k[len(pPending):], sep)
			g.pendMins[mid] = true
		}
	}
	for _, id := range w.order {
		st := w.recs[id]
		if KindOf(id) == KindOfficial {
			if st.live() && !st.shrunk {
				g.sums[id] = st.offSum.clone()
			} else {
				delete(g.sums, id)
			}
		}
		small := !st.lazy && len(st.cs) < cacheMinContribs
		if !st.live() || small || st.d == nil || st.stale {
			if old := g.cache[id]; old != nil {
				g.uncache(id, old)
			}
			continue
		}
		st.cs, st.stored, st.lazy = nil, map[string]bool{}, true
		st.touched, st.gone = map[string]contribution{}, map[string]bool{}
		st.existed, st.dirty, st.stale, st.changed = true, false, false, false
		if old := g.cache[id]; old != nil {
			g.uncache(id, old)
		}
		st.size, st.used = st.cacheSize(), g.promotions
		g.cache[id] = st
		g.cachedBytes += st.size
	}
	if len(g.sums) > sumsMax {
		// Any will do (map order is random): one dropped is read again
		// when next compared.
		for id := range g.sums {
			if len(g.sums) <= sumsMax/4*3 {
				break
			}
			delete(g.sums, id)
		}
	}
	g.promotions++
	if bound := cacheBound(); len(g.cache) > cacheMaxRecords || g.cachedBytes > bound {
		g.shrinkCache(bound)
	}
}

// uncache takes a record out of the cache.
func (g *Graph) uncache(id string, st *recState) {
	delete(g.cache, id)
	g.cachedBytes -= st.size
}

// shrinkCache drops the records least recently promoted until the cache
// holds at most three quarters of its bounds.
func (g *Graph) shrinkCache(bound int) {
	type aged struct {
		id   string
		used uint64
	}
	all := make([]aged, 0, len(g.cache))
	for id, st := range g.cache {
		all = append(all, aged{id, st.used})
	}
	slices.SortFunc(all, func(a, b aged) int { return cmp.Compare(a.used, b.used) })
	for _, a := range all {
		if len(g.cache) <= cacheMaxRecords*3/4 && g.cachedBytes <= bound/4*3 {
			break
		}
		g.uncache(a.id, g.cache[a.id])
	}
}

// cacheSize estimates the heap a cached record's state holds: its sources,
// each kept by the derivation with its index entry and listed again by the
// public form and the entries written, its roles' sources, its other index
// entries, and a little for the rest (votes, names, summaries). Within 2 %
// of the heap measured for the generated corpus's hot records (62.6 against
// 63.0 MB after 100k articles).
func (st *recState) cacheSize() int {
	n := 4096
	add := func(s *sources) {
		for i := range s.list {
			p := &s.list[i]
			n += len(p.s.Article) + len(p.s.Sentence) + len(p.key) + len(p.val) + 256
		}
	}
	if st.d != nil {
		add(&st.d.src)
		if o := st.d.off; o != nil {
			for _, r := range o.roles {
				add(&r.src)
			}
		}
	}
	for k, v := range st.idx {
		n += len(k) + len(v) + 64
	}
	return n + 48*len(st.src)
}

// DropCache frees the hot records Apply keeps between batches (up to
// cacheMaxRecords derivations with their index entries, and cacheBound's
// bytes: 61 MB of a 160 MB live heap after 300k articles) and the officials'
// summaries (up to sumsMax), which only speed up further writes: a process
// that goes on serving queries after a load would carry them, and every
// garbage collection would mark them. The next Apply reads them again.
func (g *Graph) DropCache() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.cache = map[string]*recState{}
	g.cachedBytes = 0
	g.sums = map[string]*offSum{}
}

// materialize loads the contributions of a lazy state: the committed ones
// from the snapshot (contributions are written at flush only) with this
// transaction's added over them.
func (w *writer) materialize(st *recState) error {
	if !st.lazy {
		return nil
	}
	var cs []contribution
	stored := map[string]bool{}
	err := w.rtx.Scan(w.ctx, keyDir(pContrib, st.id), nil, func(k, v []byte) (bool, error) {
		stored[string(k)] = true
		if _, ok := st.touched[string(k)]; ok {
			return true, nil
		}
		c, err := decodeContribution(st.id, k, v)
		if err != nil {
			return false, err
		}
		cs = append(cs, c)
		return true, nil
	})
	if err != nil {
		return err
	}
	for _, c := range st.touched {
		cs = append(cs, c)
	}
	sortContributions(cs)
	st.cs, st.stored, st.lazy = cs, stored, false
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (w *writer) get(k []byte) ([]byte, error) {
	if o, ok := w.written[string(k)]; ok {
		if o.del {
			return nil, ErrNotFound
		}
		return o.v, nil
	}
	return w.rtx.Get(k)
}

func (w *writer) put(k, v []byte, index bool) error {
	w.written[string(k)] = overlay{v: v}
	if index {
		w.dir(k, true)
	}
	w.notePut(k)
	return w.tx.Put(k, v)
}

func (w *writer) del(k []byte, index bool) error {
	w.written[string(k)] = overlay{del: true}
	if index {
		w.dir(k, false)
	}
	return w.tx.Delete(k)
}

func (w *writer) dir(k []byte, present bool) {
	i := bytes.LastIndexByte(k, 0)
	d := string(k[:i+1])
	m := w.dirs[d]
	if m == nil {
		m = map[string]bool{}
		w.dirs[d] = m
	}
	m[string(k[i+1:])] = present
	if bytes.HasPrefix(k, []byte(pAgrRes)) {
		if j := bytes.LastIndexByte(k[:i], 0); j >= 0 {
			ds := w.agrDates[string(k[:j+1])]
			if ds == nil {
				ds = stringSet{}
				w.agrDates[string(k[:j+1])] = ds
			}
			ds.add(string(k[j+1 : i]))
		}
	}
}

func (w *writer) count(kind string) (int, error) {
	v, err := w.get(key(pCount, kind))
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return 0, fmt.Errorf("count of %s: %q: %w", kind, v, err)
	}
	return n, nil
}

// load returns the state of a record with its contributions, reading it
// once per transaction.
func (w *writer) load(id string) (*recState, error) {
	st, err := w.light(id)
	if err == nil {
		err = w.materialize(st)
	}
	return st, err
}

// light is load for callers that do not read or change the contributions
// (adding one, resolution's summaries, the public form): a cached record
// comes without them.
func (w *writer) light(id string) (*recState, error) {
	if st := w.recs[id]; st != nil {
		return st, nil
	}
	if c := w.g.cache[id]; c != nil {
		// The transaction takes the state out of the cache instead of
		// copying it (a hot record's derivation is large): promote puts it
		// back when the transaction commits, and if it fails the record is
		// read again from the store next time.
		w.g.uncache(id, c)
		st := c.take()
		w.recs[id] = st
		w.order = append(w.order, id)
		return st, nil
	}
	st := &recState{id: id, stored: map[string]bool{}, touched: map[string]contribution{}, gone: map[string]bool{}}
	v, err := w.get(key(recordPrefix(id), id))
	switch {
	case err == nil:
		st.existed = true
		// Contributions are written at flush only, so for a record not yet
		// loaded the snapshot is current.
		err = w.rtx.Scan(w.ctx, keyDir(pContrib, id), nil, func(k, v []byte) (bool, error) {
			c, err := decodeContribution(id, k, v)
			if err != nil {
				return false, err
			}
			st.stored[string(k)] = true
			st.cs = append(st.cs, c)
			return true, nil
		})
		if err != nil {
			return nil, err
		}
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	sortContributions(st.cs)
	st.d = deriveAll(id, st.cs)
	if st.pub, err = w.corrected(st.d.result()); err != nil {
		return nil, err
	}
	st.idx, st.src = map[string]string{}, nil
	if st.pub != nil {
		st.idx = restEntriesOf(st.pub, st.d)
		st.src = sourceList(st.pub, st.d)
	}
	st.srcOf, st.srcVer = st.d, st.d.src.ver
	st.idxGen = st.d.xgen
	// A record stored whole by an earlier version is rewritten in the
	// stored form (encode) at its next change.
	st.changed = st.existed && externalSources(st.pub) && !bytes.HasSuffix(v, []byte(`"sources":null}`))
	st.summarize()
	w.recs[id] = st
	w.order = append(w.order, id)
	return st, nil
}

// offSummary returns what resolution compares of official id, or nil when
// no live record has that id. It reads the record only when the graph does
// not hold its summaries already: in this transaction's states, in the
// record cache, or among those kept from committed transactions
// (Graph.sums), which are current for any record this transaction has not
// read.
func (w *writer) offSummary(id string) (*offSum, error) {
	if st := w.recs[id]; st != nil {
		if !st.live() {
			return nil, nil
		}
		return &st.offSum, nil
	}
	if c := w.g.cache[id]; c != nil {
		return &c.offSum, nil // only live records are cached
	}
	if s := w.g.sums[id]; s != nil {
		return s, nil
	}
	st, err := w.light(id)
	if err != nil || !st.live() {
		return nil, err
	}
	return &st.offSum, nil
}

// exists says whether a record id is taken, in this transaction.
func (w *writer) exists(id string) (bool, error) {
	if st := w.recs[id]; st != nil {
		return st.live() || w.renamed[id] != "", nil
	}
	_, err := w.get(key(recordPrefix(id), id))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// newID returns base, or base-2, base-3… if taken (a record whose first
// natural key collides with another's, or an id freed and reused).
func (w *writer) newID(base string) (string, error) {
	id := base
	for n := 2; ; n++ {
		taken, err := w.exists(id)
		if err != nil || !taken {
			return id, err
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

func shortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, sep)))
	return hex.EncodeToString(h[:6])
}

// refresh derives the record again and brings its index entries in the
// transaction up to date, so that later lookups in the same batch see it.
func (w *writer) refresh(st *recState) error {
	st.dirty, st.stale = true, false
	if _, err := w.derived(st); err != nil {
		return err
	}
	pub, err := w.corrected(st.d.result())
	if err != nil {
		return err
	}
	// A hot record's public form mostly stays the same as reports come in
	// (its name and roles settle; its sources are index entries, below):
	// it is written only when it changed. Once it holds MaxRecordSources,
	// later reports leave its sources as they are: the derivation's version
	// of them says so, without comparing two hundred of them.
	srcSame := st.srcOf == st.d && st.srcVer == st.d.src.ver && st.pub != nil && pub != nil
	var samePub, sameRest bool
	if srcSame {
		sameRest = reflect.DeepEqual(withoutSources(st.pub), withoutSources(pub))
		samePub = sameRest
	} else {
		samePub = reflect.DeepEqual(st.pub, pub)
		sameRest = samePub || reflect.DeepEqual(withoutSources(st.pub), withoutSources(pub))
	}
	st.changed = st.changed || !sameRest
	// The index entries other than the sources' depend on the record
	// (sources only through their number, in search labels) and on the
	// summaries counted by xgen: when neither changed, only the sources'
	// entries are made again (names are not keyed again).
	idxValid := st.idxGen >= 0 && st.idxGen == st.d.xgen
	if samePub && idxValid {
		st.pub = pub
		return w.summarizeShrunk(st)
	}
	nextSrc := st.src
	next, restSame := st.idx, false
	switch {
	case pub == nil:
		next, nextSrc = map[string]string{}, nil
	case sameRest && idxValid && len(*sourcesOf(st.pub)) == len(*sourcesOf(pub)):
		// Only the sources' entries can have changed: the others stay.
		restSame = true
		if !srcSame {
			nextSrc = sourceList(pub, st.d)
		}
	default:
		next = restEntriesOf(pub, st.d)
		if !srcSame {
			nextSrc = sourceList(pub, st.d)
		}
	}
	st.pub = pub
	if !srcSame {
		if err := w.replaceList(st.src, nextSrc); err != nil {
			return err
		}
	}
	if !restSame {
		if err := w.replaceEntries(st.idx, next); err != nil {
			return err
		}
	}
	st.idx, st.src, st.idxGen = next, nextSrc, st.d.xgen
	st.srcOf, st.srcVer = st.d, st.d.src.ver
	return w.summarizeShrunk(st)
}

// replaceList is replaceEntries for two lists of entries in key order.
func (w *writer) replaceList(old, next []entry) error {
	i, j := 0, 0
	for i < len(old) || j < len(next) {
		switch {
		case j == len(next) || i < len(old) && old[i].k < next[j].k:
			if err := w.del([]byte(old[i].k), true); err != nil {
				return err
			}
			i++
		case i == len(old) || next[j].k < old[i].k:
			if err := w.put([]byte(next[j].k), []byte(next[j].v), true); err != nil {
				return err
			}
			j++
		default:
			if old[i].v != next[j].v {
				if err := w.put([]byte(next[j].k), []byte(next[j].v), true); err != nil {
					return err
				}
			}
			i, j = i+1, j+1
		}
	}
	return nil
}

// replaceEntries writes the index entries of next that old lacks or holds
// with another value, and deletes those of old that next lacks.
func (w *writer) replaceEntries(old, next map[string]string) error {
	for k := range old {
		if _, ok := next[k]; !ok {
			if err := w.del([]byte(k), true); err != nil {
				return err
			}
		}
	}
	for k, v := range next {
		if o, ok := old[k]; !ok || o != v {
			if err := w.put([]byte(k), []byte(v), true); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) summarizeShrunk(st *recState) error {
	if st.shrunk {
		// Additions keep the summaries current (summarizeOne); removals
		// cannot be undone from a summary.
		st.summarize()
		st.shrunk = false
	}
	return nil
}

// grow writes the resolution index entries one new contribution implies,
// keeping what is there: enough for lookups later in the batch until the
// record is derived again.
func (w *writer) grow(st *recState, c *contribution) error {
	next := map[string]string{}
	put := func(k []byte) { next[string(k)] = "" }
	switch {
	case c.Off != nil:
		country := c.Off.Country
		if o, _ := st.pub.(*Official); country == "" && o != nil {
			country = o.Country
		}
		for _, f := range offForms(c.Off) {
			sk, lk := nameKey(f), looseKey(f)
			put(key(pOffStrict, country, sk, st.id))
			put(key(pOffLoose, country, lk, st.id))
			put(key(pOffKey, sk, st.id))
			put(key(pOffLKey, lk, st.id))
			for _, t := range strings.Fields(sk) {
				put(key(pOffToken, country, t, st.id))
			}
		}
		if c.Off.Country != "" && c.Off.Portfolio != "" {
			put(key(pOffMin, MinistryID(c.Off.Country, c.Off.Portfolio), st.id))
		}
	case c.Meet != nil:
		put(key(pMeetRes, meetingGroup(c.Meet.Kind), strings.Join(c.Meet.Countries, ","), c.Meet.Date, st.id))
	case c.Agr != nil:
		// Every entry of the agreement carries its date range (dateRange):
		// a new date may widen it, so the entries already written follow.
		rng := dateRange(st.dates)
		next[string(key(pAgrRes, strings.Join(c.Agr.Countries, ","), subjectKey(c.Agr.Subject), invDate(c.Agr.Date), st.id))] = rng
		for k, v := range st.idx {
			if v != rng && strings.HasPrefix(k, pAgrRes) {
				next[k] = rng
			}
		}
	}
	for k, v := range next {
		if old, ok := st.idx[k]; ok && old == v {
			continue
		}
		if err := w.put([]byte(k), []byte(v), true); err != nil {
			return err
		}
		st.idx[k] = v
		st.idxGen = -1 // may be an entry the derived record does not imply
	}
	return nil
}

func (w *writer) addContribution(id string, c contribution) (*recState, error) {
	st, err := w.light(id)
	if err != nil {
		return nil, err
	}
	ck := contribKey(id, c.Article, c.Seq)
	if st.lazy {
		// A contribution replaced (the same article and mention again)
		// needs them all: d cannot take the old one out.
		_, again := st.touched[string(ck)]
		if !again && !w.fresh[c.Article] {
			switch _, err := w.rtx.Get(ck); {
			case err == nil:
				again = true
			case !errors.Is(err, ErrNotFound):
				return nil, err
			}
		}
		if !again {
			st.touched[string(ck)] = c
			st.d.add(&c)
			st.dirty, st.stale = true, true
			st.summarizeOne(&c)
			return st, w.grow(st, &c)
		}
		if err := w.materialize(st); err != nil {
			return nil, err
		}
	}
	i := sort.Search(len(st.cs), func(i int) bool {
		x := st.cs[i]
		return x.Article > c.Article || (x.Article == c.Article && x.Seq >= c.Seq)
	})
	st.touched[string(contribKey(id, c.Article, c.Seq))] = c
	if i < len(st.cs) && st.cs[i].Article == c.Article && st.cs[i].Seq == c.Seq {
		st.cs[i] = c
		st.d = nil // a changed contribution cannot be taken out of d
	} else {
		st.cs = append(st.cs, contribution{})
		copy(st.cs[i+1:], st.cs[i:])
		st.cs[i] = c
		if st.d != nil {
			st.d.add(&c)
		}
	}
	st.dirty, st.stale = true, true
	st.summarizeOne(&c)
	return st, w.grow(st, &c)
}

// flush writes every changed record and its contributions, and the counts.
func (w *writer) flush() error {
	for _, id := range w.order {
		st := w.recs[id]
		if !st.dirty {
			continue
		}
		if st.stale {
			if err := w.refresh(st); err != nil {
				return err
			}
		}
		rk := key(recordPrefix(id), id)
		// Deletes first: a key removed and added again in this transaction
		// is in both sets, and the later put wins.
		for _, k := range sortedKeys(st.gone) {
			if st.stored[k] {
				if err := w.del([]byte(k), false); err != nil {
					return err
				}
			}
		}
		for _, k := range sortedKeys(st.touched) {
			c := st.touched[k]
			if err := w.put([]byte(k), c.encodedBody(), false); err != nil {
				return err
			}
		}
		if st.pub != nil {
			if st.changed || !st.existed {
				if err := w.put(rk, encode(st.pub), false); err != nil {
					return err
				}
			}
			if !st.existed {
				w.counts[KindOf(id)]++
				if KindOf(id) == KindOfficial || KindOf(id) == KindMinistry {
					w.res.NodesAdded++
				} else {
					w.res.EdgesAdded++
				}
			}
		} else {
			if err := w.del(rk, false); err != nil {
				return err
			}
			if st.existed {
				w.counts[KindOf(id)]--
			}
		}
	}
	kinds := make([]string, 0, len(w.counts))
	for k := range w.counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		if w.counts[kind] == 0 {
			continue
		}
		n, err := w.count(kind)
		if err != nil {
			return err
		}
		if err := w.put(key(pCount, kind), []byte(strconv.Itoa(n+w.counts[kind])), false); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) article(id string) (*articleRec, error) {
	v, err := w.get(key(pArticle, id))
	if err != nil {
		return nil, err
	}
	var a articleRec
	if err := decode(v, &a); err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	return &a, nil
}

// contentHash stands in for Article.Hash when the caller left it empty: a
// digest of everything the contribution says.
func contentHash(c *Contribution) string {
	a := c.Article
	a.Officials, a.Meetings, a.Agreements, a.Hash = nil, nil, nil, ""
	h := sha256.Sum256(encode(struct {
		A Article
		O []OfficialMention
		M []MeetingMention
		G []AgreementMention
	}{a, c.Officials, c.Meetings, c.Agreements}))
	return "c:" + hex.EncodeToString(h[:16])
}

func (w *writer) apply(c *Contribution) (Outcome, error) {
	id := c.Article.ID
	if id == "" {
		return "", errors.New("article id: empty")
	}
	if strings.Contains(id, sep) {
		return "", errors.New("article id: contains a NUL byte")
	}
	hash := c.Article.Hash
	if hash == "" {
		hash = contentHash(c)
	}
	old, err := w.article(id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", err
	}
	if old != nil && old.Hash == hash {
		return OutcomeUnchanged, nil
	}
	owner, err := w.get(key(pHash, hash))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", err
	}
	if old == nil {
		if owner != nil {
			return OutcomeUnchanged, nil
		}
		if _, written := w.written[string(key(pArticle, id))]; !written {
			w.fresh[id] = true
		}
		return OutcomeLoaded, w.addArticle(c, hash, nil)
	}
	if err := w.removeArticle(old); err != nil {
		return "", err
	}
	if owner != nil && string(owner) != id {
		// The new content is already loaded under another id: the old
		// content is gone and the new one is not counted twice.
		return OutcomeReplaced, nil
	}
	return OutcomeReplaced, w.addArticle(c, hash, nil)
}

func (w *writer) removeArticle(a *articleRec) error {
	ids := stringSet{}
	ids.add(a.Officials...)
	ids.add(a.Ministries...)
	ids.add(a.Meetings...)
	ids.add(a.Agreements...)
	for _, rid := range ids.sorted() {
		st, err := w.load(rid)
		if err != nil {
			return err
		}
		st.drop(func(c *contribution) bool { return c.Article == a.ID })
		if err := w.refresh(st); err != nil {
			return err
		}
	}
	if err := w.del(key(pArticle, a.ID), false); err != nil {
		return err
	}
	for _, p := range a.Pending {
		if err := w.del(key(pPending, p, a.ID), false); err != nil {
			return err
		}
	}
	owner, err := w.get(key(pHash, a.Hash))
	if err == nil && string(owner) == a.ID {
		err = w.del(key(pHash, a.Hash), false)
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	w.counts[KindArticle]--
	return nil
}

// addArticle merges a new article. pins, when set, gives the official some
// of its mentions must go to (by mention index), bypassing resolution.
func (w *writer) addArticle(c *Contribution, hash string, pins map[int]string) error {
	aid := c.Article.ID
	refs := map[string]string{}
	offs, mins, meets, agrs := stringSet{}, stringSet{}, stringSet{}, stringSet{}
	pending, holds := stringSet{}, stringSet{}
	for i := range c.Officials {
		m := &c.Officials[i]
		oid, err := pins[i], error(nil)
		if oid == "" {
			oid, err = w.resolveCorrected(aid, m)
		}
		if err != nil {
			return fmt.Errorf("officials[%d]: %w", i, err)
		}
		if oid == "" {
			// Nameless and no known holder of the office: kept pending until
			// one is known (see reapplyPending).
			if len(m.Names) == 0 && m.Country != "" && m.Portfolio != "" {
				pending.add(MinistryID(m.Country, m.Portfolio) + sep + m.Date)
			}
			continue
		}
		if m.Country != "" && m.Portfolio != "" {
			holds.add(MinistryID(m.Country, m.Portfolio) + sep + m.Date)
		}
		refs[m.Ref] = oid
		offs.add(oid)
		var offBody, minBody []byte // encoded by Contribution.Prepare, or nil
		if m.bodies != nil {
			offBody, minBody = m.bodies.off, m.bodies.min
		}
		_, err = w.addContribution(oid, contribution{Article: aid, Seq: i, Off: offContribOf(m), encoded: offBody})
		if err != nil {
			return err
		}
		if mentionsMinistry(m) {
			mid := MinistryID(m.Country, m.Portfolio)
			mins.add(mid)
			_, err := w.addContribution(mid, contribution{Article: aid, Seq: i, Min: minContribOf(m), encoded: minBody})
			if err != nil {
				return err
			}
		}
	}
	resolveRefs := func(rs []string) []string {
		s := stringSet{}
		for _, r := range rs {
			s.add(refs[r])
		}
		return s.sorted()
	}
	meetIDs := make([]string, len(c.Meetings))
	for j := range c.Meetings {
		mm := &c.Meetings[j]
		parts := resolveRefs(mm.Participants)
		cs := stringSet{}
		cs.add(mm.Countries...)
		countries := cs.sorted()
		mid, err := w.resolveMeeting(aid, mm.Kind, mm.Date, countries, parts)
		if err != nil {
			return fmt.Errorf("meetings[%d]: %w", j, err)
		}
		meetIDs[j] = mid
		meets.add(mid)
		_, err = w.addContribution(mid, contribution{Article: aid, Seq: j, Meet: &meetContrib{
			Kind: mm.Kind, Status: mm.Status, Date: mm.Date, Place: mm.Place, Host: mm.Host,
			Countries: countries, Participants: parts, Topics: sortedSet(mm.Topics),
			Code: mm.Code, Sources: mm.Sources,
		}})
		if err != nil {
			return err
		}
	}
	for k := range c.Agreements {
		am := &c.Agreements[k]
		cs := stringSet{}
		cs.add(am.Countries...)
		countries := cs.sorted()
		meeting := ""
		if am.Meeting >= 0 && am.Meeting < len(meetIDs) {
			meeting = w.rename(meetIDs[am.Meeting])
		}
		gid, err := w.resolveAgreement(am, c.Article.Lang, countries, meeting)
		if err != nil {
			return fmt.Errorf("agreements[%d]: %w", k, err)
		}
		agrs.add(gid)
		_, err = w.addContribution(gid, contribution{Article: aid, Seq: k, Agr: &agrContrib{
			Kind: am.Kind, Status: am.Status, Subject: am.Subject, Lang: c.Article.Lang, Date: am.Date,
			Countries: countries, Signatories: resolveRefs(am.Signatories), Meeting: meeting,
			Topics: sortedSet(am.Topics), Code: am.Code, Sources: am.Sources,
		}})
		if err != nil {
			return err
		}
		if meeting != "" {
			// The meeting's agreements are what its reports linked to it.
			st, err := w.load(meeting)
			if err != nil {
				return err
			}
			for i := range st.cs {
				if x := &st.cs[i]; x.Article == aid && x.Seq == am.Meeting {
					// This article's own contribution, so not shared with the
					// cache; touched holds the same body.
					x.Meet.Agreements = sortedSet(append(x.Meet.Agreements, gid))
				}
			}
			st.dirty, st.stale, st.d = true, true, nil
		}
	}
	a := articleRec{Article: c.Article, Ministries: mins.sorted(), Pending: pending.sorted()}
	a.Hash = hash
	for _, set := range []stringSet{meets, agrs} {
		for m := range set {
			if n := w.rename(m); n != m {
				delete(set, m)
				set.add(n)
			}
		}
	}
	a.Officials, a.Meetings, a.Agreements = offs.sorted(), meets.sorted(), agrs.sorted()
	if err := w.put(key(pArticle, aid), encode(&a), false); err != nil {
		return err
	}
	if err := w.put(key(pHash, hash), []byte(aid), false); err != nil {
		return err
	}
	w.counts[KindArticle]++
	if len(a.Pending) > 0 {
		stored := *c
		stored.Article.Hash = hash
		body := encode(&stored)
		for _, p := range a.Pending {
			k := key(pPending, p, aid)
			if err := w.put(k, body, false); err != nil {
				return err
			}
			w.pendingAdded[string(k)] = true
		}
	}
	// Articles waiting for a holder of an office this one names, on a date
	// near enough for holder to attach them.
	for _, h := range holds.sorted() {
		mid, date, _ := strings.Cut(h, sep)
		ids, err := w.scanPending(mid, date)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if id != aid && !w.reapplied[id] {
				w.waiting = append(w.waiting, id)
			}
		}
	}
	return nil
}

// scanPending lists the articles waiting for a holder of ministry mid whose
// mention is undated or within holderSlack days of date (any, if date is "").
func (w *writer) scanPending(mid, date string) ([]string, error) {
	lo, hi := "", "~"
	if date != "" {
		var ok bool
		if lo, ok = shiftDate(date, -holderSlack); !ok {
			lo = ""
		} else {
			hi, _ = shiftDate(date, holderSlack)
		}
	}
	in := func(k string) (id string, ok, past bool) {
		parts := strings.Split(k[len(pPending):], sep)
		if len(parts) != 3 || parts[0] != mid {
			return "", false, false
		}
		d := parts[1]
		return parts[2], d == "" || (d >= lo && d <= hi), d > hi
	}
	set := stringSet{}
	waiting, err := w.pendingMinistries()
	if err != nil {
		return nil, err
	}
	if !waiting[mid] {
		// Nothing committed waits for this office: only this
		// transaction's own entries can.
		for k := range w.pendingAdded {
			if id, ok, _ := in(k); ok && !w.written[k].del {
				set.add(id)
			}
		}
		return set.sorted(), nil
	}
	dir := keyDir(pPending, mid)
	collect := func(prefix, after []byte) error {
		return w.rtx.Scan(w.ctx, prefix, after, func(k, _ []byte) (bool, error) {
			id, ok, past := in(string(k))
			if past {
				return false, nil
			}
			if o, written := w.written[string(k)]; ok && (!written || !o.del) {
				set.add(id)
			}
			return true, nil
		})
	}
	// The undated entries, then the dates from lo to hi.
	if err := collect(keyDir(pPending, mid, ""), nil); err != nil {
		return nil, err
	}
	if err := collect(dir, append(slices.Clip(dir), lo...)); err != nil {
		return nil, err
	}
	for k := range w.pendingAdded {
		if id, ok, _ := in(k); ok && !w.written[k].del {
			set.add(id)
		}
	}
	return set.sorted(), nil
}

// pendingMinistries returns Graph.pendMins, reading it from the snapshot
// (the committed state: writers are serialised) the first time.
func (w *writer) pendingMinistries() (map[string]bool, error) {
	if w.g.pendMins != nil {
		return w.g.pendMins, nil
	}
	set := map[string]bool{}
	err := w.rtx.Scan(w.ctx, []byte(pPending), nil, func(k, _ []byte) (bool, error) {
		mid, _, _ := strings.Cut(string(k[len(pPending):]), sep)
		set[mid] = true
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	w.g.pendMins = set
	return set, nil
}

// reapplyPending applies again the articles whose title-only mentions were
// waiting for a holder of an office an article just named, so that the
// mention is attached whichever of the two articles came first. Each is
// applied again at most once per transaction.
func (w *writer) reapplyPending() error {
	for len(w.waiting) > 0 {
		id := w.waiting[0]
		w.waiting = w.waiting[1:]
		if w.reapplied[id] {
			continue
		}
		w.reapplied[id] = true
		old, err := w.article(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if len(old.Pending) == 0 {
			continue
		}
		v, err := w.get(key(pPending, old.Pending[0], id))
		if err != nil {
			return fmt.Errorf("pending article %q: %w", id, err)
		}
		var c Contribution
		if err := decode(v, &c); err != nil {
			return fmt.Errorf("pending article %q: %w", id, err)
		}
		// Its mentions that were resolved stay with their officials: the
		// article may be the only one naming one of them, and resolving
		// them again after removing it would find the names gone.
		pins := map[int]string{}
		for _, oid := range old.Officials {
			st, err := w.load(oid)
			if err != nil {
				return err
			}
			for _, x := range st.cs {
				if x.Article == id {
					pins[x.Seq] = oid
				}
			}
		}
		if err := w.removeArticle(old); err != nil {
			return err
		}
		if err := w.addArticle(&c, c.Article.Hash, pins); err != nil {
			return fmt.Errorf("pending article %q: %w", id, err)
		}
	}
	return nil
}

func sortedSet(xs []string) []string {
	s := stringSet{}
	s.add(xs...)
	return s.sorted()
}

// scanIDs returns the ids (last key component) of the index entries under
// dir (an index key up to and including the separator before the id),
// sorted: the snapshot's, changed by this transaction's own writes.
func (w *writer) scanIDs(dir []byte) ([]string, error) { return w.idsUnder(dir, true) }

// idsUnder is scanIDs, reading the snapshot only if inStore (a resolution
// directory the filter knows it holds nothing under: mayHold).
func (w *writer) idsUnder(dir []byte, inStore bool) ([]string, error) {
	set := stringSet{}
	if inStore {
		err := w.rtx.Scan(w.ctx, dir, nil, func(k, _ []byte) (bool, error) {
			if bytes.IndexByte(k[len(dir):], 0) >= 0 {
				return true, nil // a longer key that shares the prefix
			}
			set.add(string(k[len(dir):]))
			return true, nil
		})
		if err != nil {
			return nil, err
		}
	}
	for id, present := range w.dirs[string(dir)] {
		if present {
			set.add(id)
		} else {
			delete(set, id)
		}
	}
	return set.sorted(), nil
}

// compatible: the mention names no portfolio, the official has none yet, or
// they share one. samePortfolio is the strict form: both name the same one.
func compatible(st *offSum, p string) bool {
	return p == "" || len(st.portfolios) == 0 || st.portfolios[p]
}

func samePortfolio(st *offSum, p string) bool { return p != "" && st.portfolios[p] }

// resolveOfficial finds the official a mention names, or creates one. The
// rules, in order (first that yields a candidate wins):
//
//  1. same country and the same strict key of some name form; a one-word key
//     (a bare surname) also needs the same portfolio. Officials with no
//     country yet match with a compatible portfolio.
//  2. same country and loose key, confirmed token by token and by portfolio
//     (then, for a full name, the one such official with no country yet).
//  3. a bare surname matches the one official of the country whose key holds
//     that word and who holds the same portfolio.
//  4. a full name matches the one official of the country known so far only
//     by one of its words, with the same portfolio (so the surname-first
//     order gives the same graph as the full-name-first order).
//  5. with no country, the one official anywhere with the same full strict
//     key and a compatible portfolio.
//
// A mention with no name at all is the holder of its office on its date, if
// the graph knows one. Otherwise a new official is created.
func (w *writer) resolveOfficial(m *OfficialMention) (string, error) {
	forms := stringSet{}
	var fullest string
	for _, n := range m.Names {
		if strings.TrimSpace(n.Text) != "" {
			forms.add(n.Text)
			if fullest == "" {
				fullest = n.Text
			}
		}
	}
	if strings.TrimSpace(m.Latin) != "" {
		forms.add(m.Latin)
		if fullest == "" {
			fullest = m.Latin
		}
	}
	if len(forms) == 0 {
		return w.holder(m.Country, m.Portfolio, m.Date)
	}
	C, p := m.Country, m.Portfolio
	formList := forms.sorted() // map order is random; resolution must not be
	keys := stringSet{}
	for _, f := range formList {
		keys.add(nameKey(f))
	}
	skeys := keys.sorted()
	multi := false
	for _, k := range skeys {
		multi = multi || len(strings.Fields(k)) > 1
	}

	pick := func(ids []string, ok func(*offSum) bool, unique bool) (string, error) {
		var found []string
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			sum, err := w.offSummary(id)
			if err != nil {
				return "", err
			}
			if sum != nil && ok(sum) {
				found = append(found, id)
			}
		}
		if len(found) == 0 || (unique && len(found) > 1) {
			return "", nil
		}
		sort.Strings(found)
		return found[0], nil
	}

	// 1. strict key.
	for _, k := range skeys {
		oneWord := len(strings.Fields(k)) == 1
		ids, err := w.scanIDs(keyDir(pOffStrict, C, k))
		if err != nil {
			return "", err
		}
		id, err := pick(ids, func(st *offSum) bool { return !oneWord || samePortfolio(st, p) }, false)
		if id != "" || err != nil {
			return id, err
		}
		if C != "" {
			ids, err := w.scanIDs(keyDir(pOffStrict, "", k))
			if err != nil {
				return "", err
			}
			id, err := pick(ids, func(st *offSum) bool {
				return len(st.countries) == 0 && ((!oneWord && compatible(st, p)) || samePortfolio(st, p))
			}, true)
			if id != "" || err != nil {
				return id, err
			}
		}
	}
	// 2. loose key, confirmed; then the same among officials with no
	// country yet.
	for _, f := range formList {
		sk := nameKey(f)
		agree := func(st *offSum) bool {
			if !compatible(st, p) {
				return false
			}
			for k := range st.strict {
				if tokensAgree(sk, k) {
					return true
				}
			}
			return false
		}
		ids, err := w.scanIDs(keyDir(pOffLoose, C, looseKey(f)))
		if err != nil {
			return "", err
		}
		id, err := pick(ids, agree, false)
		if id != "" || err != nil {
			return id, err
		}
		if C != "" && multi {
			ids, err := w.scanIDs(keyDir(pOffLoose, "", looseKey(f)))
			if err != nil {
				return "", err
			}
			id, err := pick(ids, func(st *offSum) bool { return len(st.countries) == 0 && agree(st) }, true)
			if id != "" || err != nil {
				return id, err
			}
		}
	}
	if C != "" && !multi {
		// 3. bare surname.
		for _, k := range skeys {
			ids, err := w.scanIDs(keyDir(pOffToken, C, k))
			if err != nil {
				return "", err
			}
			id, err := pick(ids, func(st *offSum) bool { return samePortfolio(st, p) }, true)
			if id != "" || err != nil {
				return id, err
			}
		}
	}
	if C != "" && multi && p != "" {
		// 2b. a spelling the keys keep apart (Georges/George, ق written g
		// in Libya and the Gulf, French -ier written ييه in Arabic) is the
		// same person when everything else agrees: the one official of the
		// country holding the same portfolio whose name shares a word with
		// this one and whose every word is close to this one's.
		var ids []string
		for _, k := range skeys {
			for _, t := range strings.Fields(k) {
				x, err := w.scanIDs(keyDir(pOffToken, C, t))
				if err != nil {
					return "", err
				}
				ids = append(ids, x...)
			}
		}
		id, err := pick(ids, func(st *offSum) bool {
			if !samePortfolio(st, p) {
				return false
			}
			for _, sk := range skeys {
				for k := range st.strict {
					if namesClose(sk, k) {
						return true
					}
				}
			}
			return false
		}, true)
		if id != "" || err != nil {
			return id, err
		}
	}
	if C != "" && multi {
		// 4. an official known so far by one word of this name.
		var ids []string
		for _, k := range skeys {
			for _, t := range strings.Fields(k) {
				x, err := w.scanIDs(keyDir(pOffStrict, C, t))
				if err != nil {
					return "", err
				}
				ids = append(ids, x...)
			}
		}
		id, err := pick(ids, func(st *offSum) bool {
			for k := range st.strict {
				if len(strings.Fields(k)) > 1 {
					return false
				}
			}
			return samePortfolio(st, p)
		}, true)
		if id != "" || err != nil {
			return id, err
		}
	}
	if C == "" && multi {
		// 5. no country: the same full name anywhere, by strict key, else by
		// loose key confirmed token by token.
		var ids []string
		for _, f := range formList {
			sk := nameKey(f)
			if len(strings.Fields(sk)) < 2 {
				continue
			}
			x, err := w.scanIDs(keyDir(pOffKey, sk))
			if err != nil {
				return "", err
			}
			ids = append(ids, x...)
		}
		id, err := pick(ids, func(st *offSum) bool { return compatible(st, p) }, true)
		if id != "" || err != nil {
			return id, err
		}
		ids = ids[:0]
		for _, f := range formList {
			x, err := w.scanIDs(keyDir(pOffLKey, looseKey(f)))
			if err != nil {
				return "", err
			}
			ids = append(ids, x...)
		}
		id, err = pick(ids, func(st *offSum) bool {
			if !compatible(st, p) {
				return false
			}
			for _, f := range formList {
				for k := range st.strict {
					if len(strings.Fields(k)) > 1 && tokensAgree(nameKey(f), k) {
						return true
					}
				}
			}
			return false
		}, true)
		if id != "" || err != nil {
			return id, err
		}
	}
	return w.newID(idOfficial + shortHash(C, nameKey(fullest)))
}

// tokensAgree confirms a loose-key match: the same number of words, each the
// same strict token or one edit away from it with the same first letter.
func tokensAgree(a, b string) bool {
	ta, tb := strings.Fields(a), strings.Fields(b)
	if len(ta) != len(tb) || len(ta) == 0 {
		return false
	}
	for i := range ta {
		if ta[i] == tb[i] {
			continue
		}
		if ta[i][0] != tb[i][0] || editDistance(ta[i], tb[i]) > 1 {
			return false
		}
	}
	return true
}

// namesClose is the looser confirmation of rule 2b, for names whose keys
// differ: the same number of words (at least two), and each word the same
// once the letters the presses swap for one Arabic sound are identified
// (ج is j or g, ق is q, k or g), or one edit away with the same first letter.
//
// A name that drops middle names of the other (a patronymic: Abdullatif Al
// Musallam and Abdullatif bin Rashid Al Musallam) is close too: the same first
// and last words, the rest of the shorter name in order among the middle
// words of the longer one.
func namesClose(a, b string) bool {
	ta, tb := strings.Fields(a), strings.Fields(b)
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	if len(ta) < 2 {
		return false
	}
	if len(ta) < len(tb) {
		if !wordsClose(ta[0], tb[0]) || !wordsClose(ta[len(ta)-1], tb[len(tb)-1]) {
			return false
		}
		j := 1
		for _, w := range ta[1 : len(ta)-1] {
			for j < len(tb)-1 && !wordsClose(w, tb[j]) {
				j++
			}
			if j == len(tb)-1 {
				return false
			}
			j++
		}
		return true
	}
	for i := range ta {
		if !wordsClose(ta[i], tb[i]) {
			return false
		}
	}
	return true
}

// wordsClose: two key words the same once velars are identified, or one
// edit apart with the same first letter.
func wordsClose(a, b string) bool {
	x, y := velars.Replace(a), velars.Replace(b)
	return x == y || (x[0] == y[0] && editDistance(x, y) <= 1)
}

// velars maps the strict-key letters one Arabic velar or palatal is written
// with in different presses to one letter.
var velars = strings.NewReplacer("G", "K", "J", "K", "Q", "K")

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// holder resolves a title-only mention ("the Egyptian foreign minister") to
// the official the graph knows in that office on that date: the one whose
// role period contains it, else the nearest within holderSlack.
func (w *writer) holder(country, portfolio, date string) (string, error) {
	if country == "" || portfolio == "" {
		return "", nil
	}
	mid := MinistryID(country, portfolio)
	ids, err := w.scanIDs(keyDir(pOffMin, mid))
	if err != nil {
		return "", err
	}
	best, bestGap := "", holderSlack+1
	for _, id := range ids {
		st, err := w.light(id)
		if err != nil {
			return "", err
		}
		pub, err := w.pubOf(st)
		if err != nil {
			return "", err
		}
		o, _ := pub.(*Official)
		if o == nil {
			continue
		}
		for _, r := range o.Roles {
			if r.Ministry != mid {
				continue
			}
			gap := 0
			if date != "" && r.From != "" {
				gap = max(days(r.From, date), days(date, r.To), 0)
			}
			if gap < bestGap {
				best, bestGap = id, gap
			}
		}
	}
	return best, nil
}

// holderSlack is how far outside the dates a role was seen (in days) a
// title-only mention may still be attributed to its holder.
const holderSlack = 180

// days returns b - a in days, or 0 when either is not an ISO date.
func days(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

func shiftDate(d string, n int) (string, bool) {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return "", false
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly), true
}

// resolveMeeting finds the meeting a report describes: same set of parties,
// compatible kind, a reported date within a day (or both undated), and
// overlapping participants when both name some. Among several, the one
// sharing most participants, then the same date, then the smallest id.
func (w *writer) resolveMeeting(article, kind, date string, countries, parts []string) (string, error) {
	group, cset := meetingGroup(kind), strings.Join(countries, ",")
	dates := []string{date}
	if date != "" {
		if prev, ok := shiftDate(date, -1); ok {
			next, _ := shiftDate(date, 1)
			dates = []string{date, prev, next}
		}
	}
	type cand struct {
		id      string
		overlap int
		same    bool
		arts    stringSet
	}
	var cands []cand
	seen := map[string]bool{}
	for i, d := range dates {
		dir := keyDir(pMeetRes, group, cset, d)
		var ids []string
		may, err := w.mayHold(dir)
		if err == nil {
			ids, err = w.idsUnder(dir, may)
		}
		if err != nil {
			return "", err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			st, err := w.light(id)
			if err != nil {
				return "", err
			}
			if !st.live() || st.arts[article] {
				// An article's meetings are distinct encounters (the
				// extractor joins its mentions of one): another of this
				// article's meetings is not this one.
				continue
			}
			overlap := intersect(st.parts.sorted(), parts)
			if len(st.parts) > 0 && len(parts) > 0 && overlap == 0 {
				continue
			}
			cands = append(cands, cand{id, overlap, i == 0, st.arts})
		}
	}
	if len(cands) > 0 {
		sort.Slice(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if a.overlap != b.overlap {
				return a.overlap > b.overlap
			}
			if a.same != b.same {
				return a.same
			}
			return a.id < b.id
		})
		// A report whose participants are in two meetings found so far (a
		// day apart, or each with part of the delegation) shows they are
		// one: merge them, so that the result does not depend on which
		// report came first. A report without participants links nothing.
		// Nor are two meetings one that an article reports apart.
		best := cands[0]
		arts := maps.Clone(best.arts)
		for _, c := range cands[1:] {
			if best.overlap > 0 && c.overlap > 0 && !sharesAny(arts, c.arts) {
				arts.add(c.arts.sorted()...)
				if err := w.mergeMeeting(best.id, c.id); err != nil {
					return "", err
				}
			}
		}
		return best.id, nil
	}
	return w.newID(idMeeting + shortHash(group, cset, date, strings.Join(parts, ",")))
}

// mergeMeeting moves every contribution of meeting src to dst and points
// what referred to src (its articles, the agreements linked to it) at dst.
func (w *writer) mergeMeeting(dst, src string) error {
	sst, err := w.load(src)
	if err != nil {
		return err
	}
	agrs, arts := stringSet{}, stringSet{}
	for _, c := range sst.cs {
		if _, err := w.addContribution(dst, c); err != nil {
			return err
		}
		agrs.add(c.Meet.Agreements...)
		arts.add(c.Article)
	}
	sst.drop(func(*contribution) bool { return true })
	if err := w.refresh(sst); err != nil {
		return err
	}
	w.renamed[src] = dst
	for _, id := range agrs.sorted() {
		ast, err := w.load(id)
		if err != nil {
			return err
		}
		for i := range ast.cs {
			c := &ast.cs[i]
			if c.Agr.Meeting == src {
				body := *c.Agr // bodies may be shared with the cache: copy
				body.Meeting = dst
				c.Agr = &body
				ast.touched[string(contribKey(id, c.Article, c.Seq))] = *c
				ast.dirty, ast.stale, ast.d = true, true, nil
			}
		}
	}
	return w.renameInArticles(arts.sorted())
}

// mergeAgreement moves every contribution of agreement src to dst and
// points what referred to src (its articles, the meetings it came out of) at
// dst.
func (w *writer) mergeAgreement(dst, src string) error {
	sst, err := w.load(src)
	if err != nil {
		return err
	}
	meetings, arts := stringSet{}, stringSet{}
	for _, c := range sst.cs {
		if _, err := w.addContribution(dst, c); err != nil {
			return err
		}
		meetings.add(c.Agr.Meeting)
		arts.add(c.Article)
	}
	sst.drop(func(*contribution) bool { return true })
	if err := w.refresh(sst); err != nil {
		return err
	}
	w.renamed[src] = dst
	for _, id := range meetings.sorted() {
		mst, err := w.load(w.rename(id))
		if err != nil {
			return err
		}
		for i := range mst.cs {
			c := &mst.cs[i]
			if !slices.Contains(c.Meet.Agreements, src) {
				continue
			}
			body := *c.Meet // bodies may be shared with the cache: copy
			body.Agreements = make([]string, 0, len(c.Meet.Agreements))
			for _, g := range c.Meet.Agreements {
				body.Agreements = append(body.Agreements, w.rename(g))
			}
			body.Agreements = sortedSet(body.Agreements)
			c.Meet = &body
			mst.touched[string(contribKey(mst.id, c.Article, c.Seq))] = *c
			mst.dirty, mst.stale, mst.d = true, true, nil
		}
	}
	return w.renameInArticles(arts.sorted())
}

// renameInArticles rewrites merged ids in the lists of stored articles (the
// article being added is written with w.rename applied).
func (w *writer) renameInArticles(ids []string) error {
	for _, id := range ids {
		a, err := w.article(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		for i, m := range a.Meetings {
			a.Meetings[i] = w.rename(m)
		}
		for i, g := range a.Agreements {
			a.Agreements[i] = w.rename(g)
		}
		a.Meetings, a.Agreements = sortedSet(a.Meetings), sortedSet(a.Agreements)
		if err := w.put(key(pArticle, id), encode(a), false); err != nil {
			return err
		}
	}
	return nil
}

// rename follows merges: the id a meeting or agreement has now.
func (w *writer) rename(id string) string {
	for {
		n, ok := w.renamed[id]
		if !ok {
			return id
		}
		id = n
	}
}

// sharesAny reports whether two sets have a member in common.
func sharesAny(a, b stringSet) bool {
	for x := range b {
		if a[x] {
			return true
		}
	}
	return false
}

func intersect(a, b []string) int {
	n := 0
	set := map[string]bool{}
	for _, x := range a {
		set[x] = true
	}
	for _, x := range b {
		if set[x] {
			n++
		}
	}
	return n
}

// agreementWindow is how many days apart two reports of one agreement may
// date it.
const agreementWindow = 7

// agreementSpan is the most days the reports of one agreement may span.
const agreementSpan = 2 * agreementWindow

// dateSpan returns the days between the earliest and the latest of d and the
// dates of the sets (undated members are ignored).
func dateSpan(d string, sets ...stringSet) int {
	lo, hi := dateBounds(append(sets, stringSet{d: true})...)
	if lo == "" {
		return 0
	}
	return days(lo, hi)
}

// agreementsNear lists, sorted, the agreements of an agreement-resolution
// directory (party set and subject key) a report dated date matches: those a
// report dated within agreementWindow days of it, or an undated report,
// described. An undated report matches the agreement with the latest date
// (an undated one when none is dated). The directory is keyed by inverted
// date, so each lookup reads a window of it, not every agreement the two
// parties ever reached on the subject.
func (w *writer) agreementsNear(dir []byte, date string) ([]string, map[string]string, error) {
	type hit struct{ inv, id string }
	hits := map[hit]bool{}
	ranges := map[string]string{} // id → its entries' value (dateRange)
	// this transaction's own entries and deletions, for the dates in [lo, hi]
	overlay := func(lo, hi string) {
		for inv := range w.agrDates[string(dir)] {
			if inv < lo || inv > hi {
				continue
			}
			for id, present := range w.dirs[string(dir)+inv+sep] {
				hits[hit{inv, id}] = present
				if present {
					ranges[id] = string(w.written[string(dir)+inv+sep+id].v)
				}
			}
		}
	}
	may, err := w.mayHold(dir)
	if err != nil {
		return nil, nil, err
	}
	scan := func(lo, hi string, first bool) error {
		if !may {
			return nil // only this transaction's entries, in overlay
		}
		var after []byte
		if lo != "" {
			after = append(slices.Clone(dir), lo...)
		}
		return w.rtx.Scan(w.ctx, dir, after, func(k, v []byte) (bool, error) {
			inv, id, ok := strings.Cut(string(k[len(dir):]), sep)
			if !ok || strings.Contains(id, sep) {
				return true, nil
			}
			if inv > hi {
				return false, nil
			}
			h := hit{inv, id}
			if _, seen := hits[h]; !seen {
				hits[h] = true
				if _, ok := ranges[id]; !ok {
					ranges[id] = string(v)
				}
			}
			return !first || !hits[h], nil
		})
	}
	if date == "" {
		// Dates are inverted: the first entry is the latest agreement.
		overlay("", "~")
		if err := scan("", "~", true); err != nil {
			return nil, nil, err
		}
		var best *hit
		for h, present := range hits {
			if present && (best == nil || h.inv < best.inv || (h.inv == best.inv && h.id < best.id)) {
				best = &h
			}
		}
		if best == nil {
			return nil, nil, nil
		}
		return []string{best.id}, ranges, nil
	}
	late, ok1 := shiftDate(date, agreementWindow)
	early, ok2 := shiftDate(date, -agreementWindow)
	if !ok1 || !ok2 {
		late, early = date, date
	}
	lo, hi := invDate(late), invDate(early)
	overlay(lo, hi)
	overlay("~", "~")
	if err := scan(lo, hi, false); err != nil {
		return nil, nil, err
	}
	if err := scan("~", "~", false); err != nil {
		return nil, nil, err
	}
	ids := stringSet{}
	for h, present := range hits {
		if present {
			ids.add(h.id)
		}
	}
	return ids.sorted(), ranges, nil
}

// resolveAgreement finds the agreement a report describes: same parties,
// same subject key, dates within a week or either undated. Subjects are
// phrases in the article's language, so across languages they cannot be
// compared: a report linked to a meeting also matches the one agreement of
// that meeting with the same parties and kind that no report in its own
// language describes (the Arabic and English reports of the agreement reached
// at one visit).
func (w *writer) resolveAgreement(am *AgreementMention, lang string, countries []string, meeting string) (string, error) {
	cset, sk := strings.Join(countries, ","), subjectKey(am.Subject)
	// A dated report within a week of several agreements found so far shows
	// they are one: merge them, so that the result does not depend on which
	// came first. An undated one links nothing: it joins the latest.
	found, ranges, err := w.agreementsNear(keyDir(pAgrRes, cset, sk), am.Date)
	if err != nil {
		return "", err
	}
	if am.Date != "" && len(found) > 0 {
		// An accord renewed every few days (the reports of a series of
		// rounds) is not one agreement: reports join, and agreements merge,
		// only while their dates stay within agreementSpan of each other,
		// which bounds the chains a window alone would let grow. The
		// entries carry each agreement's date range, so none is read.
		var kept []string
		dst, span := "", stringSet{am.Date: true}
		for _, id := range found {
			lo, hi, _ := strings.Cut(ranges[id], ",")
			both := stringSet{lo: true, hi: true}
			switch {
			case dst == "" && dateSpan(am.Date, both) <= agreementSpan:
				dst = id
				kept = append(kept, id)
				span.add(lo, hi)
			case dst != "" && dateSpan(am.Date, both, span) <= agreementSpan:
				if err := w.mergeAgreement(dst, id); err != nil {
					return "", err
				}
				span.add(lo, hi)
			}
		}
		found = kept
	}
	if len(found) > 0 {
		return found[0], nil
	}
	if meeting != "" {
		// The records' derivations and summaries are enough here: their
		// contributions are not read, nor their public forms derived (the
		// meeting was just given this report: refresh would derive it, and
		// its index entries, once more than the flush does).
		st, err := w.light(meeting)
		if err != nil {
			return "", err
		}
		var found []string
		d, err := w.derived(st)
		if err != nil {
			return "", err
		}
		if d.n > 0 && d.mt != nil {
			for _, id := range d.mt.agreed.sorted() {
				ast, err := w.light(id)
				if err != nil {
					return "", err
				}
				ad, err := w.derived(ast)
				if err != nil {
					return "", err
				}
				if ad.n == 0 || ad.ag == nil || ad.ag.kind.best() != am.Kind || strings.Join(ad.ag.countries.sorted(), ",") != cset {
					continue
				}
				if !ast.langs[lang] {
					found = append(found, id)
				}
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
	}
	return w.newID(idAgreement + shortHash(cset, sk, am.Date))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
