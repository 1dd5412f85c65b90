package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/loader/extract"
)

// Extractor finds officials and events in an article; *extract.Extractor is one.
// It must be safe for concurrent use.
type Extractor interface {
	Extract(extract.Article) extract.Result
}

// Options tune a load. The zero value is usable.
type Options struct {
	// Workers is the number of extraction goroutines. 0 means GOMAXPROCS.
	Workers int
	// BatchSize is the most articles in one transaction. 0 means 256.
	BatchSize int
	// BatchBytes closes a batch early once its articles' text reaches this many
	// bytes, so that batches of long articles stay small. 0 means 8 MiB.
	BatchBytes int
	// MaxRecord is the largest record accepted. 0 means DefaultMaxRecord (16 MiB).
	MaxRecord int
	// MaxExtract is how much of a body the extractor reads: a longer body
	// (a scraper's concatenated pages, not an article) is stored and hashed
	// whole but extracted from its first MaxExtract bytes, cut at a line or
	// sentence end, with a warning. Extraction allocates tens of times the
	// text it reads, so this bounds a worker's memory. 0 means 1 MiB.
	MaxExtract int
	// Strict stops the load at the first rejected record or unreadable file;
	// the articles before it are committed.
	Strict bool
	// Progress receives a progress bar when it is a terminal; otherwise the
	// same figures are logged to Log every ProgressEvery. nil: log only.
	Progress io.Writer
	// ProgressEvery is the interval of progress log lines. 0 means 5s.
	ProgressEvery time.Duration
	// Log receives warnings (duplicates, rejections) and progress lines. The
	// zero Logger discards them.
	Log zerolog.Logger
	// Ack is called after each committed batch with the ids it committed or
	// found already stored unchanged, in input order: every one of them is in
	// the store, whole, when Ack runs. It runs on the loading goroutine: keep
	// it short.
	Ack func(ids []string)
	// MaxErrors is how many errors Summary.Errors keeps (all are counted).
	// 0 means 100.
	MaxErrors int
	// FlushAfter commits a partial batch when no article has arrived for this
	// long (a slow stream, e.g. standard input fed by a scraper). 0 means 1s.
	FlushAfter time.Duration
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 256
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = 8 << 20
	}
	if o.MaxRecord <= 0 {
		o.MaxRecord = DefaultMaxRecord
	}
	if o.MaxExtract <= 0 {
		o.MaxExtract = 1 << 20
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 5 * time.Second
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = 100
	}
	if o.FlushAfter <= 0 {
		o.FlushAfter = time.Second
	}
	return o
}

// load is Load over any applier (tests use a fake graph).
func load(ctx context.Context, g applier, x Extractor, paths []string, o Options) (Summary, error) {
	o = o.withDefaults()
	ins, skipped, errs, closeRoots := Inputs(paths)
	defer closeRoots()
	var sum Summary
	sum.Skipped = skipped
	for _, s := range skipped {
		o.Log.Info().Msg(s.String())
	}
	for _, err := range errs {
		sum.FileErrors++
		sum.addError(err, o.MaxErrors)
		o.Log.Warn().Msg(err.Error())
	}
	if o.Strict && len(errs) > 0 {
		return sum, fmt.Errorf("%w: %v", ErrStrict, errs[0])
	}
	return run(ctx, g, x, ins, o, sum)
}

func loadReader(ctx context.Context, g applier, x Extractor, name string, r io.Reader, o Options) (Summary, error) {
	in := Input{Name: name, Size: -1, Open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}
	return run(ctx, g, x, []Input{in}, o, Summary{})
}

// applier is what the pipeline needs of *graph.Graph.
type applier interface {
	Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error)
}

// viewer is what the pipeline uses, when the applier has it, to skip the
// extraction of articles already stored with the same content.
type viewer interface {
	View(ctx context.Context, fn func(graph.Reader) error) error
}

