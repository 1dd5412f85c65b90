package gazetteer

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"diplograph/graph"
	"diplograph/loader/text"
)

// TestGeneratedDataFresh runs the generator into a temporary directory and
// compares with the checked-in data: editing a source or lexicon without
// running `go generate ./loader/gazetteer` fails here.
func TestGeneratedDataFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run ./gen")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./gen", "-out", dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run ./gen: %v", err)
	}
	want, _ := filepath.Glob("data/*.tsv")
	got, _ := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if len(got) != len(want) {
		t.Errorf("generator wrote %d files, data/ has %d", len(got), len(want))
	}
	for _, w := range want {
		a, _ := os.ReadFile(w)
		b, err := os.ReadFile(filepath.Join(dir, filepath.Base(w)))
		if err != nil {
			t.Errorf("%s: not generated: %v", w, err)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s is stale: run go generate ./loader/gazetteer", w)
		}
	}
}

// unMembers reads the UN member list from the copied mledoze source (194:
// it counts VA, an observer).
func unMembers(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../third_party/gazetteer/mledoze-countries/countries.json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []struct {
		CCA2     string `json:"cca2"`
		UNMember bool   `json:"unMember"`
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		if c.UNMember {
			out = append(out, c.CCA2)
		}
	}
	return out
}

func TestCoverageUNMembers(t *testing.T) {
	g := Default()
	nisba := map[string]bool{}
	for _, e := range g.Entries() {
		if e.Kind == Demonym && e.Lang == "ar" {
			nisba[e.Code] = true
		}
	}
	ok := 0
	for _, code := range unMembers(t) {
		c, found := g.Country(code)
		switch {
		case !found:
			t.Errorf("%s: no country", code)
		case c.Names["en"] == "" || c.Names["fr"] == "" || c.Names["ar"] == "":
			t.Errorf("%s: names %v", code, c.Names)
		case !nisba[code]:
			t.Errorf("%s (%s): no Arabic nisba", code, c.Names["ar"])
		default:
			ok++
		}
	}
	if ok < 193 {
		t.Errorf("%d UN members fully covered, want ≥ 193", ok)
	}
}

func TestCoverageCapitals(t *testing.T) {
	g := Default()
	capitals := map[string]bool{}
	for _, e := range g.Entries() {
		if e.Kind == City && e.Capital {
			if e.Display == "" {
				t.Errorf("capital %s %q has no English display", e.Code, e.Form)
			}
			if e.Lang == "en" {
				capitals[e.Code+"/"+e.Display] = true
			}
		}
	}
	if len(capitals) < 235 {
		t.Errorf("%d capitals with an English name, want ≥ 235 (GeoNames has 241 PPLC)", len(capitals))
	}
	for _, want := range []string{"DZ/Algiers", "LY/Tripoli", "EG/Cairo", "US/Washington", "FR/Paris", "SA/Riyadh"} {
		if !capitals[want] {
			t.Errorf("capital %s missing", want)
		}
	}
}

func TestOrgCodes(t *testing.T) {
	g := Default()
	// FORMAT.md's organisation codes.
	for _, code := range []string{"UN", "EU", "AFRICAN-UNION", "ARAB-LEAGUE", "GCC", "OIC", "NATO", "ASEAN", "OPEC", "AMU", "IMF", "WORLD-BANK"} {
		c, ok := g.Country(code)
		if !ok || !c.Org || c.Names["en"] == "" || c.Names["fr"] == "" || c.Names["ar"] == "" {
			t.Errorf("org %s: %+v %v", code, c, ok)
		}
	}
	if c, _ := g.Country("AU"); c.Org || c.Names["en"] != "Australia" {
		t.Errorf("AU must stay Australia: %+v", c)
	}
	cs := g.Countries()
	if len(cs) < 249+12 {
		t.Errorf("Countries: %d", len(cs))
	}
	if !slices.IsSortedFunc(cs, func(a, b graph.Country) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("Countries not sorted by code")
	}
	// Callers may modify what they get.
	cs[0].Names["en"] = "changed"
	if g.Countries()[0].Names["en"] == "changed" {
		t.Error("Countries shares its maps")
	}
}

