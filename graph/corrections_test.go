package graph_test

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// Tests of analysts' corrections: each correction is checked right after it
// is made, then after re-applying the same articles, loading new ones and
// loading one again with changed text, with Check after every step.

// officialsOf returns the officials an article fed.
func officialsOf(tb testing.TB, g *graph.Graph, article string) []string {
	tb.Helper()
	var out []string
	view(tb, g, func(r graph.Reader) error {
		a, err := r.Article(article)
		if err != nil {
			return err
		}
		out = a.Officials
		return nil
	})
	return out
}

// oneOfficial returns the single official an article fed, other than the
// Tunisian minister mentionArticle adds.
func oneOfficial(tb testing.TB, g *graph.Graph, article string) string {
	tb.Helper()
	var out []string
	for _, id := range officialsOf(tb, g, article) {
		if o := getOfficial(tb, g, id); o == nil || o.Country != "TN" {
			out = append(out, id)
		}
	}
	if len(out) != 1 {
		tb.Fatalf("article %s fed officials %v, want one besides the Tunisian", article, out)
	}
	return out[0]
}

func getOfficial(tb testing.TB, g *graph.Graph, id string) *graph.Official {
	tb.Helper()
	var o *graph.Official
	view(tb, g, func(r graph.Reader) error {
		var err error
		o, err = r.Official(id)
		if errors.Is(err, graph.ErrNotFound) {
			return nil
		}
		return err
	})
	return o
}

func firstMeeting(tb testing.TB, g *graph.Graph, article string) *graph.Meeting {
	tb.Helper()
	var m *graph.Meeting
	view(tb, g, func(r graph.Reader) error {
		a, err := r.Article(article)
		if err != nil {
			return err
		}
		if len(a.Meetings) == 0 {
			return nil
		}
		m, err = r.Meeting(a.Meetings[0])
		return err
	})
	if m == nil {
		tb.Fatalf("article %s fed no meeting", article)
	}
	return m
}

// mentionArticle is an article naming one official of a country, meeting a
// Tunisian minister.
func mentionArticle(id, hash, date, country string, names ...string) graph.Contribution {
	return article(id, hash, []graph.OfficialMention{
		official("a", country, "foreign", date, names...),
		official("b", "TN", "foreign", date, "Nabil Ammar"),
	}, meeting(graph.MeetingMeeting, date, []string{country, "TN"}, "a", "b"))
}

