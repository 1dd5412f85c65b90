package loader

import (
	"strings"
	"testing"
	"unsafe"

	"diplograph/loader/extract"
)

// TestContributionDetached: an extractor hands out substrings of the
// article (names, evidence sentences, places, subjects); no text of the
// contribution may share memory with the article, or the graph's cached
// sources would each keep a whole article alive (see detach).
func TestContributionDetached(t *testing.T) {
	body := "Libya's interior minister Khaled Mazen met his Algerian counterpart Kamel Beldjoud in Algiers. " +
		"The two ministers agreed to reopen the Debdeb border crossing. They discussed border security."
	a := extract.Article{ID: "a1", Lang: "en", Title: "Mazen in Algiers", Body: body, Published: "2021-11-28"}
	sub := func(s string) string {
		i := strings.Index(body, s)
		if i < 0 {
			t.Fatalf("%q not in the body", s)
		}
		return body[i : i+len(s)]
	}
	s1, s2 := sub("Libya's interior minister Khaled Mazen met his Algerian counterpart Kamel Beldjoud in Algiers."),
		sub("The two ministers agreed to reopen the Debdeb border crossing.")
	r := extract.Result{ID: "a1", Lang: "en",
		Officials: []extract.Official{
			{Ref: "o1", Name: sub("Khaled Mazen"), Aliases: []string{sub("Khaled Mazen"), sub("Mazen")}, Country: "LY",
				Title: "Minister of Interior", Portfolio: "interior", Evidence: []string{s1}},
			{Ref: "o2", Name: sub("Kamel Beldjoud"), Aliases: []string{sub("Kamel Beldjoud")}, Country: "DZ",
				Title: "Minister of Interior", Portfolio: "interior", Evidence: []string{s1}},
		},
		Meetings: []extract.Meeting{{Participants: []string{sub("Khaled Mazen"), sub("Kamel Beldjoud")}, Refs: []string{"o1", "o2"},
			Countries: []string{"DZ", "LY"}, Date: "2021-11-28", Kind: "visit", Place: sub("Algiers"), Status: "held",
			Topics: []string{sub("border security")}, Evidence: s1, MoreEvidence: []string{sub("They discussed border security.")}}},
		Agreements: []extract.Agreement{{Countries: []string{"DZ", "LY"}, Subject: sub("reopen the Debdeb border crossing"),
			Kind: "joint_decision", Status: "agreed", Date: "2021-11-28", Signatories: []string{"o1", "o2"}, Meeting: 0, Evidence: s2}},
	}
	c := ToContribution(a, r)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(body)))
	n := 0
	check := func(what, s string) {
		t.Helper()
		if s == "" {
			return
		}
		n++
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < lo+uintptr(len(body)) {
			t.Errorf("%s %q shares the article's memory", what, s)
		}
	}
	for _, o := range c.Officials {
		for _, nm := range o.Names {
			check("name", nm.Text)
		}
		check("latin", o.Latin)
		for _, s := range o.Sources {
			check("official source", s.Sentence)
		}
	}
	for _, m := range c.Meetings {
		check("place", m.Place)
		for _, x := range m.Topics {
			check("topic", x)
		}
		for _, s := range m.Sources {
			check("meeting source", s.Sentence)
		}
	}
	for _, g := range c.Agreements {
		check("subject", g.Subject)
		for _, s := range g.Sources {
			check("agreement source", s.Sentence)
		}
	}
	if n < 10 {
		t.Fatalf("only %d strings checked: the contribution lost the mentions", n)
	}
}
