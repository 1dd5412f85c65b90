package graph_test

import (
	"testing"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

// BenchmarkApply measures merging batches of 100 articles (a loader's
// batch) into a graph that already holds 3,000 whose six officials are in
// every article: the hot-record case. It runs on Badger in memory, since
// memstore's commit copies the whole store and would dominate.
func BenchmarkApply(b *testing.B) {
	s, err := badgerstore.Open("", badgerstore.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g, err := graph.New(s, testCountries)
	if err != nil {
		b.Fatal(err)
	}
	arts := world(3000)
	for i := 0; i < 3000; i += 500 {
		apply(b, g, arts[i:i+500]...)
	}
	next := 3000
	for b.Loop() {
		if next+100 > len(arts) {
			b.StopTimer()
			arts = world(len(arts) + 5000)
			b.StartTimer()
		}
		apply(b, g, arts[next:next+100]...)
		next += 100
	}
	b.ReportMetric(float64(next-3000)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkMeetingsBetween measures the first page of a country pair's
// meetings in one year.
func BenchmarkMeetingsBetween(b *testing.B) {
	g := newGraph(b)
	arts := world(3000)
	for i := 0; i < len(arts); i += 500 {
		apply(b, g, arts[i:min(i+500, len(arts))]...)
	}
	f := graph.EventFilter{Between: []string{"DZ", "EG"}, From: "2020-01-01", To: "2020-12-31"}
	for b.Loop() {
		err := g.View(ctx, func(r graph.Reader) error {
			ms, _, err := r.Meetings(f, graph.Page{})
			if err == nil && len(ms) == 0 {
				b.Fatal("no meetings")
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNeighborhood measures a depth-2 neighbourhood of a country,
// capped at 500 nodes.
func BenchmarkNeighborhood(b *testing.B) {
	g := newGraph(b)
	arts := world(3000)
	for i := 0; i < len(arts); i += 500 {
		apply(b, g, arts[i:min(i+500, len(arts))]...)
	}
	for b.Loop() {
		err := g.View(ctx, func(r graph.Reader) error {
			sg, err := r.Neighborhood("DZ", 2, 500)
			if err == nil && len(sg.Nodes) < 2 {
				b.Fatal("empty neighbourhood")
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch measures a name search in another script than the one
// most records use.
func BenchmarkSearch(b *testing.B) {
	g := newGraph(b)
	apply(b, g, world(1000)...)
	for b.Loop() {
		err := g.View(ctx, func(r graph.Reader) error {
			_, err := r.Search("لعمامرة", 10)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