func TestCorrectionMerge(t *testing.T) {
	g := newGraph(t)
	a1 := mentionArticle("a1", "h1", "2024-03-01", "DZ", "Ahmed Attaf")
	a2 := mentionArticle("a2", "h2", "2024-03-10", "DZ", "أحمد عطاف الجزائري")
	a2.Agreements = []graph.AgreementMention{{Kind: graph.AgreementMoU, Status: graph.StatusSigned, Subject: "energy",
		Date: "2024-03-10", Countries: []string{"DZ", "TN"}, Signatories: []string{"a", "b"}, Meeting: 0,
		Sources: []graph.Source{{Article: "a2", Sentence: "They signed an MoU on energy."}}}}
	apply(t, g, a1, a2)
	keep, drop := oneOfficial(t, g, "a1"), oneOfficial(t, g, "a2")
	if keep == drop || getOfficial(t, g, keep).Name != "Ahmed Attaf" {
		t.Fatalf("setup: officials %s and %s should be two, the first named Ahmed Attaf", keep, drop)
	}
	before := stats(t, g)

	if err := g.MergeOfficials(ctx, keep, drop, "same person, the Arabic text adds a nisba"); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	if getOfficial(t, g, drop) != nil {
		t.Errorf("merged-away official %s still exists", drop)
	}
	o := getOfficial(t, g, keep)
	if len(o.Sources) != 2 || len(o.Names) != 2 {
		t.Errorf("kept official has sources %v and names %v, want both articles'", o.Sources, o.Names)
	}
	if got := officialsOf(t, g, "a2"); !slices.Contains(got, keep) || slices.Contains(got, drop) {
		t.Errorf("article a2 lists officials %v, want %s instead of %s", got, keep, drop)
	}
	if m := firstMeeting(t, g, "a2"); !slices.Contains(m.Participants, keep) || slices.Contains(m.Participants, drop) {
		t.Errorf("meeting participants %v, want %s instead of %s", m.Participants, keep, drop)
	}
	view(t, g, func(r graph.Reader) error {
		as, _, err := r.Agreements(graph.EventFilter{Official: keep}, graph.Page{})
		if err != nil {
			return err
		}
		if len(as) != 1 || !slices.Contains(as[0].Signatories, keep) {
			t.Errorf("agreements signed by %s: %d, want the MoU", keep, len(as))
		}
		ms, _, err := r.Meetings(graph.EventFilter{Official: drop}, graph.Page{})
		if err != nil {
			return err
		}
		if len(ms) != 0 {
			t.Errorf("%d meetings still list the merged-away official", len(ms))
		}
		return nil
	})
	if after := stats(t, g); after.Officials != before.Officials-1 {
		t.Errorf("officials %d after the merge, want %d", after.Officials, before.Officials-1)
	}
	exp := export(t, g, false)

	// Re-applying the same articles changes nothing.
	apply(t, g, a2, a1)
	mustCheck(t, g)
	if got := export(t, g, false); got != exp {
		t.Errorf("re-applying the articles changed the graph:\n%s", diff(exp, got))
	}

	// A new article with the merged-away spelling, and a2 again with changed
	// text, both land on the kept official.
	apply(t, g, mentionArticle("a3", "h3", "2024-04-02", "DZ", "أحمد عطاف الجزائري"))
	a2b := mentionArticle("a2", "h2b", "2024-03-11", "DZ", "أحمد عطاف الجزائري")
	apply(t, g, a2b)
	mustCheck(t, g)
	for _, a := range []string{"a2", "a3"} {
		if got := officialsOf(t, g, a); !slices.Contains(got, keep) {
			t.Errorf("after re-load, article %s lists officials %v, want %s", a, got, keep)
		}
	}
	if getOfficial(t, g, drop) != nil {
		t.Errorf("merged-away official %s is back after re-loads", drop)
	}
}

// TestCorrectionMergeRedirect covers the mention the kept official's
// indexes do not catch: with no country and another portfolio, resolution
// makes a fresh official whose id is the merged-away one's, and the redirect
// sends it to the kept official.
func TestCorrectionMergeRedirect(t *testing.T) {
	g := newGraph(t)
	apply(t, g,
		article("b1", "h1", []graph.OfficialMention{official("a", "DZ", "foreign", "2024-01-01", "Ramtane Lamamra")}),
		article("b2", "h2", []graph.OfficialMention{official("a", "", "foreign", "2024-01-02", "Salah Goudjil")}))
	keep, drop := oneOfficial(t, g, "b1"), oneOfficial(t, g, "b2")
	if err := g.MergeOfficials(ctx, keep, drop, ""); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	apply(t, g, article("b3", "h3", []graph.OfficialMention{official("a", "", "interior", "2024-01-03", "Salah Goudjil")}))
	mustCheck(t, g)
	if got := oneOfficial(t, g, "b3"); got != keep {
		t.Errorf("mention of the merged-away name resolved to %s, want %s", got, keep)
	}
}

