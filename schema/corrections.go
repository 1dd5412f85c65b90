package schema

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/graph-gophers/graphql-go"

	"diplograph/graph"
)

// Corrections (mergeOfficials, splitOfficial, renameOfficial, corrections):
// the only writes of the API. The schema does not know HTTP: the server
// marks the context of a request that carried the write token with
// AllowWrites, and a mutation without that mark fails with UNAUTHENTICATED,
// so no other path into Exec (a test, a future transport) can write by
// accident.

// CodeUnauthenticated: a mutation without the write token.
const CodeUnauthenticated = "UNAUTHENTICATED"

// Input limits of corrections.
const (
	maxNoteLen       = 2000 // characters
	maxSplitArticles = 1000
)

type writesKey struct{}

// AllowWrites returns a context under which Exec runs mutations. Servers
// call it only for requests that presented the write token.
func AllowWrites(ctx context.Context) context.Context {
	return context.WithValue(ctx, writesKey{}, true)
}

func writesAllowed(ctx context.Context) bool {
	ok, _ := ctx.Value(writesKey{}).(bool)
	return ok
}

// Corrector is what the mutations need from the graph; *graph.Graph
// implements it. A Viewer without it answers every mutation with an
// internal error.
type Corrector interface {
	MergeOfficials(ctx context.Context, keep, drop, note string) error
	SplitOfficial(ctx context.Context, id string, articles []string, note string) (string, error)
	RenameOfficial(ctx context.Context, id, name, note string) error
	Corrections(ctx context.Context) ([]graph.Correction, error)
}

var _ Corrector = (*graph.Graph)(nil)

func (q *queryResolver) corrector() (Corrector, error) {
	c, ok := q.s.g.(Corrector)
	if !ok {
		return nil, fmt.Errorf("schema: the graph (%T) does not take corrections", q.s.g)
	}
	return c, nil
}

// writer checks the write mark and returns the graph to correct.
func (q *queryResolver) writer(ctx context.Context) (Corrector, error) {
	if !writesAllowed(ctx) {
		return nil, &Error{Code: CodeUnauthenticated, Message: "corrections need the write token (Authorization: Bearer)"}
	}
	return q.corrector()
}

func checkNote(note *string) (string, error) {
	if note == nil {
		return "", nil
	}
	n := strings.TrimSpace(*note)
	if !utf8.ValidString(n) {
		return "", badInput("note: not valid UTF-8")
	}
	if utf8.RuneCountInString(n) > maxNoteLen {
		return "", badInput("note: longer than %d characters", maxNoteLen)
	}
	if strings.ContainsRune(n, 0) {
		return "", badInput("note: contains a NUL character")
	}
	return n, nil
}

// correctionErr turns the graph's refusals into BAD_USER_INPUT; anything
// else stays internal.
func correctionErr(err error) error {
	if errors.Is(err, graph.ErrBadCorrection) {
		return badInput("%s", strings.TrimPrefix(err.Error(), graph.ErrBadCorrection.Error()+": "))
	}
	return err
}

// corrected answers a mutation with the official it returns, read from a
// snapshot taken after the write (the request's own snapshot predates it),
// which the rest of the request then reads through too.
func (q *queryResolver) corrected(ctx context.Context, id string) (*officialResolver, error) {
	st := requestFrom(ctx)
	if err := st.reread(ctx); err != nil {
		return nil, err
	}
	return st.official(id)
}

// reread points the request at a new snapshot. The snapshot stays open
// until the request's context ends, which Exec does once the execution is
// over (mutation fields run one after another, each sub-selection before
// the next field).
func (st *request) reread(ctx context.Context) error {
	l, ok := st.r.(*lockedReader)
	if !ok {
		return errors.New("schema: request reader is not swappable")
	}
	ready := make(chan graph.Reader)
	errc := make(chan error, 1)
	go func() {
		errc <- st.s.g.View(ctx, func(r graph.Reader) error {
			select {
			case ready <- r:
				<-ctx.Done()
			case <-ctx.Done():
			}
			return nil
		})
	}()
	select {
	case r := <-ready:
		l.mu.Lock()
		l.r = r
		l.mu.Unlock()
		return nil
	case err := <-errc:
		if err == nil {
			err = ctx.Err()
		}
		return err
	}
}

