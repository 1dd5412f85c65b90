package loader

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/graph/memstore"
	"diplograph/loader/extract"
	"diplograph/loader/gazetteer"
)

// stubExtractor is a trivial extractor for tests that measure the pipeline
// itself (memory, throughput): it finds Algeria and Libya by name and reports
// their interior ministers and a meeting between them, with the first line of
// the body as evidence.
type stubExtractor struct{}

func (stubExtractor) Extract(a extract.Article) extract.Result {
	r := extract.Result{ID: a.ID, Lang: a.Lang}
	ev, _, _ := strings.Cut(a.Body, "\n")
	people := []struct{ country, word, name string }{
		{"DZ", "Algeria", "Kamel Beldjoud"},
		{"LY", "Libya", "Khaled Mazen"},
	}
	var refs, countries []string
	for _, p := range people {
		if strings.Contains(a.Body, p.word) {
			ref := fmt.Sprintf("o%d", len(refs)+1)
			r.Officials = append(r.Officials, extract.Official{Ref: ref, Name: p.name, Aliases: []string{p.name},
				Country: p.country, Title: "Minister of Interior", Portfolio: "interior", Evidence: []string{ev}})
			refs, countries = append(refs, ref), append(countries, p.country)
		}
	}
	if len(refs) == 2 {
		r.Meetings = append(r.Meetings, extract.Meeting{Participants: []string{"Kamel Beldjoud", "Khaled Mazen"},
			Refs: refs, Countries: countries, Date: a.Published, Kind: "visit", Place: "Algiers", Status: "held", Evidence: ev})
	}
	return r
}

var realExtractor = sync.OnceValue(func() Extractor { return extract.New() })

// testExtractor is the extractor the pipeline tests use: the real one.
func testExtractor() Extractor { return realExtractor() }

// testCountries is the real reference data the CLI gives the graph.
var testCountries = gazetteer.Default().Countries()

