package graph_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// randomArticle draws an article from a small world where names collide on
// purpose: shared surnames, the same name in two countries, bare surnames,
// title-only mentions, meetings a day apart, undated ones.
func randomArticle(rng *rand.Rand, id, hash string) graph.Contribution {
	people := []struct {
		country, portfolio string
		names              []string
	}{
		{"LY", "interior", []string{"خالد مازن", "Khaled Mazen", "Khalid Mazin", "Mazen"}},
		{"LY", "health", []string{"أحمد مازن", "Ahmed Mazen", "Mazen"}},
		{"TN", "trade", []string{"خالد مازن", "Khaled Mazen"}},
		{"DZ", "interior", []string{"كمال بلجود", "Kamel Beldjoud", "Beldjoud"}},
		{"DZ", "foreign", []string{"رمطان لعمامرة", "Ramtane Lamamra", "Lamamra"}},
		{"EG", "foreign", []string{"سامح شكري", "Sameh Shoukry", "Sameh Choukri"}},
		{"", "foreign", []string{"Sameh Shoukry"}},
		{"DZ", "interior", nil}, // "the Algerian interior minister"
	}
	day := 1 + rng.IntN(4)
	date := fmt.Sprintf("2021-11-%02d", day)
	if rng.IntN(6) == 0 {
		date = ""
	}
	c := graph.Contribution{Article: graph.Article{ID: id, Hash: hash, Lang: []string{"ar", "en", "fr"}[rng.IntN(3)]}}
	n := 1 + rng.IntN(3)
	countries := map[string]bool{}
	for i := range n {
		p := people[rng.IntN(len(people))]
		var names []string
		if len(p.names) > 0 {
			names = []string{p.names[rng.IntN(len(p.names))]}
		}
		c.Officials = append(c.Officials, official(fmt.Sprintf("o%d", i), p.country, p.portfolio, date, names...))
		if p.country != "" {
			countries[p.country] = true
		}
	}
	var cs []string
	for k := range countries {
		cs = append(cs, k)
	}
	slices.Sort(cs)
	if len(cs) >= 2 {
		var refs []string
		for _, o := range c.Officials {
			refs = append(refs, o.Ref)
		}
		kind := []string{"visit", "meeting", "call"}[rng.IntN(3)]
		c.Meetings = append(c.Meetings, meeting(kind, date, cs, refs...))
		if rng.IntN(2) == 0 {
			// Linked to the meeting only in English articles: the link lets
			// an agreement match across languages when subjects cannot be
			// compared, which is order-dependent when one meeting has several
			// agreements reported in several languages.
			link := -1
			if c.Article.Lang == "en" {
				link = 0
			}
			c.Agreements = append(c.Agreements, graph.AgreementMention{
				Kind: "mou", Status: "signed", Subject: []string{"border security", "trade", "security of the border"}[rng.IntN(3)],
				Date: date, Countries: cs, Signatories: refs[:1], Meeting: link,
			})
		}
	}
	withSources(&c)
	return c
}

