package schema

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/graph-gophers/graphql-go"
	gqlerrors "github.com/graph-gophers/graphql-go/errors"
	"github.com/rs/zerolog"

	"diplograph/graph"
)

// Error codes, reported to clients in extensions.code.
const (
	// CodeBadInput: an argument is malformed (an id, a code, a date, a length).
	CodeBadInput = "BAD_USER_INPUT"
	// CodeNotFound: a required node does not exist (e.g. neighborhood(id)).
	// Single-node lookups such as official(id) return null instead.
	CodeNotFound = "NOT_FOUND"
	// CodeLimit: a limit was hit; extensions.limit names which one.
	CodeLimit = "LIMIT_EXCEEDED"
	// CodeInternal: anything else. The message is always "internal error";
	// the detail goes to the log with the request id.
	CodeInternal = "INTERNAL"
	// CodeParse and CodeValidation: the query itself is not valid GraphQL or
	// does not fit the schema.
	CodeParse      = "GRAPHQL_PARSE_FAILED"
	CodeValidation = "GRAPHQL_VALIDATION_FAILED"
)

// Limit names, reported in extensions.limit with CodeLimit.
const (
	LimitDepth       = "depth"
	LimitHops        = "neighborhoodDepth"
	LimitQueryLength = "queryLength"
	LimitSelections  = "selections"
	LimitOverlap     = "overlap"
	LimitCost        = "cost"
	LimitFirst       = "first"
	LimitTimeout     = "timeout"
	LimitConcurrency = "concurrency"
	LimitBody        = "bodySize"
)

// Error is an application error: a code the client can act on and a message
// safe to show. Resolvers return *Error for everything the client caused;
// any other error is internal.
type Error struct {
	Code    string
	Limit   string // with CodeLimit: which limit
	Message string
}

func (e *Error) Error() string { return e.Message }

// Extensions is read by graphql-go and copied into the response's
// errors[].extensions.
func (e *Error) Extensions() map[string]any {
	m := map[string]any{"code": e.Code}
	if e.Limit != "" {
		m["limit"] = e.Limit
	}
	return m
}

func badInput(format string, a ...any) *Error {
	return &Error{Code: CodeBadInput, Message: fmt.Sprintf(format, a...)}
}

func notFound(format string, a ...any) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, a...)}
}

func limitErr(limit, format string, a ...any) *Error {
	return &Error{Code: CodeLimit, Limit: limit, Message: fmt.Sprintf(format, a...)}
}

// ErrorCode returns the code of err: the Code of an *Error in its chain,
// CodeInternal otherwise (wtf's error.go pattern).
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// internalMessage is all a client ever learns of an internal error.
const internalMessage = "internal error"

// QueryError builds a GraphQL error from an application error, for callers
// (the HTTP layer) that reject a request before it reaches the schema.
func QueryError(e *Error) *gqlerrors.QueryError {
	return &gqlerrors.QueryError{Message: e.Message, Extensions: e.Extensions(), Err: e}
}

