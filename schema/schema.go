package schema

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/graph-gophers/graphql-go"
	gqlerrors "github.com/graph-gophers/graphql-go/errors"
	"github.com/graph-gophers/graphql-go/introspection"
	"github.com/graph-gophers/graphql-go/trace/tracer"
	"github.com/rs/zerolog"

	"diplograph/graph"
)

//go:embed *.graphql
var sdl embed.FS

// SDL returns the schema definition, the concatenation of schema/*.graphql in
// name order. The files are embedded so the binary carries its own schema and
// `diplograph` can print it for tools.
func SDL() string {
	names, err := fs.Glob(sdl, "*.graphql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		data, err := sdl.ReadFile(n)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.String()
}

// Viewer is what the schema needs from the graph: a consistent snapshot per
// request. *graph.Graph implements it.
type Viewer interface {
	View(ctx context.Context, fn func(graph.Reader) error) error
}

// Defaults of the options. Each option documents its own.
const (
	DefaultMaxDepth       = 15
	DefaultMaxQueryLength = 16 << 10
	DefaultMaxSelections  = 2000
	DefaultMaxCost        = 50000
	DefaultMaxParallelism = 4
	DefaultPageSize       = 50
	DefaultMaxPageSize    = 500
	DefaultTimeout        = 10 * time.Second
)

// Option configures a Schema.
type Option func(*Schema)

// MaxDepth caps field nesting. The default is 15, the least that lets
// GraphiQL's introspection query through (its type references nest 9 deep);
// below that GraphiQL silently loses autocompletion. Values < 1 keep the default.
func MaxDepth(n int) Option {
	return func(s *Schema) {
		if n > 0 {
			s.maxDepth = n
		}
	}
}

// MaxQueryLength caps the query text in bytes. The default is 16 KiB.
// Values < 1 keep the default.
func MaxQueryLength(n int) Option {
	return func(s *Schema) {
		if n > 0 {
			s.maxQueryLength = n
		}
	}
}

// MaxSelections caps the selections of an operation after fragment spreads
// are expanded, which stops fragment bombs and alias floods before anything
// runs. The default is 2000 (GraphiQL's introspection needs about 400).
// Values < 1 keep the default.
func MaxSelections(n int) Option {
	return func(s *Schema) {
		if n > 0 {
			s.maxSelections = n
		}
	}
}

// MaxCost is the runtime budget of one request: every resolved field costs
// 1, every item a list or connection returns costs 1 more, and every index
// scan (a connection, a search, a neighbourhood) costs scanCost more, so the
// cost grows as page sizes × nesting. A request over budget is cancelled and
// answered with a single LIMIT_EXCEEDED error (limit "cost") and no data.
// The default is 50000. Values < 1 keep the default.
func MaxCost(n int) Option {
	return func(s *Schema) {
		if n > 0 {
			s.maxCost = int64(n)
		}
	}
}

// MaxParallelism caps the resolvers one request runs at once. The default is
// 4: reads are CPU-bound and the machine small. Values < 1 keep the default.
func MaxParallelism(n int) Option {
	return func(s *Schema) {
		if n > 0 {
			s.maxParallelism = n
		}
	}
}

// PageSize sets the default `first` (50) and its hard cap (500). A `first`
// above the cap is rejected with LIMIT_EXCEEDED (limit "first"), never
// clamped. Values < 1 keep the defaults.
func PageSize(def, max int) Option {
	return func(s *Schema) {
		if def > 0 {
			s.pageSize = def
		}
		if max > 0 {
			s.maxPageSize = max
		}
	}
}

// Timeout bounds one request. The default is 10s. When it passes the answer
// is a LIMIT_EXCEEDED error (limit "timeout") even if a resolver is stuck in
// the store. Values ≤ 0 keep the default.
func Timeout(d time.Duration) Option {
	return func(s *Schema) {
		if d > 0 {
			s.timeout = d
		}
	}
}

// Introspection turns the __schema and __type queries on or off. The
// default is on: analysts use GraphiQL, which needs them.
func Introspection(on bool) Option {
	return func(s *Schema) { s.introspection = on }
}

// Schema is diplograph's executable GraphQL schema. It is safe for
// concurrent use.
type Schema struct {
	g   Viewer
	gql *graphql.Schema

	maxDepth       int
	maxQueryLength int
	maxSelections  int
	maxCost        int64
	maxParallelism int
	pageSize       int
	maxPageSize    int
	timeout        time.Duration
	introspection  bool

	// inflight counts executions still running, including ones whose
	// client got a timeout answer while a resolver was stuck.
	inflight sync.WaitGroup
}

// New builds the schema over g with the given options.
func New(g Viewer, opts ...Option) (*Schema, error) {
	if g == nil {
		return nil, errors.New("schema: nil graph")
	}
	s := &Schema{
		g:              g,
		maxDepth:       DefaultMaxDepth,
		maxQueryLength: DefaultMaxQueryLength,
		maxSelections:  DefaultMaxSelections,
		maxCost:        DefaultMaxCost,
		maxParallelism: DefaultMaxParallelism,
		pageSize:       DefaultPageSize,
		maxPageSize:    DefaultMaxPageSize,
		timeout:        DefaultTimeout,
		introspection:  true,
	}
	for _, o := range opts {
		o(s)
	}
	if s.pageSize > s.maxPageSize {
		return nil, fmt.Errorf("schema: default page size %d above the cap %d", s.pageSize, s.maxPageSize)
	}
	allow := s.introspection
	gql, err := graphql.ParseSchema(SDL(), &queryResolver{s: s},
		graphql.UseStringDescriptions(),
		graphql.UseFieldResolvers(),
		graphql.MaxDepth(s.maxDepth),
		graphql.MaxQueryLength(s.maxQueryLength),
		graphql.MaxSelections(s.maxSelections),
		graphql.OverlapValidationLimit(10*s.maxSelections),
		graphql.MaxParallelism(s.maxParallelism),
		graphql.RestrictIntrospection(func(context.Context) bool { return allow }),
		graphql.Tracer(costTracer{}),
		graphql.PanicHandler(panicHandler{}),
		graphql.Logger(nopLogger{}),
	)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s.gql = gql
	return s, nil
}

// Request is one GraphQL request.
type Request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
	// Stats, if set, is filled in by Exec before it returns.
	Stats *Stats `json:"-"`
	// Done, if set, is called once the execution has really finished,
	// which after a timeout can be later than Exec's return. Servers use
	// it to hold a concurrency slot for as long as the work runs.
	Done func() `json:"-"`
}

