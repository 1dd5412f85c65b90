package schema

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/graph-gophers/graphql-go"

	"diplograph/graph"
)

const (
	fullMeeting = `id kind status date place cameo ploverType ploverMode
		host { code name }
		countries { code name ar: name(lang: "ar") fr: name(lang: "fr") }
		participants { id name ar: name(lang: "ar") country { code } roles { title portfolio from to ministry { id name portfolio country { code } } country { code } } }
		topics
		agreements { id kind subject }
		sources { articleId sentence article { id title lang } }`
	fullAgreement = `id kind status subject date cameo ploverType ploverMode
		countries { code }
		signatories { name }
		meeting { id kind date }
		topics
		sources { articleId sentence }`
	pageFields = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }`
)

// TestGolden runs every query of the issue 2 contract against the
// hand-made graph and compares the responses with testdata/*.golden.json.
// Variables whose value starts with "$" name an id looked up first (ids).
func TestGolden(t *testing.T) {
	s, err := New(testGraph(t))
	if err != nil {
		t.Fatal(err)
	}
	known := ids(t, s)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
	}{
		{"countries", `{ countries { code name en: name(lang: "en") ar: name(lang: "ar") fr: name(lang: "fr") org } }`, nil},
		{"country", `{ country(code: "ly") { code name(lang: "fr") names { text lang } org
			ministries { id name portfolio }
			officials { totalCount edges { node { name } } }
			meetings { totalCount nodes { kind date } }
			agreements { totalCount nodes { kind } } } }`, nil},
		{"country_org", `{ country(code: "ARAB-LEAGUE") { code name ar: name(lang: "ar") org } }`, nil},
		{"country_unknown", `{ country(code: "ZZ") { code } }`, nil},
		{"country_meetings_filtered", `{ country(code: "LY") { meetings(between: ["EG"], from: "2023") { totalCount nodes { kind date place } } } }`, nil},
		{"meetings_between", `{ meetings(between: ["LY", "DZ"]) { totalCount nodes { ` + fullMeeting + ` } } }`, nil},
		{"meetings_between_lowercase_reversed", `{ meetings(between: ["dz", "ly"]) { totalCount nodes { id date } } }`, nil},
		{"meetings_between_none", `{ meetings(between: ["FR", "LY"]) { ` + pageFields + ` } }`, nil},
		{"meetings_all", `{ meetings { totalCount nodes { kind date countries { code } } } }`, nil},
		{"meetings_country", `{ meetings(country: "LY") { totalCount nodes { date kind } } }`, nil},
		{"meetings_from_to_inclusive", `{ meetings(from: "2021-11-28", to: "2021-11-28") { totalCount nodes { date kind } } }`, nil},
		{"meetings_from_to_partial", `{ meetings(from: "2022", to: "2022-03") { totalCount nodes { date kind } } }`, nil},
		{"meetings_from_only", `{ meetings(from: "2022-03-15") { totalCount nodes { date kind } } }`, nil},
		{"meetings_to_only", `{ meetings(to: "2022-03-14") { totalCount nodes { date kind } } }`, nil},
		{"meetings_kind", `{ meetings(kind: "call") { totalCount nodes { kind date countries { code } participants { name(lang: "fr") } } } }`, nil},
		{"meetings_official", `query($id: ID!) { meetings(official: $id) { totalCount nodes { kind date } } }`, map[string]any{"id": "$mazen"}},
		{"meetings_first_page", `{ meetings(first: 2) { ` + pageFields + ` } }`, nil},
		{"meetings_count_only", `{ meetings(first: 0) { ` + pageFields + ` } }`, nil},
		{"meeting", `query($id: ID!) { meeting(id: $id) { ` + fullMeeting + ` } }`, map[string]any{"id": "$visit"}},
		{"meeting_unknown", `{ meeting(id: "meeting:nope") { id } }`, nil},
		{"agreements_between", `{ agreements(between: ["DZ", "LY"]) { totalCount nodes { ` + fullAgreement + ` } } }`, nil},
		{"agreements_kind", `{ agreements(kind: "mou", from: "2022-03-15", to: "2022-03-15") { totalCount nodes { ` + fullAgreement + ` } } }`, nil},
		{"agreements_country", `{ agreements(country: "TN") { totalCount nodes { subject } } }`, nil},
		{"agreement", `query($id: ID!) { agreement(id: $id) { ` + fullAgreement + ` } }`, map[string]any{"id": "$agreement"}},
		{"official", `query($id: ID!) { official(id: $id) {
			id name en: name(lang: "en") ar: name(lang: "ar") fr: name(lang: "fr") names { text lang } aliases
			country { code name }
			roles { title portfolio from to ministry { name(lang: "en") } country { code } sources { articleId sentence } }
			meetings { totalCount nodes { kind date } }
			agreements { totalCount nodes { kind subject } }
			sources { articleId sentence } } }`, map[string]any{"id": "$mazen"}},
		{"official_meetings_filtered", `query($id: ID!) { official(id: $id) { meetings(from: "2022") { totalCount } agreements(kind: "agreement") { totalCount } } }`, map[string]any{"id": "$mazen"}},
		{"official_unknown", `{ official(id: "official:nobody") { id } }`, nil},
		{"officials_all", `{ officials { ` + pageFields + ` nodes { name country { code } } } }`, nil},
		{"officials_country", `{ officials(country: "LY") { totalCount nodes { name roles { title } } } }`, nil},
		{"officials_name_arabic", `{ officials(name: "مازن") { totalCount nodes { name ar: name(lang: "ar") } } }`, nil},
		{"officials_name_latin", `{ officials(name: "Mazen") { totalCount nodes { name ar: name(lang: "ar") } } }`, nil},
		{"officials_name_country", `{ officials(name: "Mazen", country: "DZ") { totalCount } }`, nil},
		{"ministry", `query($id: ID!) { ministry(id: $id) { id name en: name(lang: "en") names { text lang } portfolio country { code }
			officials { totalCount edges { node { name } } pageInfo { hasNextPage } } sources { articleId } } }`, map[string]any{"id": "$LY-interior"}},
		{"article", `{ article(id: "ar-seed") { id url title source published lang officials { name } meetings { kind date } agreements { subject } } }`, nil},
		{"article_unknown", `{ article(id: "nope") { id } }`, nil},
		{"articles", `{ articles { totalCount nodes { id lang published title } } }`, nil},
		{"articles_first_page", `{ articles(first: 3) { ` + pageFields + ` } }`, nil},
		{"search_arabic", `{ search(text: "مازن") { id kind name } }`, nil},
		{"search_latin", `{ search(text: "Mazen") { id kind name } }`, nil},
		{"search_french_country", `{ search(text: "Algérie") { id kind name } }`, nil},
		{"search_first", `{ search(text: "minister", first: 1) { kind } }`, nil},
		{"neighborhood", `query($id: ID!) { neighborhood(id: $id) { nodes { id kind label } edges { id kind source target label date } } }`, map[string]any{"id": "$mazen"}},
		{"neighborhood_limit", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 3) { nodes { kind } } }`, map[string]any{"id": "$mazen"}},
		{"typename_and_fragments", `fragment M on Meeting { __typename kind } { meetings(kind: "visit") { nodes { ...M } } }`, nil},

		// Input validation: each error carries extensions.code.
		{"err_country_code", `{ country(code: "L1Y!") { code } }`, nil},
		{"err_between_empty", `{ meetings(between: []) { totalCount } }`, nil},
		{"err_between_too_many", `{ meetings(between: ["AA","BB","CC","DD","EE","FF","GG","HH","II"]) { totalCount } }`, nil},
		{"err_date", `{ meetings(from: "28/11/2021") { totalCount } }`, nil},
		{"err_date_invalid_day", `{ meetings(to: "2021-02-30") { totalCount } }`, nil},
		{"err_from_after_to", `{ meetings(from: "2022-01-01", to: "2021-01-01") { totalCount } }`, nil},
		{"err_kind", `{ meetings(kind: "party") { totalCount } }`, nil},
		{"err_agreement_kind", `{ agreements(kind: "visit") { totalCount } }`, nil},
		{"err_lang", `{ countries { name(lang: "de") } }`, nil},
		{"err_first_negative", `{ meetings(first: -1) { totalCount } }`, nil},
		{"err_first_cap", `{ meetings(first: 501) { totalCount } }`, nil},
		{"err_first_huge", `{ officials(first: 1000000) { totalCount } }`, nil},
		{"err_cursor", `{ meetings(after: "not a cursor!") { totalCount } }`, nil},
		{"err_id_empty", `{ official(id: "") { id } }`, nil},
		{"err_id_long", `{ official(id: "` + strings.Repeat("x", 300) + `") { id } }`, nil},
		{"err_id_control", `{ official(id: "a\u0000b") { id } }`, nil},
		{"err_search_empty", `{ search(text: "   ") { id } }`, nil},
		{"err_search_long", `{ search(text: "` + strings.Repeat("م", 201) + `") { id } }`, nil},
		{"err_neighborhood_unknown", `{ neighborhood(id: "official:nobody") { nodes { id } } }`, nil},
		{"err_neighborhood_depth", `query($id: ID!) { neighborhood(id: $id, depth: 9) { nodes { id } } }`, map[string]any{"id": "$mazen"}},
		{"err_neighborhood_limit", `query($id: ID!) { neighborhood(id: $id, limit: 0) { nodes { id } } }`, map[string]any{"id": "$mazen"}},
		{"err_partial", `{ ok: country(code: "LY") { code } bad: country(code: "???") { code } }`, nil},
		{"err_syntax", `{ countries { code `, nil},
		{"err_unknown_field", `{ countries { capital } }`, nil},
		{"err_missing_variable", `query($id: ID!) { official(id: $id) { id } }`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]any{}
			for k, v := range tc.vars {
				if s, ok := v.(string); ok && strings.HasPrefix(s, "$") {
					id, ok := known[s[1:]]
					if !ok {
						t.Fatalf("no id for %s in %v", s, known)
					}
					v = id
				}
				vars[k] = v
			}
			resp, got := exec(t, s, tc.query, vars)
			if strings.HasPrefix(tc.name, "err_") != (len(resp.Errors) > 0) {
				t.Errorf("errors: %s", got)
			}
			for _, e := range resp.Errors {
				if e.Extensions["code"] == nil {
					t.Errorf("error without extensions.code: %s", got)
				}
				if e.Extensions["code"] == CodeInternal {
					t.Errorf("internal error: %s", got)
				}
			}
			golden(t, tc.name, got)
		})
	}
}

