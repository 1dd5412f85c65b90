package graph_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// world builds n articles: each reports one meeting between the foreign
// ministers of two of the test countries, on a date spread over two years,
// with every fifth meeting a call and every seventh adding an agreement.
func world(n int) []graph.Contribution {
	codes := []string{"DZ", "LY", "TN", "EG", "FR", "MA"}
	ministers := map[string][]string{
		"DZ": {"Ramtane Lamamra"}, "LY": {"Najla Mangoush"}, "TN": {"Othman Jerandi"},
		"EG": {"Sameh Shoukry"}, "FR": {"Jean-Yves Le Drian"}, "MA": {"Nasser Bourita"},
	}
	var out []graph.Contribution
	for i := range n {
		a, b := codes[i%len(codes)], codes[(i/len(codes)+i+1)%len(codes)]
		if a == b {
			b = codes[(i+1)%len(codes)]
		}
		date := fmt.Sprintf("%d-%02d-%02d", 2020+(i/300)%2, 1+(i/25)%12, 1+i%28)
		kind := graph.MeetingMeeting
		if i%5 == 0 {
			kind = graph.MeetingCall
		}
		cs := []string{a, b}
		slices.Sort(cs)
		c := graph.Contribution{
			Article: graph.Article{ID: fmt.Sprintf("w-%05d", i), Hash: fmt.Sprintf("hw-%05d", i), Lang: "en", Published: date},
			Officials: []graph.OfficialMention{
				official("o1", a, "foreign", date, ministers[a]...),
				official("o2", b, "foreign", date, ministers[b]...),
			},
			Meetings: []graph.MeetingMention{meeting(kind, date, cs, "o1", "o2")},
		}
		if i%7 == 0 {
			c.Agreements = []graph.AgreementMention{{Kind: graph.AgreementMoU, Status: graph.StatusSigned,
				Subject: fmt.Sprintf("cooperation in field %d", i), Date: date, Countries: cs, Meeting: 0}}
		}
		withSources(&c)
		out = append(out, c)
	}
	return out
}

func TestMeetingsPagination(t *testing.T) {
	g := newGraph(t)
	apply(t, g, world(300)...)
	mustCheck(t, g)
	for _, f := range []graph.EventFilter{
		{},
		{Country: "DZ"},
		{Between: []string{"DZ", "EG"}},
		{Kind: graph.MeetingCall},
		{From: "2020-03-01", To: "2020-06-30"},
		{Country: "TN", From: "2020-02-01"},
	} {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			view(t, g, func(r graph.Reader) error {
				var all []*graph.Meeting
				after := ""
				total := -1
				for pages := 0; ; pages++ {
					if pages > 100 {
						t.Fatal("pagination does not end")
					}
					ms, info, err := r.Meetings(f, graph.Page{First: 7, After: after})
					if err != nil {
						return err
					}
					if total >= 0 && info.Total != total {
						t.Errorf("Total changed from %d to %d between pages", total, info.Total)
					}
					total = info.Total
					if len(info.Cursors) != len(ms) {
						t.Errorf("%d cursors for %d items", len(info.Cursors), len(ms))
					}
					all = append(all, ms...)
					if !info.HasNext {
						break
					}
					if len(ms) != 7 {
						t.Errorf("short page of %d with HasNext", len(ms))
					}
					after = info.EndCursor
				}
				if len(all) != total {
					t.Errorf("walked %d meetings, Total %d", len(all), total)
				}
				// The same set as a full scan with the filter applied by hand,
				// in order: newest first, ties by id.
				var want []string
				every, _, err := r.Meetings(graph.EventFilter{}, graph.Page{First: graph.MaxPageSize})
				if err != nil {
					return err
				}
				for _, m := range every {
					if matches(m, f) {
						want = append(want, m.ID)
					}
				}
				var got []string
				for i, m := range all {
					got = append(got, m.ID)
					if i > 0 {
						p := all[i-1]
						if p.Date < m.Date || (p.Date == m.Date && p.ID >= m.ID) {
							t.Errorf("out of order: %s %s before %s %s", p.Date, p.ID, m.Date, m.ID)
						}
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("got %d meetings, want %d", len(got), len(want))
				}
				return nil
			})
		})
	}
}