// TestFormsFolded: every stored key is the fold of its form and a fixed point
// of text.Fold, so the extractor (which folds with the same function) finds it.
func TestFormsFolded(t *testing.T) {
	files, _ := filepath.Glob("data/*.tsv")
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "names.tsv" {
			continue
		}
		b, _ := os.ReadFile(f)
		for i, line := range strings.Split(string(b), "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			fs := strings.Split(line, "\t")
			key, form := fs[2], fs[3]
			if text.Fold(key) != key || text.Fold(form) != key {
				t.Errorf("%s:%d: key %q, Fold(key) %q, Fold(form %q) %q", f, i+1, key, text.Fold(key), form, text.Fold(form))
			}
			n++
		}
	}
	if n < 5000 {
		t.Errorf("only %d entries", n)
	}
}

func TestLongest(t *testing.T) {
	g := Default()
	type want struct {
		kind          Kind
		code, display string
	}
	tests := []struct {
		text   string
		i, end int // end -1: no match
		want   want
	}{
		{"وبالجزائر", 0, 1, want{Country, "DZ", ""}},
		{"للجزائر", 0, 1, want{Country, "DZ", ""}},
		{"والليبي", 0, 1, want{Demonym, "LY", ""}},
		{"الوزير الليبيين", 1, 2, want{Demonym, "LY", ""}},
		{"نظيره الجزائرية", 1, 2, want{Demonym, "DZ", ""}},
		{"الكوري الجنوبي", 0, 2, want{Demonym, "KR", ""}},
		{"ministre de l'Algérie", 2, 4, want{Country, "DZ", ""}},
		{"ministre d’Algérie", 1, 3, want{Country, "DZ", ""}},
		{"le ministre algérien", 2, 3, want{Demonym, "DZ", ""}},
		{"les autorités algériennes", 2, 3, want{Demonym, "DZ", ""}},
		{"Algeria's interior minister", 0, 1, want{Country, "DZ", ""}},
		{"the Algerian minister", 1, 2, want{Demonym, "DZ", ""}},
		{"in Algiers on Sunday", 1, 2, want{City, "DZ", "Algiers"}},
		{"بالجزائر العاصمة", 0, 2, want{City, "DZ", "Algiers"}},
		{"à Alger", 1, 2, want{City, "DZ", "Algiers"}},
		{"au Caire", 1, 2, want{City, "EG", "Cairo"}},
		{"Le Caire", 0, 2, want{City, "EG", "Cairo"}},
		{"المبعوث الأممي", 1, 2, want{Org, "UN", ""}},
		{"الأمين العام للأمم المتحدة", 2, 4, want{Org, "UN", ""}},
		{"the UN envoy", 1, 2, want{Org, "UN", ""}},
		{"un accord", 0, -1, want{}},
		{"UN ACCORD SIGNÉ", 0, -1, want{}},
		{"UN, EU and AU", 1, 2, want{Org, "EU", ""}},
		{"UN, EU and AU", 3, 4, want{Org, "AFRICAN-UNION", ""}},
		{"UN, EU and AU", 0, 1, want{Org, "UN", ""}},
		{"au sommet de l'UA", 3, 5, want{Org, "AFRICAN-UNION", ""}},
		{"الاتحاد الإفريقي", 0, 2, want{Org, "AFRICAN-UNION", ""}},
		{"حكومة الوحدة الوطنية الليبية", 0, 3, want{Government, "LY", ""}},
		{"United States of America", 0, 4, want{Country, "US", ""}},
		{"the U.S. delegation", 0, 3, want{Country, "US", ""}},
		{"وزير الخارجية الأمريكي", 2, 3, want{Demonym, "US", ""}},
		{"a turkey dinner", 1, -1, want{}},
		{"Turkey and Chad", 0, 1, want{Country, "TR", ""}},
		{"Grande-Bretagne", 0, 2, want{Country, "GB", ""}},
		{"the Emirates", 0, 2, want{Country, "AE", ""}},
		{"في إطار التعاون", 1, -1, want{}},
		{"بقصر قرطاج", 1, 2, want{City, "TN", "Carthage"}},
		{"في العاصمة الإدارية الجديدة", 1, 4, want{City, "EG", "New Administrative Capital"}},
		{"in New York", 1, 3, want{City, "US", "New York"}},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text)
		end, es, ok := g.Longest(toks, tt.i)
		if tt.end < 0 {
			if ok {
				t.Errorf("Longest(%q, %d) = %d %v, want none", tt.text, tt.i, end, describe(es))
			}
			continue
		}
		if !ok || end != tt.end {
			t.Errorf("Longest(%q, %d) = %d %v %v, want end %d", tt.text, tt.i, end, describe(es), ok, tt.end)
			continue
		}
		found := false
		for _, e := range es {
			if e.Kind == tt.want.kind && e.Code == tt.want.code && (tt.want.display == "" || e.Display == tt.want.display) {
				found = true
			}
		}
		if !found {
			t.Errorf("Longest(%q, %d): %v, want %v %s", tt.text, tt.i, describe(es), tt.want.kind, tt.want.code)
		}
	}
}

