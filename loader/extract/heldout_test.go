package extract

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestHeldOut scores the package's own held-out sets (testdata/heldout:
// 30 wire-style articles; testdata/heldout2: 15 more, written after the first
// round of rules and scored blind; testdata/heldout3: 11 with bare leaders'
// names, written before the office-holders seed, 0.389 before it;
// testdata/heldout4: 20 written blind after every rule of the second session,
// 0.857, unfixed so far) with the shared scorer. They guard
// generalisation: a rule fitted to the dev sentences that breaks the grammar
// elsewhere shows here. The floor is below the dev thresholds on purpose
// (these sets hold constructions the extractor does not handle yet: lists of
// bare leaders' names, "the leaders of A, B and C", counterparts without a
// nationality in the text).
func TestHeldOut(t *testing.T) {
	score := filepath.Join(devDir(), "..", "score.py")
	if _, err := os.Stat(score); err != nil {
		t.Skip("shared scorer not present")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed")
	}
	for _, set := range []struct {
		dir   string
		floor float64
	}{{"testdata/heldout", 0.91}, {"testdata/heldout2", 0.92}, {"testdata/heldout3", 0.91}, {"testdata/heldout4", 0.82}} {
		t.Run(filepath.Base(set.dir), func(t *testing.T) {
			arts := filepath.Join(set.dir, "articles.jsonl")
			out := filepath.Join(t.TempDir(), "extraction.jsonl")
			f, err := os.Create(out)
			if err != nil {
				t.Fatal(err)
			}
			enc := json.NewEncoder(f)
			enc.SetEscapeHTML(false)
			for _, a := range readArticles(t, arts) {
				if err := enc.Encode(testX.Extract(a)); err != nil {
					t.Fatal(err)
				}
			}
			f.Close()
			js, err := exec.Command("python3", score, filepath.Join(set.dir, "gold.jsonl"), out, "--articles", arts, "--json").Output()
			if err != nil {
				t.Fatalf("score.py: %v", err)
			}
			var rep struct {
				All map[string]struct {
					F1   *float64 `json:"f1"`
					Rate *float64 `json:"rate"`
				} `json:"all"`
			}
			if err := json.Unmarshal(js, &rep); err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, k := range []string{"officials", "meetings", "participants", "agreements"} {
				if m := rep.All[k]; m.F1 != nil {
					sum += *m.F1
				}
			}
			t.Logf("%s macro-F1 %.3f", set.dir, sum/4)
			if sum/4 < set.floor {
				t.Errorf("%s: macro-F1 %.3f, want ≥ %.2f", set.dir, sum/4, set.floor)
			}
			if m := rep.All["evidence"]; m.Rate != nil && *m.Rate < 1 {
				t.Errorf("%s: evidence %.3f, want 1", set.dir, *m.Rate)
			}
		})
	}
}
