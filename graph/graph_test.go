package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

var ctx = context.Background()

// testCountries is the seed: a few countries and an organisation, with names
// in the three languages.
var testCountries = []graph.Country{
	{Code: "DZ", Names: map[string]string{"en": "Algeria", "fr": "Algérie", "ar": "الجزائر"}},
	{Code: "LY", Names: map[string]string{"en": "Libya", "fr": "Libye", "ar": "ليبيا"}},
	{Code: "TN", Names: map[string]string{"en": "Tunisia", "fr": "Tunisie", "ar": "تونس"}},
	{Code: "EG", Names: map[string]string{"en": "Egypt", "fr": "Égypte", "ar": "مصر"}},
	{Code: "FR", Names: map[string]string{"en": "France", "fr": "France", "ar": "فرنسا"}},
	{Code: "MA", Names: map[string]string{"en": "Morocco", "fr": "Maroc", "ar": "المغرب"}},
	{Code: "JO", Names: map[string]string{"en": "Jordan", "fr": "Jordanie", "ar": "الأردن"}},
	{Code: "ARAB-LEAGUE", Org: true, Names: map[string]string{"en": "Arab League", "fr": "Ligue arabe", "ar": "جامعة الدول العربية"}},
}

func newGraph(tb testing.TB) *graph.Graph {
	tb.Helper()
	g, err := graph.New(memstore.New(), testCountries)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

type corpus struct {
	Articles   []graph.Contribution `json:"articles"`
	People     map[string]string    `json:"people"`
	Meetings   map[string]string    `json:"meetings"`
	Agreements map[string]string    `json:"agreements"`
}

func loadCorpus(tb testing.TB, path string) corpus {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var c corpus
	if err := json.Unmarshal(b, &c); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	for i := range c.Articles {
		withSources(&c.Articles[i])
	}
	return c
}

// withSources gives every mention without sources one made-up sentence of
// its article, as the extractor always provides.
func withSources(c *graph.Contribution) {
	id := c.Article.ID
	for i := range c.Officials {
		m := &c.Officials[i]
		if len(m.Sources) == 0 {
			name := m.Title
			if len(m.Names) > 0 {
				name = m.Names[0].Text
			}
			m.Sources = []graph.Source{{Article: id, Sentence: "sentence naming " + name}}
		}
	}
	for i := range c.Meetings {
		if len(c.Meetings[i].Sources) == 0 {
			c.Meetings[i].Sources = []graph.Source{{Article: id, Sentence: fmt.Sprintf("sentence about meeting %d", i)}}
		}
	}
	for i := range c.Agreements {
		if len(c.Agreements[i].Sources) == 0 {
			c.Agreements[i].Sources = []graph.Source{{Article: id, Sentence: fmt.Sprintf("sentence about agreement %d", i)}}
		}
	}
}

func apply(tb testing.TB, g *graph.Graph, cs ...graph.Contribution) graph.ApplyResult {
	tb.Helper()
	res, err := g.Apply(ctx, cs)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func mustCheck(tb testing.TB, g *graph.Graph) {
	tb.Helper()
	ps, err := g.Check(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range ps {
		tb.Errorf("Check: %s", p)
	}
	// What the graph keeps of officials between transactions for
	// resolution must be what the store says.
	_, stale, err := graph.StaleSummaries(g)
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range stale {
		tb.Errorf("official summaries: %s", s)
	}
}

func export(tb testing.TB, g *graph.Graph, canonical bool) string {
	tb.Helper()
	var b bytes.Buffer
	var err error
	if canonical {
		err = g.ExportCanonical(ctx, &b)
	} else {
		err = g.Export(ctx, &b)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

func view(tb testing.TB, g *graph.Graph, fn func(graph.Reader) error) {
	tb.Helper()
	if err := g.View(ctx, fn); err != nil {
		tb.Fatal(err)
	}
}

// official builds a mention; names in Arabic script are tagged ar, others en.
func official(ref, country, portfolio, date string, names ...string) graph.OfficialMention {
	m := graph.OfficialMention{Ref: ref, Country: country, Portfolio: portfolio, Date: date}
	if portfolio != "" {
		m.Title = "Minister of " + portfolio
	}
	for _, n := range names {
		lang := "en"
		for _, r := range n {
			if unicode.Is(unicode.Arabic, r) {
				lang = "ar"
				break
			}
		}
		m.Names = append(m.Names, graph.Name{Text: n, Lang: lang})
	}
	return m
}

func meeting(kind, date string, countries []string, refs ...string) graph.MeetingMention {
	return graph.MeetingMention{Kind: kind, Status: graph.StatusHeld, Date: date, Countries: countries, Participants: refs}
}

func article(id, hash string, offs []graph.OfficialMention, meets ...graph.MeetingMention) graph.Contribution {
	c := graph.Contribution{Article: graph.Article{ID: id, Hash: hash, Lang: "en", Published: "2021-11-28"}, Officials: offs, Meetings: meets}
	withSources(&c)
	return c
}

func stats(tb testing.TB, g *graph.Graph) graph.Stats {
	tb.Helper()
	s, err := g.Stats(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestNewRejectsBadCountries(t *testing.T) {
	for _, cs := range [][]graph.Country{
		{{Code: ""}},
		{{Code: "DZ"}, {Code: "DZ"}},
		{{Code: "A:B"}},
	} {
		if _, err := graph.New(memstore.New(), cs); err == nil {
			t.Errorf("New(%v): no error", cs)
		}
	}
}

func TestApplyOutcomes(t *testing.T) {
	mazen := []graph.OfficialMention{
		official("o1", "LY", "interior", "2021-11-28", "خالد مازن"),
		official("o2", "DZ", "interior", "2021-11-28", "كمال بلجود"),
	}
	v1 := article("a1", "hash-1", mazen, meeting("visit", "2021-11-28", []string{"DZ", "LY"}, "o1", "o2"))
	v2 := article("a1", "hash-2", mazen[:1])
	copyOf := v1
	copyOf.Article.ID = "a1-copy"
	other := article("a2", "hash-3", []graph.OfficialMention{official("o1", "TN", "foreign", "2021-12-01", "Othman Jerandi")})

	type step struct {
		name  string
		in    []graph.Contribution
		want  []graph.Outcome
		stats graph.Stats // Countries is filled in
	}
	steps := []step{
		{"new", []graph.Contribution{v1}, []graph.Outcome{graph.OutcomeLoaded},
			graph.Stats{Officials: 2, Ministries: 2, Meetings: 1, Articles: 1}},
		{"same id and content", []graph.Contribution{v1}, []graph.Outcome{graph.OutcomeUnchanged},
			graph.Stats{Officials: 2, Ministries: 2, Meetings: 1, Articles: 1}},
		{"same content, new id", []graph.Contribution{copyOf}, []graph.Outcome{graph.OutcomeUnchanged},
			graph.Stats{Officials: 2, Ministries: 2, Meetings: 1, Articles: 1}},
		{"same id, new content", []graph.Contribution{v2}, []graph.Outcome{graph.OutcomeReplaced},
			graph.Stats{Officials: 1, Ministries: 1, Meetings: 0, Articles: 1}},
		{"batch: new, then its duplicate, then a replacement of it", []graph.Contribution{other, other, v1},
			[]graph.Outcome{graph.OutcomeLoaded, graph.OutcomeUnchanged, graph.OutcomeReplaced},
			graph.Stats{Officials: 3, Ministries: 3, Meetings: 1, Articles: 2}},
	}
	g := newGraph(t)
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			res := apply(t, g, s.in...)
			if !slices.Equal(res.Outcomes, s.want) {
				t.Errorf("outcomes %v, want %v", res.Outcomes, s.want)
			}
			s.stats.Countries = len(testCountries)
			if got := stats(t, g); got != s.stats {
				t.Errorf("stats %+v, want %+v", got, s.stats)
			}
			mustCheck(t, g)
		})
	}
}

func TestApplyRejectsBadIDs(t *testing.T) {
	g := newGraph(t)
	for _, id := range []string{"", "a\x00b"} {
		c := article(id, "h", nil)
		if _, err := g.Apply(ctx, []graph.Contribution{c}); err == nil {
			t.Errorf("Apply(id %q): no error", id)
		}
	}
	if s := stats(t, g); s.Articles != 0 {
		t.Errorf("a failed batch wrote %d articles", s.Articles)
	}
}

// TestFailedBatchLeavesCacheTrue: a hot official (cached between
// transactions) gains a mention in a batch that then fails; the graph must
// be as if the batch never ran, and later batches must see the official as
// stored, not as the failed transaction left it.
func TestFailedBatchLeavesCacheTrue(t *testing.T) {
	g := newGraph(t)
	mention := func(i int) graph.Contribution {
		id := fmt.Sprintf("a%02d", i)
		return article(id, "h"+id, []graph.OfficialMention{official("o1", "LY", "interior", "2021-11-28", "Khaled Mazen")})
	}
	for i := range 40 { // more than enough contributions to be cached
		apply(t, g, mention(i))
	}
	before := sources(t, g)
	if _, err := g.Apply(ctx, []graph.Contribution{mention(40), article("bad\x00id", "h", nil)}); err == nil {
		t.Fatal("Apply with a bad id: no error")
	}
	mustCheck(t, g)
	if got := sources(t, g); got != before {
		t.Errorf("after a failed batch the official has %d sources, want %d", got, before)
	}
	apply(t, g, mention(41))
	mustCheck(t, g)
	if got := sources(t, g); got != before+1 {
		t.Errorf("after one more mention the official has %d sources, want %d", got, before+1)
	}
}

// sources counts the sources of the one official of g.
func sources(t *testing.T, g *graph.Graph) int {
	t.Helper()
	n := -1
	view(t, g, func(r graph.Reader) error {
		a, err := r.Article("a00")
		if err != nil {
			return err
		}
		o, err := r.Official(a.Officials[0])
		if err != nil {
			return err
		}
		n = len(o.Sources)
		return nil
	})
	return n
}

func TestApplyCounts(t *testing.T) {
	g := newGraph(t)
	c := article("a1", "h1", []graph.OfficialMention{
		official("o1", "LY", "interior", "2021-11-28", "خالد مازن"),
		official("o2", "DZ", "interior", "2021-11-28", "كمال بلجود"),
	}, meeting("visit", "2021-11-28", []string{"DZ", "LY"}, "o1", "o2"))
	res := apply(t, g, c)
	if res.NodesAdded != 4 || res.EdgesAdded != 1 {
		t.Errorf("NodesAdded %d EdgesAdded %d, want 4 (2 officials, 2 ministries) and 1", res.NodesAdded, res.EdgesAdded)
	}
	c2 := article("a2", "h2", []graph.OfficialMention{
		official("o1", "LY", "interior", "2021-11-29", "Khaled Mazen"),
		official("o2", "DZ", "interior", "2021-11-29", "Kamel Beldjoud"),
	}, meeting("meeting", "2021-11-29", []string{"DZ", "LY"}, "o1", "o2"))
	res = apply(t, g, c2)
	if res.NodesAdded != 0 || res.EdgesAdded != 0 {
		t.Errorf("second report: NodesAdded %d EdgesAdded %d, want 0 and 0", res.NodesAdded, res.EdgesAdded)
	}
}

// people maps each official id to the set of mentions ("article/ref") it
// was built from, read back through the articles' official lists and names.
func clusters(tb testing.TB, g *graph.Graph, c corpus) (people, meetings, agreements map[string]string) {
	tb.Helper()
	people, meetings, agreements = map[string]string{}, map[string]string{}, map[string]string{}
	view(tb, g, func(r graph.Reader) error {
		for _, a := range c.Articles {
			art, err := r.Article(a.Article.ID)
			if err != nil {
				return err
			}
			// Officials: find, for each mention, the official of the article
			// whose sources hold the mention's sentence.
			for _, m := range a.Officials {
				for _, oid := range art.Officials {
					o, err := r.Official(oid)
					if err != nil {
						return err
					}
					if slices.Contains(o.Sources, m.Sources[0]) {
						people[a.Article.ID+"/"+m.Ref] = oid
					}
				}
			}
			for i, m := range a.Meetings {
				for _, mid := range art.Meetings {
					e, err := r.Meeting(mid)
					if err != nil {
						return err
					}
					if slices.Contains(e.Sources, m.Sources[0]) {
						meetings[fmt.Sprintf("%s/%d", a.Article.ID, i)] = mid
					}
				}
			}
			for i, m := range a.Agreements {
				for _, gid := range art.Agreements {
					e, err := r.Agreement(gid)
					if err != nil {
						return err
					}
					if slices.Contains(e.Sources, m.Sources[0]) {
						agreements[fmt.Sprintf("%s/%d", a.Article.ID, i)] = gid
					}
				}
			}
		}
		return nil
	})
	return people, meetings, agreements
}

// samePartition reports every pair of mentions that gold and got group
// differently.
func samePartition(tb testing.TB, what string, gold, got map[string]string) {
	tb.Helper()
	keys := make([]string, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
		if got[k] == "" {
			tb.Errorf("%s: mention %s not resolved", what, k)
		}
	}
	sort.Strings(keys)
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if (gold[a] == gold[b]) != (got[a] == got[b]) {
				tb.Errorf("%s: %s and %s: gold same=%v, graph same=%v (%s, %s)", what, a, b, gold[a] == gold[b], got[a] == got[b], got[a], got[b])
			}
		}
	}
}

func TestResolutionCorpus(t *testing.T) {
	c := loadCorpus(t, "testdata/resolution.json")
	g := newGraph(t)
	apply(t, g, c.Articles...)
	mustCheck(t, g)
	people, meetings, agreements := clusters(t, g, c)
	samePartition(t, "officials", c.People, people)
	samePartition(t, "meetings", c.Meetings, meetings)
	samePartition(t, "agreements", c.Agreements, agreements)

	view(t, g, func(r graph.Reader) error {
		// One Khaled Mazen of Libya with his names in both scripts, the role
		// bounded by the dates seen.
		o, err := r.Official(people["ar-1/o1"])
		if err != nil {
			return err
		}
		if o.Name != "Khaled Mazen" || o.Country != "LY" {
			t.Errorf("official %q of %q, want Khaled Mazen of LY", o.Name, o.Country)
		}
		var forms []string
		for _, n := range o.Names {
			forms = append(forms, n.Text)
		}
		for _, want := range []string{"خالد مازن", "Khaled Mazen", "Khalid Mazin", "Mazen"} {
			if !slices.Contains(forms, want) {
				t.Errorf("names %v lack %q", forms, want)
			}
		}
		if len(o.Roles) != 1 || o.Roles[0].From != "2021-11-28" || o.Roles[0].To != "2021-12-22" || o.Roles[0].Ministry != graph.MinistryID("LY", "interior") {
			t.Errorf("roles %+v, want one interior role 2021-11-28..2021-12-22", o.Roles)
		}
		// The visit: three reports, place from the reports that have one,
		// dates 28 and 29 reported, 28 twice.
		m, err := r.Meeting(meetings["ar-1/0"])
		if err != nil {
			return err
		}
		if m.Date != "2021-11-28" || m.Place != "Algiers" || m.Host != "DZ" || len(m.Sources) != 3 || len(m.Participants) != 2 {
			t.Errorf("visit %+v", m)
		}
		if m.Kind != "visit" {
			t.Errorf("kind %q, want visit (2 of 3 reports)", m.Kind)
		}
		if len(m.Agreements) != 1 {
			t.Errorf("visit agreements %v, want one", m.Agreements)
		}
		a, err := r.Agreement(agreements["ar-1/0"])
		if err != nil {
			return err
		}
		if a.Status != graph.StatusSigned || a.Meeting != m.ID || len(a.Sources) != 3 {
			t.Errorf("agreement %+v, want signed, from the visit, 3 sources", a)
		}
		// The title-only mention went to the Algerian interior minister.
		if people["en-5/o1"] != people["ar-1/o2"] {
			t.Errorf("'the Algerian interior minister' resolved to %q, want %q", people["en-5/o1"], people["ar-1/o2"])
		}
		return nil
	})
}

func TestIdempotence(t *testing.T) {
	c := loadCorpus(t, "testdata/resolution.json")
	g := newGraph(t)
	apply(t, g, c.Articles...)
	before := export(t, g, false)
	res := apply(t, g, c.Articles...)
	for i, o := range res.Outcomes {
		if o != graph.OutcomeUnchanged {
			t.Errorf("second load of %s: %s", c.Articles[i].Article.ID, o)
		}
	}
	if after := export(t, g, false); after != before {
		t.Errorf("export changed on reload:\n%s", diff(before, after))
	}
}

// TestOrderIndependence loads the corpus in several orders and batchings and
// expects the same graph, the title-only mention (en-5) included: loaded
// before anyone is known in its office, it waits, and is attached when the
// holder arrives.
func TestOrderIndependence(t *testing.T) {
	c := loadCorpus(t, "testdata/resolution.json")
	arts := c.Articles
	g := newGraph(t)
	apply(t, g, arts...)
	want := export(t, g, true)
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 8 {
		perm := slices.Clone(arts)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		if trial == 0 {
			slices.Reverse(perm)
			perm = slices.Clone(arts)
			slices.Reverse(perm)
		}
		g := newGraph(t)
		batch := 1 + trial%3
		for i := 0; i < len(perm); i += batch {
			apply(t, g, perm[i:min(i+batch, len(perm))]...)
		}
		mustCheck(t, g)
		if got := export(t, g, true); got != want {
			var ids []string
			for _, a := range perm {
				ids = append(ids, a.Article.ID)
			}
			t.Fatalf("order %v (batches of %d) gives another graph:\n%s", ids, batch, diff(want, got))
		}
	}
}

// TestResolutionFilterRebuilds: 150 meetings and 150 agreements, each
// reported by three articles far apart in the load, one article per
// transaction, with resolution filters so small that they fill and are
// rebuilt many times; the third reports are applied by a new Graph, whose
// filter starts from the store. Each report joins the first's record.
func TestResolutionFilterRebuilds(t *testing.T) {
	defer graph.SetMinResFilterBits(64)()
	pairs := [][]string{{"DZ", "LY"}, {"EG", "TN"}, {"FR", "MA"}}
	report := func(id string, i int) graph.Contribution {
		date := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/len(pairs)*3).Format(time.DateOnly)
		cs := pairs[i%len(pairs)]
		c := article(id, "h"+id, nil, meeting("visit", date, cs))
		c.Agreements = []graph.AgreementMention{{Kind: graph.AgreementMoU, Status: graph.StatusSigned,
			Subject: fmt.Sprintf("cooperation in field %d", i), Date: date, Countries: cs, Meeting: 0}}
		withSources(&c)
		return c
	}
	const n = 150
	s := memstore.New()
	var g *graph.Graph
	for _, pass := range []string{"a", "b", "c"} {
		if pass != "b" {
			var err error
			if g, err = graph.New(s, testCountries); err != nil {
				t.Fatal(err)
			}
		}
		for i := range n {
			apply(t, g, report(fmt.Sprintf("%s%d", pass, i), i))
		}
		mustCheck(t, g)
		if st := stats(t, g); st.Meetings != n || st.Agreements != n {
			t.Fatalf("after pass %s: %d meetings and %d agreements, want %d of each", pass, st.Meetings, st.Agreements, n)
		}
	}
}

// diff shows the first differing lines of two exports.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)) && len(out) < 8; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y))
		}
	}
	return strings.Join(out, "\n")
}

