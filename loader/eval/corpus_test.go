package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The bundled examples and the resolution corpus are hand-written data; these
// tests hold them to FORMAT.md's rules so a typo cannot silently skew a score.

var (
	arabicScript = regexp.MustCompile(`[\x{0600}-\x{06FF}]`)
	latinScript  = regexp.MustCompile(`[A-Za-z]`)
	codeRE       = regexp.MustCompile(`^([A-Z]{2}|UN|EU|AFRICAN-UNION|ARAB-LEAGUE|GCC|OIC|NATO|ASEAN|OPEC|AMU|IMF|WORLD-BANK)$`)
)

type goldFile struct {
	ID        string `json:"id"`
	Officials []struct {
		Aliases   []string `json:"aliases"`
		Country   string   `json:"country"`
		Title     string   `json:"title"`
		Portfolio string   `json:"portfolio"`
		Notes     string   `json:"notes"`
	} `json:"officials"`
	Meetings []struct {
		Participants [][]string `json:"participants"`
		Countries    []string   `json:"countries"`
		Date         string     `json:"date"`
		Kind         string     `json:"kind"`
		Place        string     `json:"place"`
		Status       string     `json:"status"`
		Notes        string     `json:"notes"`
	} `json:"meetings"`
	Agreements []struct {
		Countries []string `json:"countries"`
		Subject   string   `json:"subject"`
		Kind      string   `json:"kind"`
		Status    string   `json:"status"`
		Notes     string   `json:"notes"`
	} `json:"agreements"`
	Notes string `json:"notes"`
}

type fullArticle struct {
	ID, URL, Title, Body, Published, Source, Lang string
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, maxLine)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := jsonStrict(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, v)
	}
	return out
}

// jsonStrict rejects unknown fields, so a misspelt key ("countires") fails.
func jsonStrict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func sortedSet(cs []string) bool {
	if len(cs) < 2 {
		return false
	}
	for i := 1; i < len(cs); i++ {
		if cs[i-1] >= cs[i] {
			return false
		}
	}
	return true
}

// lintGold checks one articles/gold pair against FORMAT.md.
func lintGold(t *testing.T, dir string) ([]fullArticle, []goldFile) {
	arts := readJSONL[fullArticle](t, filepath.Join(dir, "articles.jsonl"))
	gold := readJSONL[goldFile](t, filepath.Join(dir, "gold.jsonl"))
	if len(arts) != len(gold) {
		t.Fatalf("%s: %d articles, %d gold lines", dir, len(arts), len(gold))
	}
	ids := map[string]bool{}
	for i, a := range arts {
		g := gold[i]
		where := dir + ": " + a.ID
		if g.ID != a.ID {
			t.Errorf("%s: gold line %d is %q", where, i+1, g.ID)
		}
		if ids[a.ID] {
			t.Errorf("%s: duplicate id", where)
		}
		ids[a.ID] = true
		if a.Published != "" && !validDate(a.Published) {
			t.Errorf("%s: published %q", where, a.Published)
		}
		if !slices.Contains([]string{"ar", "en", "fr"}, a.Lang) || a.Body == "" || a.Source == "" {
			t.Errorf("%s: lang %q, source %q, body %d bytes", where, a.Lang, a.Source, len(a.Body))
		}
		text := a.Title + "\n" + a.Body
		var aliasLists [][]string
		for _, o := range g.Officials {
			aliasLists = append(aliasLists, o.Aliases)
			found, latin := false, false
			for _, al := range o.Aliases {
				if strings.Contains(text, al) {
					found = true
				} else if arabicScript.MatchString(al) {
					t.Errorf("%s: Arabic alias %q not in the article", where, al)
				}
				if latinScript.MatchString(al) {
					latin = true
				}
			}
			if !found || !latin {
				t.Errorf("%s: official %q: in text %v, Latin spelling %v", where, o.Aliases, found, latin)
			}
			if !codeRE.MatchString(o.Country) || o.Title == "" || o.Portfolio == "" {
				t.Errorf("%s: official %q: country %q title %q portfolio %q", where, o.Aliases, o.Country, o.Title, o.Portfolio)
			}
		}
		for _, m := range g.Meetings {
			if !sortedSet(m.Countries) || !slices.Contains([]string{"visit", "meeting", "call", "summit"}, m.Kind) ||
				!slices.Contains([]string{"held", "planned"}, m.Status) || (m.Date != "" && !validDate(m.Date)) {
				t.Errorf("%s: meeting %+v", where, m)
			}
			for _, c := range m.Countries {
				if !codeRE.MatchString(c) {
					t.Errorf("%s: meeting country %q", where, c)
				}
			}
			for _, p := range m.Participants {
				if !slices.ContainsFunc(aliasLists, func(l []string) bool { return slices.Equal(l, p) }) {
					t.Errorf("%s: participant %q is not one of the article's officials", where, p)
				}
			}
		}
		for _, ag := range g.Agreements {
			if !sortedSet(ag.Countries) || ag.Subject == "" ||
				!slices.Contains([]string{"agreement", "mou", "treaty", "joint-statement", "commitment"}, ag.Kind) ||
				!slices.Contains([]string{"signed", "agreed", "planned"}, ag.Status) {
				t.Errorf("%s: agreement %+v", where, ag)
			}
		}
	}
	return arts, gold
}