func TestCorrectionSplit(t *testing.T) {
	g := newGraph(t)
	// Two different people the resolver takes for one: same name, same
	// country and office, months apart.
	apply(t, g,
		mentionArticle("c1", "h1", "2024-01-05", "EG", "Sameh Shoukry"),
		mentionArticle("c2", "h2", "2024-02-05", "EG", "Sameh Shoukry"),
		mentionArticle("c3", "h3", "2024-03-05", "EG", "Sameh Shoukry"))
	old := oneOfficial(t, g, "c1")
	for _, a := range []string{"c2", "c3"} {
		if got := oneOfficial(t, g, a); got != old {
			t.Fatalf("setup: article %s resolved to %s, want %s", a, got, old)
		}
	}

	for _, tc := range []struct {
		name     string
		id       string
		articles []string
	}{
		{"no articles", old, nil},
		{"article not mentioning it", old, []string{"nope"}},
		{"every article", old, []string{"c1", "c2", "c3"}},
		{"unknown official", "official:nobody", []string{"c1"}},
		{"not an official", "meeting:x", []string{"c1"}},
	} {
		if _, err := g.SplitOfficial(ctx, tc.id, tc.articles, ""); !errors.Is(err, graph.ErrBadCorrection) {
			t.Errorf("split, %s: error %v, want ErrBadCorrection", tc.name, err)
		}
	}

	nid, err := g.SplitOfficial(ctx, old, []string{"c2"}, "the February article is about his namesake")
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	if nid == old || getOfficial(t, g, nid) == nil {
		t.Fatalf("split returned %q, want a new official", nid)
	}
	check := func(when string) {
		t.Helper()
		if got := officialsOf(t, g, "c2"); !slices.Contains(got, nid) || slices.Contains(got, old) {
			t.Errorf("%s: c2 lists %v, want %s and not %s", when, got, nid, old)
		}
		for _, a := range []string{"c1", "c3"} {
			if got := officialsOf(t, g, a); !slices.Contains(got, old) {
				t.Errorf("%s: %s lists %v, want %s", when, a, got, old)
			}
		}
		if m := firstMeeting(t, g, "c2"); !slices.Contains(m.Participants, nid) || slices.Contains(m.Participants, old) {
			t.Errorf("%s: c2's meeting has participants %v, want %s", when, m.Participants, nid)
		}
		if o := getOfficial(t, g, nid); o == nil || len(o.Sources) != 1 || o.Sources[0].Article != "c2" {
			t.Errorf("%s: split-off official %+v, want c2's mention alone", when, o)
		}
	}
	check("after the split")
	exp := export(t, g, false)

	apply(t, g, mentionArticle("c2", "h2", "2024-02-05", "EG", "Sameh Shoukry"))
	mustCheck(t, g)
	if got := export(t, g, false); got != exp {
		t.Errorf("re-applying c2 changed the graph:\n%s", diff(exp, got))
	}

	// c2 again with changed text: another official mentioned first, so the
	// mention indexes shift; the pin still holds.
	c2b := article("c2", "h2b", []graph.OfficialMention{
		official("x", "FR", "foreign", "2024-02-06", "Stéphane Séjourné"),
		official("a", "EG", "foreign", "2024-02-06", "Sameh Shoukry"),
		official("b", "TN", "foreign", "2024-02-06", "Nabil Ammar"),
	}, meeting(graph.MeetingMeeting, "2024-02-06", []string{"EG", "TN"}, "a", "b"))
	apply(t, g, c2b)
	mustCheck(t, g)
	check("after c2 changed")

	// A new article and a reload of the others keep the split.
	apply(t, g, mentionArticle("c4", "h4", "2024-04-05", "EG", "Sameh Shoukry"),
		mentionArticle("c1", "h1b", "2024-01-06", "EG", "Sameh Shoukry"))
	mustCheck(t, g)
	check("after new articles")
	if got := oneOfficial(t, g, "c4"); got != old {
		t.Errorf("a new article resolved to %s, want the official split from (%s), not the split-off one", got, old)
	}

	// Merging the two back undoes the split for good.
	if err := g.MergeOfficials(ctx, old, nid, "it was him after all"); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	apply(t, g, mentionArticle("c2", "h2c", "2024-02-07", "EG", "Sameh Shoukry"))
	mustCheck(t, g)
	if got := officialsOf(t, g, "c2"); !slices.Contains(got, old) {
		t.Errorf("after merging back and reloading, c2 lists %v, want %s", got, old)
	}
}