func TestReplaceAndRemove(t *testing.T) {
	g := newGraph(t)
	a1 := article("a1", "h1", []graph.OfficialMention{
		official("o1", "LY", "interior", "2021-11-28", "خالد مازن"),
		official("o2", "DZ", "interior", "2021-11-28", "كمال بلجود"),
	}, meeting("visit", "2021-11-28", []string{"DZ", "LY"}, "o1", "o2"))
	a2 := article("a2", "h2", []graph.OfficialMention{
		official("o1", "LY", "interior", "2021-12-02", "Khaled Mazen"),
	})
	apply(t, g, a1, a2)
	// a1 now says something else: the visit and Beldjoud go, Mazen stays
	// (a2 still names him) with only a2's dates.
	a1b := article("a1", "h1b", []graph.OfficialMention{official("o1", "FR", "foreign", "2021-12-03", "Jean-Yves Le Drian")})
	res := apply(t, g, a1b)
	if res.Outcomes[0] != graph.OutcomeReplaced {
		t.Fatalf("outcome %s", res.Outcomes[0])
	}
	mustCheck(t, g)
	s := stats(t, g)
	if s.Officials != 2 || s.Meetings != 0 || s.Ministries != 2 {
		t.Errorf("stats %+v, want Mazen and Le Drian, no meeting, LY interior and FR foreign", s)
	}
	view(t, g, func(r graph.Reader) error {
		os, _, err := r.Officials(graph.OfficialFilter{Name: "Mazen"}, graph.Page{})
		if err != nil {
			return err
		}
		if len(os) != 1 || len(os[0].Sources) != 1 || os[0].Roles[0].From != "2021-12-02" {
			t.Errorf("Mazen after replacement: %+v", os)
		}
		return nil
	})
	if err := g.RemoveArticle(ctx, "a2"); err != nil {
		t.Fatal(err)
	}
	if err := g.RemoveArticle(ctx, "a2"); err == nil {
		t.Error("removing a removed article: no error")
	}
	mustCheck(t, g)
	if s := stats(t, g); s.Officials != 1 || s.Articles != 1 {
		t.Errorf("after removal: %+v", s)
	}
	// The removed content can be loaded again, under its id or another.
	a2.Article.ID = "a2-again"
	if res := apply(t, g, a2); res.Outcomes[0] != graph.OutcomeLoaded {
		t.Errorf("reloading removed content: %s", res.Outcomes[0])
	}
	mustCheck(t, g)
}

