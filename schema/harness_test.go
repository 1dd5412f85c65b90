package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

var update = flag.Bool("update", false, "rewrite schema/testdata/*.golden.json from the current responses")

// testCountries is a small hand-made country list (the real one comes from
// the gazetteer): enough parties for between, names in three languages, one
// organisation.
var testCountries = []graph.Country{
	{Code: "DZ", Names: map[string]string{"en": "Algeria", "ar": "الجزائر", "fr": "Algérie"}},
	{Code: "EG", Names: map[string]string{"en": "Egypt", "ar": "مصر", "fr": "Égypte"}},
	{Code: "FR", Names: map[string]string{"en": "France", "ar": "فرنسا", "fr": "France"}},
	{Code: "LY", Names: map[string]string{"en": "Libya", "ar": "ليبيا", "fr": "Libye"}},
	{Code: "TN", Names: map[string]string{"en": "Tunisia", "ar": "تونس", "fr": "Tunisie"}},
	{Code: "ARAB-LEAGUE", Names: map[string]string{"en": "Arab League", "ar": "جامعة الدول العربية", "fr": "Ligue arabe"}, Org: true},
}

// Sentences, verbatim as the articles would have them.
const (
	sArVisit = "وصل وزير الداخلية الليبي خالد مازن اليوم الأحد إلى الجزائر في زيارة رسمية التقى خلالها نظيره الجزائري كمال بلجود."
	sArAgree = "واتفق الوزيران على تعزيز التعاون الأمني ومراقبة الحدود المشتركة."
	sEnVisit = "Libyan Interior Minister Khaled Mazen met his Algerian counterpart Kamel Beldjoud in Algiers on Sunday."
	sFrCall  = "Le ministre tunisien des Affaires étrangères Othman Jerandi s'est entretenu lundi par téléphone avec son homologue français Jean-Yves Le Drian."
	sFrMoU   = "Les deux pays ont signé mardi un mémorandum d'entente sur la coopération universitaire."
	sEnCairo = "Egyptian Foreign Minister Sameh Shoukry received Libyan Foreign Minister Najla Mangoush in Cairo on Monday."
)

func src(article, sentence string) []graph.Source {
	return []graph.Source{{Article: article, Sentence: sentence}}
}

// testContributions is what the loader would hand the graph for four small
// articles in three languages: the Libya–Algeria interior ministers' visit of
// 2021-11-28 reported twice (Arabic and English), a Tunisia–France call and
// memorandum, and an Egypt–Libya meeting.
func testContributions() []graph.Contribution {
	return []graph.Contribution{
		{
			Article: graph.Article{ID: "ar-seed", URL: "https://example.org/ar/1", Title: "وزير الداخلية الليبي في الجزائر", Source: "example.org", Published: "2021-11-28", Lang: "ar"},
			Officials: []graph.OfficialMention{
				{Ref: "mazen", Country: "LY", Names: []graph.Name{{Text: "خالد مازن", Lang: "ar"}}, Latin: "Khaled Mazen", Title: "Minister of Interior", Portfolio: "interior", Date: "2021-11-28", Sources: src("ar-seed", sArVisit)},
				{Ref: "beldjoud", Country: "DZ", Names: []graph.Name{{Text: "كمال بلجود", Lang: "ar"}}, Latin: "Kamel Beldjoud", Title: "Minister of Interior", Portfolio: "interior", Date: "2021-11-28", Sources: src("ar-seed", sArVisit)},
			},
			Meetings: []graph.MeetingMention{{
				Kind: "visit", Status: "held", Date: "2021-11-28", Place: "Algiers", Host: "DZ", Countries: []string{"DZ", "LY"},
				Participants: []string{"mazen", "beldjoud"}, Topics: []string{"security", "borders"},
				Code: graph.EventCode{Cameo: "042", PloverType: "CONSULT", PloverMode: "visit"}, Sources: src("ar-seed", sArVisit),
			}},
			Agreements: []graph.AgreementMention{{
				Kind: "agreement", Status: "agreed", Subject: "security cooperation and border control", Date: "2021-11-28", Countries: []string{"DZ", "LY"},
				Signatories: []string{"mazen", "beldjoud"}, Meeting: 0, Topics: []string{"security"},
				Code: graph.EventCode{Cameo: "057", PloverType: "AGREE"}, Sources: src("ar-seed", sArAgree),
			}},
		},
		{
			Article: graph.Article{ID: "en-visit", URL: "https://example.org/en/1", Title: "Libyan interior minister visits Algeria", Source: "example.org", Published: "2021-11-29", Lang: "en"},
			Officials: []graph.OfficialMention{
				{Ref: "mazen", Country: "LY", Names: []graph.Name{{Text: "Khaled Mazen", Lang: "en"}}, Latin: "Khaled Mazen", Title: "Minister of Interior", Portfolio: "interior", Date: "2021-11-28", Sources: src("en-visit", sEnVisit)},
				{Ref: "beldjoud", Country: "DZ", Names: []graph.Name{{Text: "Kamel Beldjoud", Lang: "en"}}, Latin: "Kamel Beldjoud", Title: "Minister of Interior", Portfolio: "interior", Date: "2021-11-28", Sources: src("en-visit", sEnVisit)},
			},
			Meetings: []graph.MeetingMention{{
				Kind: "visit", Status: "held", Date: "2021-11-28", Place: "Algiers", Host: "DZ", Countries: []string{"DZ", "LY"},
				Participants: []string{"mazen", "beldjoud"}, Code: graph.EventCode{Cameo: "042", PloverType: "CONSULT", PloverMode: "visit"}, Sources: src("en-visit", sEnVisit),
			}},
		},
		{
			Article: graph.Article{ID: "fr-call", URL: "https://example.org/fr/1", Title: "Entretien téléphonique Jerandi – Le Drian", Source: "example.org", Published: "2022-03-15", Lang: "fr"},
			Officials: []graph.OfficialMention{
				{Ref: "jerandi", Country: "TN", Names: []graph.Name{{Text: "Othman Jerandi", Lang: "fr"}}, Latin: "Othman Jerandi", Title: "Minister of Foreign Affairs", Portfolio: "foreign", Date: "2022-03-14", Sources: src("fr-call", sFrCall)},
				{Ref: "ledrian", Country: "FR", Names: []graph.Name{{Text: "Jean-Yves Le Drian", Lang: "fr"}}, Latin: "Jean-Yves Le Drian", Title: "Minister of Foreign Affairs", Portfolio: "foreign", Date: "2022-03-14", Sources: src("fr-call", sFrCall)},
			},
			Meetings: []graph.MeetingMention{{
				Kind: "call", Status: "held", Date: "2022-03-14", Countries: []string{"FR", "TN"}, Participants: []string{"jerandi", "ledrian"},
				Code: graph.EventCode{Cameo: "040", PloverType: "CONSULT", PloverMode: "phone"}, Sources: src("fr-call", sFrCall),
			}},
			Agreements: []graph.AgreementMention{{
				Kind: "mou", Status: "signed", Subject: "university cooperation", Date: "2022-03-15", Countries: []string{"FR", "TN"},
				Meeting: -1, Topics: []string{"education"}, Code: graph.EventCode{Cameo: "057", PloverType: "AGREE"}, Sources: src("fr-call", sFrMoU),
			}},
		},
		{
			Article: graph.Article{ID: "en-cairo", Title: "Shoukry receives Mangoush", Published: "2023-01-10", Lang: "en"},
			Officials: []graph.OfficialMention{
				{Ref: "shoukry", Country: "EG", Names: []graph.Name{{Text: "Sameh Shoukry", Lang: "en"}}, Latin: "Sameh Shoukry", Title: "Minister of Foreign Affairs", Portfolio: "foreign", Date: "2023-01-09", Sources: src("en-cairo", sEnCairo)},
				{Ref: "mangoush", Country: "LY", Names: []graph.Name{{Text: "Najla Mangoush", Lang: "en"}}, Latin: "Najla Mangoush", Title: "Minister of Foreign Affairs", Portfolio: "foreign", Date: "2023-01-09", Sources: src("en-cairo", sEnCairo)},
			},
			Meetings: []graph.MeetingMention{{
				Kind: "meeting", Status: "held", Date: "2023-01-09", Place: "Cairo", Host: "EG", Countries: []string{"EG", "LY"},
				Participants: []string{"shoukry", "mangoush"}, Sources: src("en-cairo", sEnCairo),
			}},
		},
	}
}