// cacheDropper is what the pipeline uses, when the applier has it, to free
// the working set a load leaves in the graph (its hot records, kept between
// batches) once the load ends: the process may go on serving queries, and
// after 300k articles that set was 61 MB of a 160 MB live heap, nearly all
// of what a garbage collection has to mark (the rest is Badger's buffers,
// which hold no pointers).
type cacheDropper interface {
	DropCache()
}

// job is one record on its way through the pipeline. Jobs reach the batcher in
// input order; done is closed when extraction is over.
type job struct {
	rec    Record
	err    error // *RecordError or *FileError: nothing to extract
	weight int64 // bytes held against the in-flight budget
	pos    int64 // input bytes read when the record was read, for progress
	// unchanged: the graph held this article with this content when the
	// worker looked; it is not extracted nor applied, and counts as Unchanged.
	unchanged bool
	hash      string // Hash of the article
	done      chan struct{}
	c         graph.Contribution
}

// pipeline is one run of Load.
type pipeline struct {
	o      Options
	g      applier
	x      Extractor
	viewer viewer // nil: extract everything
	sum    Summary
	budget *budget
	read   atomic.Int64 // input bytes read (as stored: compressed for .gz)
	pos    atomic.Int64 // input position of the last record done with (committed or rejected)
	arts   atomic.Int64 // articles done with (committed or rejected)
	seen   *recentIDs   // this load's latest records' ids, with their content
	// refusedInRow counts single articles the graph refused in a row (see
	// apply); it returns to 0 at each commit.
	refusedInRow int
}

// maxRefusedInRow is how many single articles in a row the graph may refuse
// before the failure is taken for the store's, not the articles'.
const maxRefusedInRow = 3

// run loads the inputs in order. It returns the summary of what was committed
// and an error only when the load could not go on (the store failed, the
// context was cancelled, or Strict met a rejection).
func run(ctx context.Context, g applier, x Extractor, ins []Input, o Options, sum Summary) (Summary, error) {
	o = o.withDefaults()
	start := time.Now()
	p := &pipeline{o: o, g: g, x: x, sum: sum}
	p.viewer, _ = g.(viewer)
	if d, ok := g.(cacheDropper); ok {
		defer d.DropCache()
	}
	// The in-flight budget bounds the text held between reader and store,
	// whatever the article sizes: a few batches' worth.
	p.budget = newBudget(max(4*int64(o.BatchBytes), 2*int64(o.MaxRecord)))

	var total int64
	for _, in := range ins {
		if in.Size < 0 {
			total = -1
			break
		}
		total += in.Size
	}
	// Progress follows records done with, not bytes read: the reader runs
	// ahead by up to the in-flight budget, and for gzip by a whole buffer.
	prog := startProgress(o, total, &p.pos, &p.arts)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *job, 4*o.Workers)
	// order holds a whole batch, so that the next batch is extracted while
	// the current one is being committed; the byte budget still bounds it.
	order := make(chan *job, max(16*o.Workers, o.BatchSize))
	// A job's store lookup can only be overtaken by the records ahead of it
	// in order and in the batch being filled: the ids remembered must span
	// many more (see recentIDs).
	p.seen = newRecentIDs(max(recentWindow, 2*(cap(order)+o.BatchSize)))
	var wg sync.WaitGroup
	wg.Go(func() { p.readAll(ctx, ins, work, order) })
	for range o.Workers {
		wg.Go(func() { p.extractAll(ctx, work) })
	}
	err := p.batch(ctx, order)
	cancel()
	p.budget.close()
	// Let the reader and workers finish: after cancel they stop at their next
	// step; the order channel is drained so that none blocks on it.
	go func() {
		for range order {
		}
	}()
	wg.Wait()
	p.sum.Duration = time.Since(start)
	p.sum.Bytes = p.read.Load()
	if err == nil {
		p.pos.Store(p.sum.Bytes)
	}
	prog.stop(p.sum, p.pos.Load())
	return p.sum, err
}