func TestOfficialMerges(t *testing.T) {
	type mention struct {
		country, portfolio string
		names              []string
	}
	tests := []struct {
		name  string
		ms    []mention
		want  int // distinct officials
		names int // name forms of the first official
	}{
		{"across scripts and spellings", []mention{
			{"LY", "interior", []string{"خالد مازن"}}, {"LY", "interior", []string{"Khaled Mazen"}}, {"LY", "interior", []string{"Khalid Mazin"}},
		}, 1, 3},
		{"same name, other country", []mention{
			{"LY", "interior", []string{"Khaled Mazen"}}, {"TN", "interior", []string{"Khaled Mazen"}},
		}, 2, 1},
		{"same surname, other first name", []mention{
			{"LY", "interior", []string{"Khaled Mazen"}}, {"LY", "interior", []string{"Ahmed Mazen"}},
		}, 2, 1},
		{"bare surname, same portfolio", []mention{
			{"LY", "interior", []string{"Khaled Mazen"}}, {"LY", "interior", []string{"Mazen"}},
		}, 1, 2},
		{"bare surname first, full name later", []mention{
			{"LY", "interior", []string{"Mazen"}}, {"LY", "interior", []string{"خالد مازن"}},
		}, 1, 2},
		{"bare surname, other portfolio", []mention{
			{"LY", "interior", []string{"Khaled Mazen"}}, {"LY", "health", []string{"Mazen"}},
		}, 2, 1},
		{"bare surname, two holders of the portfolio", []mention{
			{"LY", "interior", []string{"Khaled Mazen"}}, {"LY", "interior", []string{"Ahmed Mazen"}}, {"LY", "interior", []string{"Mazen"}},
		}, 3, 1},
		{"full name changes portfolio", []mention{
			{"DZ", "interior", []string{"Kamel Beldjoud"}}, {"DZ", "housing", []string{"كمال بلجود"}},
		}, 1, 2},
		{"no country, same full name", []mention{
			{"EG", "foreign", []string{"Sameh Shoukry"}}, {"", "foreign", []string{"سامح شكري"}},
		}, 1, 2},
		{"French spelling of the first name, same office", []mention{
			{"JO", "foreign", []string{"Georges Haddad"}}, {"JO", "foreign", []string{"George Haddad"}}, {"JO", "foreign", []string{"جورج حداد"}},
		}, 1, 3},
		{"French spelling, namesake in another office", []mention{
			{"JO", "foreign", []string{"Georges Haddad"}}, {"JO", "economy", []string{"George Haddad"}},
		}, 2, 1},
		{"Libyan g for qaf, same office", []mention{
			{"LY", "interior", []string{"سالم القماطي"}}, {"LY", "interior", []string{"Salem Gammati"}},
		}, 1, 2},
		{"Libyan g for qaf, no office to confirm", []mention{
			{"LY", "interior", []string{"سالم القماطي"}}, {"LY", "", []string{"Salem Gammati"}},
		}, 2, 1},
		{"French name through Arabic, same office", []mention{
			{"FR", "foreign", []string{"Antoine Mercier"}}, {"FR", "foreign", []string{"أنطوان مرسييه"}},
		}, 1, 2},
		{"patronymic dropped, same office", []mention{
			{"JO", "foreign", []string{"Abdullatif Al Musallam"}}, {"JO", "foreign", []string{"Abdullatif bin Rashid Al Musallam"}},
		}, 1, 2},
		{"patronymic dropped, other family name", []mention{
			{"JO", "foreign", []string{"Abdullatif Al Musallam"}}, {"JO", "foreign", []string{"Abdullatif bin Rashid Al Zayani"}},
		}, 2, 1},
		{"close first names are two people", []mention{
			{"JO", "foreign", []string{"Samir Haddad"}}, {"JO", "foreign", []string{"Amir Haddad"}},
		}, 2, 1},
		{"close surnames, other first name", []mention{
			{"FR", "foreign", []string{"Antoine Mercier"}}, {"FR", "foreign", []string{"Louis Mercer"}},
		}, 2, 1},
		{"no country, other portfolio", []mention{
			{"EG", "foreign", []string{"Sameh Shoukry"}}, {"", "interior", []string{"Sameh Shoukry"}},
		}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t)
			var first string
			for i, m := range tt.ms {
				id := fmt.Sprintf("a%d", i)
				res := apply(t, g, article(id, id, []graph.OfficialMention{official("o1", m.country, m.portfolio, "2021-11-28", m.names...)}))
				if res.Outcomes[0] != graph.OutcomeLoaded {
					t.Fatalf("outcome %s", res.Outcomes[0])
				}
				if i == 0 {
					view(t, g, func(r graph.Reader) error {
						a, err := r.Article(id)
						first = a.Officials[0]
						return err
					})
				}
			}
			mustCheck(t, g)
			if s := stats(t, g); s.Officials != tt.want {
				t.Errorf("%d officials, want %d", s.Officials, tt.want)
			}
			view(t, g, func(r graph.Reader) error {
				o, err := r.Official(first)
				if err != nil {
					return err
				}
				if len(o.Names) != tt.names {
					t.Errorf("first official's names %v, want %d forms", o.Names, tt.names)
				}
				return nil
			})
		})
	}
}

