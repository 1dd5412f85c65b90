package loader_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"diplograph/graph"
	"diplograph/graph/memstore"
	"diplograph/loader"
	"diplograph/loader/extract"
)

func ExampleLoadReader() {
	g, err := graph.New(memstore.New(), nil)
	if err != nil {
		panic(err)
	}
	in := strings.NewReader(`{"id":"en-1","published":"2021-11-28","lang":"en","body":"Algerian Interior Minister Kamel Beldjoud received his Libyan counterpart Khaled Mazen in Algiers on Sunday."}
{"id":"en-2","title":"no body"}
`)
	sum, err := loader.LoadReader(context.Background(), g, extract.New(), "in.jsonl", in, loader.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("loaded:", sum.Loaded, "rejected:", sum.Rejected)
	for _, e := range sum.Errors {
		fmt.Println(e)
	}
	// Output:
	// loaded: 1 rejected: 1
	// in.jsonl:2: body: missing
}

func ExampleNewReader() {
	r := loader.NewReader("dump.json", strings.NewReader(`[
  {"id": "a", "body": "Le ministre a reçu son homologue."},
  {"id": 2, "body": "x"}
]`), 0)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("rejected:", err)
			continue
		}
		fmt.Println(rec.Where(), rec.Article.ID, rec.Article.Lang)
	}
	// Output:
	// dump.json:2: element 0 a fr
	// rejected: dump.json:3: element 1: id: want a string, got number
}
