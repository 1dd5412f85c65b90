package main

import (
	"context"
	"fmt"
	"os"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader/gazetteer"
)

// openGraph opens (creating if needed) the Badger store in dir and the graph
// over it, seeded with every country and organisation of the gazetteer.
func openGraph(e *env, dir string, sync bool) (*graph.Graph, *badgerstore.Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("data dir: %w", err)
	}
	st, err := badgerstore.Open(dir, badgerstore.Options{SyncWrites: sync, Logger: e.log})
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