func TestMeetingMerges(t *testing.T) {
	dzly := []string{"DZ", "LY"}
	offs := func(d string) []graph.OfficialMention {
		return []graph.OfficialMention{
			official("o1", "LY", "interior", d, "Khaled Mazen"),
			official("o2", "DZ", "interior", d, "Kamel Beldjoud"),
			official("o3", "DZ", "foreign", d, "Ramtane Lamamra"),
		}
	}
	tests := []struct {
		name string
		a, b graph.MeetingMention
		same bool
	}{
		{"same day", meeting("visit", "2021-11-28", dzly, "o1", "o2"), meeting("visit", "2021-11-28", dzly, "o1", "o2"), true},
		{"a day apart", meeting("visit", "2021-11-28", dzly, "o1", "o2"), meeting("meeting", "2021-11-29", dzly, "o1"), true},
		{"across a month end", meeting("visit", "2021-11-30", dzly, "o1"), meeting("visit", "2021-12-01", dzly, "o1"), true},
		{"two days apart", meeting("visit", "2021-11-28", dzly, "o1", "o2"), meeting("visit", "2021-11-30", dzly, "o1", "o2"), false},
		{"call is not a visit", meeting("visit", "2021-11-28", dzly, "o1", "o2"), meeting("call", "2021-11-28", dzly, "o1", "o2"), false},
		{"summit is not a meeting", meeting("meeting", "2021-11-28", dzly), meeting("summit", "2021-11-28", dzly), false},
		{"other parties", meeting("visit", "2021-11-28", dzly, "o1", "o2"), meeting("visit", "2021-11-28", []string{"DZ", "LY", "TN"}, "o1", "o2"), false},
		{"other participants", meeting("meeting", "2021-11-28", dzly, "o1", "o2"), meeting("meeting", "2021-11-28", dzly, "o3"), false},
		{"participants unknown on one side", meeting("meeting", "2021-11-28", dzly, "o1", "o2"), meeting("meeting", "2021-11-28", dzly), true},
		{"both undated", meeting("visit", "", dzly, "o1"), meeting("visit", "", dzly, "o1"), true},
		{"one undated", meeting("visit", "", dzly, "o1"), meeting("visit", "2021-11-28", dzly, "o1"), false},
	}
	for _, tt := range tests {
		for _, how := range applyWays {
			t.Run(tt.name+"/"+how.name, func(t *testing.T) {
				g := how.apply(t, article("a", "ha", offs(tt.a.Date), tt.a), article("b", "hb", offs(tt.b.Date), tt.b))
				mustCheck(t, g)
				want := 2
				if tt.same {
					want = 1
				}
				if s := stats(t, g); s.Meetings != want {
					t.Errorf("%d meetings, want %d", s.Meetings, want)
				}
			})
		}
	}
}

