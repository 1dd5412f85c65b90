package schema

import (
	"context"
	"testing"
)

func benchQuery(b *testing.B, query string, vars map[string]any) {
	s, err := New(testGraph(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if resp := s.Exec(ctx, Request{Query: query, Variables: vars}); len(resp.Errors) > 0 {
			b.Fatal(resp.Errors)
		}
	}
}

func BenchmarkMeetingsBetween(b *testing.B) {
	benchQuery(b, `{ meetings(between: ["LY", "DZ"]) { totalCount nodes { `+fullMeeting+` } } }`, nil)
}

func BenchmarkSearch(b *testing.B) {
	benchQuery(b, `{ search(text: "مازن") { id kind name } }`, nil)
}

func BenchmarkCountries(b *testing.B) {
	benchQuery(b, `{ countries { code org en: name(lang: "en") ar: name(lang: "ar") fr: name(lang: "fr") } }`, nil)
}

func BenchmarkIntrospection(b *testing.B) {
	benchQuery(b, introspectionQuery(), nil)
}
