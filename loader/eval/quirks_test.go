package eval

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// quirkFiles writes a small gold/extraction/articles triple that walks
// score.py's corner cases: a first article with no matched meeting (so
// "participants" is printed after "agreements"), a gold participant written
// as a bare string, duplicate ids, an article whose lang is empty and one
// missing from the articles file, lower-case and non-ASCII codes, planned-only
// system meetings, evidence padded with Python-only whitespace, one-country
// events and officials without aliases.
func quirkFiles(t *testing.T) (gold, extract, articles string) {
	dir := t.TempDir()
	gold = filepath.Join(dir, "gold.jsonl")
	extract = filepath.Join(dir, "extract.jsonl")
	articles = filepath.Join(dir, "articles.jsonl")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(gold, `{"id": "q-1", "officials": [{"aliases": ["ΟΔΥΣΣΕΑΣ Παππάς"], "country": "GR"}, {"name": "no aliases", "country": "DZ"}], "meetings": [{"participants": [["x y"]], "countries": ["DZ"], "status": "held"}], "agreements": [{"countries": ["DZ", "LY"]}]}
{"id": "q-2", "officials": [{"aliases": ["Kamel Beldjoud"], "country": "dz"}], "meetings": [{"participants": ["Kamel Beldjoud", ["Khaled Mazen"]], "countries": ["LY", "DZ"], "date": "2021-11-28", "status": "held"}, {"participants": [], "countries": ["DZ", "TN"], "status": "planned"}], "agreements": []}
{"id": "q-3", "officials": [], "meetings": [{"participants": [["A B"], ["C D"]], "countries": ["MA", "ES"], "date": "2025-10-02", "status": "held"}, {"participants": [["E F"]], "countries": ["ES", "MA"], "date": "2025-10-03", "status": "held"}], "agreements": [{"countries": ["ES", "MA", ""]}]}
{"id": "q-2", "officials": [{"aliases": ["Kamel Beldjoud", "كمال بلجود"], "country": "DZ"}], "meetings": [{"participants": ["Kamel Beldjoud", ["Khaled Mazen"]], "countries": ["LY", "DZ"], "date": "2021-11-28", "status": "held"}, {"participants": [], "countries": ["DZ", "TN"], "status": "planned"}], "agreements": []}
{"id": "q-4", "officials": [{"aliases": ["Straße Eins"], "country": "ß"}], "meetings": [], "agreements": []}
`)
	write(extract, `{"id": "q-1", "officials": [{"name": "Οδυσσέας Παππάς", "aliases": [], "country": "gr"}], "meetings": [{"participants": ["x y"], "countries": ["DZ", "LY"], "status": "held", "evidence": "\u001c body one \u001f"}], "agreements": [{"countries": ["dz", "ly", "LY"], "evidence": ""}]}
{"id": "q-2", "officials": [{"name": "K Beldjoud", "aliases": ["كمال بلجود"], "country": "DZ"}], "meetings": [{"participants": ["K", "Khaled Mazen", ["Kamel Beldjoud", "x"]], "countries": ["DZ", "LY"], "date": "2021-11-29", "status": "planned", "evidence": "two"}, {"participants": ["Someone Else"], "countries": ["DZ", "TN"], "status": "held", "evidence": "missing"}], "agreements": []}
{"id": "q-3", "officials": [], "meetings": [{"participants": ["A B"], "countries": ["es", "ma"], "date": "2025-10-03", "status": "held", "evidence": "three"}, {"participants": ["C D", "E F", "G H"], "countries": ["ES", "MA"], "status": "held"}], "agreements": [{"countries": ["ES", "MA"], "evidence": "three"}]}
{"id": "q-4", "officials": [{"name": "Strasse Eins", "country": "SS"}], "meetings": [], "agreements": []}
{"id": "q-9", "officials": [{"name": "Nobody", "country": "US"}]}
`)
	write(articles, `{"id": "q-1", "title": "t", "body": "body one", "lang": "el"}
{"id": "q-2", "title": "two", "body": "", "lang": ""}
{"id": "q-4", "title": "", "body": "", "lang": "de"}
`)
	return gold, extract, articles
}

// TestQuirksOrder pins the order score.py prints metrics in, without Python.
func TestQuirksOrder(t *testing.T) {
	gold, extract, articles := quirkFiles(t)
	g, err := ReadRecordsFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := ReadRecordsFile(extract)
	a, _ := ReadArticlesFile(articles)
	rep := Score(g, e, a)
	var names []string
	for _, b := range rep.Buckets {
		names = append(names, b.Name)
	}
	if want := []string{"all", "de", "el", "q"}; !slices.Equal(names, want) {
		t.Errorf("buckets %v, want %v (q-2 has an empty lang, q-3 no article: id prefix)", names, want)
	}
	var metrics []string
	for _, m := range rep.Buckets[0].Metrics {
		metrics = append(metrics, m.Name)
	}
	want := []string{MOfficials, MOfficialsLoose, MMeetings, MAgreements, MParticipants, MEvidence, MMeetingDate}
	if !slices.Equal(metrics, want) {
		t.Errorf("metric order %v, want %v", metrics, want)
	}
	if len(g) != 4 || rep.Missing != 0 {
		t.Errorf("%d gold records (duplicate q-2 replaced in place), %d missing", len(g), rep.Missing)
	}
}

func TestQuirksAgainstScorePy(t *testing.T) {
	scorePy(t)
	gold, extract, articles := quirkFiles(t)
	for _, args := range [][]string{
		{gold, extract, "--articles", articles},
		{gold, extract, "--articles", articles, "--json"},
		{gold, extract},
		{"--json", gold, extract},
		{extract, gold, "--articles", articles},
	} {
		want, got := runPy(t, args...), runGo(t, args...)
		if got != want {
			t.Errorf("%v: Go and score.py disagree\n%s", args[2:], lineDiff(want, got))
		}
	}
}
