package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "regenerate testdata/score golden reports with python3 and score.py")

// Paths relative to this package.
const (
	examplesDir = "../../examples"
	goldenDir   = "testdata/score"
)

// evalDir is ../shared/eval beside the checkout, or $DIPLOGRAPH_EVAL_DIR.
func evalDir() string {
	if d := os.Getenv("DIPLOGRAPH_EVAL_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "eval")
}

// scorePy returns python3 and score.py, or skips: both are optional locally,
// required in CI (where a missing one fails the test rather than hiding it).
func scorePy(t *testing.T) (python, script string) {
	t.Helper()
	script = filepath.Join(evalDir(), "score.py")
	py, err := exec.LookPath("python3")
	_, serr := os.Stat(script)
	if err != nil || serr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI: python3 (%v) and %s (%v) are required", err, script, serr)
		}
		t.Skipf("python3 or %s not available", script)
	}
	return py, script
}

func runPy(t *testing.T, args ...string) string {
	t.Helper()
	py, script := scorePy(t)
	cmd := exec.Command(py, append([]string{script}, args...)...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("score.py %v: %v\n%s", args, err, stderr.String())
	}
	return out.String()
}

func runGo(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	if err := Main(args, &out); err != nil {
		t.Fatalf("Main %v: %v", args, err)
	}
	return out.String()
}

// readRaw reads JSON Lines into generic objects, for perturbing.
func readRaw(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, m)
	}
	return out
}

func writeRaw(t *testing.T, path string, recs []map[string]any) {
	t.Helper()
	var b bytes.Buffer
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// perturb turns gold lines into a plausible, imperfect extraction: officials
// renamed to extraction form (name + aliases), some dropped, some with a wrong
// or lower-case country, spurious ones added; participants as single strings or
// lists; meetings and agreements dropped, duplicated, given wrong or partial
// country sets, wrong dates, planned status; evidence verbatim, mangled or
// empty; some articles left out and a few unknown ones added. The seed makes
// it reproducible.
func perturb(gold []map[string]any, articles map[string]map[string]any, seed uint64) []map[string]any {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	codes := []string{"DZ", "LY", "EG", "JO", "FR", "US", "UN", "TN", "MA", "ARAB-LEAGUE", "IQ", "SA"}
	sentence := func(id string) string {
		a := articles[id]
		body := str(a["body"])
		parts := strings.Split(body, "\n")
		if len(parts) == 0 {
			return ""
		}
		p := parts[rng.IntN(len(parts))]
		if i := strings.IndexAny(p, ".،"); i > 0 && rng.IntN(2) == 0 {
			p = p[:i]
		}
		return "  " + p + " "
	}
	var out []map[string]any
	for _, g := range gold {
		id := str(g["id"])
		if rng.IntN(12) == 0 {
			continue // article missing from the extraction
		}
		rec := map[string]any{"id": id}
		offs := []any{}
		for _, o := range list(g["officials"]) {
			om := o.(map[string]any)
			if rng.IntN(6) == 0 {
				continue
			}
			al := list(om["aliases"])
			e := map[string]any{"country": om["country"]}
			if len(al) > 0 {
				e["name"] = al[len(al)-1]
				if rng.IntN(3) > 0 {
					e["aliases"] = al[:len(al)-1]
				} else {
					e["aliases"] = al[:1]
				}
			}
			switch rng.IntN(8) {
			case 0:
				e["country"] = codes[rng.IntN(len(codes))]
			case 1:
				e["country"] = strings.ToLower(str(om["country"]))
			case 2:
				e["name"] = "السيد " + str(e["name"]) + "،"
			}
			offs = append(offs, e)
		}
		if rng.IntN(4) == 0 {
			offs = append(offs, map[string]any{"name": "Ali Hassan", "aliases": []any{"علي حسن"}, "country": codes[rng.IntN(len(codes))]})
		}
		rec["officials"] = offs
		ms := []any{}
		for _, m := range list(g["meetings"]) {
			mm := m.(map[string]any)
			if rng.IntN(5) == 0 {
				continue
			}
			e := map[string]any{"countries": mm["countries"], "date": mm["date"], "kind": mm["kind"], "status": mm["status"]}
			ps := []any{}
			for _, p := range list(mm["participants"]) {
				al := list(p)
				switch {
				case len(al) == 0 || rng.IntN(7) == 0:
				case rng.IntN(3) == 0:
					ps = append(ps, al)
				default:
					ps = append(ps, al[rng.IntN(len(al))])
				}
			}
			if rng.IntN(6) == 0 {
				ps = append(ps, "Someone Else")
			}
			e["participants"] = ps
			cs := append([]any(nil), list(mm["countries"])...)
			switch rng.IntN(9) {
			case 0:
				cs = append(cs, codes[rng.IntN(len(codes))])
			case 1:
				if len(cs) > 0 {
					cs = cs[1:]
				}
			case 2:
				for i := range cs {
					cs[i] = strings.ToLower(str(cs[i]))
				}
			}
			e["countries"] = cs
			switch rng.IntN(6) {
			case 0:
				e["date"] = "2020-01-01"
			case 1:
				e["date"] = ""
			case 2:
				e["status"] = "planned"
			}
			switch rng.IntN(5) {
			case 0:
				e["evidence"] = ""
			case 1:
				e["evidence"] = "not in the article"
			default:
				e["evidence"] = sentence(id)
			}
			ms = append(ms, e)
			if rng.IntN(8) == 0 {
				ms = append(ms, e) // duplicate report of the same meeting
			}
		}
		if rng.IntN(5) == 0 {
			ms = append(ms, map[string]any{"participants": []any{"Ali Hassan"}, "countries": []any{codes[rng.IntN(len(codes))], codes[rng.IntN(len(codes))]}, "status": "held", "date": ""})
		}
		rec["meetings"] = ms
		as := []any{}
		for _, a := range list(g["agreements"]) {
			am := a.(map[string]any)
			if rng.IntN(4) == 0 {
				continue
			}
			cs := list(am["countries"])
			if rng.IntN(6) == 0 {
				cs = append(append([]any(nil), cs...), "XX")
			}
			as = append(as, map[string]any{"countries": cs, "subject": am["subject"], "evidence": sentence(id)})
		}
		if rng.IntN(6) == 0 {
			as = append(as, map[string]any{"countries": []any{"EG", "JO"}, "evidence": ""})
		}
		rec["agreements"] = as
		out = append(out, rec)
	}
	out = append(out, map[string]any{"id": "zz-unknown", "officials": []any{}, "meetings": []any{}, "agreements": []any{}})
	return out
}

func articleIndex(t *testing.T, path string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, a := range readRaw(t, path) {
		out[str(a["id"])] = a
	}
	return out
}

type scoreCase struct {
	name                    string
	gold, extract, articles string // articles may be ""
}

// cases builds the comparison set: each gold scored against itself, against
// perturbed copies (three seeds) and against nothing, with and without
// articles.
func scoreCases(t *testing.T, dir, label string) []scoreCase {
	t.Helper()
	gold := filepath.Join(dir, "gold.jsonl")
	arts := filepath.Join(dir, "articles.jsonl")
	if _, err := os.Stat(gold); err != nil {
		return nil
	}
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)
	cs := []scoreCase{
		{label + "/self", gold, gold, arts},
		{label + "/self-noarticles", gold, gold, ""},
		{label + "/empty", gold, empty, arts},
	}
	g := readRaw(t, gold)
	ai := articleIndex(t, arts)
	for _, seed := range []uint64{1, 2, 3} {
		p := filepath.Join(tmp, label+"-perturbed-"+string(rune('0'+seed))+".jsonl")
		writeRaw(t, p, perturb(g, ai, seed))
		cs = append(cs, scoreCase{label + "/perturbed-" + string(rune('0'+seed)), gold, p, arts})
	}
	cs = append(cs, scoreCase{label + "/perturbed-1-noarticles", gold, cs[3].extract, ""})
	return cs
}