// applyWays apply two articles in one transaction, in two, or in two by
// two Graphs over one store (the second knows the first's entries only
// from the store): resolution finds the same whichever way.
var applyWays = []struct {
	name  string
	apply func(t *testing.T, a, b graph.Contribution) *graph.Graph
}{
	{"one batch", func(t *testing.T, a, b graph.Contribution) *graph.Graph {
		g := newGraph(t)
		apply(t, g, a, b)
		return g
	}},
	{"two batches", func(t *testing.T, a, b graph.Contribution) *graph.Graph {
		g := newGraph(t)
		apply(t, g, a)
		apply(t, g, b)
		return g
	}},
	{"reopened", func(t *testing.T, a, b graph.Contribution) *graph.Graph {
		s := memstore.New()
		g1, err := graph.New(s, testCountries)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, g1, a)
		g2, err := graph.New(s, testCountries)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, g2, b)
		return g2
	}},
}

// TestMeetingsOfOneArticleStayApart: an article reporting two meetings on
// consecutive days that share a participant (the foreign ministers one day,
// the interior ministers and the same foreign minister the next) keeps them
// apart, and other reports of each, in any order and batching, do not fold
// them together.
func TestMeetingsOfOneArticleStayApart(t *testing.T) {
	dzly := []string{"DZ", "LY"}
	offs := []graph.OfficialMention{
		official("fm1", "LY", "foreign", "2021-11-28", "Najla Mangoush"),
		official("fm2", "DZ", "foreign", "2021-11-28", "Ramtane Lamamra"),
		official("in1", "LY", "interior", "2021-11-28", "Khaled Mazen"),
		official("in2", "DZ", "interior", "2021-11-28", "Kamel Beldjoud"),
	}
	both := article("both", "hboth", offs,
		meeting("visit", "2021-11-28", dzly, "fm1", "fm2"),
		meeting("meeting", "2021-11-29", dzly, "in1", "fm2"))
	foreign := article("foreign", "hforeign", offs, meeting("visit", "2021-11-28", dzly, "fm1", "fm2"))
	interior := article("interior", "hinterior", offs, meeting("meeting", "2021-11-29", dzly, "in1", "in2"))
	orders := [][]graph.Contribution{{both, foreign, interior}, {foreign, interior, both}, {interior, both, foreign}}
	for i, arts := range orders {
		for _, batch := range []int{1, 3} {
			t.Run(fmt.Sprintf("order %d batch %d", i, batch), func(t *testing.T) {
				g := newGraph(t)
				for j := 0; j < len(arts); j += batch {
					apply(t, g, arts[j:min(j+batch, len(arts))]...)
				}
				mustCheck(t, g)
				if s := stats(t, g); s.Meetings != 2 {
					t.Errorf("%d meetings, want 2", s.Meetings)
				}
			})
		}
	}
}

