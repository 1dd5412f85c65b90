package graph_test

import (
	"context"
	"fmt"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// Two reports of one visit, in Arabic and English: one official per person,
// one meeting with both reports as sources, found by a search in either
// script.
func ExampleGraph_Apply() {
	ctx := context.Background()
	g, err := graph.New(memstore.New(), []graph.Country{
		{Code: "DZ", Names: map[string]string{"en": "Algeria", "fr": "Algérie", "ar": "الجزائر"}},
		{Code: "LY", Names: map[string]string{"en": "Libya", "fr": "Libye", "ar": "ليبيا"}},
	})
	if err != nil {
		panic(err)
	}
	report := func(id, lang, mazen, beldjoud, sentence string) graph.Contribution {
		src := []graph.Source{{Article: id, Sentence: sentence}}
		return graph.Contribution{
			Article: graph.Article{ID: id, Lang: lang, Hash: id, Published: "2021-11-28"},
			Officials: []graph.OfficialMention{
				{Ref: "o1", Country: "LY", Names: []graph.Name{{Text: mazen, Lang: lang}}, Title: "Minister of Interior", Portfolio: "interior", Date: "2021-11-28", Sources: src},
				{Ref: "o2", Country: "DZ", Names: []graph.Name{{Text: beldjoud, Lang: lang}}, Title: "Minister of Interior", Portfolio: "interior", Date: "2021-11-28", Sources: src},
			},
			Meetings: []graph.MeetingMention{{Kind: "visit", Status: "held", Date: "2021-11-28", Place: "Algiers",
				Countries: []string{"DZ", "LY"}, Participants: []string{"o1", "o2"}, Sources: src}},
		}
	}
	res, err := g.Apply(ctx, []graph.Contribution{
		report("ar-1", "ar", "خالد مازن", "كمال بلجود", "وصل وزير الداخلية الليبي خالد مازن إلى الجزائر."),
		report("en-1", "en", "Khaled Mazen", "Kamel Beldjoud", "Libyan Interior Minister Khaled Mazen arrived in Algiers."),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Outcomes, "officials and ministries:", res.NodesAdded, "meetings:", res.EdgesAdded)

	err = g.View(ctx, func(r graph.Reader) error {
		for _, q := range []string{"مازن", "Mazen"} {
			hits, err := r.Search(q, 1)
			if err != nil {
				return err
			}
			fmt.Println(q, "→", hits[0].Name)
		}
		ms, _, err := r.Meetings(graph.EventFilter{Between: []string{"LY", "DZ"}}, graph.Page{})
		if err != nil {
			return err
		}
		fmt.Println(ms[0].Kind, ms[0].Date, ms[0].Place, len(ms[0].Participants), "participants,", len(ms[0].Sources), "sources")
		return nil
	})
	if err != nil {
		panic(err)
	}
	// Output:
	// [loaded loaded] officials and ministries: 4 meetings: 1
	// مازن → Khaled Mazen
	// Mazen → Khaled Mazen
	// visit 2021-11-28 Algiers 2 participants, 2 sources
}