func argsOf(c scoreCase, asJSON bool) []string {
	a := []string{c.gold, c.extract}
	if c.articles != "" {
		a = append(a, "--articles", c.articles)
	}
	if asJSON {
		a = append(a, "--json")
	}
	return a
}

// TestAgainstScorePy runs score.py and the Go port on the same files and
// requires identical output, text and JSON, number for number.
func TestAgainstScorePy(t *testing.T) {
	scorePy(t)
	all := append(scoreCases(t, filepath.Join(evalDir(), "dev"), "dev"), scoreCases(t, examplesDir, "examples")...)
	if len(all) == 0 {
		t.Fatal("no gold files found")
	}
	for _, c := range all {
		for _, asJSON := range []bool{false, true} {
			name := c.name
			if asJSON {
				name += "/json"
			}
			t.Run(name, func(t *testing.T) {
				args := argsOf(c, asJSON)
				want, got := runPy(t, args...), runGo(t, args...)
				if got != want {
					t.Errorf("Go and score.py disagree\n%s", lineDiff(want, got))
				}
			})
		}
	}
}

// TestGolden compares the Go port with reports score.py produced for the
// examples (checked in, so this runs without Python). Regenerate with
// go test ./loader/eval/ -run TestGolden -update.
func TestGolden(t *testing.T) {
	g := readRaw(t, filepath.Join(examplesDir, "gold.jsonl"))
	ai := articleIndex(t, filepath.Join(examplesDir, "articles.jsonl"))
	pert := filepath.Join(t.TempDir(), "perturbed.jsonl")
	writeRaw(t, pert, perturb(g, ai, 7))
	gold := filepath.Join(examplesDir, "gold.jsonl")
	arts := filepath.Join(examplesDir, "articles.jsonl")
	tests := []struct {
		file string
		args []string
	}{
		{"examples-self.txt", []string{gold, gold, "--articles", arts}},
		{"examples-perturbed.txt", []string{gold, pert, "--articles", arts}},
		{"examples-perturbed.json", []string{gold, pert, "--articles", arts, "--json"}},
		{"examples-perturbed-noarticles.txt", []string{gold, pert}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(goldenDir, tc.file)
			if *update {
				want := runPy(t, tc.args...)
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := runGo(t, tc.args...); got != string(want) {
				t.Errorf("report differs from %s (made by score.py)\n%s", path, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + "\n  score.py: " + wl + "\n  go:       " + gl + "\n")
			if n++; n > 8 {
				break
			}
		}
	}
	return b.String()
}
