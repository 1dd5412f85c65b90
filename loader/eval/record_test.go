package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRecords(t *testing.T) {
	in := `{"id": "a-1", "officials": [{"name": "Khaled Mazen", "aliases": ["خالد مازن"], "country": "LY"}], "meetings": [{"participants": ["خالد مازن", ["كمال بلجود", "Kamel Beldjoud"]], "countries": ["DZ", "LY"], "date": "2021-11-28", "status": "held", "evidence": "x"}]}

{"id": "a-2", "officials": null, "meetings": [], "agreements": [{"countries": ["EG", "JO"]}]}
{"id": "a-1", "officials": []}
`
	recs, err := ReadRecords(strings.NewReader(in), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].ID != "a-1" || recs[1].ID != "a-2" {
		t.Fatalf("got %+v, want a-1 (replaced in place) then a-2", recs)
	}
	if len(recs[0].Officials) != 0 || len(recs[0].Meetings) != 0 {
		t.Errorf("duplicate id: later line should replace the earlier one, got %+v", recs[0])
	}
	recs, _ = ReadRecords(strings.NewReader(strings.SplitN(in, "\n", 2)[0]), "x.jsonl")
	ps := recs[0].Meetings[0].Participants
	if len(ps) != 2 || !ps[0].IsString || ps[1].IsString || len(ps[1].Names) != 2 {
		t.Errorf("participants = %+v, want a string then a list", ps)
	}
	b, _ := json.Marshal(ps)
	if string(b) != `["خالد مازن",["كمال بلجود","Kamel Beldjoud"]]` {
		t.Errorf("participants round trip = %s", b)
	}
}

func TestReadRecordsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"id\": \"a\"}\nnot json\n", "f.jsonl:2: not JSON"},
		{"\n\n{\"officials\": []}\n", "f.jsonl:3: id: missing"},
		{"{\"id\": \"a\", \"officials\": [{\"country\": 5}]}\n", "f.jsonl:1: officials.country: want string"},
		{"{\"id\": \"a\", \"meetings\": [{\"participants\": [5]}]}\n", "f.jsonl:1: participant: want a name or a list"},
		{"[1, 2]\n", "f.jsonl:1: not JSON"},
	}
	for _, tc := range tests {
		_, err := ReadRecords(strings.NewReader(tc.in), "f.jsonl")
		var le *LineError
		if err == nil || !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadRecords(%q) error = %v, want a LineError containing %q", tc.in, err, tc.want)
		}
	}
}

func TestReadArticles(t *testing.T) {
	arts, err := ReadArticlesFile(filepath.Join(examplesDir, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 40 || arts[0].ID != "ar-seed" || arts[0].Lang != "ar" || !strings.Contains(arts[0].Body, "خالد مازن") {
		t.Errorf("examples: %d articles, first %q", len(arts), arts[0].ID)
	}
}

// FuzzReadRecords: the reader never panics, and whatever it accepts has ids
// that are unique and survives a JSON round trip unchanged.
func FuzzReadRecords(f *testing.F) {
	for _, p := range []string{filepath.Join(examplesDir, "gold.jsonl"), filepath.Join(resolutionDir, "gold.jsonl")} {
		if b, err := os.ReadFile(p); err == nil {
			lines := strings.Split(string(b), "\n")
			for i := 0; i < len(lines) && i < 6; i++ {
				f.Add(lines[i])
			}
		}
	}
	f.Add(`{"id":"x","meetings":[{"participants":["a",["b","c"]],"countries":["dz","LY"]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := ReadRecords(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if seen[r.ID] {
				t.Fatalf("duplicate id %q", r.ID)
			}
			seen[r.ID] = true
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			again, err := ReadRecords(bytes.NewReader(b), "again")
			if err != nil || len(again) != 1 {
				t.Fatalf("round trip of %s: %v", b, err)
			}
			b2, _ := json.Marshal(again[0])
			if !bytes.Equal(b, b2) {
				t.Fatalf("round trip changed %s into %s", b, b2)
			}
		}
		// Scoring anything the reader accepts must not panic either.
		Score(recs, recs, nil).WriteText(&bytes.Buffer{})
	})
}
