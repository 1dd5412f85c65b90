package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader"
	"diplograph/loader/extract"
	"diplograph/loader/gen"
	"diplograph/web"

	"github.com/rs/zerolog"
)

// cmdBench measures, in one run on one generated corpus: end-to-end load
// throughput, the machine's ceiling for the same bytes (read + decode + write
// raw articles, no extraction), peak RSS, CPU time and page faults while
// loading, and the latency of the analyst queries under 1 and 8 concurrent
// clients. With --runs N, the ceiling, extraction and load stages run N
// times, one after the other, and their figures are medians with the range
// beside them: this machine's speed varies by 10-30 % between runs of the
// same binary.
func cmdBench(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench", "[--n 100000] [--seed 1] [--turnover 0] [--dir DIR] [--runs 1] [--queries 200] [--cpuprofile FILE] [--memprofile FILE] | --store DIR [--queries 200] [--cpuprofile FILE]")
	n := fs.Int("n", 100000, "articles to generate and load")
	seed := fs.Uint64("seed", 1, "corpus seed")
	turnover := fs.Int("turnover", 0, "generate ministers with terms of this many events on average (see gen)")
	dir := fs.String("dir", "", "work directory (default: a temporary one, removed after)")
	runs := fs.Int("runs", 1, "run the ceiling, extraction and load stages this many times and print medians and ranges (the queries run once, on the last load's store)")
	queries := fs.Int("queries", 200, "requests per query and concurrency level")
	corpus := fs.String("corpus", "", "load this corpus instead of generating one")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the (last) load stage to this file (go tool pprof)")
	memprofile := fs.String("memprofile", "", "write a heap profile taken at the end of the (last) load stage to this file")
	store := fs.String("store", "", "measure only the queries, on this loaded store (a data directory); --cpuprofile then profiles them")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *runs < 1 {
		return fmt.Errorf("%w: --runs must be at least 1", errUsage)
	}
	setHeapLimit()
	if *store != "" {
		return benchStore(ctx, e, *store, *queries, *cpuprofile)
	}
	work := *dir
	if work == "" {
		d, err := os.MkdirTemp("", "diplograph-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		work = d
	}
	path := *corpus
	if path == "" {
		path = filepath.Join(work, "corpus.jsonl")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		start := time.Now()
		if err := gen.Generate(f, gen.Options{N: *n, Seed: *seed, Turnover: *turnover}); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		e.log.Info().Int("articles", *n).Dur("took", time.Since(start)).Msg("corpus generated")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	size := fi.Size()

	var rs []benchRun
	var g *graph.Graph
	var st *badgerstore.Store
	for i := range *runs {
		last := i == *runs-1
		var r benchRun
		// 1. Ceiling: the same bytes read, decoded and written raw to Badger.
		if r.ceil, err = benchCeiling(ctx, path, filepath.Join(work, "raw")); err != nil {
			return fmt.Errorf("ceiling: %w", err)
		}
		os.RemoveAll(filepath.Join(work, "raw"))
		// 1b. The extractor's share: the same bytes read, decoded and
		// extracted on every core, nothing stored. A load cannot beat it.
		if r.xonly, err = benchExtraction(ctx, path); err != nil {
			return fmt.Errorf("extraction: %w", err)
		}
		// 2. End-to-end load into a new store; the last one is kept for
		// the queries (and --dir).
		storeDir := filepath.Join(work, "store")
		if err := os.RemoveAll(storeDir); err != nil {
			return err
		}
		prof, mprof := "", ""
		if last {
			prof, mprof = *cpuprofile, *memprofile
		}
		g, st, err = benchLoad(ctx, e, path, storeDir, prof, mprof, &r)
		if err != nil {
			return err
		}
		rs = append(rs, r)
		if !last {
			if err := st.Close(); err != nil {
				return err
			}
			// What the load's heap kept goes back before the next run, whose
			// peak RSS would count it.
			debug.FreeOSMemory()
		}
	}
	defer st.Close()

	// 3. Query latency over HTTP on loopback, through the real server, once
	// Badger has finished the compactions the load left behind (reported:
	// a server that has just loaded competes with them meanwhile).
	settle, err := settleStore(ctx, st)
	if err != nil {
		return err
	}
	lat, err := benchQueries(ctx, g, e, *queries)
	if err != nil {
		return fmt.Errorf("queries: %w", err)
	}

	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	final := rs[len(rs)-1]
	fmt.Fprintf(w, "corpus\t%d articles, %.1f MB\t(%s)\n", final.load.n, float64(size)/1e6, filepath.Base(path))
	if len(rs) > 1 {
		fmt.Fprintf(w, "runs\t%d\teach figure: median (min-max)\t\n", len(rs))
	}
	mb := float64(size) / 1e6
	each := func(f func(r benchRun) float64) []float64 {
		var xs []float64
		for _, r := range rs {
			xs = append(xs, f(r))
		}
		return xs
	}
	// throughput prints a stage's articles/s, the MB/s at their median, and
	// the time its runs took; share, the time of a stage as a percentage of
	// the load's, run by run.
	throughput := func(label string, of func(benchRun) stage) {
		rate := each(func(r benchRun) float64 { return float64(of(r).n) / of(r).d.Seconds() })
		fmt.Fprintf(w, "%s\t%s articles/s\t%.1f MB/s\t%s\n", label, figure(rate, "%.0f"),
			median(rate)*mb/float64(of(final).n), durations(each(func(r benchRun) float64 { return of(r).d.Seconds() })))
	}
	share := func(label string, of func(benchRun) stage) {
		fmt.Fprintf(w, "%s\t%s%%\t\t\n", label, figure(each(func(r benchRun) float64 { return 100 * of(r).d.Seconds() / r.load.d.Seconds() }), "%.0f"))
	}
	throughput("load end to end", func(r benchRun) stage { return r.load })
	throughput("ceiling (read+decode+raw write)", func(r benchRun) stage { return r.ceil })
	share("load / ceiling", func(r benchRun) stage { return r.ceil })
	throughput("extraction only (read+decode+extract)", func(r benchRun) stage { return r.xonly })
	share("load / extraction only", func(r benchRun) stage { return r.xonly })
	fmt.Fprintf(w, "peak RSS during load\t%s MiB\t\t\n", figure(each(func(r benchRun) float64 { return float64(r.peak) / (1 << 20) }), "%.0f"))
	if final.stat.cpu() > 0 && final.load.n > 0 {
		// Whether the load is CPU-bound, and the CPU per article, which
		// varies less than the wall time between builds on a shared machine.
		fmt.Fprintf(w, "load CPU (user + sys)\t%s ms per article\t%s of %d cores busy\t%s\n",
			figure(each(func(r benchRun) float64 { return float64(r.stat.cpu()) / float64(time.Millisecond) / float64(r.load.n) }), "%.2f"),
			figure(each(func(r benchRun) float64 { return r.stat.cpu().Seconds() / r.load.d.Seconds() }), "%.2f"), runtime.GOMAXPROCS(0),
			durations(each(func(r benchRun) float64 { return r.stat.cpu().Seconds() })))
		// What varies most between machines of one kind: a page fault
		// (the load touches new heap, writes the value log and tables
		// through mappings, and reads them back) cost 8-22 µs on a
		// virtual machine where the same build loaded at about half the
		// speed it had on another; their handling is in the kernel's
		// share of the CPU. The last column counts every run's faults, as
		// the CPU line's adds every run's time.
		fmt.Fprintf(w, "load page faults\t%s per article\t%s%% of the CPU in the kernel\t%.0f in all\n",
			figure(each(func(r benchRun) float64 { return float64(r.stat.faults()) / float64(r.load.n) }), "%.1f"),
			figure(each(func(r benchRun) float64 { return 100 * r.stat.sys.Seconds() / r.stat.cpu().Seconds() }), "%.0f"),
			sumOf(each(func(r benchRun) float64 { return float64(r.stat.faults()) })))
	}
	fmt.Fprintf(w, "graph\t%d nodes and %d edges added\t\t\n", final.sum.NodesAdded, final.sum.EdgesAdded)
	fmt.Fprintf(w, "compactions after the load\t%s\t\t\n", settle.Round(100*time.Millisecond))
	printLatencies(w, lat)
	return w.Flush()
}

// benchRun is what one run of the bench's stages measured.
type benchRun struct {
	ceil, xonly, load stage    // load.n: articles loaded, unchanged or replaced
	stat              procStat // CPU time and page faults of the load
	peak              int64
	sum               loader.Summary
}

// benchLoad loads the corpus at path into a new store at dir, measuring the
// load into r, and returns the open graph and store.
func benchLoad(ctx context.Context, e *env, path, dir, cpuprofile, memprofile string, r *benchRun) (*graph.Graph, *badgerstore.Store, error) {
	// Peak RSS is measured from here.
	resetPeakRSS()
	// Opened as every command opens a store: a graph without the
	// gazetteer's countries answers a country's meetings with null and
	// leaves countries out of neighbourhoods, and the bench measured that
	// until a check of the answers (measure) caught it.
	g, st, err := openGraphWith(e, dir, badgerstore.Options{})
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*graph.Graph, *badgerstore.Store, error) {
		st.Close()
		return nil, nil, err
	}
	quiet := e.log.Level(zerolog.WarnLevel)
	stopProfile, err := startCPUProfile(cpuprofile)
	if err != nil {
		return fail(err)
	}
	start, stat0 := time.Now(), readProcStat()
	sum, err := loader.Load(ctx, g, extract.New(), []string{path}, loader.Options{Workers: runtime.GOMAXPROCS(0), Log: quiet})
	r.load.d, r.stat = time.Since(start), readProcStat().sub(stat0)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if memprofile != "" && err == nil {
		err = writeHeapProfile(memprofile)
	}
	if err != nil {
		return fail(err)
	}
	r.peak = peakRSS()
	r.sum = sum
	r.load.n = sum.Loaded + sum.Unchanged + sum.Replaced
	return g, st, nil
}

// median returns the median of xs (the mean of the middle two for an even
// count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// figure prints the median of xs in format, and with several runs their
// range: "3991 (3832-4303)".
func figure(xs []float64, format string) string {
	m := fmt.Sprintf(format, median(xs))
	if len(xs) < 2 {
		return m
	}
	return fmt.Sprintf("%s ("+format+"-"+format+")", m, slices.Min(xs), slices.Max(xs))
}

// sumOf adds up the runs' figures.
func sumOf(xs []float64) float64 {
	var total float64
	for _, x := range xs {
		total += x
	}
	return total
}

// durations prints the one run's duration, or with several runs their sum.
func durations(secs []float64) string {
	d := time.Duration(sumOf(secs) * float64(time.Second))
	if len(secs) < 2 {
		return d.Round(time.Millisecond).String()
	}
	return fmt.Sprintf("%s in all", d.Round(100*time.Millisecond))
}

// benchStore measures the analyst queries on a store loaded before (by
// load or by bench --dir), after its pending compactions: a query change is
// measured without loading again.
func benchStore(ctx context.Context, e *env, dir string, queries int, cpuprofile string) error {
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		return fmt.Errorf("--store %s: not a loaded store: %w", dir, err)
	}
	g, st, err := openGraph(e, dir, false)
	if err != nil {
		return err
	}
	defer st.Close()
	settle, err := settleStore(ctx, st)
	if err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(cpuprofile)
	if err != nil {
		return err
	}
	lat, err := benchQueries(ctx, g, e, queries)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "store\t%s\t\t\n", dir)
	fmt.Fprintf(w, "compactions before the queries\t%s\t\t\n", settle.Round(100*time.Millisecond))
	printLatencies(w, lat)
	return w.Flush()
}

