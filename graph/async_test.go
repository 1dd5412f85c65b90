package graph_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/graph/memstore"
)

// applyAsync loads arts with ApplyAsync in batches of n and flushes.
func applyAsync(tb testing.TB, g *graph.Graph, arts []graph.Contribution, n int) {
	tb.Helper()
	var last *graph.Commit
	for i := 0; i < len(arts); i += n {
		_, c, err := g.ApplyAsync(ctx, arts[i:min(i+n, len(arts))])
		if err != nil {
			tb.Fatalf("ApplyAsync of batch %d: %v", i/n, err)
		}
		last = c
	}
	if err := g.Flush(); err != nil {
		tb.Fatalf("Flush: %v", err)
	}
	if last != nil {
		if err := last.Wait(); err != nil {
			tb.Fatalf("last commit: %v", err)
		}
	}
}

// TestApplyAsyncSameGraph loads the same articles with Apply in one batch
// and with ApplyAsync in small ones, where each batch is resolved over the
// writes of one whose commit may not have landed, with a failed batch, a
// replacement and writers that wait for the commit in flight in between.
func TestApplyAsyncSameGraph(t *testing.T) {
	stores := map[string]func(t *testing.T) graph.Store{
		"memstore": func(*testing.T) graph.Store { return memstore.New() },
		"badgerstore": func(t *testing.T) graph.Store {
			s, err := badgerstore.Open("", badgerstore.Options{InMemory: true})
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
	arts := world(240)
	one := newGraph(t)
	apply(t, one, arts...)
	want := export(t, one, true)
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			g, err := graph.New(s, testCountries)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(arts); i += 7 {
				if _, _, err := g.ApplyAsync(ctx, arts[i:min(i+7, len(arts))]); err != nil {
					t.Fatalf("batch at %d: %v", i, err)
				}
				switch i {
				case 70:
					// A batch that fails changes nothing, and the next one is
					// still resolved over the commit in flight.
					bad := []graph.Contribution{world(300)[250], article("", "x", nil)}
					if _, _, err := g.ApplyAsync(ctx, bad); err == nil {
						t.Fatal("batch with an empty id: no error")
					}
				case 140:
					// A synchronous writer waits for the commit in flight:
					// replace an article with other content, then put it back
					// through the pipeline.
					other := arts[3]
					other.Article.Hash = "other"
					other.Meetings = nil
					apply(t, g, other)
					if _, _, err := g.ApplyAsync(ctx, arts[3:4]); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := g.Flush(); err != nil {
				t.Fatalf("Flush: %v", err)
			}
			mustCheck(t, g)
			if got := export(t, g, true); got != want {
				t.Errorf("pipelined load differs:\n%s", diff(want, got))
			}
		})
	}
}

// TestApplyAsyncRandom compares pipelined loads of random corpora, in
// random batch sizes, with Apply.
func TestApplyAsyncRandom(t *testing.T) {
	for seed := range uint64(10) {
		rng := rand.New(rand.NewPCG(seed, 11))
		var arts []graph.Contribution
		for i := range 60 {
			arts = append(arts, randomArticle(rng, "a"+string(rune('A'+i/26))+string(rune('a'+i%26)), "h"+string(rune('A'+i/26))+string(rune('a'+i%26))))
		}
		g1, g2 := newGraph(t), newGraph(t)
		for i := 0; i < len(arts); i += 5 {
			apply(t, g1, arts[i:min(i+5, len(arts))]...)
		}
		applyAsync(t, g2, arts, 1+rng.IntN(9))
		mustCheck(t, g2)
		if a, b := export(t, g1, true), export(t, g2, true); a != b {
			t.Errorf("seed %d: pipelined load differs:\n%s", seed, diff(a, b))
		}
	}
}

// failing is a memstore whose commits fail while fail is set, as a full
// disk would make them.
type failing struct {
	*memstore.Store
	fail bool
}

func (f *failing) Begin(ctx context.Context) (graph.PendingTx, error) {
	p, err := f.Store.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &failingTx{PendingTx: p, s: f}, nil
}

type failingTx struct {
	graph.PendingTx
	s *failing
}

func (p *failingTx) Commit(done func(error)) {
	if p.s.fail {
		p.Discard()
		done(errors.New("no space left on device"))
		return
	}
	p.PendingTx.Commit(done)
}

// TestApplyAsyncCommitFails: a batch whose commit fails makes the next
// ApplyAsync, or Flush, fail with ErrCommit and discards the batch resolved
// over it; the graph then holds exactly the batches that landed, and the
// records cached from the failed batch are forgotten, so loading the rest
// again gives the graph of all the articles.
func TestApplyAsyncCommitFails(t *testing.T) {
	arts := world(120)
	all := newGraph(t)
	apply(t, all, arts...)
	landed := newGraph(t)
	apply(t, landed, arts[:40]...)
	// Touches none of the records the failed batch cached.
	unrelated := article("z1", "hz1", []graph.OfficialMention{official("o1", "JO", "health", "2022-01-01", "Firas Hawari")})
	for _, next := range []string{"ApplyAsync", "Flush"} {
		t.Run(next, func(t *testing.T) {
			s := &failing{Store: memstore.New()}
			g, err := graph.New(s, testCountries)
			if err != nil {
				t.Fatal(err)
			}
			_, c1, err := g.ApplyAsync(ctx, arts[:40])
			if err != nil {
				t.Fatal(err)
			}
			s.fail = true
			_, c2, err := g.ApplyAsync(ctx, arts[40:80])
			if err != nil {
				t.Fatal(err)
			}
			if err := c1.Wait(); err != nil {
				t.Fatalf("first commit: %v", err)
			}
			if err := c2.Wait(); err == nil {
				t.Fatal("the failing commit reported no error")
			}
			s.fail = false
			if next == "ApplyAsync" {
				_, _, err = g.ApplyAsync(ctx, []graph.Contribution{unrelated})
			} else {
				err = g.Flush()
			}
			if !errors.Is(err, graph.ErrCommit) {
				t.Fatalf("%s after a failed commit: err = %v, want ErrCommit", next, err)
			}
			mustCheck(t, g)
			if a, b := export(t, landed, true), export(t, g, true); a != b {
				t.Errorf("after a failed commit the graph is not the batches that landed:\n%s", diff(a, b))
			}
			applyAsync(t, g, arts[40:], 13)
			mustCheck(t, g)
			if a, b := export(t, all, true), export(t, g, true); a != b {
				t.Errorf("reloading after a failed commit differs:\n%s", diff(a, b))
			}
		})
	}
}