// readAll reads every input and sends each record, valid or not, to order
// (and valid ones to work too). It closes both channels when done.
func (p *pipeline) readAll(ctx context.Context, ins []Input, work, order chan<- *job) {
	defer close(order)
	defer close(work)
	send := func(j *job) bool {
		if j.err == nil {
			if !p.budget.acquire(j.weight) {
				return false
			}
		} else {
			j.weight = 0 // holds nothing against the budget
		}
		select {
		case order <- j:
		case <-ctx.Done():
			return false
		}
		if j.err == nil {
			select {
			case work <- j:
			case <-ctx.Done():
				close(j.done)
				return false
			}
		} else {
			close(j.done)
		}
		return true
	}
	for _, in := range ins {
		rc, err := in.Open()
		if err != nil {
			if !send(&job{err: &FileError{File: in.Name, Err: unwrapPath(err)}, done: make(chan struct{})}) {
				return
			}
			continue
		}
		base := p.read.Load()
		r := NewReader(in.Name, &countingReader{r: rc, n: &p.read}, p.o.MaxRecord)
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			j := &job{rec: rec, err: err, done: make(chan struct{}), weight: int64(rec.Size), pos: base + r.Offset()}
			if !send(j) {
				rc.Close()
				return
			}
		}
		rc.Close()
	}
}

// extractAll runs the extractor on each job. A panic in the extractor rejects
// that article instead of killing the load.
func (p *pipeline) extractAll(ctx context.Context, work <-chan *job) {
	for j := range work {
		j.hash = Hash(j.rec.Article)
		if p.stored(ctx, j) {
			// Already in the graph with this very content: extracting it
			// again would change nothing. Re-running a load that was
			// interrupted skips what it had done at the speed of reading.
			j.unchanged = true
		} else {
			p.extract(j)
		}
		close(j.done)
	}
}

// extract runs the extractor on one job; a panic rejects the article.
func (p *pipeline) extract(j *job) {
	defer func() {
		if v := recover(); v != nil {
			j.err = &RecordError{File: j.rec.File, Line: j.rec.Line, Element: j.rec.Element,
				ID: j.rec.Article.ID, Field: "body", Problem: fmt.Sprintf("extractor failed: %v", v)}
		}
	}()
	a := j.rec.Article
	if len(a.Body) > p.o.MaxExtract {
		a.Body = cutText(a.Body, p.o.MaxExtract)
		p.o.Log.Warn().Str("at", j.rec.Where()).Str("id", a.ID).
			Msgf("body of %s: extracted from its first %s only", humanBytes(int64(len(j.rec.Article.Body))), humanBytes(int64(len(a.Body))))
	}
	// The contribution describes the whole article (its hash is of the
	// whole body), whatever part of it was extracted.
	j.c = toContribution(j.rec.Article, p.x.Extract(a), j.hash)
	// Encoded here, on a worker, rather than by the graph's one writer.
	j.c.Prepare()
}