// Stats describes one execution, for request logs.
type Stats struct {
	Cost  int64    // budget units spent (see MaxCost)
	Codes []string // distinct extensions.code of the errors, in order
}

// Response is one GraphQL response: data and/or errors, never neither.
type Response = graphql.Response

// Exec runs req against one snapshot of the graph. Every error in the
// response carries extensions.code; internal detail is logged to the
// zerolog logger of ctx (zerolog.Ctx), never returned.
func (s *Schema) Exec(ctx context.Context, req Request) (resp *Response) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	st := &request{s: s, budget: s.maxCost, cancel: cancel}
	ctx = context.WithValue(ctx, requestKey{}, st)
	if req.Stats != nil {
		stats := req.Stats
		req.Stats = nil // the execution goroutine may outlive Exec: it must not touch it
		defer func() { stats.Cost = st.spent.Load() }()
		defer func() { fillCodes(stats, resp) }()
	}

	done := make(chan *Response, 1)
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		if req.Done != nil {
			defer req.Done()
		}
		// This goroutine is outside net/http's recovery: a panic here
		// (outside a resolver, which graphql-go recovers) must not take
		// the server down.
		defer func() {
			if v := recover(); v != nil {
				logger(ctx).Error().Interface("panic", v).Bytes("stack", debug.Stack()).Msg("graphql: panic")
				done <- &Response{Errors: []*gqlerrors.QueryError{{Message: internalMessage, Extensions: map[string]any{"code": CodeInternal}}}}
			}
		}()
		done <- s.exec(ctx, st, req)
	}()
	select {
	case resp = <-done:
		return resp
	case <-ctx.Done():
		// A resolver may be stuck where it cannot see ctx (a slow disk).
		// The client gets its answer now; the execution finishes in the
		// background and is counted by inflight.
		st.abortWith(st.ctxErr(ctx))
		select {
		case resp = <-done:
			return resp
		default:
		}
		ae := st.abortErr()
		return &Response{Errors: []*gqlerrors.QueryError{{Message: ae.Message, Extensions: ae.Extensions(), Err: ae}}}
	}
}

