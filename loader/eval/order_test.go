package eval_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/graph/memstore"
	"diplograph/loader"
	"diplograph/loader/extract"
	"diplograph/loader/gazetteer"
)

// TestResolutionCorporaOrderIndependent: each resolution corpus loaded in
// file order, in reverse, shuffled, one article per transaction or all in
// one, and twice over, gives the same graph (ExportCanonical), as issue 4
// asks.
func TestResolutionCorporaOrderIndependent(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two corpora many times")
	}
	for _, dir := range []string{"../../testdata/corpus/resolution", heldOutDir} {
		raw, err := os.ReadFile(filepath.Join(dir, "articles.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(string(raw), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		load := func(ls []string, batch int, times int) string {
			ctx := context.Background()
			g, err := graph.New(memstore.New(), gazetteer.Default().Countries())
			if err != nil {
				t.Fatal(err)
			}
			for range times {
				in := strings.NewReader(strings.Join(ls, "\n") + "\n")
				if _, err := loader.LoadReader(ctx, g, extract.New(), "corpus", in,
					loader.Options{Workers: 2, BatchSize: batch, Log: zerolog.Nop()}); err != nil {
					t.Fatal(err)
				}
			}
			var b bytes.Buffer
			if err := g.ExportCanonical(ctx, &b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		want := load(lines, 0, 1)
		reversed := make([]string, len(lines))
		for i, l := range lines {
			reversed[len(lines)-1-i] = l
		}
		shuffled := append([]string(nil), lines...)
		rand.New(rand.NewPCG(4, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, c := range []struct {
			name  string
			ls    []string
			batch int
			times int
		}{
			{"twice", lines, 0, 2},
			{"one per transaction", lines, 1, 1},
			{"reversed", reversed, 0, 1},
			{"reversed, one per transaction", reversed, 1, 1},
			{"shuffled", shuffled, 7, 1},
		} {
			if got := load(c.ls, c.batch, c.times); got != want {
				t.Errorf("%s: %s gives another graph than file order (%d vs %d bytes of export)", filepath.Base(dir), c.name, len(got), len(want))
			}
		}
	}
}
