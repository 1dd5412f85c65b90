package schema

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"diplograph/graph"
)

// introspectionQuery is graphql-js 16's getIntrospectionQuery() with its
// defaults (descriptions on, typeDepth 9): exactly what GraphiQL 5 sends.
// Its deepest field sits at depth 15.
func introspectionQuery() string {
	var ofType func(level int) string
	ofType = func(level int) string {
		if level == 0 {
			return ""
		}
		return " ofType { name kind" + ofType(level-1) + " }"
	}
	return `query IntrospectionQuery {
  __schema {
    queryType { name kind }
    mutationType { name kind }
    subscriptionType { name kind }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name` + ofType(9) + ` }`
}

func codes(resp *Response) []string {
	var out []string
	for _, e := range resp.Errors {
		c, _ := e.Extensions["code"].(string)
		if l, ok := e.Extensions["limit"].(string); ok {
			c += "/" + l
		}
		out = append(out, c)
	}
	return out
}

// nested builds a query whose deepest field is at the given depth:
// meetings → edges → node → participants → meetings → …
func nested(depth int) string {
	path := []string{"meetings", "edges", "node", "participants"}
	var b strings.Builder
	b.WriteString("{ ")
	for i := 0; i < depth-1; i++ {
		b.WriteString(path[i%4] + " { ")
	}
	b.WriteString("__typename")
	for i := 0; i < depth; i++ {
		b.WriteString(" }")
	}
	return b.String()
}

