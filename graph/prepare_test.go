package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// preparedWorld is world(n) with a few articles whose names and sentences
// need escaping or are not ASCII, and an official with no ministry.
func preparedWorld(n int) []graph.Contribution {
	cs := world(n)
	for i, s := range []string{
		`استقبل وزير الداخلية "خالد مازن" نظيره`,
		"a <b> & c\u2028d\te\\f",
		"Le ministre a dit : « oui »",
	} {
		c := article(fmt.Sprintf("x-%d", i), fmt.Sprintf("hx-%d", i), []graph.OfficialMention{
			official("o1", "DZ", "interior", "2021-11-28", "كمال بلجود", "Kamel Beldjoud"),
			official("o2", "", "", "2021-11-28", "Someone Else"),
		}, meeting(graph.MeetingMeeting, "2021-11-28", []string{"DZ", "LY"}, "o1", "o2"))
		for j := range c.Officials {
			c.Officials[j].Sources = []graph.Source{{Article: c.Article.ID, Sentence: s}}
		}
		cs = append(cs, c)
	}
	return cs
}

// Contributions prepared off the writer leave the store exactly as
// unprepared ones do: Prepare encodes what Apply would have.
func TestPrepareSameStore(t *testing.T) {
	var stores [2]graph.Store
	for i, prepare := range []bool{false, true} {
		s := memstore.New()
		g, err := graph.New(s, testCountries)
		if err != nil {
			t.Fatal(err)
		}
		cs := preparedWorld(400)
		if prepare {
			for j := range cs {
				cs[j].Prepare()
			}
		}
		for j := 0; j < len(cs); j += 64 {
			apply(t, g, cs[j:min(j+64, len(cs))]...)
		}
		mustCheck(t, g)
		stores[i] = s
	}
	plain, prepared := dump(t, stores[0]), dump(t, stores[1])
	if len(plain) != len(prepared) {
		t.Errorf("%d keys unprepared, %d prepared", len(plain), len(prepared))
	}
	for k, v := range plain {
		if w, ok := prepared[k]; !ok || w != v {
			t.Errorf("%q: unprepared %q, prepared %q (present: %v)", k, v, w, ok)
		}
	}
}

// Apply writes the bodies Prepare made, not bodies of its own: one changed
// after Prepare is what the store gets (which is why a prepared
// contribution must not change).
func TestApplyWritesPreparedBodies(t *testing.T) {
	s := memstore.New()
	g, err := graph.New(s, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	c := article("a1", "h1", []graph.OfficialMention{
		official("o1", "DZ", "interior", "2021-11-28", "Kamel Beldjoud"),
		official("o2", "", "", "2021-11-28", "Someone Else"),
	})
	c.Prepare()
	for i := range c.Officials {
		off, mn, wantOff, wantMin := graph.PreparedBodies(&c.Officials[i])
		if !bytes.Equal(off, wantOff) || !bytes.Equal(mn, wantMin) {
			t.Errorf("official %d: Prepare made %q and %q, want %q and %q", i, off, mn, wantOff, wantMin)
		}
	}
	marked := []byte(`{"c":"DZ","n":[{"text":"Kamel Beldjoud","lang":"en"}],"l":"prepared","p":"interior"}`)
	graph.SetPreparedOfficialBody(&c.Officials[0], marked)
	apply(t, g, c)
	found := false
	err = s.View(context.Background(), func(tx graph.ReadTx) error {
		return tx.Scan(context.Background(), []byte("k\x00official:"), nil, func(k, v []byte) (bool, error) {
			found = found || bytes.Equal(v, marked)
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Errorf("no official contribution stored with the prepared body %s", marked)
	}
}
