package extract

import (
	"slices"
	"testing"
)

func TestConsolidate(t *testing.T) {
	lead := Meeting{Kind: "meeting", Countries: []string{"DZ", "LY"}, Refs: []string{"o1", "o2"}, Participants: []string{"A", "B"}, Status: "held", Evidence: "lead"}
	visit := Meeting{Kind: "visit", Date: "2021-11-28", Place: "Algiers", Countries: []string{"DZ", "LY"}, Refs: []string{"o2"}, Participants: []string{"B"}, Status: "held", Evidence: "arrival"}
	call := Meeting{Kind: "call", Countries: []string{"DZ", "LY"}, Refs: []string{"o1", "o2"}, Status: "held", Evidence: "call"}
	other := Meeting{Kind: "meeting", Countries: []string{"DZ", "LY"}, Refs: []string{"o3", "o4"}, Status: "held", Evidence: "defence ministers"}
	later := Meeting{Kind: "meeting", Date: "2021-12-05", Countries: []string{"DZ", "LY"}, Refs: []string{"o1"}, Status: "held", Evidence: "a week later"}
	planned := Meeting{Kind: "visit", Countries: []string{"DZ", "LY"}, Refs: []string{"o1"}, Status: "planned", Evidence: "will visit"}
	tunis := Meeting{Kind: "meeting", Countries: []string{"LY", "TN"}, Refs: []string{"o1"}, Status: "held", Evidence: "tunis"}

	r := Result{
		Meetings:   []Meeting{lead, visit, call, other, later, planned, tunis, lead},
		Agreements: []Agreement{{Meeting: 1}, {Meeting: 6}, {Meeting: -1}},
	}
	consolidate(&r)
	var got []string
	for _, m := range r.Meetings {
		got = append(got, m.Evidence)
	}
	want := []string{"lead", "call", "defence ministers", "a week later", "will visit", "tunis"}
	if !slices.Equal(got, want) {
		t.Fatalf("groups %q, want %q", got, want)
	}
	m := r.Meetings[0]
	if m.Kind != "visit" || m.Date != "2021-11-28" || m.Place != "Algiers" {
		t.Errorf("merged meeting %+v: want the visit's kind, date and place", m)
	}
	if !slices.Equal(m.MoreEvidence, []string{"arrival"}) {
		t.Errorf("more evidence %q, want [arrival] (the repeated lead is not added twice)", m.MoreEvidence)
	}
	if !slices.Equal(m.Refs, []string{"o1", "o2"}) || !slices.Equal(m.Participants, []string{"A", "B"}) {
		t.Errorf("participants %v %v", m.Refs, m.Participants)
	}
	if r.Agreements[0].Meeting != 0 || r.Agreements[1].Meeting != 5 || r.Agreements[2].Meeting != -1 {
		t.Errorf("agreement meeting indexes %d %d %d, want 0 5 -1", r.Agreements[0].Meeting, r.Agreements[1].Meeting, r.Agreements[2].Meeting)
	}
}

func TestConsolidateAgreements(t *testing.T) {
	dzly := []string{"DZ", "LY"}
	r := Result{Agreements: []Agreement{
		{Countries: dzly, Status: "agreed", Kind: "commitment", Subject: "to open Debdeb crossing", Meeting: -1, Evidence: "headline"},
		{Countries: dzly, Status: "agreed", Kind: "commitment", Subject: "open the Debdeb border crossing and to coordinate training", Meeting: 0, Evidence: "body"},
		{Countries: dzly, Status: "agreed", Kind: "commitment", Subject: "set up technical committees", Meeting: 0, Evidence: "other accord"},
		{Countries: dzly, Status: "signed", Kind: "mou", Subject: "open Debdeb crossing", Meeting: 0, Evidence: "signed later"},
		{Countries: []string{"DZ", "TN"}, Status: "agreed", Subject: "open Debdeb crossing", Meeting: -1, Evidence: "other parties"},
		{Countries: dzly, Status: "agreed", Subject: "على", Meeting: -1, Evidence: "too short to compare"},
		{Countries: dzly, Status: "agreed", Subject: "فتح معبر الدبداب", Meeting: -1, Evidence: "ar short"},
		{Countries: dzly, Status: "agreed", Subject: "على فتح معبر الدبداب الحدودي", Meeting: -1, Evidence: "ar long"},
	}}
	consolidate(&r)
	var got []string
	for _, a := range r.Agreements {
		got = append(got, a.Evidence)
	}
	want := []string{"body", "other accord", "signed later", "other parties", "too short to compare", "ar long"}
	if !slices.Equal(got, want) {
		t.Fatalf("agreements %q, want %q", got, want)
	}
	if r.Agreements[0].Meeting != 0 {
		t.Errorf("merged accord lost its meeting: %d", r.Agreements[0].Meeting)
	}
}