func TestIntrospectionAndDepth(t *testing.T) {
	g := testGraph(t)
	s, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	// The B.3 trap: GraphiQL's introspection must pass the default depth.
	resp, b := exec(t, s, introspectionQuery(), nil)
	if len(resp.Errors) > 0 || !strings.Contains(string(b), `"name": "Meeting"`) {
		t.Fatalf("GraphiQL introspection failed with the default limits: %.500s", b)
	}
	// …and would fail one level lower, which is why the default is 15.
	s14, _ := New(g, MaxDepth(14))
	if resp, _ := exec(t, s14, introspectionQuery(), nil); len(resp.Errors) == 0 {
		t.Error("introspection passed with MaxDepth(14): the test no longer guards the default")
	}

	if resp, b := exec(t, s, nested(15), nil); len(resp.Errors) > 0 {
		t.Fatalf("15 deep rejected: %s", b)
	}
	resp, b = exec(t, s, nested(16), nil)
	if got := codes(resp); len(got) != 1 || got[0] != CodeLimit+"/"+LimitDepth || hasData(resp) {
		t.Fatalf("16 deep: %v %s", got, b)
	}

	off, _ := New(g, Introspection(false))
	resp, b = exec(t, off, `{ __schema { queryType { name } } }`, nil)
	if strings.Contains(string(b), `"Query"`) {
		t.Fatalf("introspection off still answers: %s", b)
	}
	if resp, b := exec(t, off, `{ countries { code } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("queries fail with introspection off: %s", b)
	}
}

func TestSizeLimits(t *testing.T) {
	g := testGraph(t)
	s, _ := New(g)

	// Query length.
	long := "{ countries { code } }" + strings.Repeat(" ", DefaultMaxQueryLength)
	resp, b := exec(t, s, long, nil)
	if got := codes(resp); len(got) != 1 || got[0] != CodeLimit+"/"+LimitQueryLength {
		t.Fatalf("long query: %s", b)
	}

	// Alias flood: many cheap fields, short enough to pass the length limit
	// of a generous schema, stopped by MaxSelections before running.
	big, _ := New(g, MaxQueryLength(1<<20))
	var q strings.Builder
	q.WriteString("{")
	for i := range 3000 {
		fmt.Fprintf(&q, " a%d: countries { code }", i)
	}
	q.WriteString(" }")
	resp, b = exec(t, big, q.String(), nil)
	if got := codes(resp); len(got) != 1 || got[0] != CodeLimit+"/"+LimitSelections || hasData(resp) {
		t.Fatalf("alias flood: %v %.300s", got, b)
	}

	// Fragment bomb: each fragment spreads the previous twice, 2^20
	// selections from a few hundred bytes.
	q.Reset()
	q.WriteString("{ ...F20 }\nfragment F0 on Query { countries { code } }\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&q, "fragment F%d on Query { ...F%d a%d: countries { code } ...F%d }\n", i, i-1, i, i-1)
	}
	resp, b = exec(t, s, q.String(), nil)
	if len(resp.Errors) == 0 || hasData(resp) {
		t.Fatalf("fragment bomb ran: %.300s", b)
	}
	var limited bool
	for _, e := range resp.Errors {
		limited = limited || e.Extensions["code"] == CodeLimit
	}
	if !limited {
		t.Fatalf("fragment bomb not reported as a limit: %.500s", b)
	}
}

// countingViewer counts Reader calls made through it.
type countingViewer struct {
	g     Viewer
	calls atomic.Int64
}

func (v *countingViewer) View(ctx context.Context, fn func(graph.Reader) error) error {
	return v.g.View(ctx, func(r graph.Reader) error { return fn(&countingReader{r, &v.calls}) })
}

type countingReader struct {
	graph.Reader
	n *atomic.Int64
}

func (r *countingReader) Official(id string) (*graph.Official, error) {
	r.n.Add(1)
	return r.Reader.Official(id)
}

func (r *countingReader) Meetings(f graph.EventFilter, p graph.Page) ([]*graph.Meeting, graph.PageInfo, error) {
	r.n.Add(1)
	return r.Reader.Meetings(f, p)
}

func TestCostBudget(t *testing.T) {
	v := &countingViewer{g: testGraph(t)}
	const budget = 40
	s, _ := New(v, MaxCost(budget), MaxParallelism(1))
	// Each meeting's participants' meetings' participants: cost grows as
	// page sizes × nesting, far past 40 on the test graph.
	q := `{ meetings(first: 500) { nodes { id participants { name meetings(first: 500) { nodes { id participants { name roles { title } } } } } } } }`
	resp, b := exec(t, s, q, nil)
	if got := codes(resp); len(got) != 1 || got[0] != CodeLimit+"/"+LimitCost || hasData(resp) {
		t.Fatalf("over budget: %v %s", got, b)
	}
	if !strings.Contains(resp.Errors[0].Message, fmt.Sprint(budget)) {
		t.Errorf("message does not state the budget: %s", resp.Errors[0].Message)
	}
	// Cancelled, not run to the end: the full query makes far more reads.
	cut := v.calls.Load()
	v.calls.Store(0)
	full, _ := New(v, MaxParallelism(1))
	if resp, b := exec(t, full, q, nil); len(resp.Errors) > 0 {
		t.Fatalf("within the default budget: %s", b)
	}
	if all := v.calls.Load(); cut >= all {
		t.Errorf("over-budget request made %d reads, the full one %d: not cancelled", cut, all)
	}

	// A cheap query passes the same small budget.
	if resp, b := exec(t, s, `{ country(code: "LY") { code name } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("cheap query: %s", b)
	}
}

func TestPageCap(t *testing.T) {
	s, _ := New(testGraph(t), PageSize(2, 3))
	resp, b := exec(t, s, `{ meetings { edges { cursor } } }`, nil)
	if len(resp.Errors) > 0 || strings.Count(string(b), `"cursor"`) != 2 {
		t.Fatalf("default page size 2: %s", b)
	}
	if resp, b := exec(t, s, `{ meetings(first: 3) { totalCount } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("first at the cap: %s", b)
	}
	resp, b = exec(t, s, `{ meetings(first: 4) { totalCount } articles(first: 3) { totalCount } }`, nil)
	// The connection is non-null, so the error nulls the whole data.
	if got := codes(resp); len(got) != 1 || got[0] != CodeLimit+"/"+LimitFirst {
		t.Fatalf("first over the cap: %v %s", got, b)
	}
	if _, err := New(testGraph(t), PageSize(10, 5)); err == nil {
		t.Error("default page size above the cap accepted")
	}
}

// slowViewer's reads take an hour of (fake) time.
type slowViewer struct{ Viewer }

func (v slowViewer) View(ctx context.Context, fn func(graph.Reader) error) error {
	return v.Viewer.View(ctx, func(r graph.Reader) error { return fn(slowReader{r}) })
}

type slowReader struct{ graph.Reader }

func (r slowReader) Countries() ([]*graph.Country, error) {
	time.Sleep(time.Hour)
	return r.Reader.Countries()
}

func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g, err := graph.New(memstoreNew(), testCountries)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := New(slowViewer{g}, Timeout(3*time.Second))
		start := time.Now()
		resp := s.Exec(context.Background(), Request{Query: `{ countries { code } }`})
		if d := time.Since(start); d != 3*time.Second {
			t.Errorf("answered after %v of fake time, want the 3s timeout", d)
		}
		if got := codes(resp); len(got) != 1 || got[0] != CodeLimit+"/"+LimitTimeout || hasData(resp) {
			t.Fatalf("%v %+v", got, resp)
		}
		s.Wait()
	})
}

// failingViewer's reads fail with a store error full of internal detail.
type failingViewer struct{ Viewer }

var errStore = errors.New("badger: open /var/lib/diplograph/000042.vlog: input/output error")

func (v failingViewer) View(ctx context.Context, fn func(graph.Reader) error) error {
	return v.Viewer.View(ctx, func(r graph.Reader) error { return fn(failingReader{r}) })
}

type failingReader struct{ graph.Reader }

func (failingReader) Agreement(string) (*graph.Agreement, error) {
	return nil, fmt.Errorf("graph: agreement record: %w", errStore)
}

func (failingReader) Official(string) (*graph.Official, error) { panic("nil map in resolver") }

func TestErrorHygiene(t *testing.T) {
	s, _ := New(failingViewer{testGraph(t)})
	logs := &logBuf{}
	resp := s.Exec(logCtx(logs), Request{Query: `{ agreement(id: "agreement:x") { id } country(code: "LY") { code } }`})
	if got := codes(resp); len(got) != 1 || got[0] != CodeInternal || resp.Errors[0].Message != "internal error" {
		t.Fatalf("%v %+v", got, resp.Errors)
	}
	if !strings.Contains(string(resp.Data), `"LY"`) {
		t.Errorf("the healthy field lost its data: %s", resp.Data)
	}
	if !strings.Contains(logs.String(), "000042.vlog") {
		t.Errorf("detail not logged: %s", logs)
	}

	resp = s.Exec(logCtx(logs), Request{Query: `{ official(id: "official:x") { id } }`})
	if got := codes(resp); len(got) != 1 || got[0] != CodeInternal || strings.Contains(resp.Errors[0].Message, "nil map") {
		t.Fatalf("panic: %v %+v", got, resp.Errors)
	}
	if !strings.Contains(logs.String(), "nil map in resolver") {
		t.Errorf("panic not logged: %s", logs)
	}
}

// TestSnapshot checks that one response reads one snapshot while articles
// are applied: every source of every meeting in the response names an
// article of the same response, and every article applied so far is
// either wholly there (with its meeting) or not at all.
func TestSnapshot(t *testing.T) {
	g := newTestGraph(t)
	s, _ := New(g)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20 {
			id := fmt.Sprintf("extra-%02d", i)
			c := graph.Contribution{
				Article: graph.Article{ID: id, Lang: "en", Published: "2024-01-01"},
				Officials: []graph.OfficialMention{
					{Ref: "a", Country: "TN", Names: []graph.Name{{Text: "Nabil Ammar", Lang: "en"}}, Latin: "Nabil Ammar", Sources: src(id, "They met.")},
					{Ref: "b", Country: "EG", Names: []graph.Name{{Text: "Sameh Shoukry", Lang: "en"}}, Latin: "Sameh Shoukry", Sources: src(id, "They met.")},
				},
				Meetings: []graph.MeetingMention{{Kind: "meeting", Status: "held", Date: fmt.Sprintf("2024-%02d-10", i%12+1), Countries: []string{"EG", "TN"}, Participants: []string{"a", "b"},
					Sources: src(id, "They met.")}},
			}
			if _, err := g.Apply(context.Background(), []graph.Contribution{c}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for n := 0; ; n++ {
		select {
		case <-done:
			if n == 0 {
				t.Log("the writer finished before any read")
			}
			return
		default:
		}
		resp, b := exec(t, s, `{ articles(first: 500) { nodes { id meetings { id } } } meetings(first: 500) { nodes { id sources { articleId } } } }`, nil)
		if len(resp.Errors) > 0 {
			t.Fatal(string(b))
		}
		var d struct {
			Data struct {
				Articles struct {
					Nodes []struct {
						ID       string
						Meetings []struct{ ID string }
					}
				}
				Meetings struct {
					Nodes []struct {
						ID      string
						Sources []struct{ ArticleID string }
					}
				}
			}
		}
		mustUnmarshal(t, b, &d)
		articles, meetings := map[string]bool{}, map[string]bool{}
		for _, a := range d.Data.Articles.Nodes {
			articles[a.ID] = true
		}
		for _, m := range d.Data.Meetings.Nodes {
			meetings[m.ID] = true
			for _, s := range m.Sources {
				if !articles[s.ArticleID] {
					t.Fatalf("torn snapshot: meeting %s cites article %s, which the same response lacks", m.ID, s.ArticleID)
				}
			}
		}
		for _, a := range d.Data.Articles.Nodes {
			for _, m := range a.Meetings {
				if !meetings[m.ID] {
					t.Fatalf("torn snapshot: article %s's meeting %s missing", a.ID, m.ID)
				}
			}
		}
	}
}

func hasData(resp *Response) bool {
	return len(resp.Data) > 0 && string(resp.Data) != "null"
}

// panickyViewer panics outside any resolver, in View itself.
type panickyViewer struct{}

func (panickyViewer) View(context.Context, func(graph.Reader) error) error { panic("store exploded") }

func TestPanicOutsideResolvers(t *testing.T) {
	s, _ := New(panickyViewer{})
	logs := &logBuf{}
	resp := s.Exec(logCtx(logs), Request{Query: `{ countries { code } }`})
	if got := codes(resp); len(got) != 1 || got[0] != CodeInternal || strings.Contains(resp.Errors[0].Message, "exploded") {
		t.Fatalf("%v %+v", got, resp.Errors)
	}
	if !strings.Contains(logs.String(), "store exploded") {
		t.Fatalf("panic not logged: %s", logs)
	}
}
