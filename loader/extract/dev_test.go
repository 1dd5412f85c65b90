package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// devDir is the shared evaluation folder (../../../shared/eval/dev from this
// package in the work tree; CI lays shared/ beside the clone). DIPLOGRAPH_EVAL
// overrides it.
func devDir() string {
	if d := os.Getenv("DIPLOGRAPH_EVAL"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "eval", "dev")
}

func readArticles(t testing.TB, path string) []Article {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no articles: %v", err)
	}
	defer f.Close()
	var out []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var a Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, a)
	}
	return out
}

// TestDevSet extracts the shared dev set, scores it with the shared scorer and
// fails below the thresholds. Set DIPLOGRAPH_EXTRACTION to keep the
// extraction file.
func TestDevSet(t *testing.T) {
	dir := devDir()
	arts := filepath.Join(dir, "articles.jsonl")
	gold := filepath.Join(dir, "gold.jsonl")
	if _, err := os.Stat(gold); err != nil {
		t.Skip("dev set not present")
	}
	score := filepath.Join(dir, "..", "score.py")
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed")
	}
	x := New()
	out := os.Getenv("DIPLOGRAPH_EXTRACTION")
	if out == "" {
		out = filepath.Join(t.TempDir(), "extraction.jsonl")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, a := range readArticles(t, arts) {
		if err := enc.Encode(x.Extract(a)); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	cmd := exec.Command("python3", score, gold, out, "--articles", arts, "--json")
	js, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	txt, _ := exec.Command("python3", score, gold, out, "--articles", arts).Output()
	t.Logf("\n%s", txt)
	var rep map[string]json.RawMessage
	if err := json.Unmarshal(js, &rep); err != nil {
		t.Fatal(err)
	}
	type metric struct {
		F1   *float64 `json:"f1"`
		Rate *float64 `json:"rate"`
	}
	get := func(bucket, name string) metric {
		var row map[string]metric
		_ = json.Unmarshal(rep[bucket], &row)
		return row[name]
	}
	var sum float64
	for _, k := range []string{"officials", "meetings", "participants", "agreements"} {
		if m := get("all", k); m.F1 != nil {
			sum += *m.F1
		}
	}
	macro := sum / 4
	check := func(what string, got, want float64) {
		if got < want {
			t.Errorf("%s = %.3f, want ≥ %.2f", what, got, want)
		}
	}
	if os.Getenv("DIPLOGRAPH_NO_THRESHOLDS") != "" {
		return
	}
	check("macro-F1", macro, 0.90)
	for _, lang := range []string{"ar", "en", "fr"} {
		for _, k := range []string{"officials", "meetings", "agreements"} {
			if m := get(lang, k); m.F1 != nil {
				check(lang+" "+k+" F1", *m.F1, 0.85)
			}
		}
	}
	if m := get("all", "meeting-date"); m.Rate != nil {
		check("meeting-date", *m.Rate, 0.9)
	}
	if m := get("all", "evidence"); m.Rate != nil {
		check("evidence", *m.Rate, 1.0)
	}
	_ = strconv.Itoa
}
