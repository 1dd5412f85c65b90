package graph_test

import (
	"testing"

	"diplograph/graph"
)

// BenchmarkApply measures merging articles into a graph that already holds
// 3,000, in batches of 100 (a loader's batch), on the in-memory store.
func BenchmarkApply(b *testing.B) {
	base := world(3000)
	batch := world(3100)[3000:]
	for b.Loop() {
		b.StopTimer()
		g := newGraph(b)
		apply(b, g, base...)
		b.StartTimer()
		apply(b, g, batch...)
	}
	b.ReportMetric(float64(len(batch))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
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