func TestCorrectionRename(t *testing.T) {
	g := newGraph(t)
	apply(t, g, mentionArticle("d1", "h1", "2024-05-01", "LY", "محمد الطاهر الباعور"),
		mentionArticle("d2", "h2", "2024-05-02", "LY", "محمد الطاهر الباعور"))
	id := oneOfficial(t, g, "d1")
	const name = "Mohamed Taher Elbaour"
	if err := g.RenameOfficial(ctx, id, "  ", ""); !errors.Is(err, graph.ErrBadCorrection) {
		t.Errorf("empty name: error %v, want ErrBadCorrection", err)
	}
	if err := g.RenameOfficial(ctx, "official:nobody", name, ""); !errors.Is(err, graph.ErrBadCorrection) {
		t.Errorf("unknown official: error %v, want ErrBadCorrection", err)
	}
	if err := g.RenameOfficial(ctx, id, name, "spelling of the ministry's site"); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	want := func(when string) {
		t.Helper()
		if o := getOfficial(t, g, id); o == nil || o.Name != name {
			t.Errorf("%s: official %+v, want name %q", when, o, name)
		}
		view(t, g, func(r graph.Reader) error {
			os, _, err := r.Officials(graph.OfficialFilter{Country: "LY"}, graph.Page{})
			if err != nil {
				return err
			}
			for _, o := range os {
				if o.ID == id && o.Name != name {
					t.Errorf("%s: officials list names %s %q", when, id, o.Name)
				}
			}
			return nil
		})
	}
	want("after the rename")
	view(t, g, func(r graph.Reader) error {
		hits, err := r.Search("Elbaour", 10)
		if err != nil {
			return err
		}
		for _, h := range hits {
			if h.ID == id {
				return nil
			}
		}
		t.Errorf("search for the new name finds %v, not %s", hits, id)
		return nil
	})
	// Mentions spelled in Latin would win the vote for the derived name;
	// the rename stands over them, over re-loads and changed text.
	apply(t, g, mentionArticle("d3", "h3", "2024-05-03", "LY", "Mohamed El-Baour", "محمد الطاهر الباعور"),
		mentionArticle("d4", "h4", "2024-05-04", "LY", "Mohamed El-Baour", "محمد الطاهر الباعور"),
		mentionArticle("d1", "h1b", "2024-05-05", "LY", "Mohamed El-Baour", "محمد الطاهر الباعور"))
	mustCheck(t, g)
	if got := oneOfficial(t, g, "d3"); got != id {
		t.Fatalf("d3 resolved to %s, want %s", got, id)
	}
	want("after re-loads")
}

func TestCorrectionList(t *testing.T) {
	g := newGraph(t)
	if cs, err := g.Corrections(ctx); err != nil || len(cs) != 0 {
		t.Fatalf("empty graph: corrections %v, %v", cs, err)
	}
	apply(t, g,
		mentionArticle("e1", "h1", "2024-06-01", "MA", "Nasser Bourita"),
		mentionArticle("e2", "h2", "2024-06-02", "MA", "Naser Burita Bis"),
		mentionArticle("e3", "h3", "2024-06-03", "MA", "Nasser Bourita"))
	a, b := oneOfficial(t, g, "e1"), oneOfficial(t, g, "e2")
	if err := g.RenameOfficial(ctx, a, "Nasser Bourita", "n1"); err != nil {
		t.Fatal(err)
	}
	if err := g.MergeOfficials(ctx, a, b, "n2"); err != nil {
		t.Fatal(err)
	}
	if err := g.MergeOfficials(ctx, a, b, "again"); !errors.Is(err, graph.ErrBadCorrection) {
		t.Errorf("merging a merged-away official: error %v, want ErrBadCorrection", err)
	}
	if err := g.MergeOfficials(ctx, a, a, ""); !errors.Is(err, graph.ErrBadCorrection) {
		t.Errorf("merging an official into itself: error %v, want ErrBadCorrection", err)
	}
	nid, err := g.SplitOfficial(ctx, a, []string{"e3"}, "n3")
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	cs, err := g.Corrections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Correction{
		{Seq: 1, Kind: graph.CorrectionRename, Official: a, Name: "Nasser Bourita", Note: "n1"},
		{Seq: 2, Kind: graph.CorrectionMerge, Official: a, Other: b, Note: "n2"},
		{Seq: 3, Kind: graph.CorrectionSplit, Official: a, Other: nid, Articles: []string{"e3"}, Note: "n3"},
	}
	if len(cs) != len(want) {
		t.Fatalf("corrections %+v, want %d", cs, len(want))
	}
	for i := range want {
		got := cs[i]
		if got.At == "" {
			t.Errorf("correction %d has no time", i+1)
		}
		got.At = ""
		if !slices.Equal(got.Articles, want[i].Articles) {
			t.Errorf("correction %d: articles %v, want %v", i+1, got.Articles, want[i].Articles)
		}
		got.Articles, want[i].Articles = nil, nil
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("correction %d: %+v, want %+v", i+1, got, want[i])
		}
	}
}