// TestRandomInvariants loads, replaces and removes random articles in random
// batches; after every step the graph must pass Check, and once every
// article is removed nothing may be left.
func TestRandomInvariants(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			s := memstore.New()
			g, err := graph.New(s, testCountries)
			if err != nil {
				t.Fatal(err)
			}
			loaded := map[string]bool{}
			for step := range 25 {
				var batch []graph.Contribution
				for range 1 + rng.IntN(4) {
					id := fmt.Sprintf("a%d", rng.IntN(30))
					batch = append(batch, randomArticle(rng, id, fmt.Sprintf("%s-v%d", id, rng.IntN(3))))
					loaded[id] = true
				}
				apply(t, g, batch...)
				if rng.IntN(4) == 0 {
					for id := range loaded {
						if err := g.RemoveArticle(ctx, id); err != nil {
							t.Fatal(err)
						}
						delete(loaded, id)
						break
					}
				}
				ps, err := g.Check(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					t.Errorf("step %d: %s", step, p)
				}
				if t.Failed() {
					return
				}
			}
			var ids []string
			view(t, g, func(r graph.Reader) error {
				as, _, err := r.Articles(graph.Page{First: graph.MaxPageSize})
				for _, a := range as {
					ids = append(ids, a.ID)
				}
				return err
			})
			for _, id := range ids {
				if err := g.RemoveArticle(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			mustCheck(t, g)
			if st := stats(t, g); st != (graph.Stats{Countries: len(testCountries)}) {
				t.Errorf("after removing everything: %+v", st)
			}
			// Only the counts (now zero) may remain.
			left := 0
			err = s.View(ctx, func(tx graph.ReadTx) error {
				return tx.Scan(ctx, nil, nil, func(k, v []byte) (bool, error) {
					if k[0] != '#' {
						left++
						t.Errorf("left over: %q = %q", k, v)
					}
					return left < 10, nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestRandomOrderIndependence loads random sets of articles in two orders
// and expects the same graph. Left out, being order-dependent by nature:
// meetings reported on three consecutive days without participants in
// common (the middle report joins whichever of the other two came first),
// and agreements matched across languages through their meeting (see
// randomArticle).
func TestRandomOrderIndependence(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var arts []graph.Contribution
		for i := range 40 {
			a := randomArticle(rng, fmt.Sprintf("a%02d", i), fmt.Sprintf("h%02d", i))
			keep := true
			for _, m := range a.Meetings {
				keep = keep && (m.Date == "" || m.Date == "2021-11-01" || m.Date == "2021-11-04")
			}
			if keep {
				arts = append(arts, a)
			}
		}
		if len(arts) < 5 {
			t.Fatalf("seed %d: only %d articles kept", seed, len(arts))
		}
		g1, g2 := newGraph(t), newGraph(t)
		apply(t, g1, arts...)
		perm := slices.Clone(arts)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		for _, a := range perm {
			apply(t, g2, a)
		}
		if a, b := export(t, g1, true), export(t, g2, true); a != b {
			t.Errorf("seed %d: orders give different graphs:\n%s", seed, diff(a, b))
		}
	}
}

// TestCacheAcrossBatches loads the same articles in one batch and in many
// small ones (so hot records come from the record cache), with a failed
// batch, a dropped cache and a replacement in between, and expects the same
// graph: with the cache's own bound in bytes, with one that keeps a few
// records and drops the least recently used each batch, and with one that
// keeps none. The cache's count of its bytes stays true and within bound.
func TestCacheAcrossBatches(t *testing.T) {
	arts := world(240)
	one := newGraph(t)
	apply(t, one, arts...)
	want := export(t, one, true)

	for _, tc := range []struct {
		name  string
		bound int // 0: the default
		sums  int // officials' summaries kept; 0: the default
	}{{"default", 0, 0}, {"tight", 40 << 10, 4}, {"none", 1, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.bound > 0 {
				defer graph.SetCacheMaxBytes(tc.bound)()
			}
			if tc.sums > 0 {
				defer graph.SetSumsMax(tc.sums)()
			}
			many := newGraph(t)
			most, mostSums := 0, 0
			for i := 0; i < len(arts); i += 7 {
				apply(t, many, arts[i:min(i+7, len(arts))]...)
				if i == 70 {
					// A batch that fails after touching hot records changes nothing,
					// in the store or in the cache.
					bad := []graph.Contribution{world(300)[250], article("", "x", nil)}
					if _, err := many.Apply(ctx, bad); err == nil {
						t.Fatal("batch with an empty id: no error")
					}
				}
				if i == 105 {
					// What a load does when it ends: the next batches read their
					// hot records from the store again.
					many.DropCache()
				}
				if i == 140 {
					// Replace an article with other content and then put it back.
					other := arts[3]
					other.Article.Hash = "other"
					other.Meetings = nil
					apply(t, many, other)
					apply(t, many, arts[3])
				}
				n, bytes, sum := graph.CacheStats(many)
				if bytes != sum || (tc.bound > 0 && bytes > tc.bound) {
					t.Fatalf("after %d articles: %d records cached, counted %d bytes, estimated %d, bound %d",
						i+7, n, bytes, sum, tc.bound)
				}
				most = max(most, n)
				kept, stale, err := graph.StaleSummaries(many)
				if err != nil {
					t.Fatal(err)
				}
				if len(stale) > 0 || (tc.sums > 0 && kept > tc.sums) {
					t.Fatalf("after %d articles: %d officials' summaries kept (bound %d), stale: %q", i+7, kept, tc.sums, stale)
				}
				mostSums = max(mostSums, kept)
			}
			if mostSums == 0 {
				t.Errorf("no official's summaries kept: the test does not exercise them")
			}
			switch {
			case tc.name == "none" && most != 0:
				t.Errorf("cache bound of 1 byte: up to %d records cached", most)
			case tc.name != "none" && most == 0:
				t.Errorf("nothing cached: the test does not exercise the cache")
			}
			t.Logf("up to %d records cached, %d officials' summaries kept", most, mostSums)
			mustCheck(t, many)
			if got := export(t, many, true); got != want {
				t.Errorf("batched load differs:\n%s", diff(want, got))
			}
		})
	}
}

// TestReadersDuringApply reads while batches are applied: every snapshot is
// whole (each article's officials and meetings exist in it) and counts only
// grow. Run with -race.
func TestReadersDuringApply(t *testing.T) {
	g := newGraph(t)
	arts := world(200)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < len(arts); i += 10 {
			if _, err := g.Apply(ctx, arts[i:i+10]); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	last := 0
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		err := g.View(ctx, func(r graph.Reader) error {
			as, info, err := r.Articles(graph.Page{First: graph.MaxPageSize})
			if err != nil {
				return err
			}
			if info.Total < last || info.Total != len(as) {
				t.Errorf("articles: Total %d after %d, page %d", info.Total, last, len(as))
			}
			last = info.Total
			for _, a := range as {
				for _, id := range a.Officials {
					if _, err := r.Official(id); err != nil {
						t.Errorf("article %s: official %s: %v", a.ID, id, err)
					}
				}
				for _, id := range a.Meetings {
					if _, err := r.Meeting(id); err != nil {
						t.Errorf("article %s: meeting %s: %v", a.ID, id, err)
					}
				}
			}
			_, err = r.Search("Lamamra", 5)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if last != len(arts) {
		t.Errorf("last snapshot saw %d articles, want %d", last, len(arts))
	}
}