func newGraph(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := graph.New(memstore.New(), testCountries)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func export(t testing.TB, g *graph.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := g.ExportCanonical(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func storedIDs(t testing.TB, g *graph.Graph) []string {
	t.Helper()
	var out []string
	err := g.View(context.Background(), func(r graph.Reader) error {
		as, _, err := r.Articles(graph.Page{First: 1000})
		for _, a := range as {
			out = append(out, a.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestLoadEverything(t *testing.T) {
	g := newGraph(t)
	var acked []string
	sum, err := Load(t.Context(), g, testExtractor(), []string{"testdata/good", "testdata/bad", "testdata/folder"}, Options{BatchSize: 4, Workers: 3,
		Ack: func(ids []string) { acked = append(acked, ids...) }})
	if err != nil {
		t.Fatal(err)
	}
	// good: 11 articles; bad: 17 valid records, one a duplicate id; folder: 3.
	want := Summary{Articles: 31, Loaded: 30, Replaced: 1, Rejected: 16, Duplicates: 1, Cleaned: 1, FileErrors: 3}
	got := Summary{Articles: sum.Articles, Loaded: sum.Loaded, Unchanged: sum.Unchanged, Replaced: sum.Replaced,
		Rejected: sum.Rejected, Duplicates: sum.Duplicates, Cleaned: sum.Cleaned, FileErrors: sum.FileErrors}
	if !equalSummary(got, want) {
		t.Errorf("summary = %+v\nwant %+v\nerrors:\n%s", got, want, joinErrs(sum.Errors))
	}
	if sum.ErrorCount != 19 || len(sum.Errors) != 19 {
		t.Errorf("ErrorCount = %d, len(Errors) = %d, want 19", sum.ErrorCount, len(sum.Errors))
	}
	for _, e := range sum.Errors {
		var re *RecordError
		if errors.As(e, &re) && (re.Line < 1 || re.File == "") {
			t.Errorf("error without file:line: %v", e)
		}
	}
	if len(sum.Skipped) != 2 {
		t.Errorf("skipped = %v, want README.txt and notes.md", sum.Skipped)
	}
	if len(acked) != 31 {
		t.Errorf("acked %d ids, want 31", len(acked))
	}
	if got := len(storedIDs(t, g)); got != 30 {
		t.Errorf("%d articles stored, want 30", got)
	}
	if sum.NodesAdded == 0 || sum.EdgesAdded == 0 {
		t.Errorf("no nodes or edges added: %+v", sum)
	}
	if sum.Bytes == 0 {
		t.Error("Bytes = 0")
	}
	if s := sum.String(); !strings.Contains(s, "31 articles (30 new, 0 unchanged, 1 replaced), 16 rejected, 3 unreadable files") {
		t.Errorf("String() = %q", s)
	}
	if sum.OK() {
		t.Error("OK() with rejections")
	}
	if problems, err := g.Check(t.Context()); err != nil || len(problems) > 0 {
		t.Errorf("graph check: %v %v", problems, err)
	}
}

func equalSummary(a, b Summary) bool {
	return a.Articles == b.Articles && a.Loaded == b.Loaded && a.Unchanged == b.Unchanged && a.Replaced == b.Replaced &&
		a.Rejected == b.Rejected && a.Duplicates == b.Duplicates && a.Cleaned == b.Cleaned && a.FileErrors == b.FileErrors
}

func TestLoadIdempotent(t *testing.T) {
	g := newGraph(t)
	first, err := Load(t.Context(), g, testExtractor(), []string{"testdata/good"}, Options{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	before := export(t, g)
	counter := &countingExtractor{Extractor: testExtractor()}
	second, err := Load(t.Context(), g, counter, []string{"testdata/good"}, Options{BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.n.Load(); n != 0 {
		t.Errorf("reload extracted %d articles already stored with the same text", n)
	}
	if first.Loaded != 11 || !first.OK() {
		t.Errorf("first load: %v", first)
	}
	if second.Unchanged != 11 || second.Loaded != 0 || second.Replaced != 0 || second.NodesAdded != 0 || second.EdgesAdded != 0 {
		t.Errorf("second load changed something: %v", second)
	}
	if after := export(t, g); !bytes.Equal(before, after) {
		t.Errorf("export differs after reloading the same files")
	}
}

type countingExtractor struct {
	Extractor
	n atomic.Int64
}

func (c *countingExtractor) Extract(a extract.Article) extract.Result {
	c.n.Add(1)
	return c.Extractor.Extract(a)
}

// signalGraph is a graph whose View reports each article id looked up.
type signalGraph struct {
	*graph.Graph
	viewed chan string
}

func (s signalGraph) View(ctx context.Context, fn func(graph.Reader) error) error {
	return s.Graph.View(ctx, func(r graph.Reader) error {
		return fn(lookupSpy{r, s.viewed})
	})
}

type lookupSpy struct {
	graph.Reader
	viewed chan string
}

func (l lookupSpy) Article(id string) (*graph.Article, error) {
	a, err := l.Reader.Article(id)
	l.viewed <- id
	return a, err
}

// gateExtractor holds the extraction of one text until released.
type gateExtractor struct {
	Extractor
	text string
	gate chan struct{}
}

func (g gateExtractor) Extract(a extract.Article) extract.Result {
	if strings.Contains(a.Body, g.text) {
		<-g.gate
	}
	return g.Extractor.Extract(a)
}

// TestLoadSkipIsSound: the worker may find an article unchanged in the store
// before an earlier record of the same load replaces it; the article must then
// be extracted and applied after all, so the later record wins, whole.
// It holds with the fewest ids a load remembers (recentIDs).
func TestLoadSkipIsSound(t *testing.T) {
	old := recentWindow
	recentWindow = 1
	t.Cleanup(func() { recentWindow = old })
	g := newGraph(t)
	textA := `{"id":"d1","body":"Algerian Interior Minister Kamel Beldjoud received his Libyan counterpart Khaled Mazen in Algiers.","lang":"en"}`
	textB := `{"id":"d1","body":"Algerian Interior Minister Kamel Beldjoud called his Tunisian counterpart Kamel Feki.","lang":"en"}`
	if _, err := LoadReader(t.Context(), g, testExtractor(), "a", strings.NewReader(textA), Options{}); err != nil {
		t.Fatal(err)
	}
	viewed := make(chan string, 10)
	gate := make(chan struct{})
	go func() {
		<-viewed // B's lookup
		<-viewed // A's lookup: it finds A stored, unchanged
		close(gate)
	}()
	x := gateExtractor{Extractor: testExtractor(), text: "Tunisian", gate: gate}
	sum, err := loadReader(t.Context(), signalGraph{g, viewed}, x, "ba", strings.NewReader(textB+"\n"+textA+"\n"),
		Options{Workers: 2, BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Replaced != 2 || sum.Duplicates != 1 {
		t.Errorf("summary %v, want B replacing A, then A replacing B", sum)
	}
	recs, _ := readAll(t, "a", strings.NewReader(textA), 0)
	g.View(t.Context(), func(r graph.Reader) error {
		a, err := r.Article("d1")
		if err != nil || a.Hash != Hash(recs[0].Article) || len(a.Meetings) == 0 {
			t.Errorf("d1 = %+v, %v; want text A with its meeting", a, err)
		}
		return nil
	})
}

func TestLoadDuplicate(t *testing.T) {
	for _, batch := range []int{1, 256} { // across batches and within one
		g := newGraph(t)
		sum, err := Load(t.Context(), g, testExtractor(), []string{"testdata/bad/duplicate.jsonl"}, Options{BatchSize: batch})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Duplicates != 1 || sum.Replaced != 1 || sum.Loaded != 2 {
			t.Errorf("batch %d: %v", batch, sum)
		}
		recs, _ := readFile(t, "testdata/bad/duplicate.jsonl")
		g.View(t.Context(), func(r graph.Reader) error {
			a, err := r.Article("d1")
			if err != nil || a.Hash != Hash(recs[2].Article) {
				t.Errorf("batch %d: d1 is not the later text: %+v %v", batch, a, err)
			}
			return nil
		})
	}
}

func TestLoadStrict(t *testing.T) {
	g := newGraph(t)
	sum, err := Load(t.Context(), g, testExtractor(), []string{"testdata/bad/invalid_json.jsonl"}, Options{Strict: true})
	if !errors.Is(err, ErrStrict) || !strings.Contains(err.Error(), "invalid_json.jsonl:2:") {
		t.Fatalf("err = %v, want ErrStrict naming line 2", err)
	}
	if got := storedIDs(t, g); !slices.Equal(got, []string{"j1"}) || sum.Loaded != 1 || sum.Rejected != 1 {
		t.Errorf("stored %q, summary %v; want only j1", got, sum)
	}
	_, err = Load(t.Context(), g, testExtractor(), []string{"testdata/folder", "testdata/nope"}, Options{Strict: true})
	if !errors.Is(err, ErrStrict) {
		t.Errorf("missing path in strict mode: %v", err)
	}
}

// articles makes n JSON Lines; the ids listed in special get their own text.
func articles(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"a%03d","title":"t%d","body":"Algerian Interior Minister Kamel Beldjoud received his Libyan counterpart Khaled Mazen in Algiers, report %d.","published":"2021-11-%02d","lang":"en"}`+"\n", i, i, i, 1+i%28)
	}
	return b.String()
}

// fakeStore wraps a graph: it fails batches the way a real store would.
type fakeStore struct {
	g       *graph.Graph
	maxArts int           // ErrTooBig above this many articles
	tooBig  string        // ErrTooBig for any batch holding this id
	delay   time.Duration // per Apply
	calls   [][]string
}

func (f *fakeStore) Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.Article.ID)
	}
	f.calls = append(f.calls, ids)
	time.Sleep(f.delay)
	if (f.maxArts > 0 && len(cs) > f.maxArts) || slices.Contains(ids, f.tooBig) {
		return graph.ApplyResult{}, fmt.Errorf("fake: %w", graph.ErrTooBig)
	}
	return f.g.Apply(ctx, cs)
}

// droppingStore records the calls a load makes to the graph.
type droppingStore struct {
	fakeStore
	log []string
}

func (d *droppingStore) Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	d.log = append(d.log, "apply")
	return d.fakeStore.Apply(ctx, cs)
}

func (d *droppingStore) DropCache() { d.log = append(d.log, "drop") }

// TestLoadDropsCacheAtEnd checks that a load frees the graph's hot records
// once, after its last batch, whether it ends well or is cancelled.
func TestLoadDropsCacheAtEnd(t *testing.T) {
	d := &droppingStore{fakeStore: fakeStore{g: newGraph(t)}}
	if _, err := loadReader(t.Context(), d, testExtractor(), "in.jsonl", strings.NewReader(articles(25)), Options{BatchSize: 10}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"apply", "apply", "apply", "drop"}; !slices.Equal(d.log, want) {
		t.Errorf("calls %v, want %v", d.log, want)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	d = &droppingStore{fakeStore: fakeStore{g: newGraph(t)}}
	if _, err := loadReader(ctx, d, testExtractor(), "in.jsonl", strings.NewReader(articles(25)), Options{BatchSize: 10}); err == nil {
		t.Error("cancelled load: no error")
	}
	if len(d.log) == 0 || d.log[len(d.log)-1] != "drop" || slices.Index(d.log, "drop") != len(d.log)-1 {
		t.Errorf("cancelled load: calls %v, want one drop at the end", d.log)
	}
}

func TestLoadSplitsTooBig(t *testing.T) {
	f := &fakeStore{g: newGraph(t), maxArts: 3, tooBig: "a007"}
	var acked [][]string
	sum, err := loadReader(t.Context(), f, testExtractor(), "in.jsonl", strings.NewReader(articles(20)),
		Options{BatchSize: 10, Ack: func(ids []string) { acked = append(acked, slices.Clone(ids)) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Loaded != 19 || sum.Rejected != 1 {
		t.Errorf("summary %v", sum)
	}
	checkErrors(t, sum.Errors, []string{"in.jsonl:8: record: too large for one store transaction"})
	var flat []string
	for _, ids := range acked {
		if len(ids) > 3 {
			t.Errorf("acked a batch of %d, over the store's limit", len(ids))
		}
		flat = append(flat, ids...)
	}
	want := strings.Fields("a000 a001 a002 a003 a004 a005 a006 a008 a009 a010 a011 a012 a013 a014 a015 a016 a017 a018 a019")
	if !slices.Equal(flat, want) {
		t.Errorf("acked %q, want input order without a007", flat)
	}
}

func TestLoadOrderAndBatches(t *testing.T) {
	f := &fakeStore{g: newGraph(t)}
	var acked []string
	sum, err := loadReader(t.Context(), f, testExtractor(), "in", strings.NewReader(articles(100)),
		Options{BatchSize: 7, Workers: 4, Ack: func(ids []string) { acked = append(acked, ids...) }})
	if err != nil || sum.Loaded != 100 {
		t.Fatal(sum, err)
	}
	for i, id := range acked {
		if id != fmt.Sprintf("a%03d", i) {
			t.Fatalf("ack %d = %s: out of input order", i, id)
		}
	}
	for i, c := range f.calls {
		if len(c) > 7 || (len(c) < 7 && i != len(f.calls)-1) {
			t.Errorf("batch %d has %d articles, want 7 (the last may be short)", i, len(c))
		}
	}
	// BatchBytes closes batches early.
	f = &fakeStore{g: newGraph(t)}
	if _, err := loadReader(t.Context(), f, testExtractor(), "in", strings.NewReader(articles(20)),
		Options{BatchSize: 100, BatchBytes: 300}); err != nil {
		t.Fatal(err)
	}
	if len(f.calls) < 5 {
		t.Errorf("BatchBytes 300 made %d batches of 20 articles", len(f.calls))
	}
}

// TestLoadSlowStream: articles trickling in on a stream are committed and
// acknowledged without waiting for the stream to end.
func TestLoadSlowStream(t *testing.T) {
	pr, pw := io.Pipe()
	acks := make(chan []string, 10)
	done := make(chan error, 1)
	go func() {
		_, err := LoadReader(t.Context(), newGraph(t), testExtractor(), "-", pr,
			Options{FlushAfter: 10 * time.Millisecond, Ack: func(ids []string) { acks <- slices.Clone(ids) }})
		done <- err
	}()
	for i := range 3 {
		fmt.Fprintf(pw, `{"id":"s%d","body":"Algeria %d"}`+"\n", i, i)
		select {
		case ids := <-acks:
			if !slices.Equal(ids, []string{fmt.Sprint("s", i)}) {
				t.Errorf("acked %q", ids)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("article never acknowledged while the stream stays open")
		}
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestLoadCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	f := &fakeStore{g: newGraph(t)}
	acked := 0
	sum, err := loadReader(ctx, f, testExtractor(), "in", strings.NewReader(articles(200)),
		Options{BatchSize: 10, Ack: func(ids []string) { acked += len(ids); cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sum.Articles != 10 || acked != 10 {
		t.Errorf("committed %d, acked %d after cancelling at the first batch", sum.Articles, acked)
	}
}

type panicky struct{ Extractor }

func (p panicky) Extract(a extract.Article) extract.Result {
	if a.ID == "a002" {
		panic("boom")
	}
	return p.Extractor.Extract(a)
}

func TestLoadExtractorPanic(t *testing.T) {
	sum, err := loadReader(t.Context(), &fakeStore{g: newGraph(t)}, panicky{testExtractor()}, "in", strings.NewReader(articles(5)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Loaded != 4 || sum.Rejected != 1 {
		t.Errorf("summary %v", sum)
	}
	checkErrors(t, sum.Errors, []string{"in:3: body: extractor failed: boom"})
}

// syncBuffer is a log writer safe for the progress goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLoadProgressLog(t *testing.T) {
	var logs syncBuffer
	f := &fakeStore{g: newGraph(t), delay: 5 * time.Millisecond}
	var bar bytes.Buffer // not a terminal: no bar, log lines instead
	_, err := loadReader(t.Context(), f, testExtractor(), "in", strings.NewReader(articles(30)),
		Options{BatchSize: 1, Progress: &bar, ProgressEvery: time.Millisecond, Log: zerolog.New(&logs)})
	if err != nil {
		t.Fatal(err)
	}
	if bar.Len() > 0 {
		t.Errorf("progress bar drawn on a non-terminal: %q", bar.String())
	}
	out := logs.String()
	for _, field := range []string{`"message":"loading"`, `"articles":`, `"articles_per_s":`, `"mb_per_s":`} {
		if !strings.Contains(out, field) {
			t.Errorf("progress log lacks %s:\n%s", field, out)
		}
	}
}

// TestLoadProgressLogFields: a load of a file (its size known) logs its
// progress with numbers a log collector can use: counts and rates, the share
// done rising to at most 100, and an ETA in seconds that says the same as the
// one written for reading.
func TestLoadProgressLogFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl")
	if err := os.WriteFile(path, []byte(articles(60)), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	f := &fakeStore{g: newGraph(t), delay: 5 * time.Millisecond}
	if _, err := load(t.Context(), f, testExtractor(), []string{path},
		Options{BatchSize: 1, Progress: io.Discard, ProgressEvery: time.Millisecond, Log: zerolog.New(&logs)}); err != nil {
		t.Fatal(err)
	}
	lines, etas, last := 0, 0, -1.0
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if ev["message"] != "loading" {
			continue
		}
		lines++
		for _, k := range []string{"articles", "bytes", "articles_per_s", "mb_per_s", "done_pct"} {
			if x, ok := ev[k].(float64); !ok || x < 0 {
				t.Errorf("%s is %#v, want a number >= 0: %s", k, ev[k], line)
			}
		}
		done, _ := ev["done_pct"].(float64)
		if done > 100 || done < last {
			t.Errorf("done_pct %v after %v: %s", done, last, line)
		}
		last = done
		if s, ok := ev["eta_s"]; ok {
			etas++
			d, err := time.ParseDuration(fmt.Sprint(ev["eta"]))
			if secs, isNum := s.(float64); !isNum || err != nil || d != time.Duration(secs)*time.Second {
				t.Errorf("eta_s %#v and eta %#v disagree: %s", s, ev["eta"], line)
			}
		}
	}
	if lines == 0 || etas == 0 {
		t.Fatalf("%d progress lines, %d with an ETA:\n%s", lines, etas, logs.String())
	}
}

func TestToContribution(t *testing.T) {
	a := extract.Article{ID: "ar-1", Title: "t", Body: "b", Published: "2021-11-27", Lang: "ar"}
	r := extract.Result{
		Officials: []extract.Official{
			{Ref: "o1", Name: "Khaled Mazen", Aliases: []string{"مازن", "خالد مازن", "مازن"}, Country: "LY",
				Title: "Minister of Interior", Portfolio: "interior", Evidence: []string{"s1", "s1", "s2"}},
			{Ref: "o2", Name: "Kamel Beldjoud", Country: "DZ", Title: "Minister of Interior"},
			{Ref: "o3", Name: "Nobody", Country: "TN"},
		},
		Meetings: []extract.Meeting{{Participants: []string{"خالد مازن", "كمال بلجود"}, Refs: []string{"o1", "o2", "o9"},
			Countries: []string{"LY", "DZ", "LY"}, Date: "2021-11-28", Kind: "visit", Status: "held", Evidence: "s3"}},
		Agreements: []extract.Agreement{
			{Countries: []string{"LY", "DZ"}, Subject: "open the crossing", Kind: "agreement", Status: "agreed", Meeting: 0, Evidence: "s4"},
			{Countries: []string{"DZ", "TN"}, Kind: "mou", Meeting: 5, Signatories: []string{"o3"}},
		},
	}
	c := ToContribution(a, r)
	if c.Article.ID != "ar-1" || c.Article.Lang != "ar" || c.Article.Hash != Hash(a) || len(c.Article.Hash) != 64 {
		t.Errorf("article = %+v", c.Article)
	}
	o1 := c.Officials[0]
	if want := []graph.Name{{Text: "خالد مازن", Lang: "ar"}, {Text: "مازن", Lang: "ar"}}; !slices.Equal(o1.Names, want) {
		t.Errorf("names = %v, want fullest first, no duplicates: %v", o1.Names, want)
	}
	if o1.Latin != "Khaled Mazen" || o1.Date != "2021-11-28" || o1.Portfolio != "interior" {
		t.Errorf("o1 = %+v", o1)
	}
	if want := []graph.Source{{Article: "ar-1", Sentence: "s1"}, {Article: "ar-1", Sentence: "s2"}}; !slices.Equal(o1.Sources, want) {
		t.Errorf("o1 sources = %v", o1.Sources)
	}
	o2 := c.Officials[1]
	if o2.Sources[0].Sentence != "s3" || o2.Names[0].Text != "Kamel Beldjoud" {
		t.Errorf("o2 takes its meeting's evidence and its Latin name: %+v", o2)
	}
	if o3 := c.Officials[2]; o3.Date != "2021-11-27" || len(o3.Sources) != 1 || o3.Sources[0].Article != "ar-1" {
		t.Errorf("o3 (no event, no evidence): %+v", o3)
	}
	m := c.Meetings[0]
	if !slices.Equal(m.Participants, []string{"o1", "o2"}) || !slices.Equal(m.Countries, []string{"DZ", "LY"}) ||
		m.Sources[0] != (graph.Source{Article: "ar-1", Sentence: "s3"}) {
		t.Errorf("meeting = %+v", m)
	}
	if c.Agreements[0].Meeting != 0 || c.Agreements[1].Meeting != -1 || !slices.Equal(c.Agreements[1].Signatories, []string{"o3"}) {
		t.Errorf("agreements = %+v", c.Agreements)
	}
}

func TestHash(t *testing.T) {
	a := extract.Article{ID: "x", Title: "ab", Body: "c", Lang: "en"}
	// Stores keep the hashes of the articles they hold, and a re-load
	// compares them: the digest of lang, published, title and body joined
	// by NUL must not change.
	if got, want := Hash(a), "2a0054cb45cafc117922c6eef46786719ba178caf1de87d4d109790cd1addf36"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
	b := a
	b.ID = "y"
	if Hash(a) != Hash(b) {
		t.Error("hash depends on the id")
	}
	b.Title, b.Body = "a", "bc"
	if Hash(a) == Hash(b) {
		t.Error("title/body boundary not part of the hash")
	}
}

// streamArticles is an io.Reader producing n JSON Lines of about size bytes
// each, made on demand so that the test itself holds none of them.
type streamArticles struct {
	n, i, size int
	buf        []byte
}

func (s *streamArticles) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		if s.i == s.n {
			return 0, io.EOF
		}
		body := strings.Repeat(fmt.Sprintf("Algeria and Libya, paragraph of report %d. ", s.i), s.size/48)
		s.buf = fmt.Appendf(nil, `{"id":"m%d","body":%q,"lang":"en"}`+"\n", s.i, body)
		s.i++
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// discardStore commits nothing: the test measures the pipeline's own memory.
type discardStore struct{ delay time.Duration }

func (d discardStore) Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	time.Sleep(d.delay)
	return graph.ApplyResult{Outcomes: slices.Repeat([]graph.Outcome{graph.OutcomeLoaded}, len(cs))}, nil
}

// TestLoadMemoryFlat: with a store much slower than the reader (10 ms a
// batch), back-pressure keeps the live heap far below the size of the input
// (80 MB here). Without it (no in-flight budget, an unbounded queue) the
// reader runs ahead and the live heap grew by 227 MiB.
func TestLoadMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("80 MB stream")
	}
	const n, size = 20000, 4000
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base) // reference data (gazetteer, lexicons) is already in the heap
	var peak uint64
	batches := 0
	sum, err := loadReader(t.Context(), discardStore{delay: 10 * time.Millisecond}, stubExtractor{}, "big", &streamArticles{n: n, size: size},
		Options{Ack: func([]string) {
			if batches++; batches%4 == 0 {
				// What the load holds, not the garbage it has not collected
				// yet: how much of that there is depends on when the
				// collector ran, which varies with the machine's load (a
				// busy CI machine once saw 48 MiB in use where an idle one
				// sees 34-38).
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}})
	if err != nil || sum.Articles != n {
		t.Fatal(sum, err)
	}
	if sum.Bytes < n*size*3/4 {
		t.Fatalf("read %d bytes, want ≥ %d", sum.Bytes, n*size*3/4)
	}
	// The reader stays within the in-flight budget (4 batches' bytes, 32
	// MiB here) plus its buffers: 19 MiB live is measured. A load that kept
	// what it read would hold the 72 MiB of input.
	grew := int64(peak) - int64(base.HeapAlloc)
	if grew > 40<<20 {
		t.Errorf("live heap grew by %d MiB while streaming %d MiB", grew>>20, sum.Bytes>>20)
	}
	t.Logf("live heap grew by at most %d MiB for %d MiB of input", grew>>20, sum.Bytes>>20)
}

// TestLoadBadgerReopen: everything Load acknowledged is in the on-disk store
// after it is closed and reopened, and the graph equals one loaded in memory.
func TestLoadBadgerReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s, err := badgerstore.Open(dir, badgerstore.Options{GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.New(s, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	var acked []string
	sum, err := Load(t.Context(), g, testExtractor(), []string{"testdata/good", "testdata/bad", "testdata/folder"}, Options{BatchSize: 3,
		Ack: func(ids []string) { acked = append(acked, ids...) }})
	if err != nil || sum.Articles != 31 {
		t.Fatal(sum, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = badgerstore.Open(dir, badgerstore.Options{GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g, _ = graph.New(s, testCountries)
	stored := storedIDs(t, g)
	for _, id := range acked {
		if _, ok := slices.BinarySearch(stored, id); !ok {
			t.Errorf("acknowledged article %s missing after reopening", id)
		}
	}
	mem := newGraph(t)
	if _, err := Load(t.Context(), mem, testExtractor(), []string{"testdata/good", "testdata/bad", "testdata/folder"}, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(export(t, g), export(t, mem)) {
		t.Error("graph loaded into Badger (batches of 3) differs from the one loaded in memory (one batch)")
	}
}

// failStore fails every batch holding a poisoned id, or everything once broken.
type failStore struct {
	fakeStore
	poison string
	broken bool
}

func (f *failStore) Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	for _, c := range cs {
		if f.broken || c.Article.ID == f.poison {
			return graph.ApplyResult{}, errors.New("graph: apply article: bad state\nsecond line")
		}
	}
	return f.fakeStore.Apply(ctx, cs)
}

func TestLoadIsolatesRefusedArticle(t *testing.T) {
	f := &failStore{fakeStore: fakeStore{g: newGraph(t)}, poison: "a013"}
	sum, err := loadReader(t.Context(), f, testExtractor(), "in", strings.NewReader(articles(40)), Options{BatchSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Loaded != 39 || sum.Rejected != 1 {
		t.Errorf("summary %v", sum)
	}
	checkErrors(t, sum.Errors, []string{"in:14: record: refused by the graph: graph: apply article: bad state second line"})

	// A store that refuses everything stops the load with its error after a
	// few rejections, instead of rejecting every article.
	f = &failStore{fakeStore: fakeStore{g: newGraph(t)}, broken: true}
	sum, err = loadReader(t.Context(), f, testExtractor(), "in", strings.NewReader(articles(40)), Options{BatchSize: 16})
	if err == nil || !strings.Contains(err.Error(), "bad state") {
		t.Errorf("err = %v, want the store's error", err)
	}
	if sum.Rejected >= maxRefusedInRow || sum.Articles != 0 || len(f.calls) > 12 {
		t.Errorf("broken store: %v after %d calls", sum, len(f.calls))
	}
}

type alwaysPanics struct{}

func (alwaysPanics) Extract(extract.Article) extract.Result { panic("always") }

// TestLoadBudgetReleasedOnFailure: records the extractor fails on give back
// their share of the in-flight budget (a tiny one here), or the load would
// stall after a few.
func TestLoadBudgetReleasedOnFailure(t *testing.T) {
	done := make(chan Summary, 1)
	go func() {
		sum, _ := loadReader(t.Context(), &fakeStore{g: newGraph(t)}, alwaysPanics{}, "in", strings.NewReader(articles(50)),
			Options{BatchBytes: 100, MaxRecord: 200, Workers: 1})
		done <- sum
	}()
	select {
	case sum := <-done:
		if sum.Rejected != 50 {
			t.Errorf("summary %v", sum)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("load stalled: budget not released by failed records")
	}
}

func TestMergeMentions(t *testing.T) {
	a := extract.Article{ID: "x", Body: "b", Lang: "en"}
	m := extract.Meeting{Refs: []string{"o1", "o2"}, Countries: []string{"DZ", "LY"}, Kind: "visit", Status: "held", Date: "2021-11-28"}
	m1, m2, m3 := m, m, m
	m1.Evidence, m2.Evidence, m3.Evidence = "s1", "s2", "s1"
	other := m
	other.Kind, other.Evidence = "call", "s3"
	ag := extract.Agreement{Countries: []string{"DZ", "LY"}, Subject: "open the crossing", Kind: "agreement", Status: "agreed"}
	ag1, ag2, ag3 := ag, ag, ag
	ag1.Meeting, ag1.Evidence = 1, "s4" // the second meeting, merged into the first
	ag2.Meeting, ag2.Evidence = 0, "s5" // the same agreement then
	ag3.Meeting, ag3.Evidence = 3, "s6" // the call
	r := extract.Result{
		Officials:  []extract.Official{{Ref: "o1", Name: "A", Country: "DZ"}, {Ref: "o2", Name: "B", Country: "LY"}},
		Meetings:   []extract.Meeting{m1, m2, m3, other},
		Agreements: []extract.Agreement{ag1, ag2, ag3},
	}
	c := ToContribution(a, r)
	if len(c.Meetings) != 2 || c.Meetings[1].Kind != "call" {
		t.Fatalf("meetings = %+v", c.Meetings)
	}
	if got := c.Meetings[0].Sources; len(got) != 2 || got[0].Sentence != "s1" || got[1].Sentence != "s2" {
		t.Errorf("merged sources = %v", got)
	}
	if len(c.Agreements) != 2 || c.Agreements[0].Meeting != 0 || c.Agreements[1].Meeting != 1 || len(c.Agreements[0].Sources) != 2 {
		t.Errorf("agreements = %+v", c.Agreements)
	}
}

func TestCutText(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"line one\nline two\nline three", 20, "line one\nline two\n"},
		{"One sentence. Two sentences. Three", 30, "One sentence. Two sentences. "},
		{"خالد مازن", 5, "خال"[:4]}, // never inside a character
	}
	for _, tt := range tests {
		if got := cutText(tt.s, tt.n); got != tt.want {
			t.Errorf("cutText(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// TestLoadTenMegabyteArticle: a 10 MB article loads (under the record limit)
// and memory grows by a bounded amount: the extractor reads its first MiB.
func TestLoadTenMegabyteArticle(t *testing.T) {
	para := "Algerian Interior Minister Kamel Beldjoud received his Libyan counterpart Khaled Mazen in Algiers on Sunday. The two ministers agreed to open the Debdeb border crossing.\n"
	body := strings.Repeat(para, 10<<20/len(para))
	line := fmt.Sprintf(`{"id":"big","body":%q,"published":"2021-11-28","lang":"en"}`, body)
	g := newGraph(t)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	sum, err := LoadReader(t.Context(), g, testExtractor(), "big.jsonl", strings.NewReader(line), Options{})
	close(stop)
	<-sampled
	if err != nil || sum.Loaded != 1 {
		t.Fatal(sum, err)
	}
	if grew := int64(peak.Load()) - int64(before.HeapInuse); grew > 256<<20 {
		t.Errorf("heap grew by %d MiB loading a 10 MB article", grew>>20)
	}
	g.View(t.Context(), func(r graph.Reader) error {
		ms, _, err := r.Meetings(graph.EventFilter{Between: []string{"DZ", "LY"}}, graph.Page{})
		if err != nil || len(ms) != 1 || len(ms[0].Sources) > maxSources {
			t.Errorf("meetings of the repeated paragraph: %d, %v", len(ms), err)
		}
		return nil
	})
}

// TestConcurrentLoads: two loads into one graph at once (a server receiving
// two posts) both complete, every article is stored once, the graph is sound.
func TestConcurrentLoads(t *testing.T) {
	g := newGraph(t)
	var wg sync.WaitGroup
	sums := make([]Summary, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			// Overlapping inputs: articles 0–59 and 30–89.
			var b strings.Builder
			for _, line := range strings.SplitAfter(articles(90), "\n")[i*30 : i*30+60] {
				b.WriteString(line)
			}
			sums[i], errs[i] = LoadReader(t.Context(), g, testExtractor(), fmt.Sprint("post", i), strings.NewReader(b.String()),
				Options{BatchSize: 7})
		})
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil || sums[i].Articles != 60 {
			t.Errorf("load %d: %v %v", i, sums[i], errs[i])
		}
	}
	if got := sums[0].Loaded + sums[1].Loaded; got != 90 {
		t.Errorf("%d articles loaded in all, want 90 (the 30 shared ones once)", got)
	}
	if n := len(storedIDs(t, g)); n != 90 {
		t.Errorf("%d articles stored, want 90", n)
	}
	if problems, err := g.Check(t.Context()); err != nil || len(problems) > 0 {
		t.Errorf("graph check: %v %v", problems, err)
	}
}