func matches(m *graph.Meeting, f graph.EventFilter) bool {
	if f.Country != "" && !slices.Contains(m.Countries, f.Country) {
		return false
	}
	for _, c := range f.Between {
		if !slices.Contains(m.Countries, c) {
			return false
		}
	}
	if f.Official != "" && !slices.Contains(m.Participants, f.Official) {
		return false
	}
	if f.Kind != "" && m.Kind != f.Kind {
		return false
	}
	if (f.From != "" || f.To != "") && m.Date == "" {
		return false
	}
	return (f.From == "" || m.Date >= f.From) && (f.To == "" || m.Date <= f.To)
}

func TestPageLimitsAndCursors(t *testing.T) {
	g := newGraph(t)
	apply(t, g, world(60)...)
	view(t, g, func(r graph.Reader) error {
		ms, info, err := r.Meetings(graph.EventFilter{}, graph.Page{})
		if err != nil {
			return err
		}
		if len(ms) != graph.DefaultPageSize || !info.HasNext {
			t.Errorf("default page: %d items, HasNext %v", len(ms), info.HasNext)
		}
		if _, _, err := r.Meetings(graph.EventFilter{}, graph.Page{After: "not base64!"}); err == nil {
			t.Error("bad cursor: no error")
		}
		arts, info, err := r.Articles(graph.Page{First: 100000})
		if err != nil {
			return err
		}
		if len(arts) != 60 || info.Total != 60 || info.HasNext {
			t.Errorf("articles: %d, Total %d, HasNext %v", len(arts), info.Total, info.HasNext)
		}
		// Walk articles two at a time.
		var ids []string
		after := ""
		for {
			as, info, err := r.Articles(graph.Page{First: 2, After: after})
			if err != nil {
				return err
			}
			for _, a := range as {
				ids = append(ids, a.ID)
			}
			if !info.HasNext {
				break
			}
			after = info.EndCursor
		}
		if len(ids) != 60 || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != 60 {
			t.Errorf("article walk: %d ids, sorted %v", len(ids), slices.IsSorted(ids))
		}
		return nil
	})
}