// TestPagination walks every connection one item at a time and checks that
// the pages cover the full list exactly once, in order, with a stable
// totalCount and hasNextPage false only at the end.
func TestPagination(t *testing.T) {
	s, err := New(testGraph(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"meetings", "agreements", "articles", "officials", `officials(country: "LY")`, `meetings(country: "LY")`} {
		t.Run(field, func(t *testing.T) {
			name, args := field, ""
			if i := strings.IndexByte(field, '('); i > 0 {
				name, args = field[:i], field[i+1:len(field)-1]+", "
			}
			_, all := exec(t, s, "{ "+name+"(first: 500"+maybe(args)+") { totalCount nodes { id } } }", nil)
			var full struct {
				Data map[string]struct {
					TotalCount int
					Nodes      []struct{ ID string }
				}
			}
			mustUnmarshal(t, all, &full)
			want := full.Data[name]
			var got []string
			after := ""
			for i := 0; i <= want.TotalCount; i++ {
				q := "query($after: String) { " + name + "(" + args + "first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"
				vars := map[string]any{}
				if after != "" {
					vars["after"] = after
				}
				resp, b := exec(t, s, q, vars)
				if len(resp.Errors) > 0 {
					t.Fatalf("page %d: %s", i, b)
				}
				var page struct {
					Data map[string]struct {
						TotalCount int
						PageInfo   struct {
							HasNextPage bool
							EndCursor   *string
						}
						Edges []struct {
							Cursor string
							Node   struct{ ID string }
						}
					}
				}
				mustUnmarshal(t, b, &page)
				p := page.Data[name]
				if p.TotalCount != want.TotalCount {
					t.Fatalf("page %d: totalCount %d, want %d", i, p.TotalCount, want.TotalCount)
				}
				for _, e := range p.Edges {
					got = append(got, e.Node.ID)
					if e.Cursor == "" {
						t.Fatalf("page %d: empty cursor", i)
					}
				}
				if len(p.Edges) > 0 && (p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor) {
					t.Fatalf("page %d: endCursor is not the last edge's cursor", i)
				}
				if !p.PageInfo.HasNextPage {
					break
				}
				after = *p.PageInfo.EndCursor
			}
			if len(got) != len(want.Nodes) {
				t.Fatalf("paged %d items, the full list has %d", len(got), len(want.Nodes))
			}
			for i := range got {
				if got[i] != want.Nodes[i].ID {
					t.Fatalf("item %d: paged %s, full list %s", i, got[i], want.Nodes[i].ID)
				}
			}
			if len(got) < 2 && name != "agreements" {
				t.Errorf("only %d items: the test graph should page", len(got))
			}
		})
	}
}

func maybe(args string) string {
	if args == "" {
		return ""
	}
	return ", " + strings.TrimSuffix(args, ", ")
}

func mustUnmarshal(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
}

func TestSDLHasContract(t *testing.T) {
	// The names of issue 2's contract: renaming one breaks analysts.
	sdl := SDL()
	for _, want := range []string{
		"countries: [Country!]!", "country(code: String!): Country", "official(id: ID!): Official",
		"officials(country: String, name: String, first: Int, after: String): OfficialConnection!",
		"article(id: ID!): Article", "articles(first: Int, after: String): ArticleConnection!",
		"search(text: String!, first: Int): [SearchHit!]!", "neighborhood(id: ID!, depth: Int, limit: Int): Subgraph!",
	} {
		if !strings.Contains(sdl, want) {
			t.Errorf("SDL lacks %q", want)
		}
	}
}

// TestMinistryOfficials pages a ministry's officials through the graph's
// Holders and through the fallback scan (a Reader without Holders) and
// checks both agree.
func TestMinistryOfficials(t *testing.T) {
	g := newTestGraph(t)
	extra := graph.Contribution{
		Article: graph.Article{ID: "en-trabelsi", Lang: "en", Published: "2023-05-02"},
		Officials: []graph.OfficialMention{{Ref: "t", Country: "LY", Names: []graph.Name{{Text: "Emad Trabelsi", Lang: "en"}}, Latin: "Emad Trabelsi",
			Title: "Minister of Interior", Portfolio: "interior", Date: "2023-05-02", Sources: src("en-trabelsi", "Interior Minister Emad Trabelsi spoke.")}},
	}
	if _, err := g.Apply(context.Background(), []graph.Contribution{extra}); err != nil {
		t.Fatal(err)
	}
	walk := func(v Viewer) []string {
		s, _ := New(v)
		var names []string
		after := ""
		for range 5 {
			resp, b := exec(t, s, `query($after: String) { ministry(id: "ministry:LY:interior") { officials(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } }`, map[string]any{"after": after})
			if len(resp.Errors) > 0 {
				t.Fatal(string(b))
			}
			var d struct {
				Data struct {
					Ministry struct {
						Officials struct {
							TotalCount int
							PageInfo   struct {
								HasNextPage bool
								EndCursor   string
							}
							Nodes []struct{ Name string }
						}
					}
				}
			}
			mustUnmarshal(t, b, &d)
			o := d.Data.Ministry.Officials
			if o.TotalCount != 2 {
				t.Fatalf("totalCount %d: %s", o.TotalCount, b)
			}
			for _, n := range o.Nodes {
				names = append(names, n.Name)
			}
			if !o.PageInfo.HasNextPage {
				break
			}
			after = o.PageInfo.EndCursor
		}
		sort.Strings(names)
		return names
	}
	viaHolders := walk(g)
	viaScan := walk(&countingViewer{g: g})
	if strings.Join(viaHolders, ",") != "Emad Trabelsi,Khaled Mazen" || strings.Join(viaScan, ",") != strings.Join(viaHolders, ",") {
		t.Fatalf("holders %v, scan %v", viaHolders, viaScan)
	}
}

// TestOutIDJSON checks that the ids the API writes are the JSON strings
// graphql.ID wrote for every id the graph makes (ASCII), and valid JSON that
// reads back as the same bytes for any other (graphql.ID's strconv quoting
// wrote \x escapes, which JSON has not).
func TestOutIDJSON(t *testing.T) {
	for _, tc := range []struct {
		id       string
		asBefore bool // the graph's ids: written exactly as graphql.ID wrote them
	}{
		{"off:ly-khaled-mazen", true}, {"meet:2024-03-10:dz-ly:1", true}, {"co:DZ", true},
		{"a\"b\\c", false}, {"nul\x00", false}, {"وزير", false}, {"é<&>", false}, {"\xff", false},
	} {
		id := tc.id
		got, err := json.Marshal(outID(id))
		if err != nil {
			t.Fatalf("%q: %v", id, err)
		}
		if !json.Valid(got) {
			t.Errorf("%q written as invalid JSON %s", id, got)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q: %s does not read back: %v", id, got, err)
		}
		if back != strings.ToValidUTF8(id, "\uFFFD") {
			t.Errorf("%q written %s, read back %q", id, got, back)
		}
		old, _ := graphql.ID(id).MarshalJSON()
		if tc.asBefore && string(old) != string(got) {
			t.Errorf("%q written %s, graphql.ID wrote %s", id, got, old)
		}
	}
	var id outID
	if err := id.UnmarshalGraphQL("off:x"); err != nil || id != "off:x" {
		t.Errorf("UnmarshalGraphQL: %q, %v", id, err)
	}
	if err := id.UnmarshalGraphQL(true); err == nil {
		t.Errorf("UnmarshalGraphQL(true): no error")
	}
}

// TestConnectionSources checks that a list reads its records without their
// sources only when the query shows none: asked for through a fragment, an
// inline fragment, an alias or the edges, the sources are all there.
func TestConnectionSources(t *testing.T) {
	rec := &pageRecorder{Viewer: testGraph(t)}
	s, err := New(rec)
	if err != nil {
		t.Fatal(err)
	}
	count := func(query string) int {
		t.Helper()
		rec.noSources = nil
		resp, b := exec(t, s, query, nil)
		if len(resp.Errors) > 0 {
			t.Fatalf("%s: %v", query, resp.Errors)
		}
		return strings.Count(string(b), `"sentence"`)
	}
	want := count(`{ meetings(between: ["LY", "DZ"]) { nodes { id sources { articleId sentence } } } agreements { nodes { id sources { sentence } } } }`)
	if want == 0 {
		t.Fatal("no sources in the plain listing")
	}
	for _, q := range []string{
		`fragment F on Meeting { sources { articleId sentence } } { meetings(between: ["LY", "DZ"]) { nodes { id ...F } } agreements { nodes { id sources { sentence } } } }`,
		`{ meetings(between: ["LY", "DZ"]) { edges { node { id ... on Meeting { sources { sentence } } } } } agreements { edges { node { sources { sentence } } } } }`,
		`{ meetings(between: ["LY", "DZ"]) { nodes { id s: sources { sentence } } } agreements { nodes { x: sources { sentence } } } }`,
		`{ meetings(between: ["LY", "DZ"]) { nodes { id } edges { node { sources { sentence } } } } agreements { nodes { id sources { sentence } } } }`,
	} {
		if got := count(q); got != want {
			t.Errorf("%s: %d sentences, want %d", q, got, want)
		}
		if slices.Contains(rec.noSources, true) {
			t.Errorf("%s: a list read without sources (%v)", q, rec.noSources)
		}
	}
	if got := count(`{ meetings(between: ["LY", "DZ"]) { nodes { id date kind } } }`); got != 0 {
		t.Errorf("sentences in a listing that asks for none: %d", got)
	}
	if !slices.Equal(rec.noSources, []bool{true}) {
		t.Errorf("a listing that asks for no sources read the graph with NoSources %v, want [true]", rec.noSources)
	}
}

// pageRecorder is a Viewer that records the NoSources of every page of
// meetings or agreements the schema asks the graph for.
type pageRecorder struct {
	Viewer
	noSources []bool
}

func (p *pageRecorder) View(ctx context.Context, fn func(graph.Reader) error) error {
	return p.Viewer.View(ctx, func(r graph.Reader) error { return fn(&recordingReader{r, p}) })
}

type recordingReader struct {
	graph.Reader
	p *pageRecorder
}

func (r *recordingReader) Meetings(f graph.EventFilter, pg graph.Page) ([]*graph.Meeting, graph.PageInfo, error) {
	r.p.noSources = append(r.p.noSources, pg.NoSources)
	return r.Reader.Meetings(f, pg)
}

func (r *recordingReader) Agreements(f graph.EventFilter, pg graph.Page) ([]*graph.Agreement, graph.PageInfo, error) {
	r.p.noSources = append(r.p.noSources, pg.NoSources)
	return r.Reader.Agreements(f, pg)
}