func TestExamplesGold(t *testing.T) {
	arts, gold := lintGold(t, examplesDir)
	langs := map[string]int{}
	negatives := 0
	for i, a := range arts {
		langs[a.Lang]++
		if a.ID != "ar-seed" && (len(a.Body) < 600 || len(a.Body) > 2500) {
			t.Errorf("%s: body is %d bytes, want 600-2500", a.ID, len(a.Body))
		}
		if len(gold[i].Officials)+len(gold[i].Meetings)+len(gold[i].Agreements) == 0 {
			negatives++
		}
	}
	if langs["ar"] < 15 || langs["en"] < 12 || langs["fr"] < 12 || negatives < 3 {
		t.Errorf("languages %v, %d distractors", langs, negatives)
	}
	// The seed is the dev set's, byte for byte.
	dev := filepath.Join(evalDir(), "dev", "articles.jsonl")
	if b, err := os.ReadFile(dev); err == nil {
		ex, _ := os.ReadFile(filepath.Join(examplesDir, "articles.jsonl"))
		devSeed, _, _ := strings.Cut(string(b), "\n")
		exSeed, _, _ := strings.Cut(string(ex), "\n")
		if !strings.Contains(devSeed, `"id": "ar-seed"`) || devSeed != exSeed {
			t.Errorf("examples' first line is not the dev set's ar-seed line")
		}
	}
}

func TestResolutionCorpus(t *testing.T) {
	arts, gold := lintGold(t, resolutionDir)
	truth, err := ReadTruthFile(filepath.Join(resolutionDir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(truth) != len(arts) {
		t.Fatalf("%d truth lines for %d articles", len(truth), len(arts))
	}
	lang := map[string]string{}
	for _, a := range arts {
		lang[a.ID] = a.Lang
	}
	reports := map[string][]string{} // meeting event → articles
	for i, tr := range truth {
		g, a := gold[i], arts[i]
		if tr.ID != a.ID || len(tr.Officials) != len(g.Officials) || len(tr.Meetings) != len(g.Meetings) || len(tr.Agreements) != len(g.Agreements) {
			t.Errorf("%s: truth and gold disagree", a.ID)
			continue
		}
		text := a.Title + "\n" + a.Body
		people := map[string]bool{}
		for j, o := range tr.Officials {
			if !strings.Contains(text, o.Alias) || !slices.Equal(o.Aliases, g.Officials[j].Aliases) || o.Country != g.Officials[j].Country {
				t.Errorf("%s: truth official %q does not match gold or text", a.ID, o.Alias)
			}
			if people[o.Person] {
				t.Errorf("%s: person %s twice in one article", a.ID, o.Person)
			}
			people[o.Person] = true
		}
		for j, m := range tr.Meetings {
			if !slices.Equal(m.Countries, g.Meetings[j].Countries) || m.Date != g.Meetings[j].Date || !validDate(m.Date) {
				t.Errorf("%s: truth meeting %s does not match gold", a.ID, m.Event)
			}
			for _, p := range m.Participants {
				if !people[p] {
					t.Errorf("%s: participant %s is not among the article's officials", a.ID, p)
				}
			}
			reports[m.Event] = append(reports[m.Event], a.ID)
		}
	}
	if len(reports) < 15 {
		t.Errorf("%d events, issue 4 asks for at least 15", len(reports))
	}
	for ev, ids := range reports {
		ls := map[string]bool{}
		for _, id := range ids {
			ls[lang[id]] = true
		}
		if len(ids) < 2 || len(ids) > 4 || len(ls) != len(ids) {
			t.Errorf("event %s: reported by %v, want 2-4 articles in different languages", ev, ids)
		}
	}
	// The same person must keep one country across the corpus.
	country := map[string]string{}
	for _, tr := range truth {
		for _, o := range tr.Officials {
			if c, ok := country[o.Person]; ok && c != o.Country {
				t.Errorf("%s: %s is %s here and %s elsewhere", tr.ID, o.Person, o.Country, c)
			}
			country[o.Person] = o.Country
		}
	}
}