func TestEventFilters(t *testing.T) {
	g := newGraph(t)
	arts := world(120)
	apply(t, g, arts...)
	view(t, g, func(r graph.Reader) error {
		os, _, err := r.Officials(graph.OfficialFilter{Name: "Lamamra"}, graph.Page{})
		if err != nil {
			return err
		}
		if len(os) != 1 {
			t.Fatalf("Lamamra: %d officials", len(os))
		}
		lamamra := os[0].ID
		every, _, err := r.Meetings(graph.EventFilter{}, graph.Page{First: graph.MaxPageSize})
		if err != nil {
			return err
		}
		for _, f := range []graph.EventFilter{
			{Official: lamamra},
			{Official: lamamra, Country: "EG"},
			{Official: lamamra, From: "2020-05-01", To: "2020-05-31"},
			{Between: []string{"MA", "DZ"}},
			{Between: []string{"DZ"}, Kind: graph.MeetingCall},
			{Between: []string{"MA", "DZ"}, Kind: graph.MeetingCall, From: "2020-02-01"},
			{Between: []string{"EG"}, Country: "DZ", Kind: graph.MeetingMeeting, To: "2021-06-30"},
			{Official: lamamra, Between: []string{"FR"}, Kind: graph.MeetingCall},
			{Country: "FR", To: "2020-04-15"},
			{From: "2020-03-10", To: "2020-03-10"},
		} {
			ms, info, err := r.Meetings(f, graph.Page{First: graph.MaxPageSize})
			if err != nil {
				return err
			}
			want := 0
			for _, m := range every {
				if matches(m, f) {
					want++
				}
			}
			if len(ms) != want || info.Total != want || want == 0 {
				t.Errorf("%+v: %d meetings (Total %d), want %d (> 0)", f, len(ms), info.Total, want)
			}
			for _, m := range ms {
				if !matches(m, f) {
					t.Errorf("%+v: %s does not match", f, m.ID)
				}
			}
		}
		// Agreements: one in every seventh article, linked to its meeting.
		as, info, err := r.Agreements(graph.EventFilter{Country: "DZ"}, graph.Page{First: graph.MaxPageSize})
		if err != nil {
			return err
		}
		want := 0
		for i, a := range arts {
			if i%7 == 0 && slices.Contains(a.Meetings[0].Countries, "DZ") {
				want++
			}
		}
		if len(as) != want || info.Total != want {
			t.Errorf("DZ agreements: %d (Total %d), want %d", len(as), info.Total, want)
		}
		for _, a := range as {
			if a.Meeting == "" {
				t.Errorf("agreement %s not linked to its meeting", a.ID)
			}
		}
		// A country's officials and ministries.
		dz, info, err := r.Officials(graph.OfficialFilter{Country: "DZ"}, graph.Page{})
		if err != nil {
			return err
		}
		if len(dz) != 1 || info.Total != 1 || dz[0].Name != "Ramtane Lamamra" {
			t.Errorf("DZ officials: %v", dz)
		}
		mins, err := r.MinistriesOf("DZ")
		if err != nil {
			return err
		}
		if len(mins) != 1 || mins[0].Names["fr"] != "Ministère des Affaires étrangères" || mins[0].Names["ar"] != "وزارة الخارجية" {
			t.Errorf("DZ ministries: %+v", mins)
		}
		return nil
	})
}

func TestSearch(t *testing.T) {
	c := loadCorpus(t, "testdata/resolution.json")
	g := newGraph(t)
	apply(t, g, c.Articles...)
	tests := []struct {
		q        string
		wantKind string
		wantName string // of the first hit
		notName  string // must not be among the hits
	}{
		{"مازن", graph.KindOfficial, "Khaled Mazen", ""},
		{"Mazen", graph.KindOfficial, "Khaled Mazen", ""},
		{"khalid mazin", graph.KindOfficial, "Khaled Mazen", "Ahmed Mazen"},
		{"Khaled Maz", graph.KindOfficial, "Khaled Mazen", "Ahmed Mazen"},
		{"لعمامرة", graph.KindOfficial, "Ramtane Lamamra", ""},
		{"Choukri", graph.KindOfficial, "Sameh Shoukry", ""},
		{"Algérie", graph.KindCountry, "Algeria", ""},
		{"algerie", graph.KindCountry, "Algeria", ""},
		{"الجزائر", graph.KindCountry, "Algeria", ""},
		{"Lib", graph.KindCountry, "Libya", ""},
		{"Ligue arabe", graph.KindCountry, "Arab League", ""},
		{"Intérieur", graph.KindMinistry, "Ministry of Interior", ""},
		{"الداخلية", graph.KindMinistry, "Ministry of Interior", ""},
		{"داخلية", graph.KindMinistry, "Ministry of Interior", ""},
		{"Algiers", graph.KindMeeting, "visit, Algiers, 2021-11-28 (DZ, LY)", ""},
	}
	view(t, g, func(r graph.Reader) error {
		for _, tt := range tests {
			hits, err := r.Search(tt.q, 10)
			if err != nil {
				return err
			}
			if len(hits) == 0 {
				t.Errorf("%q: no hits", tt.q)
				continue
			}
			if hits[0].Kind != tt.wantKind || hits[0].Name != tt.wantName {
				t.Errorf("%q: first hit %+v, want %s %q (all: %v)", tt.q, hits[0], tt.wantKind, tt.wantName, hits)
			}
			for _, h := range hits {
				if tt.notName != "" && h.Name == tt.notName {
					t.Errorf("%q: hit %+v", tt.q, h)
				}
			}
		}
		// Khaled Mazen of Libya (4 reports) ranks before his Tunisian namesake (1).
		hits, err := r.Search("Khaled Mazen", 10)
		if err != nil {
			return err
		}
		if len(hits) != 2 {
			t.Fatalf("Khaled Mazen: %v", hits)
		}
		o, err := r.Official(hits[0].ID)
		if err != nil {
			return err
		}
		if o.Country != "LY" {
			t.Errorf("first Khaled Mazen is of %s, want LY", o.Country)
		}
		if hits, _ := r.Search("", 10); len(hits) != 0 {
			t.Errorf("empty query: %v", hits)
		}
		if hits, _ := r.Search("M", 2); len(hits) != 2 {
			t.Errorf("limit 2: %d hits", len(hits))
		}
		// Officials' name filter uses the same matching, in any script.
		for _, q := range []string{"مازن", "mazen", "MAZIN"} {
			os, info, err := r.Officials(graph.OfficialFilter{Name: q, Country: "LY"}, graph.Page{})
			if err != nil {
				return err
			}
			if len(os) != 2 || info.Total != 2 {
				t.Errorf("officials named %q in LY: %d, want Khaled and Ahmed Mazen", q, len(os))
			}
		}
		return nil
	})
}