// TestCorrectionCachedRecords corrects officials with enough mentions for
// the graph to keep their state between transactions.
func TestCorrectionCachedRecords(t *testing.T) {
	g := newGraph(t)
	var cs []graph.Contribution
	for i := range 40 {
		date := fmt.Sprintf("2024-%02d-%02d", 1+i/28, 1+i%28)
		name := "Ahmed Attaf"
		if i%2 == 1 {
			name = "Ahmed Ataf Bis"
		}
		cs = append(cs, mentionArticle(fmt.Sprintf("f%02d", i), fmt.Sprintf("h%02d", i), date, "DZ", name))
	}
	apply(t, g, cs[:20]...)
	apply(t, g, cs[20:]...)
	keep, drop := oneOfficial(t, g, "f00"), oneOfficial(t, g, "f01")
	if keep == drop {
		t.Fatalf("setup: one official for both names")
	}
	if err := g.MergeOfficials(ctx, keep, drop, ""); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	if err := g.RenameOfficial(ctx, keep, "Ahmed Attaf", ""); err != nil {
		t.Fatal(err)
	}
	nid, err := g.SplitOfficial(ctx, keep, []string{"f03", "f04"}, "")
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	// Everything again, some with changed text.
	for i := range cs {
		if i%3 == 0 {
			cs[i].Article.Hash += "-changed"
			cs[i].Officials[0].Date = "2024-12-01"
		}
	}
	apply(t, g, cs...)
	mustCheck(t, g)
	for i := range cs {
		want := keep
		if i == 3 || i == 4 {
			want = nid
		}
		if got := oneOfficial(t, g, cs[i].Article.ID); got != want {
			t.Errorf("%s resolved to %s, want %s", cs[i].Article.ID, got, want)
		}
	}
	if o := getOfficial(t, g, keep); o.Name != "Ahmed Attaf" || len(o.Sources) != 38 {
		t.Errorf("kept official %q with %d sources, want the rename and 38", o.Name, len(o.Sources))
	}
}

