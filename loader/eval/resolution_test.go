package eval

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

const resolutionDir = "../../testdata/corpus/resolution"

func TestPairwiseMerge(t *testing.T) {
	truth := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "2", "f": "3"}
	tests := []struct {
		name      string
		pred      map[string]string
		wantP     float64
		wantR     float64
		predNotes string
	}{
		{"perfect, other ids", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, 1, 1, ""},
		// True pairs: ab ac bc de = 4.
		{"all singletons", map[string]string{}, 1, 0, "no predicted pair"},
		{"one big cluster", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "f": "x"}, 4.0 / 15, 1, "15 pairs, 4 right"},
		{"split one cluster", map[string]string{"a": "x", "b": "x", "c": "w", "d": "y", "e": "y", "f": "z"}, 1, 2.0 / 4, "ab de predicted"},
		{"wrong merge of namesakes", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"}, 4.0 / 6, 1, "df ef wrong"},
		{"missing mention is a singleton", map[string]string{"a": "x", "b": "x", "d": "y", "e": "y", "f": "z"}, 1, 2.0 / 4, ""},
		{"items only in predicted are ignored", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z", "q": "x"}, 1, 1, ""},
	}
	for _, tc := range tests {
		p, r := PairwiseMerge(truth, tc.pred)
		if math.Abs(p-tc.wantP) > 1e-12 || math.Abs(r-tc.wantR) > 1e-12 {
			t.Errorf("%s: P %.4f R %.4f, want P %.4f R %.4f (%s)", tc.name, p, r, tc.wantP, tc.wantR, tc.predNotes)
		}
	}
	if p, r := PairwiseMerge(map[string]string{"a": "1", "b": "2"}, map[string]string{"a": "x", "b": "y"}); p != 1 || r != 1 {
		t.Errorf("no pairs at all: P %v R %v, want 1 1", p, r)
	}
}

// resolvedFromTruth builds what a perfect system would report for each
// article, with node ids derived by idOf (so tests can merge or split).
func resolvedFromTruth(ts []Truth, person func(TruthOfficial) string, event func(TruthEvent) string) func(string) (Resolved, error) {
	by := map[string]Truth{}
	for _, t := range ts {
		by[t.ID] = t
	}
	return func(id string) (Resolved, error) {
		t, ok := by[id]
		if !ok {
			return Resolved{}, fmt.Errorf("unknown article")
		}
		var r Resolved
		for _, o := range t.Officials {
			r.Officials = append(r.Officials, ResolvedOfficial{ID: person(o), Names: o.Aliases, Country: o.Country})
		}
		for _, m := range t.Meetings {
			r.Meetings = append(r.Meetings, ResolvedEvent{ID: event(m), Countries: m.Countries, Date: m.Date})
		}
		for _, a := range t.Agreements {
			r.Agreements = append(r.Agreements, ResolvedEvent{ID: event(a), Countries: a.Countries, Date: a.Date})
		}
		return r, nil
	}
}

func TestScoreResolution(t *testing.T) {
	ts, err := ReadTruthFile(filepath.Join(resolutionDir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ident := func(o TruthOfficial) string { return "node-" + o.Person }
	evid := func(e TruthEvent) string { return "edge-" + e.Event }

	res, err := ScoreResolution(ts, resolvedFromTruth(ts, ident, evid))
	if err != nil {
		t.Fatal(err)
	}
	if res.Officials != (PR{1, 1}) || res.Meetings != (PR{1, 1}) || res.Agreements != (PR{1, 1}) || len(res.Unmatched) != 0 {
		t.Errorf("perfect system: %+v", res)
	}

	// Merging by surname (the classic error) must cost precision.
	bySurname := func(o TruthOfficial) string {
		toks := strings.Fields(Norm(o.Aliases[len(o.Aliases)-1]))
		return "node-" + toks[len(toks)-1]
	}
	res, _ = ScoreResolution(ts, resolvedFromTruth(ts, bySurname, evid))
	if res.Officials.Precision >= 0.98 {
		t.Errorf("surname merge: officials precision %.3f, the corpus's namesakes should push it below 0.98", res.Officials.Precision)
	}

	// Merging meetings by country pair alone must cost precision too.
	byPair := func(e TruthEvent) string { return "edge-" + strings.Join(e.Countries, "-") }
	res, _ = ScoreResolution(ts, resolvedFromTruth(ts, ident, byPair))
	if res.Meetings.Precision >= 0.98 {
		t.Errorf("country-pair merge: meetings precision %.3f, want < 0.98", res.Meetings.Precision)
	}

	// Never merging across articles must cost recall.
	perArticle := func(id string) func(TruthOfficial) string {
		return func(o TruthOfficial) string { return id + o.Person }
	}
	lookup := func(id string) (Resolved, error) {
		return resolvedFromTruth(ts, perArticle(id), func(e TruthEvent) string { return id + e.Event })(id)
	}
	res, _ = ScoreResolution(ts, lookup)
	if res.Officials.Recall != 0 || res.Meetings.Recall != 0 || res.Officials.Precision != 1 {
		t.Errorf("no cross-article merge: %+v, want recall 0 and precision 1", res)
	}

	// A system that lost an article's official reports it as unmatched.
	drop := resolvedFromTruth(ts, ident, evid)
	res, _ = ScoreResolution(ts, func(id string) (Resolved, error) {
		r, err := drop(id)
		if id == "r-01b" {
			r.Officials = nil
		}
		return r, err
	})
	if len(res.Unmatched) != 2 || res.Officials.Recall >= 1 {
		t.Errorf("dropped officials of r-01b: unmatched %v, recall %.3f", res.Unmatched, res.Officials.Recall)
	}
}

func TestReadTruthErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"id":"a"}` + "\n" + `{"id":"a"}`, "t.jsonl:2: id: duplicate"},
		{`{"id":"a","officials":[{"alias":"x"}]}`, "t.jsonl:1: officials[0]: alias and person are required"},
		{`{"id":"a","meetings":[{"countries":["DZ","LY"]}]}`, "t.jsonl:1: meetings[0].event: missing"},
	}
	for _, tc := range tests {
		if _, err := ReadTruth(strings.NewReader(tc.in), "t.jsonl"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadTruth(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}
