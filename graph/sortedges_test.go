package graph

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSortEdges checks the in-place permutation against a plain sort, on
// sizes that give it every shape of cycle: none, one edge, sorted, reversed
// and shuffled lists.
func TestSortEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 257, 5000} {
		for _, order := range []string{"sorted", "reversed", "shuffled"} {
			var edges []SubEdge
			for i := range n {
				// Shared ids and ends, so every key field decides somewhere.
				edges = append(edges, SubEdge{
					ID:     fmt.Sprintf("meeting:%03d", i/4),
					Source: fmt.Sprintf("official:%02d", i%4/2),
					Target: fmt.Sprintf("official:%02d", i%2+5),
					Label:  fmt.Sprint(i),
				})
			}
			switch order {
			case "reversed":
				slices.Reverse(edges)
			case "shuffled":
				rng.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
			}
			want := slices.Clone(edges)
			slices.SortFunc(want, func(a, b SubEdge) int {
				return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target))
			})
			sortEdges(edges)
			if !slices.Equal(edges, want) {
				t.Errorf("%d %s edges: sorted wrong", n, order)
			}
		}
	}
}