func TestMeetingFillsFields(t *testing.T) {
	g := newGraph(t)
	offs := []graph.OfficialMention{official("o1", "LY", "interior", "2021-11-28", "Khaled Mazen")}
	a := meeting("visit", "2021-11-28", []string{"DZ", "LY"}, "o1")
	a.Status = graph.StatusPlanned
	b := a
	b.Place, b.Host, b.Status = "Algiers", "DZ", graph.StatusHeld
	c := a
	c.Place = "Oran"
	d := a
	d.Place = "Algiers"
	apply(t, g, article("a", "ha", offs, a), article("b", "hb", offs, b), article("c", "hc", offs, c), article("d", "hd", offs, d))
	view(t, g, func(r graph.Reader) error {
		ms, _, err := r.Meetings(graph.EventFilter{}, graph.Page{})
		if err != nil {
			return err
		}
		if len(ms) != 1 {
			t.Fatalf("%d meetings", len(ms))
		}
		m := ms[0]
		if m.Place != "Algiers" || m.Host != "DZ" || m.Status != graph.StatusHeld {
			t.Errorf("place %q host %q status %q, want Algiers (2 of 3), DZ, held", m.Place, m.Host, m.Status)
		}
		return nil
	})
}

// TestMeetingLinkMerge: two reports naming different members of a
// delegation are two meetings until a third names both; then they are one,
// whatever the order.
func TestMeetingLinkMerge(t *testing.T) {
	dzly := []string{"DZ", "LY"}
	offs := []graph.OfficialMention{
		official("o1", "LY", "interior", "2021-11-28", "Khaled Mazen"),
		official("o2", "DZ", "interior", "2021-11-28", "Kamel Beldjoud"),
		official("o3", "DZ", "foreign", "2021-11-28", "Ramtane Lamamra"),
	}
	arts := []graph.Contribution{
		article("a", "ha", offs, meeting("visit", "2021-11-28", dzly, "o1", "o2")),
		article("b", "hb", offs, meeting("visit", "2021-11-29", dzly, "o3")),
		article("c", "hc", offs, meeting("visit", "2021-11-28", dzly, "o2", "o3")),
	}
	for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		g := newGraph(t)
		for _, i := range order {
			apply(t, g, arts[i])
		}
		mustCheck(t, g)
		if s := stats(t, g); s.Meetings != 1 {
			t.Errorf("order %v: %d meetings, want 1", order, s.Meetings)
		}
		view(t, g, func(r graph.Reader) error {
			for _, a := range arts {
				art, err := r.Article(a.Article.ID)
				if err != nil {
					return err
				}
				if _, err := r.Meeting(art.Meetings[0]); err != nil {
					t.Errorf("order %v: article %s lists meeting %s: %v", order, art.ID, art.Meetings[0], err)
				}
			}
			return nil
		})
	}
}