func TestHomonymsFlagged(t *testing.T) {
	g := Default()
	for _, tt := range []struct {
		text  string
		codes []string
	}{
		{"طرابلس", []string{"LB", "LY"}},
		{"الجزائر", []string{"DZ"}},
	} {
		_, es, ok := g.Longest(text.Tokenize(tt.text), 0)
		if !ok {
			t.Errorf("%s: no match", tt.text)
			continue
		}
		codes := map[string]bool{}
		for _, e := range es {
			codes[e.Code] = true
			if !e.Ambiguous {
				t.Errorf("%s: %v %s not flagged ambiguous", tt.text, e.Kind, e.Code)
			}
		}
		for _, c := range tt.codes {
			if !codes[c] {
				t.Errorf("%s: no %s entry in %v", tt.text, c, describe(es))
			}
		}
	}
}

// TestDependenciesDoNotShareDemonyms: "American" is the United States', not
// also the Northern Mariana Islands' (mledoze gives both).
func TestDependenciesDoNotShareDemonyms(t *testing.T) {
	g := Default()
	for _, tt := range []struct{ form, code string }{{"American", "US"}, {"français", "FR"}, {"British", "GB"}} {
		_, es, _ := g.Longest(text.Tokenize(tt.form), 0)
		for _, e := range es {
			if e.Kind == Demonym && e.Code != tt.code {
				t.Errorf("%s: also a demonym of %s", tt.form, e.Code)
			}
		}
	}
}

func TestDemonymInflection(t *testing.T) {
	g := Default()
	for _, tt := range []struct{ form, gender, number string }{
		{"الجزائري", "m", "sg"}, {"الجزائرية", "f", "sg"}, {"الجزائريون", "m", "pl"},
		{"جزائريات", "f", "pl"}, {"الجزائريتان", "f", "du"},
		{"algérienne", "f", "sg"}, {"algériens", "m", "pl"}, {"libanais", "m", "pl"},
		{"qatari", "m", "sg"}, {"émiratie", "f", "sg"},
	} {
		_, es, ok := g.Longest(text.Tokenize(tt.form), 0)
		hit := false
		for _, e := range es {
			if e.Kind == Demonym && e.Gender == tt.gender && e.Number == tt.number {
				hit = true
			}
		}
		if !ok || !hit {
			t.Errorf("%s: want demonym %s %s, got %v", tt.form, tt.gender, tt.number, describe(es))
		}
	}
}

func TestGovernmentWindows(t *testing.T) {
	g := Default()
	_, es, ok := g.Longest(text.Tokenize("حكومة الوفاق الوطني"), 0)
	if !ok {
		t.Fatal("GNA not found")
	}
	e := es[0]
	if e.Code != "LY" || !e.ValidOn("2019-05-01") || e.ValidOn("2022-01-01") || e.ValidOn("2015") {
		t.Errorf("GNA: %+v", e)
	}
	_, es, _ = g.Longest(text.Tokenize("Government of National Unity"), 0)
	if len(es) == 0 || es[0].ValidOn("2015-06-01") || !es[0].ValidOn("2024-02-10") {
		t.Errorf("GNU: %v", describe(es))
	}
}

func describe(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Kind.String()+":"+e.Code+":"+e.Lang+":"+e.Form)
	}
	return out
}
