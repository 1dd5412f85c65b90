package web

import (
	"encoding/json"
	"github.com/rs/zerolog"
	"strings"
	"testing"
)

// FuzzGraphQLEndpoint: whatever the query string, the endpoint answers a
// valid GraphQL response (JSON with data or errors, never neither), and
// never a 5xx.
func FuzzGraphQLEndpoint(f *testing.F) {
	for _, seed := range []string{
		"{ countries { code name(lang: \"ar\") } }",
		"{ meetings { totalCount edges { cursor node { id kind date countries { code } participants { name } sources { article { id } sentence } } } } }",
		"{ official(id: \"x\") { id } article(id: \"a1\") { meetings { id } } }",
		"query Q($c: String!) { country(code: $c) { code } }",
		"{ meetings(between: [\"LY\", \"DZ\"], from: \"2021\", to: \"2021-12\") { totalCount edges { cursor node { id } } } }",
		"{ search(text: \"مازن\") { id kind name } }",
		"{ neighborhood(id: \"x\", depth: 9) { nodes { id } } }",
		"{ officials(first: 100000) { totalCount } }",
		"{ __schema { types { name } } }",
		"fragment F on Query { countries { code } } { ...F ...F }",
		"mutation { x }",
		"{ a: countries { code } b: countries { code } }",
		"{",
		"\x00",
		"{ country(code: \"\\u0000\") { code } }",
		strings.Repeat("{ countries ", 40),
	} {
		f.Add(seed)
	}
	// The real graph, so that resolvers run on real records.
	g := realGraph(f)
	s, err := newServer(Config{Assets: testAssets}, g, nil, zerolog.Nop())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query string) {
		body, err := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"c": "LY"}})
		if err != nil {
			t.Skip()
		}
		w := do(s, post(string(body), "application/json"))
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, query, w.Body)
		}
		var resp map[string]json.RawMessage
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("not JSON for %q: %v\n%s", query, err, w.Body)
		}
		data, hasData := resp["data"]
		_, hasErrors := resp["errors"]
		if !hasErrors && (!hasData || string(data) == "null") {
			t.Fatalf("neither data nor errors for %q: %s", query, w.Body)
		}
		if strings.Contains(w.Body.String(), "panic") {
			t.Fatalf("panic text leaked for %q: %s", query, w.Body)
		}
	})
}