func TestAgreementMerges(t *testing.T) {
	dzly := []string{"DZ", "LY"}
	agr := func(subject, date string) graph.AgreementMention {
		return graph.AgreementMention{Kind: graph.AgreementMoU, Status: graph.StatusSigned, Subject: subject, Date: date, Countries: dzly, Meeting: -1}
	}
	tests := []struct {
		name string
		a, b graph.AgreementMention
		same bool
	}{
		{"same subject and date", agr("border security", "2021-11-28"), agr("border security", "2021-11-28"), true},
		{"subject reworded", agr("the security of the border", "2021-11-28"), agr("border security", "2021-11-30"), true},
		{"within a week", agr("border security", "2021-11-28"), agr("border security", "2021-12-04"), true},
		{"more than a week apart", agr("border security", "2021-11-28"), agr("border security", "2021-12-15"), false},
		{"one undated", agr("border security", ""), agr("border security", "2021-12-15"), true},
		{"other subject", agr("border security", "2021-11-28"), agr("trade", "2021-11-28"), false},
	}
	for _, tt := range tests {
		for _, how := range applyWays {
			t.Run(tt.name+"/"+how.name, func(t *testing.T) {
				a := article("a", "ha", nil)
				a.Agreements = []graph.AgreementMention{tt.a}
				b := article("b", "hb", nil)
				b.Agreements = []graph.AgreementMention{tt.b}
				withSources(&a)
				withSources(&b)
				g := how.apply(t, a, b)
				mustCheck(t, g)
				want := 2
				if tt.same {
					want = 1
				}
				if s := stats(t, g); s.Agreements != want {
					t.Errorf("%d agreements, want %d", s.Agreements, want)
				}
			})
		}
	}
}

