package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader/gazetteer"
)

// openGraph opens (creating if needed) the Badger store in dir and the graph
// over it, seeded with every country and organisation of the gazetteer.
func openGraph(e *env, dir string, sync bool) (*graph.Graph, *badgerstore.Store, error) {
	return openGraphWith(e, dir, badgerstore.Options{SyncWrites: sync})
}

// openGraphWith is openGraph with the store's options.
func openGraphWith(e *env, dir string, o badgerstore.Options) (*graph.Graph, *badgerstore.Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("data dir: %w", err)
	}
	o.Logger = e.log
	st, err := badgerstore.Open(dir, o)
	if err != nil {
		return nil, nil, err
	}
	g, err := graph.New(st, gazetteer.Default().Countries())
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return g, st, nil
}

// withGraph opens the store for the length of fn.
func withGraph(ctx context.Context, e *env, dir string, fn func(g *graph.Graph, st *badgerstore.Store) error) error {
	g, st, err := openGraph(e, dir, false)
	if err != nil {
		return err
	}
	ferr := fn(g, st)
	cerr := st.Close()
	if ferr != nil {
		return ferr
	}
	return cerr
}

// memoryFlag parses --memory into Badger's write-buffer preset.
func memoryFlag(v string) (badgerstore.MemoryBudget, error) {
	switch v {
	case "", "default":
		return badgerstore.MemoryDefault, nil
	case "small":
		return badgerstore.MemorySmall, nil
	case "large":
		return badgerstore.MemoryLarge, nil
	}
	return 0, fmt.Errorf("%w: --memory must be small, default or large", errUsage)
}

// defaultHeapLimit is the soft limit of the Go heap for commands that load
// (see setHeapLimit).
const defaultHeapLimit = 640 << 20

// setHeapLimit gives the Go runtime a soft memory limit for bulk loads unless
// the user set GOMEMLIMIT: without one the heap grows to twice the live data
// between collections, and a load's peak RSS is then dominated by garbage
// (measured on 20k generated articles: 1.0 GiB without a limit, 0.75 GiB with
// 640 MiB, at the same throughput; 300 MiB halves the throughput). The live
// heap grows with the store (280 MB at 280k articles, 350-360 MB at 650k,
// half of it Badger's buffers for tables being built), and at 512 MiB the
// collector of a 1M load ran every 0.3 s with under 20 % headroom: one 1M
// load each way, 512 MiB took 766 s of user CPU (1,884 articles/s, peak RSS
// 691 MiB), 640 MiB 594 s (2,324 articles/s, 783 MiB).
func setHeapLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultHeapLimit)
	}
}
