package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// countingStore counts the records (officials, ministries, meetings,
// agreements) a reader Gets: what costs a decode, and a disk read when the
// store is bigger than memory.
type countingStore struct {
	graph.Store
	records atomic.Int64
}

type countingTx struct {
	graph.ReadTx
	s *countingStore
}

func (s *countingStore) View(ctx context.Context, fn func(graph.ReadTx) error) error {
	return s.Store.View(ctx, func(tx graph.ReadTx) error { return fn(countingTx{tx, s}) })
}

func (t countingTx) Get(k []byte) ([]byte, error) {
	for _, p := range []string{"o\x00", "m\x00", "e\x00", "g\x00"} {
		if bytes.HasPrefix(k, []byte(p)) {
			t.s.records.Add(1)
		}
	}
	return t.ReadTx.Get(k)
}

// crowd builds n articles over the test countries, each a meeting of two
// officials drawn from perCountry per country (the first of each its
// foreign minister), so that a node has many more neighbours than a small
// neighbourhood keeps.
func crowd(n, perCountry int) []graph.Contribution {
	codes := []string{"DZ", "LY", "TN", "EG", "FR", "MA"}
	givens := []string{"Karim", "Selma", "Omar", "Lucie", "Yanis", "Nadia"}
	surnames := []string{"Haddad", "Moreau", "Benali", "Tazi", "Fontaine", "Gharbi", "Lambert", "Mansour"}
	person := func(c string, k int) graph.OfficialMention {
		portfolio := ""
		if k == 0 {
			portfolio = "foreign"
		}
		// Whole distinct words: name keys ignore digits, and names one
		// letter apart may be one person.
		return official("", c, portfolio, "2021-01-01", givens[k%len(givens)]+" "+surnames[k/len(givens)]+" "+c)
	}
	var out []graph.Contribution
	for i := range n {
		a, b := codes[i%len(codes)], codes[(i/len(codes)+i+1)%len(codes)]
		if a == b {
			b = codes[(i+1)%len(codes)]
		}
		o1, o2 := person(a, (i/len(codes))%perCountry), person(b, (i/len(codes)*7+3)%perCountry)
		o1.Ref, o2.Ref = "o1", "o2"
		date := fmt.Sprintf("%d-%02d-%02d", 2020+(i/300)%2, 1+(i/25)%12, 1+i%28)
		cs := []string{a, b}
		slices.Sort(cs)
		c := graph.Contribution{
			Article:   graph.Article{ID: fmt.Sprintf("c-%05d", i), Hash: fmt.Sprintf("hc-%05d", i), Lang: "en", Published: date},
			Officials: []graph.OfficialMention{o1, o2},
			Meetings:  []graph.MeetingMention{meeting(graph.MeetingMeeting, date, cs, "o1", "o2")},
		}
		withSources(&c)
		out = append(out, c)
	}
	return out
}

// crowdMinister returns the id of crowd's Algerian foreign minister.
func crowdMinister(t *testing.T, g *graph.Graph) string {
	t.Helper()
	var minister string
	view(t, g, func(r graph.Reader) error {
		os, _, err := r.Officials(graph.OfficialFilter{Country: "DZ", Name: "Karim Haddad"}, graph.Page{})
		if err != nil || len(os) != 1 {
			return fmt.Errorf("minister: %v %v", os, err)
		}
		minister = os[0].ID
		return nil
	})
	return minister
}

// TestNeighborhoodReadsOnlyItsNodes checks that a neighbourhood reads each
// node it returns once (its label and, when expanded, its roles or country
// come from the same read) and no record of a neighbour it leaves out: at
// scale most neighbours of a depth-2 walk are left out, and reading them was
// most of its cost.
func TestNeighborhoodReadsOnlyItsNodes(t *testing.T) {
	s := &countingStore{Store: memstore.New()}
	g, err := graph.New(s, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	apply(t, g, crowd(600, 30)...)
	minister := crowdMinister(t, g)
	for _, tc := range []struct {
		id           string
		depth, limit int
		wantNodes    int
	}{
		{minister, 1, 3, 3},
		{minister, 2, 20, 20},
		{minister, 4, 500, 192}, // all: 180 officials, 6 countries, 6 ministries
		{"DZ", 1, 15, 15},
		{"DZ", 2, 40, 40},
		{"DZ", 3, 3, 3},
	} {
		t.Run(fmt.Sprintf("%s/%d/%d", tc.id, tc.depth, tc.limit), func(t *testing.T) {
			var sg *graph.Subgraph
			s.records.Store(0)
			view(t, g, func(r graph.Reader) error {
				sg, err = r.Neighborhood(tc.id, tc.depth, tc.limit)
				return err
			})
			read := s.records.Load()
			if len(sg.Nodes) != tc.wantNodes {
				t.Errorf("%d nodes, want %d", len(sg.Nodes), tc.wantNodes)
			}
			if max := int64(len(sg.Nodes)); read > max {
				t.Errorf("read %d records for %d nodes, want at most %d", read, len(sg.Nodes), max)
			}
			in := map[string]bool{}
			for _, n := range sg.Nodes {
				in[n.ID] = true
			}
			for _, e := range sg.Edges {
				if !in[e.Source] || !in[e.Target] {
					t.Errorf("edge %+v leaves the subgraph", e)
				}
			}
		})
	}
}

// TestNeighborhoodEdgesFullFindsNodes checks the walk once its edges are at
// their cap (ten per node of the limit): it still finds every node within
// depth, in the order a walk with room for all its edges finds them, each
// with the edge that joined it. A hub's
// index entries then name the same few counterparts over and over, and the
// walk lists each once.
func TestNeighborhoodEdgesFullFindsNodes(t *testing.T) {
	g, err := graph.New(memstore.New(), testCountries)
	if err != nil {
		t.Fatal(err)
	}
	apply(t, g, crowd(1500, 2)...) // 12 officials, 6 ministries, 6 countries
	minister := crowdMinister(t, g)
	for _, id := range []string{minister, "DZ"} {
		for depth := 2; depth <= 3; depth++ { // one hop scans 200 events: below the cap
			var capped, roomy *graph.Subgraph
			view(t, g, func(r graph.Reader) error {
				if capped, err = r.Neighborhood(id, depth, 30); err != nil {
					return err
				}
				roomy, err = r.Neighborhood(id, depth, graph.MaxNeighborhoodLimit)
				return err
			})
			// The cap, and past it only the edges that joined nodes found
			// once it was reached: every node has one.
			if n := len(capped.Edges); n < 300 || n > 300+len(capped.Nodes) {
				t.Errorf("%s depth %d: %d edges, want the cap (300) and at most one per node past it", id, depth, n)
			}
			touched := map[string]bool{}
			for _, e := range capped.Edges {
				touched[e.Source], touched[e.Target] = true, true
			}
			for _, n := range capped.Nodes {
				if !touched[n.ID] {
					t.Errorf("%s depth %d: node %s has no edge", id, depth, n.ID)
				}
			}
			if len(roomy.Edges) <= 300 {
				t.Errorf("%s depth %d: %d edges with room for 20,000", id, depth, len(roomy.Edges))
			}
			if !slices.Equal(capped.Nodes, roomy.Nodes) {
				t.Errorf("%s depth %d: nodes with the edges full\n%v\nwith room\n%v", id, depth, capped.Nodes, roomy.Nodes)
			}
		}
	}
}