// TestAgreementSeries: two parties renewing an accord on one subject every
// month are as many agreements; a report within a week of one joins it (also
// when its agreement was written in the same transaction), and an undated
// report joins the latest. Loaded in one batch and one article per batch.
func TestAgreementSeries(t *testing.T) {
	mention := func(date string) graph.AgreementMention {
		return graph.AgreementMention{Kind: graph.AgreementMoU, Status: graph.StatusSigned, Subject: "fisheries quota",
			Date: date, Countries: []string{"DZ", "LY"}, Meeting: -1}
	}
	var arts []graph.Contribution
	for m := 1; m <= 12; m++ {
		a := article(fmt.Sprintf("m%02d", m), fmt.Sprintf("hm%02d", m), nil)
		a.Agreements = []graph.AgreementMention{mention(fmt.Sprintf("2024-%02d-10", m))}
		withSources(&a)
		arts = append(arts, a)
	}
	near := article("near", "hnear", nil)
	near.Agreements = []graph.AgreementMention{mention("2024-06-14")}
	undated := article("undated", "hundated", nil)
	undated.Agreements = []graph.AgreementMention{mention("")}
	withSources(&near)
	withSources(&undated)
	arts = append(arts, near, undated)
	for _, batch := range []int{1, len(arts)} {
		t.Run(fmt.Sprintf("batch %d", batch), func(t *testing.T) {
			g := newGraph(t)
			for i := 0; i < len(arts); i += batch {
				apply(t, g, arts[i:min(i+batch, len(arts))]...)
			}
			mustCheck(t, g)
			if s := stats(t, g); s.Agreements != 12 {
				t.Errorf("%d agreements, want 12", s.Agreements)
			}
			view(t, g, func(r graph.Reader) error {
				for id, date := range map[string]string{"near": "2024-06-10", "undated": "2024-12-10"} {
					a, err := r.Article(id)
					if err != nil {
						return err
					}
					if len(a.Agreements) != 1 {
						t.Fatalf("article %s: agreements %v", id, a.Agreements)
					}
					ag, err := r.Agreement(a.Agreements[0])
					if err != nil {
						return err
					}
					if ag.Date != date {
						t.Errorf("article %s joined the agreement of %s, want %s", id, ag.Date, date)
					}
				}
				return nil
			})
		})
	}
}

// TestAgreementChainBounded: reports of one subject every four days for two
// months, each within a week of the last, are rounds, not one agreement: no
// agreement's reports may span more than two weeks, in either order.
func TestAgreementChainBounded(t *testing.T) {
	var arts []graph.Contribution
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 16 {
		a := article(fmt.Sprintf("r%02d", i), fmt.Sprintf("hr%02d", i), nil)
		a.Agreements = []graph.AgreementMention{{Kind: graph.AgreementMoU, Status: graph.StatusSigned, Subject: "fisheries quota",
			Date: day.AddDate(0, 0, 4*i).Format(time.DateOnly), Countries: []string{"DZ", "LY"}, Meeting: -1}}
		withSources(&a)
		arts = append(arts, a)
	}
	for _, reverse := range []bool{false, true} {
		g := newGraph(t)
		for i := range arts {
			if reverse {
				i = len(arts) - 1 - i
			}
			apply(t, g, arts[i])
		}
		mustCheck(t, g)
		view(t, g, func(r graph.Reader) error {
			as, _, err := r.Agreements(graph.EventFilter{}, graph.Page{First: 100})
			if err != nil {
				return err
			}
			if len(as) < 4 {
				t.Errorf("reverse %v: %d agreements for two months of rounds", reverse, len(as))
			}
			for _, a := range as {
				var lo, hi string
				for _, s := range a.Sources {
					art, err := r.Article(s.Article)
					if err != nil {
						return err
					}
					d := art.Published
					for _, c := range arts {
						if c.Article.ID == s.Article {
							d = c.Agreements[0].Date
						}
					}
					if lo == "" || d < lo {
						lo = d
					}
					if d > hi {
						hi = d
					}
				}
				t0, _ := time.Parse(time.DateOnly, lo)
				t1, _ := time.Parse(time.DateOnly, hi)
				if span := t1.Sub(t0).Hours() / 24; span > 14 {
					t.Errorf("reverse %v: agreement %s has reports from %s to %s", reverse, a.ID, lo, hi)
				}
			}
			return nil
		})
	}
}

// TestTitleOnlyWaitsForHolder: "the Algerian interior minister" loaded
// before anyone is known in the office waits; a holder named years away does
// not take it; one named on a near date does, and the meeting gains him.
func TestTitleOnlyWaitsForHolder(t *testing.T) {
	g := newGraph(t)
	titleOnly := article("t", "ht", []graph.OfficialMention{
		official("o1", "DZ", "interior", "2019-01-10"),
		official("o2", "TN", "interior", "2019-01-10", "Hichem Fourati"),
	}, meeting("meeting", "2019-01-10", []string{"DZ", "TN"}, "o1", "o2"))
	far := article("far", "hfar", []graph.OfficialMention{official("o1", "DZ", "interior", "2021-11-28", "Kamel Beldjoud")})
	near := article("near", "hnear", []graph.OfficialMention{official("o1", "DZ", "interior", "2019-02-01", "Noureddine Bedoui")})
	participants := func() int {
		n := 0
		view(t, g, func(r graph.Reader) error {
			a, err := r.Article("t")
			if err != nil {
				return err
			}
			m, err := r.Meeting(a.Meetings[0])
			n = len(m.Participants)
			return err
		})
		return n
	}
	apply(t, g, titleOnly)
	if n := participants(); n != 1 {
		t.Fatalf("%d participants before any holder is known, want 1", n)
	}
	apply(t, g, far)
	mustCheck(t, g)
	if n := participants(); n != 1 {
		t.Errorf("%d participants after a holder three years later, want 1", n)
	}
	apply(t, g, near)
	mustCheck(t, g)
	if n := participants(); n != 2 {
		t.Errorf("%d participants after a holder three weeks later, want 2", n)
	}
	view(t, g, func(r graph.Reader) error {
		os, _, err := r.Officials(graph.OfficialFilter{Name: "Bedoui"}, graph.Page{})
		if err != nil {
			return err
		}
		if len(os) != 1 || os[0].Roles[0].From != "2019-01-10" {
			t.Errorf("Bedoui: %+v, want the role from the title-only mention's date", os)
		}
		return nil
	})
}
