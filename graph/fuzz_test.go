package graph_test

import (
	"testing"

	"diplograph/graph"
)

// FuzzPage feeds arbitrary cursors, page sizes and filters to the paged
// readers: they return a page or an error, never panic, and never more than
// the hard cap.
func FuzzPage(f *testing.F) {
	g := newGraph(f)
	apply(f, g, world(30)...)
	f.Add("", 0, "DZ", "2020-01-01", "")
	f.Add("fjAwMDBfbWVldGluZzph", 3, "", "", "2020-12-31")
	f.Add("not base64!", -1, "XX", "2021", "1999")
	f.Fuzz(func(t *testing.T, after string, first int, country, from, to string) {
		err := g.View(ctx, func(r graph.Reader) error {
			p := graph.Page{First: first, After: after}
			ms, info, err := r.Meetings(graph.EventFilter{Country: country, From: from, To: to}, p)
			if err == nil && (len(ms) > graph.MaxPageSize || len(info.Cursors) != len(ms)) {
				t.Errorf("%d meetings, %d cursors", len(ms), len(info.Cursors))
			}
			if _, _, err := r.Officials(graph.OfficialFilter{Country: country, Name: from}, p); err != nil && after == "" {
				t.Errorf("officials without cursor: %v", err)
			}
			if _, _, err := r.Articles(p); err != nil && after == "" {
				t.Errorf("articles without cursor: %v", err)
			}
			_, err = r.Search(country+" "+from, first)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
