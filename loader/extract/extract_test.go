package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"diplograph/loader/text"
)

var testX = New()

// caseFile is one line of testdata/cases.jsonl: an article and what must (or
// must not) be extracted from it.
type caseFile struct {
	Name         string      `json:"name"`
	Lang         string      `json:"lang"`
	Published    string      `json:"published"`
	Source       string      `json:"source"` // the outlet, Article.Source
	Text         string      `json:"text"`
	WantLang     string      `json:"want_lang"`
	Officials    [][2]string `json:"officials"`     // name (any alias), country
	NotOfficials []string    `json:"not_officials"` // names that must not be listed
	Meetings     []wantEvent `json:"meetings"`
	Agreements   []wantEvent `json:"agreements"`
	NoMeetings   bool        `json:"no_meetings"`
	MeetingCount *int        `json:"meeting_count"` // exactly this many meetings`
	NoHeld       bool        `json:"no_held"`
	NoOfficials  bool        `json:"no_officials"`
	NoAgreements bool        `json:"no_agreements"`
	NoSigned     bool        `json:"no_signed"`
	NoAgreed     bool        `json:"no_agreed"`
}

type wantEvent struct {
	Countries []string `json:"countries"`
	Date      string   `json:"date"`
	Status    string   `json:"status"`
	Kind      string   `json:"kind"`
	Place     string   `json:"place"`
}

func TestCases(t *testing.T) {
	f, err := os.Open("testdata/cases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var c caseFile
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("testdata/cases.jsonl:%d: %v", n, err)
		}
		t.Run(c.Name, func(t *testing.T) {
			a := Article{ID: "t", Body: c.Text, Published: c.Published, Lang: c.Lang, Source: c.Source}
			r := testX.Extract(a)
			js, _ := json.MarshalIndent(r, "", " ")
			checkInvariants(t, a, r)
			if c.WantLang != "" && r.Lang != c.WantLang {
				t.Errorf("lang = %q, want %q", r.Lang, c.WantLang)
			}
			for _, o := range c.Officials {
				if !hasOfficial(r, o[0], o[1]) {
					t.Errorf("missing official %s (%s)\n%s", o[0], o[1], js)
				}
			}
			for _, n := range c.NotOfficials {
				if slices.ContainsFunc(r.Officials, func(o Official) bool { return o.Name == n || slices.Contains(o.Aliases, n) }) {
					t.Errorf("official %s listed, want not\n%s", n, js)
				}
			}
			if c.MeetingCount != nil && len(r.Meetings) != *c.MeetingCount {
				t.Errorf("%d meetings, want %d\n%s", len(r.Meetings), *c.MeetingCount, js)
			}
			for _, w := range c.Meetings {
				if !slices.ContainsFunc(r.Meetings, func(m Meeting) bool {
					return matchEvent(w, m.Countries, m.Date, m.Status, m.Kind, m.Place)
				}) {
					t.Errorf("missing meeting %+v\n%s", w, js)
				}
			}
			for _, w := range c.Agreements {
				if !slices.ContainsFunc(r.Agreements, func(a Agreement) bool {
					return matchEvent(w, a.Countries, a.Date, a.Status, a.Kind, "")
				}) {
					t.Errorf("missing agreement %+v\n%s", w, js)
				}
			}
			if c.NoMeetings && len(r.Meetings) > 0 {
				t.Errorf("want no meetings\n%s", js)
			}
			if c.NoHeld && slices.ContainsFunc(r.Meetings, func(m Meeting) bool { return m.Status == "held" }) {
				t.Errorf("want no held meeting\n%s", js)
			}
			if c.NoOfficials && len(r.Officials) > 0 {
				t.Errorf("want no officials\n%s", js)
			}
			if c.NoAgreements && len(r.Agreements) > 0 {
				t.Errorf("want no agreements\n%s", js)
			}
			if c.NoSigned && slices.ContainsFunc(r.Agreements, func(a Agreement) bool { return a.Status == "signed" }) {
				t.Errorf("want no signed agreement\n%s", js)
			}
			if c.NoAgreed && slices.ContainsFunc(r.Agreements, func(a Agreement) bool { return a.Status == "agreed" }) {
				t.Errorf("want no agreed agreement\n%s", js)
			}
		})
	}
}

func hasOfficial(r Result, name, country string) bool {
	f := text.Fold(name)
	for _, o := range r.Officials {
		if o.Country != country {
			continue
		}
		if text.Fold(o.Name) == f || slices.ContainsFunc(o.Aliases, func(a string) bool { return text.Fold(a) == f }) {
			return true
		}
	}
	return false
}