func TestNeighborhood(t *testing.T) {
	g := newGraph(t)
	apply(t, g, world(200)...)
	view(t, g, func(r graph.Reader) error {
		os, _, err := r.Officials(graph.OfficialFilter{Name: "Lamamra"}, graph.Page{})
		if err != nil {
			return err
		}
		lamamra := os[0].ID
		sg, err := r.Neighborhood(lamamra, 1, 100)
		if err != nil {
			return err
		}
		kinds := map[string]int{}
		ids := map[string]bool{}
		for _, n := range sg.Nodes {
			kinds[n.Kind]++
			ids[n.ID] = true
		}
		// Lamamra, his 5 counterparts, Algeria, the foreign ministry.
		if len(sg.Nodes) != 8 || kinds[graph.KindOfficial] != 6 || kinds[graph.KindCountry] != 1 || kinds[graph.KindMinistry] != 1 {
			t.Errorf("depth 1 nodes %v", sg.Nodes)
		}
		for _, e := range sg.Edges {
			if !ids[e.Source] || !ids[e.Target] {
				t.Errorf("edge %+v leaves the subgraph", e)
			}
		}
		edgeKinds := map[string]bool{}
		for _, e := range sg.Edges {
			edgeKinds[e.Kind] = true
		}
		for _, k := range []string{graph.KindMeeting, graph.EdgeRole, graph.EdgeMember} {
			if !edgeKinds[k] {
				t.Errorf("no %s edge in %v", k, sg.Edges)
			}
		}
		for _, limit := range []int{1, 3, 10} {
			sg, err := r.Neighborhood("DZ", 3, limit)
			if err != nil {
				return err
			}
			if len(sg.Nodes) != limit {
				t.Errorf("limit %d: %d nodes", limit, len(sg.Nodes))
			}
			in := map[string]bool{}
			for _, n := range sg.Nodes {
				in[n.ID] = true
			}
			for _, e := range sg.Edges {
				if !in[e.Source] || !in[e.Target] {
					t.Errorf("limit %d: edge %+v leaves the subgraph", limit, e)
				}
			}
			if limit > 1 && len(sg.Edges) == 0 {
				t.Errorf("limit %d: no edges", limit)
			}
		}
		sg, err = r.Neighborhood(lamamra, 0, 100)
		if err != nil {
			return err
		}
		if len(sg.Nodes) != 1 || len(sg.Edges) != 0 {
			t.Errorf("depth 0: %v", sg)
		}
		ms, _, err := r.Meetings(graph.EventFilter{Official: lamamra}, graph.Page{First: 1})
		if err != nil {
			return err
		}
		sg, err = r.Neighborhood(ms[0].ID, 0, 100)
		if err != nil {
			return err
		}
		if len(sg.Nodes) != 4 { // two participants, two countries
			t.Errorf("meeting neighbourhood: %v", sg.Nodes)
		}
		if _, err := r.Neighborhood("official:nobody", 1, 10); err == nil {
			t.Error("unknown id: no error")
		}
		return nil
	})
}

