package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

// cmdImport rebuilds a graph written by `diplograph export` in an empty
// store: the inverse of export, for moving a graph between versions of the
// store or machines, and for graphs other tools produced in that format.
func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "[--data DIR] [--rederive] FILE  (- for stdin; gzip is recognised)")
	data := fs.String("data", "", "store directory, empty or new (default ./data or $DIPLOGRAPH_DATA)")
	rederive := fs.Bool("rederive", false, "derive records anew where the export's differ (an export from another version)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: import takes one FILE (- for stdin)", errUsage)
	}
	var in io.Reader = e.stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	br := bufio.NewReaderSize(in, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", pos[0], err)
		}
		defer zr.Close()
		in = zr
	} else {
		in = br
	}
	dir := dataDir(*data)
	return withGraph(ctx, e, dir, func(g *graph.Graph, _ *badgerstore.Store) error {
		res, err := g.ImportWith(ctx, in, graph.ImportOptions{Rederive: *rederive})
		if errors.Is(err, graph.ErrNotEmpty) {
			return fmt.Errorf("%s: %w", dir, err)
		}
		if err != nil {
			if res.Transactions > 0 {
				return fmt.Errorf("%s: %w (the store holds part of the graph: remove %s before importing again)", pos[0], err, dir)
			}
			return fmt.Errorf("%s: %w", pos[0], err)
		}
		fmt.Fprintf(e.stdout, "imported %d articles: %d officials, %d ministries, %d meetings, %d agreements; %d contributions, %d corrections (%d transactions)\n",
			res.Articles, res.Officials, res.Ministries, res.Meetings, res.Agreements, res.Contributions, res.Corrections, res.Transactions)
		if res.Rederived > 0 {
			fmt.Fprintf(e.stdout, "%d records differed from what their contributions derive and were derived anew\n", res.Rederived)
		}
		return nil
	})
}
