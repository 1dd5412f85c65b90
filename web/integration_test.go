package web

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// graphLoader is a Loader for the test: each JSON line is an article id and
// a pair of countries, applied as one meeting.
type graphLoader struct{ g *graph.Graph }

func (l graphLoader) LoadReader(ctx context.Context, name string, r io.Reader) (any, error) {
	var cs []graph.Contribution
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var rec struct {
			ID        string   `json:"id"`
			Countries []string `json:"countries"`
			Date      string   `json:"date"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		cs = append(cs, graph.Contribution{
			Article:  graph.Article{ID: rec.ID, Lang: "en", Published: rec.Date},
			Meetings: []graph.MeetingMention{{Kind: "meeting", Status: "held", Date: rec.Date, Countries: rec.Countries, Sources: []graph.Source{{Article: rec.ID, Sentence: "They met."}}}},
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	res, err := l.g.Apply(ctx, cs)
	if err != nil {
		return nil, err
	}
	return map[string]any{"name": name, "articles": len(res.Outcomes), "edgesAdded": res.EdgesAdded}, nil
}

// realGraph is the real graph on memstore with two meetings.
func realGraph(tb testing.TB) *graph.Graph {
	tb.Helper()
	g, err := graph.New(memstore.New(), []graph.Country{
		{Code: "DZ", Names: map[string]string{"en": "Algeria", "ar": "الجزائر"}},
		{Code: "LY", Names: map[string]string{"en": "Libya", "ar": "ليبيا"}},
	})
	if err != nil {
		tb.Fatal(err)
	}
	in := `{"id":"a1","countries":["DZ","LY"],"date":"2021-11-28"}` + "\n" + `{"id":"a2","countries":["DZ","LY"],"date":"2022-05-01"}` + "\n"
	if _, err := (graphLoader{g}).LoadReader(context.Background(), "seed", strings.NewReader(in)); err != nil {
		tb.Fatal(err)
	}
	return g
}

// TestEndToEnd runs the public constructor over the real graph and the
// embedded front-end: load through the API, query it back, fetch the pages.
func TestEndToEnd(t *testing.T) {
	g, err := graph.New(memstore.New(), []graph.Country{
		{Code: "DZ", Names: map[string]string{"en": "Algeria"}},
		{Code: "LY", Names: map[string]string{"en": "Libya"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuf{}
	s, err := NewServer(Config{Addr: "127.0.0.1:0", Token: "tok"}, g, graphLoader{g}, zerolog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())

	req, _ := http.NewRequest("POST", s.URL()+"/api/load?name=batch.jsonl", strings.NewReader(`{"id":"a1","countries":["DZ","LY"],"date":"2021-11-28"}`+"\n"))
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Content-Type", "application/x-ndjson")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"edgesAdded":1`) || !strings.Contains(string(body), `"name":"batch.jsonl"`) {
		t.Fatalf("load: %d %s", res.StatusCode, body)
	}

	res, err = http.Post(s.URL()+"/graphql", "application/json", strings.NewReader(`{"query":"{ meetings(between: [\"LY\", \"DZ\"]) { totalCount nodes { date countries { name } } } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if want := `{"data":{"meetings":{"totalCount":1,"nodes":[{"date":"2021-11-28","countries":[{"name":"Algeria"},{"name":"Libya"}]}]}}}`; strings.TrimSpace(string(body)) != want {
		t.Fatalf("query: %s", body)
	}

	for path, want := range map[string]string{"/": "<html", "/graphiql/": "graphiql", "/healthz": `"ok"`} {
		res, err := http.Get(s.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(strings.ToLower(string(b)), want) {
			t.Errorf("GET %s: %d %.200s", path, res.StatusCode, b)
		}
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}