// cutText returns a prefix of s of at most n bytes, ending after the last
// line break or sentence end in its second half if there is one, else at a
// character boundary.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head := s[:n]
	if i := strings.LastIndexByte(head, '\n'); i >= n/2 {
		return head[:i+1]
	}
	for _, end := range []string{". ", "。", "؟ ", "? ", "! "} {
		if i := strings.LastIndex(head, end); i >= n/2 {
			return head[:i+len(end)]
		}
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// stored reports whether the graph holds the job's article under its id with
// the same content hash.
func (p *pipeline) stored(ctx context.Context, j *job) bool {
	if p.viewer == nil {
		return false
	}
	found := false
	p.viewer.View(ctx, func(r graph.Reader) error {
		a, err := r.Article(j.rec.Article.ID)
		found = err == nil && a.Hash == j.hash
		return nil
	})
	return found
}

// batch takes jobs in input order and commits them in batches.
func (p *pipeline) batch(ctx context.Context, order <-chan *job) error {
	var (
		pending []*job
		ids     = map[string]bool{}
		bytes   int
	)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := p.apply(ctx, pending)
		for _, j := range pending {
			p.budget.release(j.weight)
		}
		pending, bytes = pending[:0], 0
		clear(ids)
		return err
	}
	timer := time.NewTimer(p.o.FlushAfter)
	defer timer.Stop()
	for {
		var j *job
		var ok bool
		select {
		case j, ok = <-order:
		default:
			// Nothing ready: wait, but commit a partial batch if the input
			// has gone quiet, so that slow streams are acknowledged.
			timer.Reset(p.o.FlushAfter)
			select {
			case j, ok = <-order:
			case <-timer.C:
				if err := flush(); err != nil {
					return err
				}
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if !ok {
			if err := flush(); err != nil {
				return err
			}
			return ctx.Err()
		}
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if j.err != nil {
			p.budget.release(j.weight) // a record the extractor failed on
			p.arts.Add(1)
			p.pos.Store(j.pos)
			p.fail(j.err)
			if p.o.Strict {
				if err := flush(); err != nil {
					return err
				}
				return fmt.Errorf("%w: %v", ErrStrict, j.err)
			}
			continue
		}
		id := j.rec.Article.ID
		if j.unchanged && p.seenOther(id, j.hash) {
			// An earlier record of this load had the same id with another
			// text, and may have replaced the stored one since the worker
			// looked: the skip is only sound if this load last wrote this
			// very text, or has not touched the id. Extract now.
			j.unchanged = false
			if p.extract(j); j.err != nil {
				p.budget.release(j.weight)
				p.arts.Add(1)
				p.pos.Store(j.pos)
				p.fail(j.err)
				if p.o.Strict {
					if err := flush(); err != nil {
						return err
					}
					return fmt.Errorf("%w: %v", ErrStrict, j.err)
				}
				continue
			}
		}
		if ids[id] {
			// The same id twice in one batch: commit the first, so the second
			// replaces it as it would across batches.
			if err := flush(); err != nil {
				return err
			}
		}
		p.noteDuplicate(j)
		if j.rec.Cleaned > 0 {
			p.sum.Cleaned++
		}
		pending = append(pending, j)
		ids[id] = true
		bytes += j.rec.Size
		if len(pending) >= p.o.BatchSize || bytes >= p.o.BatchBytes {
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

// seenOther reports whether the latest earlier record of this load with this
// id had other content. Only records ordered after the job's lookup in the
// store matter (see the caller), and seen remembers far more (recentIDs).
func (p *pipeline) seenOther(id, hash string) bool { return p.seen.changed(id, hash) }

// noteDuplicate logs an id met earlier in this load (within the last
// million records or more: recentIDs) and remembers the id's latest content.
func (p *pipeline) noteDuplicate(j *job) {
	rec := j.rec
	if p.seen.put(rec.Article.ID, j.hash) {
		p.sum.Duplicates++
		p.o.Log.Warn().Str("at", rec.Where()).Str("id", rec.Article.ID).
			Msg("id already met in this load: this article replaces the earlier one")
	}
}

// fail records a rejection or a file error.
func (p *pipeline) fail(err error) {
	var fe *FileError
	if errors.As(err, &fe) {
		p.sum.FileErrors++
	} else {
		p.sum.Rejected++
	}
	p.sum.addError(err, p.o.MaxErrors)
	p.o.Log.Warn().Msg(err.Error())
}

// apply commits jobs in one transaction; when the store finds it too big it
// splits it in halves, down to one article, which is then rejected.
func (p *pipeline) apply(ctx context.Context, jobs []*job) error {
	cs := make([]graph.Contribution, 0, len(jobs))
	for _, j := range jobs {
		if !j.unchanged {
			cs = append(cs, j.c)
		}
	}
	var res graph.ApplyResult
	var err error
	for attempt := 0; len(cs) > 0; attempt++ {
		res, err = p.g.Apply(ctx, cs)
		if !errors.Is(err, graph.ErrConflict) || attempt == 4 {
			break
		}
		// Another writer (a server load) touched the same records: retry.
		select {
		case <-time.After(time.Duration(attempt+1) * 20 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if errors.Is(err, graph.ErrTooBig) {
		if len(jobs) == 1 {
			j := jobs[0]
			p.arts.Add(1)
			p.fail(&RecordError{File: j.rec.File, Line: j.rec.Line, Element: j.rec.Element, ID: j.rec.Article.ID,
				Field: "record", Problem: "too large for one store transaction"})
			if p.o.Strict {
				return fmt.Errorf("%w: %s: too large for one store transaction", ErrStrict, j.rec.Where())
			}
			return nil
		}
		h := len(jobs) / 2
		if err := p.apply(ctx, jobs[:h]); err != nil {
			return err
		}
		return p.apply(ctx, jobs[h:])
	}
	if err != nil && isolatable(ctx, err) {
		// One article the graph cannot take (a bug it has on some input)
		// must not stop a ten-million-article load: split the batch to find
		// it and reject it alone. A store that fails for everything (disk
		// full) fails for several single articles in a row: stop then.
		if len(jobs) > 1 {
			h := len(jobs) / 2
			if err := p.apply(ctx, jobs[:h]); err != nil {
				return err
			}
			return p.apply(ctx, jobs[h:])
		}
		if p.refusedInRow++; p.refusedInRow < maxRefusedInRow {
			j := jobs[0]
			p.arts.Add(1)
			p.fail(&RecordError{File: j.rec.File, Line: j.rec.Line, Element: j.rec.Element, ID: j.rec.Article.ID,
				Field: "record", Problem: "refused by the graph: " + strings.ReplaceAll(err.Error(), "\n", " ")})
			if p.o.Strict {
				return fmt.Errorf("%w: %s: refused by the graph: %v", ErrStrict, j.rec.Where(), err)
			}
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("commit %d articles from %s to %s: %w", len(jobs), jobs[0].rec.Where(), jobs[len(jobs)-1].rec.Where(), err)
	}
	p.refusedInRow = 0
	p.sum.Unchanged += len(jobs) - len(cs)
	for _, out := range res.Outcomes {
		switch out {
		case graph.OutcomeLoaded:
			p.sum.Loaded++
		case graph.OutcomeUnchanged:
			p.sum.Unchanged++
		case graph.OutcomeReplaced:
			p.sum.Replaced++
		}
	}
	p.sum.Articles += len(jobs)
	p.sum.NodesAdded += res.NodesAdded
	p.sum.EdgesAdded += res.EdgesAdded
	p.arts.Add(int64(len(jobs)))
	p.pos.Store(jobs[len(jobs)-1].pos)
	if p.o.Ack != nil {
		ids := make([]string, len(jobs))
		for i, j := range jobs {
			ids[i] = j.rec.Article.ID
		}
		p.o.Ack(ids)
	}
	return nil
}

// isolatable reports whether a failed Apply may be due to one of its articles
// (rather than the context or a closed store).
func isolatable(ctx context.Context, err error) bool {
	return ctx.Err() == nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) &&
		!errors.Is(err, graph.ErrClosed) && !errors.Is(err, graph.ErrConflict)
}

// countingReader counts the bytes read from an input, for progress.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// budget is a weighted semaphore over bytes in flight. A single weight larger
// than the whole budget takes all of it (so it cannot deadlock).
type budget struct {
	mu     sync.Mutex
	cond   *sync.Cond
	free   int64
	size   int64
	closed bool
}

func newBudget(n int64) *budget {
	b := &budget{free: n, size: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *budget) clamp(n int64) int64 { return min(n, b.size) }

// acquire waits for n bytes; false once the budget is closed.
func (b *budget) acquire(n int64) bool {
	n = b.clamp(n)
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n && !b.closed {
		b.cond.Wait()
	}
	if b.closed {
		return false
	}
	b.free -= n
	return true
}

func (b *budget) release(n int64) {
	n = b.clamp(n)
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}