func TestCheckFindsCorruption(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(tx graph.Tx) error
		want    string // Problem kind expected
	}{
		{"index entry deleted", func(tx graph.Tx) error { return deleteFirst(tx, "io\x00") }, graph.ProblemIndex},
		{"dangling index entry", func(tx graph.Tx) error {
			return tx.Put([]byte("ed\x007979-88-71\x00meeting:gone"), []byte("visit\x00DZ,LY"))
		}, graph.ProblemIndex},
		{"index value changed", func(tx graph.Tx) error {
			return editFirst(tx, "ed\x00", func(v []byte) []byte { return append([]byte("summit"), v[len("visit"):]...) })
		}, graph.ProblemIndex},
		{"record deleted", func(tx graph.Tx) error { return deleteFirst(tx, "o\x00") }, graph.ProblemEndpoint},
		{"count wrong", func(tx graph.Tx) error { return tx.Put([]byte("#\x00meeting"), []byte("42")) }, graph.ProblemCount},
		{"record edited", func(tx graph.Tx) error {
			return editFirst(tx, "e\x00", func(v []byte) []byte {
				return []byte(strings.Replace(string(v), `"status":"held"`, `"status":"planned"`, 1))
			})
		}, graph.ProblemStale},
		{"sources lost", func(tx graph.Tx) error { return deletePrefix(tx, "k\x00meeting:") }, graph.ProblemNoContrib},
		{"article gone", func(tx graph.Tx) error { return deleteFirst(tx, "a\x00") }, graph.ProblemContrib},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memstore.New()
			g, err := graph.New(s, testCountries)
			if err != nil {
				t.Fatal(err)
			}
			apply(t, g, loadCorpus(t, "testdata/resolution.json").Articles...)
			mustCheck(t, g)
			if err := s.Update(ctx, tt.corrupt); err != nil {
				t.Fatal(err)
			}
			ps, err := g.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range ps {
				found = found || p.Kind == tt.want
			}
			if !found {
				t.Errorf("problems %v, want one of kind %s", ps, tt.want)
			}
		})
	}
}

func firstKey(tx graph.Tx, prefix string) ([]byte, []byte, error) {
	var k, v []byte
	err := tx.Scan(ctx, []byte(prefix), nil, func(kk, vv []byte) (bool, error) {
		k, v = slices.Clone(kk), slices.Clone(vv)
		return false, nil
	})
	return k, v, err
}

func deleteFirst(tx graph.Tx, prefix string) error {
	k, _, err := firstKey(tx, prefix)
	if err != nil {
		return err
	}
	return tx.Delete(k)
}

func editFirst(tx graph.Tx, prefix string, edit func([]byte) []byte) error {
	k, v, err := firstKey(tx, prefix)
	if err != nil {
		return err
	}
	nv := edit(v)
	if string(nv) == string(v) {
		return fmt.Errorf("edit of %q changed nothing", k)
	}
	return tx.Put(k, nv)
}