// settleStore waits, up to ten minutes, for the compactions a load left
// behind, and returns how long that took: queries measured meanwhile would
// compete with them.
func settleStore(ctx context.Context, st *badgerstore.Store) (time.Duration, error) {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	d, err := st.Settle(sctx)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return d, err
	}
	return d, nil
}

func printLatencies(w io.Writer, lat []latency) {
	fmt.Fprintln(w, "query\tclients\tp50\tp99")
	for _, l := range lat {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", l.name, l.clients, l.p50, l.p99)
	}
}

// startCPUProfile starts a CPU profile written to path ("" profiles nothing);
// the returned function stops it and closes the file.
func startCPUProfile(path string) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// writeHeapProfile writes the live heap (after a collection) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stage is what one measured stage did: n articles in d.
type stage struct {
	n int
	d time.Duration
}

// eachArticle reads and decodes every non-blank line of path, calling fn
// with the article and the line, and returns how many it read. It decodes
// with the loader's own decoder (loader.DecodeArticle), so that the stages
// that compare with a load read as fast as it does: with encoding/json, the
// decoding took 3.3 to 5.1 s of a 100k corpus's 4.4 s ceiling (the loader's
// decoder: 0.7 to 1.0 s), and the ceiling was the decoder's.
func eachArticle(ctx context.Context, path string, fn func(a extract.Article, line []byte) error) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	n := 0
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		line, err := r.ReadBytes('\n')
		if raw := bytes.TrimSpace(line); len(raw) > 0 {
			a, derr := loader.DecodeArticle(raw)
			if derr != nil {
				return n, fmt.Errorf("%s:%d: %w", path, lineNo, derr)
			}
			if ferr := fn(a, line); ferr != nil {
				return n, ferr
			}
			n++
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// benchCeiling reads and decodes every line of path and writes the raw article
// under its id to a fresh Badger store in batches, as fast as it can.
func benchCeiling(ctx context.Context, path, dir string) (stage, error) {
	st, err := badgerstore.Open(dir, badgerstore.Options{})
	if err != nil {
		return stage{}, err
	}
	defer st.Close()
	start := time.Now()
	type kv struct{ k, v []byte }
	var batch []kv
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := st.Update(ctx, func(tx graph.Tx) error {
			for _, x := range batch {
				if err := tx.Put(x.k, x.v); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	n, err := eachArticle(ctx, path, func(a extract.Article, line []byte) error {
		batch = append(batch, kv{[]byte("raw/" + a.ID), line})
		if len(batch) == 256 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return stage{}, err
	}
	return stage{n, time.Since(start)}, nil
}

// benchExtraction reads and decodes every line of path and extracts each
// article on GOMAXPROCS workers, storing nothing: the bound extraction puts on
// a load of the same bytes on this machine.
func benchExtraction(ctx context.Context, path string) (stage, error) {
	x := extract.New()
	start := time.Now()
	arts := make(chan extract.Article, 64)
	var wg sync.WaitGroup
	var found atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for a := range arts {
				r := x.Extract(a)
				found.Add(int64(len(r.Officials) + len(r.Meetings) + len(r.Agreements)))
			}
		})
	}
	n, err := eachArticle(ctx, path, func(a extract.Article, _ []byte) error {
		arts <- a
		return nil
	})
	close(arts)
	wg.Wait()
	if err != nil {
		return stage{}, err
	}
	if n > 0 && found.Load() == 0 {
		return stage{}, fmt.Errorf("%d articles and nothing extracted", n)
	}
	return stage{n, time.Since(start)}, nil
}

type latency struct {
	name     string
	clients  int
	p50, p99 time.Duration
}

// benchQueries serves g on a loopback port and measures the analyst queries.
func benchQueries(ctx context.Context, g *graph.Graph, e *env, per int) ([]latency, error) {
	srv, err := web.NewServer(web.Config{Addr: "127.0.0.1:0", MaxConcurrent: 64}, g, nil, e.log.Level(zerolog.WarnLevel))
	if err != nil {
		return nil, err
	}
	if err := srv.Open(); err != nil {
		return nil, err
	}
	defer srv.Close(context.Background())

	// Pick subjects from the data: the busiest country pair, an official with
	// meetings, a year with data.
	var official, name, c1, c2, year string
	err = g.View(ctx, func(r graph.Reader) error {
		ms, _, err := r.Meetings(graph.EventFilter{}, graph.Page{First: 1})
		if err != nil {
			return err
		}
		if len(ms) == 0 {
			return fmt.Errorf("no meeting loaded")
		}
		m := ms[0]
		c1, c2 = m.Countries[0], m.Countries[len(m.Countries)-1]
		if len(m.Date) >= 4 {
			year = m.Date[:4]
		}
		if len(m.Participants) > 0 {
			official = m.Participants[0]
			if o, err := r.Official(official); err == nil {
				name = strings.Fields(o.Name)[len(strings.Fields(o.Name))-1]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	qs := []struct{ name, q string }{
		{"country's meetings in a year", fmt.Sprintf(`{country(code:%q){meetings(from:"%s-01-01",to:"%s-12-31",first:50){totalCount edges{node{id date kind}}}}}`, c1, year, year)},
		{"meetings between two countries", fmt.Sprintf(`{meetings(between:[%q,%q],first:50){totalCount edges{node{id date kind place}}}}`, c1, c2)},
		{"official's timeline", fmt.Sprintf(`{official(id:%q){name meetings(first:50){edges{node{id date kind countries{code}}}}}}`, official)},
		// The API's default limit (100 nodes), and a walk five times as
		// large: from a hub it returns thousands of edges.
		{"neighbourhood depth 2, default limit", fmt.Sprintf(`{neighborhood(id:%q,depth:2){nodes{id kind label} edges{id source target}}}`, official)},
		{"neighbourhood depth 2, limit 500", fmt.Sprintf(`{neighborhood(id:%q,depth:2,limit:500){nodes{id kind label} edges{id source target}}}`, official)},
		{"name search", fmt.Sprintf(`{search(text:%q,first:10){id kind name}}`, name)},
	}
	var out []latency
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for _, q := range qs {
		for _, clients := range []int{1, 8} {
			l, err := measure(ctx, client, srv.URL()+"/graphql", q.q, clients, per)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", q.name, err)
			}
			l.name = q.name
			out = append(out, l)
		}
	}
	return out, nil
}

func measure(ctx context.Context, client *http.Client, url, q string, clients, per int) (latency, error) {
	body, _ := json.Marshal(map[string]string{"query": q})
	var mu sync.Mutex
	var times []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := c; i < per; i += clients {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				// The latency ends with the response's last byte; the
				// body is checked for errors after. Decoding it is the
				// client's work, and this client shares the server's two
				// cores: counted, it put the 1M store's depth-2
				// neighbourhood (half a megabyte) at 30-37 ms p50
				// instead of 22-23.
				t0 := time.Now()
				resp, err := client.Do(req)
				var got []byte
				if err == nil {
					got, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				d := time.Since(t0)
				if err == nil {
					err = checkAnswer(got)
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				times = append(times, d)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return latency{}, firstErr
	}
	slices.Sort(times)
	pct := func(p float64) time.Duration {
		return times[min(len(times)-1, int(p*float64(len(times))))].Round(10 * time.Microsecond)
	}
	return latency{clients: clients, p50: pct(0.50), p99: pct(0.99)}, nil
}

// checkAnswer returns an error unless body is a GraphQL response without
// errors whose every top-level field holds something: the bench's queries
// are about subjects picked from the loaded data, so a null or an empty
// list means the time measured was not the query's.
func checkAnswer(body []byte) error {
	var r struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []json.RawMessage          `json:"errors"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return err
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("%s", r.Errors[0])
	}
	if len(r.Data) == 0 {
		return errors.New("no data in the answer")
	}
	for k, v := range r.Data {
		if s := string(bytes.TrimSpace(v)); s == "null" || s == "[]" || s == "{}" {
			return fmt.Errorf("%s: empty answer (%s)", k, s)
		}
	}
	return nil
}

// resetPeakRSS resets the kernel's high-water mark of this process's resident
// set (Linux), so peakRSS measures from now.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// procStat is what /proc/self/stat says of this process's CPU time and
// page faults.
type procStat struct {
	user, sys      time.Duration
	minflt, majflt int64
}

// cpu is the user and system CPU time.
func (p procStat) cpu() time.Duration { return p.user + p.sys }

// faults is the number of page faults, minor and major.
func (p procStat) faults() int64 { return p.minflt + p.majflt }

// sub is what was used between an earlier reading and p.
func (p procStat) sub(q procStat) procStat {
	return procStat{p.user - q.user, p.sys - q.sys, p.minflt - q.minflt, p.majflt - q.majflt}
}

// readProcStat reads this process's /proc/self/stat (Linux); zero elsewhere.
func readProcStat() procStat {
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return procStat{}
	}
	p, _ := parseStat(string(raw))
	return p
}

// parseStat reads minflt, majflt, utime and stime, fields 10, 12, 14 and 15
// of a /proc/PID/stat line; CPU times are in the kernel's USER_HZ ticks (100
// a second on Linux whatever the kernel's own tick). It says false, with a
// zero procStat, if the line does not parse. The fields are counted after
// the command name, which is in parentheses and may hold spaces and
// parentheses itself.
func parseStat(stat string) (procStat, bool) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(stat[i+1:]) // from field 3, the state
	if len(f) < 13 {
		return procStat{}, false
	}
	var n [4]int64
	for j, field := range []int{7, 9, 11, 12} {
		v, err := strconv.ParseInt(f[field], 10, 64)
		if err != nil || v < 0 {
			return procStat{}, false
		}
		n[j] = v
	}
	const tick = 10 * time.Millisecond
	return procStat{user: time.Duration(n[2]) * tick, sys: time.Duration(n[3]) * tick, minflt: n[0], majflt: n[1]}, true
}

// peakRSS reads VmHWM from /proc/self/status (Linux); 0 elsewhere.
func peakRSS() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