func matchEvent(w wantEvent, countries []string, date, status, kind, place string) bool {
	return slices.Equal(w.Countries, countries) &&
		(w.Date == "" || w.Date == date) &&
		(w.Status == "" || w.Status == status) &&
		(w.Kind == "" || w.Kind == kind) &&
		(w.Place == "" || w.Place == place)
}

// checkInvariants holds for every extraction: evidence is verbatim, countries
// are sorted and distinct with at least two parties, refs point at officials,
// agreement meeting indexes are in range.
func checkInvariants(t testing.TB, a Article, r Result) {
	t.Helper()
	full := a.Title + "\n" + a.Body
	refs := map[string]bool{}
	for _, o := range r.Officials {
		if refs[o.Ref] || o.Ref == "" {
			t.Errorf("official ref %q empty or repeated", o.Ref)
		}
		refs[o.Ref] = true
		if o.Country == "" || o.Name == "" {
			t.Errorf("official without country or name: %+v", o)
		}
	}
	sorted := func(cs []string) bool {
		return len(cs) >= 2 && slices.IsSorted(cs) && len(slices.Compact(slices.Clone(cs))) == len(cs)
	}
	for _, m := range r.Meetings {
		if m.Evidence == "" || !strings.Contains(full, m.Evidence) {
			t.Errorf("meeting evidence not verbatim: %q", m.Evidence)
		}
		if !sorted(m.Countries) {
			t.Errorf("meeting countries not sorted/distinct/≥2: %v", m.Countries)
		}
		if len(m.Refs) != len(m.Participants) {
			t.Errorf("meeting refs %v vs participants %v", m.Refs, m.Participants)
		}
		for _, ref := range m.Refs {
			if !refs[ref] {
				t.Errorf("meeting ref %q is no official", ref)
			}
		}
	}
	for _, g := range r.Agreements {
		if g.Evidence == "" || !strings.Contains(full, g.Evidence) {
			t.Errorf("agreement evidence not verbatim: %q", g.Evidence)
		}
		if !sorted(g.Countries) {
			t.Errorf("agreement countries not sorted/distinct/≥2: %v", g.Countries)
		}
		if g.Meeting < -1 || g.Meeting >= len(r.Meetings) {
			t.Errorf("agreement meeting index %d out of range", g.Meeting)
		}
		for _, ref := range g.Signatories {
			if !refs[ref] {
				t.Errorf("signatory %q is no official", ref)
			}
		}
	}
}

func TestDates(t *testing.T) {
	f, err := os.Open("testdata/dates.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			t.Fatalf("testdata/dates.tsv:%d: want 4 columns, got %d", n, len(cols))
		}
		lang, pub, sent, want := cols[0], cols[1], cols[2], cols[3]
		t.Run(sent, func(t *testing.T) {
			d := testX.newDoc(Article{ID: "t", Body: sent, Published: pub, Lang: lang}, new(scratch))
			s := d.sents[0]
			ds := d.dates(s)
			got := ""
			if len(ds) > 0 {
				future := false
				for k := range s.segs {
					if m := s.segs[k].find(kModal); m != nil && m.val == "future" || s.segs[k].fut {
						future = true
					}
					if tr := s.segs[k].find(kTrigger); tr != nil && tr.c == "future" {
						future = true
					}
				}
				got = ds[0].resolve(d.reference(), future).String()
			}
			if got != want {
				t.Errorf("testdata/dates.tsv:%d: %q → %q, want %q", n, sent, got, want)
			}
		})
	}
}

// TestLexicons parses every embedded lexicon file (New panics otherwise) and
// checks that every title placeholder names a known portfolio.
func TestLexicons(t *testing.T) {
	lx, err := loadLexicons()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"ar", "en", "fr"} {
		if lx.langs[code].trie.Len() < 100 {
			t.Errorf("%s: only %d lexicon phrases", code, lx.langs[code].trie.Len())
		}
	}
	if len(lx.portfolios) < 20 {
		t.Errorf("only %d portfolios", len(lx.portfolios))
	}
}

func TestEmptyAndGarbage(t *testing.T) {
	for _, body := range []string{"", " ", "\n\n", "...", "٫٫٫", "1 2 3", "Mr. . , ; «»"} {
		r := testX.Extract(Article{ID: "x", Body: body})
		if r.ID != "x" || len(r.Meetings) != 0 || len(r.Agreements) != 0 {
			t.Errorf("%q: %+v", body, r)
		}
	}
}

// TestKindsFitMask: seg.kinds keeps one bit per lexicon kind.
func TestKindsFitMask(t *testing.T) {
	for file, k := range fileKinds {
		if k >= 32 {
			t.Errorf("%s: kind %d does not fit seg.kinds (uint32)", file, k)
		}
	}
	if kSeat >= 32 {
		t.Errorf("kSeat = %d does not fit seg.kinds (uint32)", kSeat)
	}
}