// TestCorrectionMergeRefusesPinnedArticle: a split pins an article's
// mentions of an official; merging into that official another one the same
// article names would send both to the split-off official on re-load, so
// the merge is refused.
func TestCorrectionMergeRefusesPinnedArticle(t *testing.T) {
	g := newGraph(t)
	apply(t, g,
		article("g1", "h1", []graph.OfficialMention{
			official("p", "DZ", "foreign", "2024-07-01", "Ahmed Attaf"),
			official("q", "DZ", "interior", "2024-07-01", "Brahim Merad"),
		}),
		article("g2", "h2", []graph.OfficialMention{official("p", "DZ", "foreign", "2024-07-02", "Ahmed Attaf")}))
	var p, q string
	for _, id := range officialsOf(t, g, "g1") {
		if getOfficial(t, g, id).Name == "Ahmed Attaf" {
			p = id
		} else {
			q = id
		}
	}
	nid, err := g.SplitOfficial(ctx, p, []string{"g1"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := g.MergeOfficials(ctx, p, q, ""); !errors.Is(err, graph.ErrBadCorrection) {
		t.Errorf("merge into an official split off in a shared article: error %v, want ErrBadCorrection", err)
	}
	if err := g.MergeOfficials(ctx, nid, q, ""); err != nil {
		t.Errorf("merge into the split-off official: %v", err)
	}
	mustCheck(t, g)
	apply(t, g, article("g1", "h1b", []graph.OfficialMention{
		official("q", "DZ", "interior", "2024-07-03", "Brahim Merad"),
		official("p", "DZ", "foreign", "2024-07-03", "Ahmed Attaf"),
	}))
	mustCheck(t, g)
	if got := officialsOf(t, g, "g1"); len(got) != 1 || got[0] != nid {
		t.Errorf("after re-load, g1 lists %v, want only %s", got, nid)
	}
}

// TestCorrectionRandomInvariants interleaves random loads, re-loads with
// changed text, removals and corrections (merges, splits, renames of
// random officials) over the colliding names of randomArticle; after every
// step Check must pass (it verifies that merged-away officials stay gone
// and split-off articles stay off) and every renamed official keeps its
// name.
//
// CORRECTION_SEEDS=700 go test ./graph -run CorrectionRandom passes (about
// a minute).
func TestCorrectionRandomInvariants(t *testing.T) {
	// Seeds 0-19, and ones that once found loops among split origins (13,
	// 90) and among an article's pins (461); CORRECTION_SEEDS=n runs 0..n-1.
	seeds := []uint64{13, 90, 461}
	for i := range uint64(20) {
		seeds = append(seeds, i)
	}
	if n, err := strconv.Atoi(os.Getenv("CORRECTION_SEEDS")); err == nil {
		seeds = seeds[:0]
		for i := range uint64(n) {
			seeds = append(seeds, i)
		}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 4))
			s := memstore.New()
			g, err := graph.New(s, testCountries)
			if err != nil {
				t.Fatal(err)
			}
			renamed := map[string]string{}
			made := 0
			for step := range 30 {
				var batch []graph.Contribution
				for range 1 + rng.IntN(4) {
					id := fmt.Sprintf("a%d", rng.IntN(25))
					batch = append(batch, randomArticle(rng, id, fmt.Sprintf("%s-v%d", id, rng.IntN(3))))
				}
				apply(t, g, batch...)
				if rng.IntN(5) == 0 {
					if err := g.RemoveArticle(ctx, batch[0].Article.ID); err != nil {
						t.Fatal(err)
					}
				}
				// Officials and the articles naming them.
				var offs []*graph.Official
				view(t, g, func(r graph.Reader) error {
					var err error
					offs, _, err = r.Officials(graph.OfficialFilter{}, graph.Page{First: graph.MaxPageSize})
					return err
				})
				if len(offs) >= 2 {
					a, b := offs[rng.IntN(len(offs))], offs[rng.IntN(len(offs))]
					var err error
					switch rng.IntN(3) {
					case 0:
						err = g.MergeOfficials(ctx, a.ID, b.ID, "")
						if err == nil {
							delete(renamed, b.ID)
						}
					case 1:
						arts := map[string]bool{}
						for _, s := range a.Sources {
							arts[s.Article] = true
						}
						var move []string
						for _, art := range slices.Sorted(maps.Keys(arts)) {
							if rng.IntN(2) == 0 {
								move = append(move, art)
							}
						}
						_, err = g.SplitOfficial(ctx, a.ID, move, "")
					case 2:
						name := fmt.Sprintf("Renamed %d", step)
						err = g.RenameOfficial(ctx, a.ID, name, "")
						if err == nil {
							renamed[a.ID] = name
						}
					}
					if err != nil && !errors.Is(err, graph.ErrBadCorrection) {
						t.Fatalf("step %d: %v", step, err)
					}
					if err == nil {
						made++
					}
				}
				ps, err := g.Check(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					t.Errorf("step %d: %s", step, p)
				}
				for id, name := range renamed {
					if o := getOfficial(t, g, id); o != nil && o.Name != name {
						t.Errorf("step %d: %s is named %q, want the rename %q", step, id, o.Name, name)
					}
				}
				if t.Failed() {
					return
				}
			}
			cs, err := g.Corrections(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d corrections made", made)
			if len(cs) != made {
				t.Errorf("%d corrections listed, %d made", len(cs), made)
			}
			// Removing every article leaves nothing but the corrections.
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
		})
	}
}

// TestCorrectionReopen: a Graph opened over a store that already holds
// corrections honours them (resolution finds out from the store that there
// are some).
func TestCorrectionReopen(t *testing.T) {
	s := memstore.New()
	g, err := graph.New(s, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	apply(t, g,
		mentionArticle("r1", "h1", "2024-01-05", "EG", "Sameh Shoukry"),
		mentionArticle("r2", "h2", "2024-02-05", "EG", "Sameh Shoukry"))
	old := oneOfficial(t, g, "r1")
	nid, err := g.SplitOfficial(ctx, old, []string{"r2"}, "")
	if err != nil {
		t.Fatal(err)
	}
	g2, err := graph.New(s, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	apply(t, g2, mentionArticle("r2", "h2b", "2024-02-06", "EG", "Sameh Shoukry"))
	mustCheck(t, g2)
	if got := oneOfficial(t, g2, "r2"); got != nid {
		t.Errorf("reopened graph: r2 resolved to %s, want the split-off %s", got, nid)
	}
}
