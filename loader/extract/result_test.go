package extract

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestResultJSONHasNoNullLists guards the scorer's contract: every list field
// of an extraction line is a JSON array, never null.
func TestResultJSONHasNoNullLists(t *testing.T) {
	r := Result{ID: "x", Meetings: []Meeting{{Kind: "visit"}}, Agreements: []Agreement{{Kind: "mou"}}, Officials: []Official{{Name: "A"}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Fatalf("null in %s", b)
	}
	b, _ = json.Marshal(Result{ID: "empty"})
	if string(b) != `{"id":"empty","lang":"","officials":[],"meetings":[],"agreements":[]}` {
		t.Fatalf("empty result: %s", b)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
}