func fillCodes(st *Stats, resp *Response) {
	if resp == nil {
		return
	}
	for _, e := range resp.Errors {
		c, _ := e.Extensions["code"].(string)
		if l, ok := e.Extensions["limit"].(string); ok {
			c += ":" + l
		}
		if c != "" && !slices.Contains(st.Codes, c) {
			st.Codes = append(st.Codes, c)
		}
	}
}

// Wait blocks until every execution started by Exec has finished, including
// those that outlived their timeout. Servers call it on shutdown.
func (s *Schema) Wait() { s.inflight.Wait() }

// gqlExec runs graphql-go on the request. Its lexer panics with strconv's
// ErrSyntax, instead of reporting a syntax error, on a string with a
// malformed escape (the description "\700", found by FuzzWritesOrStreams):
// that is the client's malformed document, answered as a parse failure, not
// as an internal error with a stack in the log.
func (s *Schema) gqlExec(ctx context.Context, req Request) (resp *Response) {
	defer func() {
		if v := recover(); v != nil {
			if v != strconv.ErrSyntax {
				panic(v)
			}
			resp = &Response{Errors: []*gqlerrors.QueryError{{
				Message:    "syntax error: malformed string escape",
				Extensions: map[string]any{"code": CodeParse},
			}}}
		}
	}()
	return s.gql.Exec(ctx, req.Query, req.OperationName, req.Variables)
}

func (s *Schema) exec(ctx context.Context, st *request, req Request) *Response {
	var resp *Response
	err := s.g.View(ctx, func(r graph.Reader) error {
		st.r = &lockedReader{r: r}
		resp = s.gqlExec(ctx, req)
		return nil
	})
	if resp == nil {
		resp = &Response{}
	}
	if err != nil {
		if ae := st.abortErr(); ae != nil || ctx.Err() != nil {
			st.abortWith(st.ctxErr(ctx))
			resp.Errors = append(resp.Errors, &gqlerrors.QueryError{Message: "cancelled", Err: err, ResolverError: err})
		} else {
			resp.Errors = append(resp.Errors, &gqlerrors.QueryError{Message: err.Error(), Err: err, ResolverError: err})
		}
	}
	if ae := st.abortErr(); ae != nil {
		// Partial data from a cut request would mislead: over budget or
		// out of time, the answer is the limit error alone.
		return &Response{Errors: []*gqlerrors.QueryError{{Message: ae.Message, Extensions: ae.Extensions(), Err: ae}}}
	}
	resp.Errors = s.classify(ctx, st, resp.Errors)
	return resp
}

// scanCost is what one index scan (a page of a connection, a search, a
// neighbourhood) costs on top of the items it returns: the store work of a
// filtered scan is not proportional to what it finds.
const scanCost = 10

// requestKey keys the per-request state in the context.
type requestKey struct{}

// request is the state of one execution: the snapshot reader, the cost
// budget and small caches shared by the resolvers.
type request struct {
	s      *Schema
	r      graph.Reader
	budget int64
	spent  atomic.Int64
	cancel context.CancelFunc

	mu           sync.Mutex
	abort        *Error
	countryCache map[string]*graph.Country
}

func requestFrom(ctx context.Context) *request {
	st, _ := ctx.Value(requestKey{}).(*request)
	return st
}

// charge spends n units of the budget and cancels the request when it is
// exhausted.
func (st *request) charge(n int) error {
	if st.spent.Add(int64(n)) > st.budget {
		st.abortWith(limitErr(LimitCost, "query cost exceeds the budget of %d (limit %s): ask for smaller pages or fewer nested lists", st.budget, LimitCost))
		return st.abortErr()
	}
	return nil
}

