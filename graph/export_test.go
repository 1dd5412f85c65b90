package graph

import (
	"context"
	"fmt"
	"reflect"
)

// SetMinResFilterBits sets the size of new resolution filters for a test
// and returns the function that restores it.
func SetMinResFilterBits(n uint64) func() {
	old := minResFilterBits
	minResFilterBits = n
	return func() { minResFilterBits = old }
}

// PreparedBodies returns what Prepare encoded for an official mention (nil
// if nothing), and what Apply itself would encode.
func PreparedBodies(m *OfficialMention) (off, min, wantOff, wantMin []byte) {
	wantOff = encode(offContribOf(m))
	if mentionsMinistry(m) {
		wantMin = encode(minContribOf(m))
	}
	if m.bodies == nil {
		return nil, nil, wantOff, wantMin
	}
	return m.bodies.off, m.bodies.min, wantOff, wantMin
}

// SetPreparedOfficialBody replaces the official's body Prepare made.
func SetPreparedOfficialBody(m *OfficialMention, b []byte) { m.bodies.off = b }

// SetCacheMaxBytes sets the record cache's bound in bytes for a test and
// returns the function that restores it.
func SetCacheMaxBytes(n int) func() {
	old := cacheMaxBytes
	cacheMaxBytes = n
	return func() { cacheMaxBytes = old }
}

// CacheStats returns how many records the record cache holds, their size
// as it counts it, and the sum of their sizes estimated afresh.
func CacheStats(g *Graph) (records, bytes, sum int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, st := range g.cache {
		sum += st.cacheSize()
	}
	return len(g.cache), g.cachedBytes, sum
}

// SetSumsMax sets how many officials' summaries the graph keeps for a test
// and returns the function that restores it.
func SetSumsMax(n int) func() {
	old := sumsMax
	sumsMax = n
	return func() { sumsMax = old }
}

// StaleSummaries compares the official summaries the graph keeps between
// transactions (Graph.sums) with those of the records read afresh from the
// store, and returns how many it keeps and a line for each that differs.
func StaleSummaries(g *Graph) (kept int, stale []string, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	// light consults the record cache first: set it aside to read the store.
	cache := g.cache
	g.cache = map[string]*recState{}
	defer func() { g.cache = cache }()
	err = g.s.View(context.Background(), func(rtx ReadTx) error {
		w := newWriter(context.Background(), g, nil, rtx, &ApplyResult{})
		for _, id := range sortedKeys(g.sums) {
			st, err := w.light(id)
			if err != nil {
				return err
			}
			got, want := g.sums[id], &st.offSum
			if !st.live() {
				stale = append(stale, id+": kept, but no live record")
			} else if !reflect.DeepEqual(got, want) {
				stale = append(stale, fmt.Sprintf("%s: kept %v, stored %v", id, *got, *want))
			}
		}
		return nil
	})
	return len(g.sums), stale, err
}
