package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Graph keeps the domain records on top of a Store. It is safe for concurrent
// use: all state is in the Store except the seeded countries, which are
// immutable after New.
type Graph struct {
	mu    sync.Mutex // serialises writers (see update); guards cache and sums
	cache map[string]*recState
	// sums keeps, between transactions, the summaries official resolution
	// compares (offSum) of officials recently written or read: a
	// candidate's are all resolution needs, and reading them meant reading
	// all its contributions. Filled, like cache, only from committed
	// transactions (promote); bounded by sumsMax.
	sums map[string]*offSum
	// cachedBytes is the cached records' estimated heap
	// (recState.cacheSize); promotions counts the transactions that
	// promoted records into the cache.
	cachedBytes int
	promotions  uint64
	// lastWritten and lastDirs size the next writer's overlay (see
	// newWriter); guarded by mu.
	lastWritten, lastDirs int
	s                     Store
	corr                  corrState // whether the store holds corrections (corrections.go); guarded by mu
	// pendMins holds every ministry some committed pending entry (a
	// title-only mention waiting for a holder) names, and maybe more; nil
	// when not known yet. Most offices have nothing waiting, and knowing it
	// saves each article two index scans per office it names. Guarded by mu.
	pendMins map[string]bool
	// res filters the lookups of resolution entries (resFilter); nil when
	// not built yet. Guarded by mu.
	res       *resFilter
	countries []*Country          // sorted by code
	byCode    map[string]*Country // code → country
	ctryTok   map[string][]string // search token → country codes
	ctryToks  []string            // sorted keys of ctryTok, for prefix search
}

// New returns a Graph over s. countries is the full set of countries and
// organisations (usually gazetteer.Default().Countries()); they are kept in
// memory, not in the store, because they are reference data that ships with
// the binary and changes with it.
func New(s Store, countries []Country) (*Graph, error) {
	if s == nil {
		return nil, errors.New("graph: New: nil store")
	}
	g := &Graph{s: s, byCode: map[string]*Country{}, ctryTok: map[string][]string{}, cache: map[string]*recState{}, sums: map[string]*offSum{}}
	for i := range countries {
		c := countries[i]
		if c.Code == "" || strings.ContainsAny(c.Code, sep+":") {
			return nil, fmt.Errorf("graph: New: countries[%d]: code %q: empty or contains a separator", i, c.Code)
		}
		if g.byCode[c.Code] != nil {
			return nil, fmt.Errorf("graph: New: countries[%d]: code %q: duplicate", i, c.Code)
		}
		names := make(map[string]string, len(c.Names))
		for k, v := range c.Names {
			names[k] = v
		}
		c.Names = names
		g.byCode[c.Code] = &c
		g.countries = append(g.countries, &c)
		toks := stringSet{}
		toks.add(strings.ToLower(c.Code))
		for _, n := range c.Names {
			searchTokens(n, false, func(t string) { toks.add(t) })
		}
		for _, t := range toks.sorted() {
			g.ctryTok[t] = append(g.ctryTok[t], c.Code)
		}
	}
	sort.Slice(g.countries, func(i, j int) bool { return g.countries[i].Code < g.countries[j].Code })
	for t := range g.ctryTok {
		g.ctryToks = append(g.ctryToks, t)
	}
	sort.Strings(g.ctryToks)
	return g, nil
}

// View runs fn with a Reader over one consistent snapshot.
func (g *Graph) View(ctx context.Context, fn func(Reader) error) error {
	return g.s.View(ctx, func(tx ReadTx) error {
		return fn(&reader{g: g, tx: tx, ctx: ctx})
	})
}

// Stats counts the records of each kind.
type Stats struct {
	Countries  int `json:"countries"`
	Ministries int `json:"ministries"`
	Officials  int `json:"officials"`
	Meetings   int `json:"meetings"`
	Agreements int `json:"agreements"`
	Articles   int `json:"articles"`
}

// Stats reads the record counts Apply maintains.
func (g *Graph) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Countries: len(g.countries)}
	err := g.s.View(ctx, func(tx ReadTx) error {
		var err error
		for _, f := range []struct {
			kind string
			n    *int
		}{
			{KindMinistry, &st.Ministries}, {KindOfficial, &st.Officials}, {KindMeeting, &st.Meetings},
			{KindAgreement, &st.Agreements}, {KindArticle, &st.Articles},
		} {
			if *f.n, err = readCount(tx, f.kind); err != nil {
				return err
			}
		}
		return nil
	})
	return st, err
}

func readCount(tx ReadTx, kind string) (int, error) {
	v, err := tx.Get(key(pCount, kind))
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return 0, fmt.Errorf("graph: count of %s: %q: %w", kind, v, err)
	}
	return n, nil
}

// RemoveArticle removes an article and everything only it contributed: the
// records it fed are derived again from the other articles, and those left
// with no contribution are deleted. It returns ErrNotFound for an unknown id.
func (g *Graph) RemoveArticle(ctx context.Context, id string) error {
	return g.update(ctx, func(w *writer) error {
		rec, err := w.article(id)
		if err != nil {
			return err
		}
		return w.removeArticle(rec)
	})
}