func (st *request) abortWith(e *Error) {
	if e == nil {
		return
	}
	st.mu.Lock()
	if st.abort == nil {
		st.abort = e
	}
	st.mu.Unlock()
	st.cancel()
}

func (st *request) abortErr() *Error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.abort
}

// ctxErr turns the context's end into an application error: the deadline is
// the timeout limit; a cancellation from outside (client gone) is reported
// as such.
func (st *request) ctxErr(ctx context.Context) *Error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return limitErr(LimitTimeout, "query did not finish within %s (limit %s)", st.s.timeout, LimitTimeout)
	case ctx.Err() != nil:
		return &Error{Code: CodeLimit, Limit: LimitTimeout, Message: "request cancelled"}
	}
	return nil
}

// costTracer charges one unit per resolved field against the request's
// budget; items returned by lists are charged by the resolvers.
type costTracer struct{}

func (costTracer) TraceQuery(ctx context.Context, _ string, _ string, _ map[string]any, _ map[string]*introspection.Type) (context.Context, tracer.QueryFinishFunc) {
	return ctx, func([]*gqlerrors.QueryError) {}
}

func (costTracer) TraceField(ctx context.Context, _, _, _ string, _ bool, _ map[string]any) (context.Context, tracer.FieldFinishFunc) {
	if st := requestFrom(ctx); st != nil {
		_ = st.charge(1) // over budget cancels ctx; the engine stops there
	}
	return ctx, func(*gqlerrors.QueryError) {}
}

// nopLogger silences graphql-go's own panic log: panics are logged by
// classify with the request id.
type nopLogger struct{}

func (nopLogger) LogPanic(context.Context, any) {}

// lockedReader serialises access to the snapshot: resolvers run in
// parallel, and a Reader is not promised to be safe for concurrent use.
type lockedReader struct {
	mu sync.Mutex
	r  graph.Reader
}

func (l *lockedReader) Countries() ([]*graph.Country, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Countries()
}

func (l *lockedReader) Country(code string) (*graph.Country, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Country(code)
}

func (l *lockedReader) Ministry(id string) (*graph.Ministry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Ministry(id)
}

func (l *lockedReader) MinistriesOf(country string) ([]*graph.Ministry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.MinistriesOf(country)
}

func (l *lockedReader) Official(id string) (*graph.Official, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Official(id)
}

func (l *lockedReader) Officials(f graph.OfficialFilter, p graph.Page) ([]*graph.Official, graph.PageInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Officials(f, p)
}

func (l *lockedReader) Meeting(id string) (*graph.Meeting, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Meeting(id)
}

func (l *lockedReader) Meetings(f graph.EventFilter, p graph.Page) ([]*graph.Meeting, graph.PageInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Meetings(f, p)
}

func (l *lockedReader) Agreement(id string) (*graph.Agreement, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Agreement(id)
}

func (l *lockedReader) Agreements(f graph.EventFilter, p graph.Page) ([]*graph.Agreement, graph.PageInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Agreements(f, p)
}

func (l *lockedReader) Article(id string) (*graph.Article, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Article(id)
}

func (l *lockedReader) Articles(p graph.Page) ([]*graph.Article, graph.PageInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Articles(p)
}

func (l *lockedReader) Search(text string, limit int) ([]graph.Hit, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Search(text, limit)
}

func (l *lockedReader) Neighborhood(id string, depth, limit int) (*graph.Subgraph, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Neighborhood(id, depth, limit)
}

// holders calls the graph's Holders when the Reader has it (it is not part
// of the Reader contract); ok is false otherwise.
func (l *lockedReader) holders(ministry string) (os []*graph.Official, ok bool, err error) {
	h, ok := l.r.(interface {
		Holders(ministryID string) ([]*graph.Official, error)
	})
	if !ok {
		return nil, false, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	os, err = h.Holders(ministry)
	return os, true, err
}

var _ graph.Reader = (*lockedReader)(nil)

// logger returns the request's logger.
func logger(ctx context.Context) *zerolog.Logger { return zerolog.Ctx(ctx) }

// Ping checks that a snapshot of the graph can be opened (health checks).
func (s *Schema) Ping(ctx context.Context) error {
	return s.g.View(ctx, func(graph.Reader) error { return nil })
}
