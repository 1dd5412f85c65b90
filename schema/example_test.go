package schema_test

import (
	"context"
	"encoding/json"
	"fmt"

	"diplograph/graph"
	"diplograph/graph/memstore"
	"diplograph/schema"
)

func ExampleNew() {
	g, err := graph.New(memstore.New(), []graph.Country{
		{Code: "DZ", Names: map[string]string{"en": "Algeria", "ar": "الجزائر", "fr": "Algérie"}},
	})
	if err != nil {
		panic(err)
	}
	s, err := schema.New(g, schema.MaxDepth(15), schema.PageSize(20, 200))
	if err != nil {
		panic(err)
	}
	for _, q := range []string{
		`query($c: String!) { country(code: $c) { name(lang: "fr") } meetings { totalCount } }`,
		`{ meetings(first: 1000) { totalCount } }`,
	} {
		resp := s.Exec(context.Background(), schema.Request{Query: q, Variables: map[string]any{"c": "dz"}})
		out, _ := json.Marshal(resp)
		fmt.Println(string(out))
	}
	// Output:
	// {"data":{"country":{"name":"Algérie"},"meetings":{"totalCount":0}}}
	// {"errors":[{"message":"first: 1000 is above the maximum page size 200 (limit first)","path":["meetings"],"extensions":{"code":"LIMIT_EXCEEDED","limit":"first"}}],"data":null}
}
