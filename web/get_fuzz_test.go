package web

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/graph-gophers/graphql-go"
)

// oracleRoot resolves a schema with a mutation whose resolver counts its
// calls: the reference for what graphql-go really executes as a mutation.
type oracleRoot struct{ mutations *atomic.Int64 }

func (oracleRoot) A() *int32 { return nil }

func (r oracleRoot) M() *int32 {
	r.mutations.Add(1)
	return nil
}

// FuzzWritesOrStreams checks the GET guard against graphql-go itself: any
// document the guard lets through must not run a mutation in a schema that
// has one, whatever operationName selects.
func FuzzWritesOrStreams(f *testing.F) {
	for _, seed := range []string{
		"{ a }", "query { a }", "mutation { m }", "query Q { a } mutation M { m }",
		`query { a } # mutation { m }`, `{ a(x: "mutation { m }") }`, `"""mutation""" mutation { m }`,
		"mutation{m}", "\ufeffmutation { m }", "query($x: Int) { a } mutation { m }", "fragment F on Mutation { m } mutation M { ...F }",
		"query Q { a }\nmutation M { m }", "mutation\t{m}", ",mutation{m}",
	} {
		f.Add(seed, "")
		f.Add(seed, "M")
	}
	var n atomic.Int64
	s := graphql.MustParseSchema(`
		schema { query: Query mutation: Mutation }
		type Query { a: Int }
		type Mutation { m: Int }`, &oracleRoot{&n})
	// The oracle must see a mutation, or the fuzz test could never fail.
	if s.Exec(context.Background(), "mutation { m }", "", nil); n.Load() != 1 {
		f.Fatal("oracle did not run a mutation")
	}
	f.Fuzz(func(t *testing.T, doc, op string) {
		if writesOrStreams(doc) {
			return // refused with 405
		}
		before := n.Load()
		func() {
			// graphql-go's lexer panics on a malformed string escape ("\700");
			// the server answers that as a parse failure (schema.gqlExec).
			// Nothing is executed then, which is all this oracle checks.
			defer func() {
				if v := recover(); v != nil && v != strconv.ErrSyntax {
					panic(v)
				}
			}()
			s.Exec(context.Background(), doc, op, nil)
		}()
		if n.Load() != before {
			t.Fatalf("GET guard let a mutation through: %q (operationName %q)", doc, op)
		}
	})
}
