package loader

import (
	"context"
	"io"

	"diplograph/graph"
)

// Load reads the articles at paths (files, folders, "-" for standard input;
// see Inputs), extracts them with x and commits them to g in batches. It
// returns what was committed; records and files that could not be read are
// counted and listed in the Summary, not returned as the error. The error is
// non-nil only when the load stopped early: the store failed, ctx was
// cancelled, or Options.Strict met a rejection (ErrStrict).
func Load(ctx context.Context, g *graph.Graph, x Extractor, paths []string, o Options) (Summary, error) {
	return load(ctx, g, x, paths, o)
}

// LoadReader is Load for one stream, named name in messages.
func LoadReader(ctx context.Context, g *graph.Graph, x Extractor, name string, r io.Reader, o Options) (Summary, error) {
	return loadReader(ctx, g, x, name, r, o)
}