func deletePrefix(tx graph.Tx, prefix string) error {
	var ks [][]byte
	err := tx.Scan(ctx, []byte(prefix), nil, func(k, _ []byte) (bool, error) {
		ks = append(ks, slices.Clone(k))
		return true, nil
	})
	if err != nil {
		return err
	}
	for _, k := range ks {
		if err := tx.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// TestSourcesCapAndSourcesOf: a record keeps MaxRecordSources sources;
// SourcesOf pages through all of them.
func TestSourcesCapAndSourcesOf(t *testing.T) {
	g := newGraph(t)
	n := graph.MaxRecordSources + 37
	var arts []graph.Contribution
	for i := range n {
		m := official("o1", "DZ", "foreign", "2021-11-28", "Ramtane Lamamra")
		m.Sources = []graph.Source{{Article: fmt.Sprintf("a%04d", i), Sentence: "Lamamra said."}, {Article: fmt.Sprintf("a%04d", i), Sentence: "Lamamra added."}}
		arts = append(arts, graph.Contribution{Article: graph.Article{ID: fmt.Sprintf("a%04d", i), Hash: fmt.Sprint(i)}, Officials: []graph.OfficialMention{m}})
	}
	apply(t, g, arts...)
	mustCheck(t, g)
	type sourcer interface {
		SourcesOf(id string, p graph.Page) ([]graph.Source, graph.PageInfo, error)
	}
	view(t, g, func(r graph.Reader) error {
		os, _, err := r.Officials(graph.OfficialFilter{Country: "DZ"}, graph.Page{})
		if err != nil {
			return err
		}
		o := os[0]
		if len(o.Sources) != graph.MaxRecordSources || len(o.Roles[0].Sources) != graph.MaxRoleSources {
			t.Errorf("record keeps %d sources, role %d, want %d and %d", len(o.Sources), len(o.Roles[0].Sources), graph.MaxRecordSources, graph.MaxRoleSources)
		}
		var all []graph.Source
		after := ""
		for {
			ss, info, err := r.(sourcer).SourcesOf(o.ID, graph.Page{First: 33, After: after})
			if err != nil {
				return err
			}
			if info.Total != 2*n {
				t.Fatalf("Total %d, want %d", info.Total, 2*n)
			}
			all = append(all, ss...)
			if !info.HasNext {
				break
			}
			after = info.EndCursor
		}
		if len(all) != 2*n || all[0] != o.Sources[0] || all[len(all)-1].Article != fmt.Sprintf("a%04d", n-1) {
			t.Errorf("SourcesOf walked %d sources, want %d in article order", len(all), 2*n)
		}
		if _, _, err := r.(sourcer).SourcesOf("official:none", graph.Page{}); err == nil {
			t.Error("unknown id: no error")
		}
		return nil
	})
}

// TestSourcesCapInBatches: a record past MaxRecordSources, reported in
// small batches in article order (its sources stop changing once full) and
// in reverse order (each batch brings earlier sources, which push later ones
// out), ends as it does in one batch, with index entries that check.
func TestSourcesCapInBatches(t *testing.T) {
	n := graph.MaxRecordSources + 60
	var arts []graph.Contribution
	for i := range n {
		m := official("o1", "DZ", "foreign", fmt.Sprintf("2021-%02d-%02d", 1+i%12, 1+i%28), "Ramtane Lamamra")
		m.Sources = []graph.Source{{Article: fmt.Sprintf("a%04d", i), Sentence: "Lamamra said."}}
		arts = append(arts, graph.Contribution{Article: graph.Article{ID: fmt.Sprintf("a%04d", i), Hash: fmt.Sprint(i)}, Officials: []graph.OfficialMention{m}})
	}
	g := newGraph(t)
	apply(t, g, arts...)
	want := export(t, g, true)
	reversed := slices.Clone(arts)
	slices.Reverse(reversed)
	for name, order := range map[string][]graph.Contribution{"in order": arts, "reversed": reversed} {
		g := newGraph(t)
		for i := 0; i < len(order); i += 10 {
			apply(t, g, order[i:min(i+10, len(order))]...)
		}
		mustCheck(t, g)
		if got := export(t, g, true); got != want {
			t.Errorf("%s, in batches of 10: another graph:\n%s", name, diff(want, got))
		}
	}
}

func TestPartners(t *testing.T) {
	g := newGraph(t)
	apply(t, g, world(120)...)
	type partners interface {
		Partners(country string, limit int) ([]graph.Partner, error)
	}
	view(t, g, func(r graph.Reader) error {
		ps, err := r.(partners).Partners("DZ", 0)
		if err != nil {
			return err
		}
		every, _, err := r.Meetings(graph.EventFilter{Country: "DZ"}, graph.Page{First: graph.MaxPageSize})
		if err != nil {
			return err
		}
		want := map[string]int{}
		for _, m := range every {
			for _, c := range m.Countries {
				if c != "DZ" {
					want[c]++
				}
			}
		}
		if len(ps) != len(want) {
			t.Fatalf("partners %v, want %v", ps, want)
		}
		for i, p := range ps {
			if p.Meetings != want[p.Country] {
				t.Errorf("%s: %d meetings, want %d", p.Country, p.Meetings, want[p.Country])
			}
			if i > 0 && ps[i-1].Meetings < p.Meetings {
				t.Errorf("not ranked: %v", ps)
			}
		}
		if top, _ := r.(partners).Partners("DZ", 2); len(top) != 2 || top[0] != ps[0] {
			t.Errorf("limit 2: %v", top)
		}
		return nil
	})
}

// TestEventsWithoutSources lists meetings and agreements with and without
// their sources (Page.NoSources): the same records but for Sources, both for
// events with a few sources, stored inline, and for one reported by more
// articles than a record keeps inline.
func TestEventsWithoutSources(t *testing.T) {
	g := newGraph(t)
	arts := world(60)
	for i := range 25 { // the first meeting and agreement, reported again and again
		c := world(1)[0]
		c.Article.ID, c.Article.Hash = fmt.Sprintf("again-%02d", i), fmt.Sprintf("h-again-%02d", i)
		c.Officials[0].Sources, c.Officials[1].Sources = nil, nil
		c.Meetings[0].Sources, c.Agreements[0].Sources = nil, nil
		withSources(&c)
		arts = append(arts, c)
	}
	apply(t, g, arts...)
	view(t, g, func(r graph.Reader) error {
		full, _, err := r.Meetings(graph.EventFilter{}, graph.Page{First: graph.MaxPageSize})
		if err != nil {
			return err
		}
		lean, _, err := r.Meetings(graph.EventFilter{}, graph.Page{First: graph.MaxPageSize, NoSources: true})
		if err != nil {
			return err
		}
		most := 0
		for _, m := range full {
			most = max(most, len(m.Sources))
		}
		if most <= 16 {
			t.Fatalf("no meeting with more sources than a record keeps inline (most: %d)", most)
		}
		for _, m := range full {
			if len(m.Sources) == 0 {
				t.Errorf("%s: no sources in the full listing", m.ID)
			}
		}
		sameButSources(t, "meetings", full, lean, func(m *graph.Meeting) { m.Sources = nil })
		fullA, _, err := r.Agreements(graph.EventFilter{}, graph.Page{First: graph.MaxPageSize})
		if err != nil {
			return err
		}
		leanA, _, err := r.Agreements(graph.EventFilter{}, graph.Page{First: graph.MaxPageSize, NoSources: true})
		if err != nil {
			return err
		}
		sameButSources(t, "agreements", fullA, leanA, func(a *graph.Agreement) { a.Sources = nil })
		return nil
	})
}

// sameButSources checks that lean lists the records of full, in order, each
// the same but for its sources (which clear removes).
func sameButSources[T any](t *testing.T, kind string, full, lean []*T, clear func(*T)) {
	t.Helper()
	if len(lean) != len(full) || len(full) == 0 {
		t.Fatalf("%d %s without sources, %d with", len(lean), kind, len(full))
	}
	for i := range full {
		want := *full[i]
		clear(&want)
		if !reflect.DeepEqual(*lean[i], want) {
			t.Errorf("without sources\n%+v\nwant\n%+v", *lean[i], want)
		}
	}
}