func (q *queryResolver) MergeOfficials(ctx context.Context, args struct {
	Keep, Drop graphql.ID
	Note       *string
}) (*officialResolver, error) {
	g, err := q.writer(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkID("keep", string(args.Keep)); err != nil {
		return nil, err
	}
	if err := checkID("drop", string(args.Drop)); err != nil {
		return nil, err
	}
	note, err := checkNote(args.Note)
	if err != nil {
		return nil, err
	}
	if err := g.MergeOfficials(ctx, string(args.Keep), string(args.Drop), note); err != nil {
		return nil, correctionErr(err)
	}
	return q.corrected(ctx, string(args.Keep))
}

func (q *queryResolver) SplitOfficial(ctx context.Context, args struct {
	ID       graphql.ID
	Articles []graphql.ID
	Note     *string
}) (*officialResolver, error) {
	g, err := q.writer(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	if len(args.Articles) == 0 {
		return nil, badInput("articles: must not be empty")
	}
	if len(args.Articles) > maxSplitArticles {
		return nil, badInput("articles: more than %d", maxSplitArticles)
	}
	arts := make([]string, len(args.Articles))
	for i, a := range args.Articles {
		if err := checkID(fmt.Sprintf("articles[%d]", i), string(a)); err != nil {
			return nil, err
		}
		arts[i] = string(a)
	}
	note, err := checkNote(args.Note)
	if err != nil {
		return nil, err
	}
	nid, err := g.SplitOfficial(ctx, string(args.ID), arts, note)
	if err != nil {
		return nil, correctionErr(err)
	}
	return q.corrected(ctx, nid)
}

func (q *queryResolver) RenameOfficial(ctx context.Context, args struct {
	ID   graphql.ID
	Name string
	Note *string
}) (*officialResolver, error) {
	g, err := q.writer(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	name, err := checkText("name", args.Name)
	if err != nil {
		return nil, err
	}
	note, err := checkNote(args.Note)
	if err != nil {
		return nil, err
	}
	if err := g.RenameOfficial(ctx, string(args.ID), name, note); err != nil {
		return nil, correctionErr(err)
	}
	return q.corrected(ctx, string(args.ID))
}

// Corrections lists the stored corrections. They are read outside the
// request's snapshot (the log is append-only, so this can only show more).
func (q *queryResolver) Corrections(ctx context.Context) ([]*correctionResolver, error) {
	g, err := q.corrector()
	if err != nil {
		return nil, err
	}
	st := requestFrom(ctx)
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	cs, err := g.Corrections(ctx)
	if err != nil {
		return nil, err
	}
	if err := st.charge(len(cs)); err != nil {
		return nil, err
	}
	out := make([]*correctionResolver, len(cs))
	for i := range cs {
		out[i] = &correctionResolver{c: cs[i]}
	}
	return out, nil
}

type correctionResolver struct{ c graph.Correction }

func (r *correctionResolver) Seq() int32      { return int32(r.c.Seq) }
func (r *correctionResolver) Kind() string    { return r.c.Kind }
func (r *correctionResolver) Official() outID { return outID(r.c.Official) }
func (r *correctionResolver) Other() *outID {
	if r.c.Other == "" {
		return nil
	}
	id := outID(r.c.Other)
	return &id
}
func (r *correctionResolver) Articles() []outID {
	out := make([]outID, len(r.c.Articles))
	for i, a := range r.c.Articles {
		out[i] = outID(a)
	}
	return out
}
func (r *correctionResolver) Name() *string { return strPtr(r.c.Name) }
func (r *correctionResolver) Note() *string { return strPtr(r.c.Note) }
func (r *correctionResolver) At() string    { return r.c.At }
