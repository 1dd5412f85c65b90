package loader

import (
	"fmt"
	"strings"
	"testing"

	"diplograph/graph"
)

// remembered is how many ids r holds (with repeats across its two
// generations).
func remembered(r *recentIDs) int { return len(r.cur) + len(r.prev) }

func TestRecentIDs(t *testing.T) {
	const window = 100
	r := newRecentIDs(window)
	id := func(i int) string { return fmt.Sprintf("id-%d", i) }
	for i := range 10 * window {
		if r.put(id(i), "text") {
			t.Fatalf("put(%s): met, but never put before", id(i))
		}
		if n := remembered(r); n > 2*window {
			t.Fatalf("after %d ids, %d remembered; want at most %d", i+1, n, 2*window)
		}
		// The last window ids are always remembered.
		for _, back := range []int{0, 1, window / 2, window - 1} {
			if j := i - back; j >= 0 {
				if _, ok := r.get(id(j)); !ok {
					t.Fatalf("after %d ids, %s (%d back) forgotten", i+1, id(j), back)
				}
			}
		}
	}
	last := 10*window - 1
	if _, ok := r.get(id(last - 2*window)); ok {
		t.Errorf("%s, %d ids back, still remembered", id(last-2*window), 2*window)
	}

	// A repeat: met, and its latest content is the one remembered.
	if !r.put(id(last), "other text") {
		t.Errorf("put(%s) again: not met", id(last))
	}
	if !r.changed(id(last), "text") || r.changed(id(last), "other text") {
		t.Errorf("changed(%s): want the latest content, other text", id(last))
	}
	if r.changed("never put", "text") {
		t.Errorf("changed: an id never put has no earlier content")
	}
	// A repeat found in the previous generation while the current one is
	// full: met, and the generations turn without losing it.
	r = newRecentIDs(2)
	r.put("a", "1")
	r.put("b", "1")
	r.put("c", "1") // a, b previous; c current
	r.put("d", "1") // current full
	if !r.put("a", "2") || r.changed("a", "2") || remembered(r) > 4 {
		t.Errorf("a repeated across a turn: changed %v, %d remembered", r.changed("a", "2"), remembered(r))
	}
}

// TestLoadDuplicateWindow: a load remembers its latest records' ids, not
// all of them. An id met again within the window is a duplicate; met again
// further apart, the later record still replaces the earlier one, counted
// as replaced (or unchanged), but not as a duplicate.
func TestLoadDuplicateWindow(t *testing.T) {
	old := recentWindow
	recentWindow = 1 // the load raises it to span its in-flight records
	t.Cleanup(func() { recentWindow = old })
	// With one worker and batches of one, the order queue holds 16 records:
	// the window is 2×(16+1) = 34 ids, and 34 to 68 are remembered.
	opts := Options{Workers: 1, BatchSize: 1}
	const textA = "Algerian Interior Minister Kamel Beldjoud received his Libyan counterpart Khaled Mazen in Algiers."
	const textB = "Algerian Interior Minister Kamel Beldjoud called his Tunisian counterpart Kamel Feki."
	for _, tc := range []struct {
		name          string
		between       int
		second        string
		dup, rep, unc int
	}{
		{"near, new text", 10, textB, 1, 1, 0},
		{"far, new text", 100, textB, 0, 1, 0},
		{"near, same text", 10, textA, 1, 0, 1},
		{"far, same text", 100, textA, 0, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in strings.Builder
			fmt.Fprintf(&in, "{\"id\":\"x\",\"lang\":\"en\",\"body\":%q}\n", textA)
			for i := range tc.between {
				fmt.Fprintf(&in, "{\"id\":\"f%d\",\"lang\":\"en\",\"body\":\"Filler %d: nothing happened.\"}\n", i, i)
			}
			second := fmt.Sprintf("{\"id\":\"x\",\"lang\":\"en\",\"body\":%q}\n", tc.second)
			in.WriteString(second)
			g := newGraph(t)
			sum, err := LoadReader(t.Context(), g, testExtractor(), "in", strings.NewReader(in.String()), opts)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Duplicates != tc.dup || sum.Replaced != tc.rep || sum.Unchanged != tc.unc || sum.Loaded != tc.between+1 {
				t.Errorf("summary %v; want %d duplicate, %d replaced, %d unchanged, %d loaded", sum, tc.dup, tc.rep, tc.unc, tc.between+1)
			}
			g.View(t.Context(), func(r graph.Reader) error {
				a, err := r.Article("x")
				recs, _ := readAll(t, "second", strings.NewReader(second), 0)
				want := Hash(recs[0].Article)
				if err != nil || a.Hash != want {
					t.Errorf("x = %+v, %v; want the later text", a, err)
				}
				return nil
			})
		})
	}
}
