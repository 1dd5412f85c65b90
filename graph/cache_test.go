package graph

import (
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"testing"
)

// TestShrinkCache: past its bound in bytes or in records, the cache drops
// the records least recently promoted until it holds three quarters of each
// bound, and its counts follow.
func TestShrinkCache(t *testing.T) {
	defer func(old int) { cacheMaxBytes = old }(cacheMaxBytes)
	cacheMaxBytes = 1000
	g := &Graph{cache: map[string]*recState{}}
	// Ten records of 100 bytes, promoted in turn: r0 least recently.
	for i := range 10 {
		st := &recState{size: 100, used: uint64(i)}
		g.cache[fmt.Sprintf("r%d", i)] = st
		g.cachedBytes += st.size
	}
	g.cache["r0"].used = 20 // promoted again since: now the most recent
	g.cachedBytes += 200    // and r9 grew to 300 bytes
	g.cache["r9"].size = 300
	g.shrinkCache(cacheBound())
	var kept []string
	for id := range g.cache {
		kept = append(kept, id)
	}
	slices.Sort(kept)
	// 1,200 bytes: r1, r2, r3, r4 and r5 go (the least recently used), which
	// leaves 700, under 750.
	if want := []string{"r0", "r6", "r7", "r8", "r9"}; !slices.Equal(kept, want) {
		t.Errorf("kept %v, want %v", kept, want)
	}
	if len(g.cache) != 5 || g.cachedBytes != 700 {
		t.Errorf("counts %d records, %d bytes; want 5, 700", len(g.cache), g.cachedBytes)
	}
}

// TestCacheBound: the cache takes 128 MiB, or a fifth of the Go heap's
// soft limit when that is less; a test's bound overrides both.
func TestCacheBound(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tc := range []struct {
		limit int64
		want  int
	}{
		{math.MaxInt64, 128 << 20},
		{4 << 30, 128 << 20},
		{640 << 20, 128 << 20},
		{100 << 20, 20 << 20},
	} {
		debug.SetMemoryLimit(tc.limit)
		if got := cacheBound(); got != tc.want {
			t.Errorf("memory limit %d: bound %d, want %d", tc.limit, got, tc.want)
		}
	}
	defer func(old int) { cacheMaxBytes = old }(cacheMaxBytes)
	cacheMaxBytes = 1000
	if got := cacheBound(); got != 1000 {
		t.Errorf("test's bound 1000: got %d", got)
	}
}