// newTestGraph builds the graph through the real graph.Graph on memstore.
func newTestGraph(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := graph.New(memstore.New(), testCountries)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Apply(context.Background(), testContributions()); err != nil {
		t.Fatal(err)
	}
	return g
}

var (
	sharedOnce  sync.Once
	sharedGraph *graph.Graph
)

func testGraph(t testing.TB) *graph.Graph {
	sharedOnce.Do(func() { sharedGraph = newTestGraph(t) })
	return sharedGraph
}

// exec runs one query and returns the response as indented JSON.
func exec(t testing.TB, s *Schema, query string, vars map[string]any) (*Response, []byte) {
	t.Helper()
	resp := s.Exec(context.Background(), Request{Query: query, Variables: vars})
	b, err := json.MarshalIndent(resp, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// golden compares got with testdata/name.golden.json, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.json")
	got = append(bytes.TrimSpace(got), '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./schema -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("response differs from %s (rerun with -update if intended):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// ids looks up the ids the graph gave the test's officials, meetings and
// agreements, so that queries can name them as variables.
func ids(t *testing.T, s *Schema) map[string]any {
	t.Helper()
	resp, b := exec(t, s, `{
		officials(first: 50) { nodes { id name } }
		meetings(first: 50) { nodes { id date kind } }
		agreements(first: 50) { nodes { id kind } }
		ly: country(code: "LY") { ministries { id portfolio } }
	}`, nil)
	if len(resp.Errors) > 0 {
		t.Fatalf("ids: %s", b)
	}
	var d struct {
		Officials struct{ Nodes []struct{ ID, Name string } }
		Meetings  struct {
			Nodes []struct{ ID, Date, Kind string }
		}
		Agreements struct{ Nodes []struct{ ID, Kind string } }
		LY         struct {
			Ministries []struct{ ID, Portfolio string }
		}
	}
	if err := json.Unmarshal(resp.Data, &d); err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	for _, o := range d.Officials.Nodes {
		m[strings.ToLower(strings.Fields(o.Name)[len(strings.Fields(o.Name))-1])] = o.ID
	}
	for _, e := range d.Meetings.Nodes {
		m[e.Kind] = e.ID
	}
	for _, e := range d.Agreements.Nodes {
		m[e.Kind] = e.ID
	}
	for _, e := range d.LY.Ministries {
		m["LY-"+e.Portfolio] = e.ID
	}
	return m
}

// logBuf captures the zerolog output of a test.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func logCtx(w *logBuf) context.Context {
	l := zerolog.New(w)
	return l.WithContext(context.Background())
}

func memstoreNew() graph.Store { return memstore.New() }