// classify rewrites the errors of one response so that every error carries
// extensions.code, limit errors name their limit, and internal detail never
// reaches the client: it is logged instead.
func (s *Schema) classify(ctx context.Context, st *request, errs []*gqlerrors.QueryError) []*gqlerrors.QueryError {
	if len(errs) == 0 {
		return errs
	}
	log := zerolog.Ctx(ctx)
	// Resolvers run in parallel: order errors by path so responses (and
	// golden files) are deterministic.
	sort.SliceStable(errs, func(i, j int) bool { return pathLess(errs[i], errs[j]) })
	out := make([]*gqlerrors.QueryError, 0, len(errs))
	seenCancel := false
	seen := map[string]bool{}
	for _, qe := range errs {
		if qe == nil {
			continue
		}
		// Once the request is cut (budget, timeout), every field still
		// running reports the context error: one error says it all.
		if st != nil {
			if ae := st.abortErr(); ae != nil && isCancel(qe) {
				if seenCancel {
					continue
				}
				seenCancel = true
				out = append(out, &gqlerrors.QueryError{Message: ae.Message, Path: qe.Path, Extensions: ae.Extensions(), Err: ae})
				continue
			}
		}
		var app *Error
		switch {
		case errors.As(qe.ResolverError, &app) || errors.As(qe.Err, &app):
			qe.Message = app.Message
			qe.Extensions = app.Extensions()
		case qe.Rule == "MaxDepthExceeded":
			qe.Extensions = map[string]any{"code": CodeLimit, "limit": LimitDepth}
		case qe.Rule == "OverlapValidationLimitExceeded":
			qe.Extensions = map[string]any{"code": CodeLimit, "limit": LimitOverlap}
		case errors.Is(qe, graphql.ErrTooManySelections) || errors.Is(qe.Err, graphql.ErrTooManySelections):
			qe.Message = fmt.Sprintf("query expands to more than %d selections (limit %s)", s.maxSelections, LimitSelections)
			qe.Extensions = map[string]any{"code": CodeLimit, "limit": LimitSelections}
		case strings.HasPrefix(qe.Message, "query length") && s.maxQueryLength > 0:
			qe.Message = fmt.Sprintf("query is longer than %d bytes (limit %s)", s.maxQueryLength, LimitQueryLength)
			qe.Extensions = map[string]any{"code": CodeLimit, "limit": LimitQueryLength}
		case qe.Rule != "":
			qe.Extensions = map[string]any{"code": CodeValidation}
		case errors.Is(qe.Err, gqlerrors.ErrSyntax) || strings.HasPrefix(qe.Message, "syntax error"):
			qe.Extensions = map[string]any{"code": CodeParse}
		case qe.ResolverError == nil && qe.Err == nil && qe.Path == nil && !isPanic(qe):
			// Request-level errors from the engine: unknown operation name,
			// missing operation, variables that do not coerce.
			qe.Extensions = map[string]any{"code": CodeValidation}
		default:
			log.Error().Str("message", qe.Message).Interface("path", qe.Path).
				AnErr("error", firstErr(qe.ResolverError, qe.Err)).Msg("graphql: internal error")
			qe = &gqlerrors.QueryError{Message: internalMessage, Path: qe.Path, Locations: qe.Locations,
				Extensions: map[string]any{"code": CodeInternal}}
		}
		// A bad argument on a field inside a list fails once per item:
		// report it once.
		if qe.Extensions["code"] == CodeBadInput {
			if seen[qe.Message] {
				continue
			}
			seen[qe.Message] = true
		}
		out = append(out, qe)
	}
	return out
}

// pathLess orders errors by response path, list indexes numerically;
// errors without a path come first.
func pathLess(a, b *gqlerrors.QueryError) bool {
	if a == nil || b == nil {
		return b != nil
	}
	for i := 0; i < len(a.Path) && i < len(b.Path); i++ {
		x, y := a.Path[i], b.Path[i]
		xi, xok := x.(int)
		yi, yok := y.(int)
		switch {
		case xok && yok:
			if xi != yi {
				return xi < yi
			}
		default:
			xs, ys := fmt.Sprint(x), fmt.Sprint(y)
			if xs != ys {
				return xs < ys
			}
		}
	}
	return len(a.Path) < len(b.Path)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// isCancel reports whether qe is the engine or a resolver reporting a done
// context.
func isCancel(qe *gqlerrors.QueryError) bool {
	if errors.Is(qe.ResolverError, context.Canceled) || errors.Is(qe.ResolverError, context.DeadlineExceeded) ||
		errors.Is(qe.Err, context.Canceled) || errors.Is(qe.Err, context.DeadlineExceeded) {
		return true
	}
	return qe.Message == context.Canceled.Error() || qe.Message == context.DeadlineExceeded.Error()
}

// panicMarker tags errors made by panicHandler so classify logs them as
// internal.
const panicMarker = "panic"

func isPanic(qe *gqlerrors.QueryError) bool {
	return qe.Rule == "" && qe.Extensions != nil && qe.Extensions["code"] == panicMarker
}

// panicHandler turns a resolver panic into an internal error; the panic value
// is logged by classify, never shown.
type panicHandler struct{}

func (panicHandler) MakePanicError(ctx context.Context, value any) *gqlerrors.QueryError {
	return &gqlerrors.QueryError{Message: fmt.Sprintf("panic: %v", value), Extensions: map[string]any{"code": panicMarker}}
}

// fromGraph maps an error from the graph layer: not found and context errors
// keep their meaning, everything else is internal (and logged by classify).
func fromGraph(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, graph.ErrNotFound):
		return notFound("%s not found", what)
	}
	return err
}
