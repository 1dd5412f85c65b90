package schema

import (
	"context"
	"errors"

	"github.com/graph-gophers/graphql-go"

	"diplograph/graph"
)

// queryResolver is the root Query type. Every resolver reads through the
// request's snapshot (request.r), so one response sees one state of the
// graph even while a load commits.
type queryResolver struct{ s *Schema }

func (q *queryResolver) Countries(ctx context.Context) ([]*countryResolver, error) {
	st := requestFrom(ctx)
	cs, err := st.r.Countries()
	if err != nil {
		return nil, err
	}
	if err := st.charge(len(cs)); err != nil {
		return nil, err
	}
	out := make([]*countryResolver, len(cs))
	for i, c := range cs {
		out[i] = &countryResolver{c: c}
	}
	return out, nil
}

func (q *queryResolver) Country(ctx context.Context, args struct{ Code string }) (*countryResolver, error) {
	code, err := checkCode("code", args.Code)
	if err != nil {
		return nil, err
	}
	c, err := requestFrom(ctx).country(code)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &countryResolver{c: c}, nil
}

func (q *queryResolver) Official(ctx context.Context, args struct{ ID graphql.ID }) (*officialResolver, error) {
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	return requestFrom(ctx).official(string(args.ID))
}

func (q *queryResolver) Meeting(ctx context.Context, args struct{ ID graphql.ID }) (*meetingResolver, error) {
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	return requestFrom(ctx).meeting(string(args.ID))
}

func (q *queryResolver) Agreement(ctx context.Context, args struct{ ID graphql.ID }) (*agreementResolver, error) {
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	return requestFrom(ctx).agreement(string(args.ID))
}

func (q *queryResolver) Ministry(ctx context.Context, args struct{ ID graphql.ID }) (*ministryResolver, error) {
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	return requestFrom(ctx).ministry(string(args.ID))
}

func (q *queryResolver) Article(ctx context.Context, args struct{ ID graphql.ID }) (*articleResolver, error) {
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	return requestFrom(ctx).article(string(args.ID))
}

type officialsArgs struct {
	Country *string
	Name    *string
	First   *int32
	After   *string
}

func (q *queryResolver) Officials(ctx context.Context, args officialsArgs) (*connection[*officialResolver], error) {
	country, err := optCode("country", args.Country)
	if err != nil {
		return nil, err
	}
	return officials(ctx, country, args.Name, args.First, args.After)
}

func officials(ctx context.Context, country string, name *string, first *int32, after *string) (*connection[*officialResolver], error) {
	st := requestFrom(ctx)
	f := graph.OfficialFilter{Country: country}
	if name != nil {
		n, err := checkText("name", *name)
		if err != nil {
			return nil, err
		}
		f.Name = n
	}
	p, n, err := st.s.page(first, after)
	if err != nil {
		return nil, err
	}
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	items, info, err := st.r.Officials(f, p)
	if err != nil {
		return nil, err
	}
	return newConnection(st, items, info, n, func(o *graph.Official) *officialResolver { return &officialResolver{o: o} })
}

// eventArgs are the filters of meetings and agreements. Fixed carries the
// filter of the parent (a country's or an official's events).
type eventArgs struct {
	Country  *string
	Between  *[]string
	Official *graphql.ID
	From     *string
	To       *string
	Kind     *string
	First    *int32
	After    *string
}

func (a eventArgs) filter(kinds []string, fixed graph.EventFilter) (graph.EventFilter, error) {
	f := fixed
	var err error
	if a.Country != nil {
		if f.Country, err = optCode("country", a.Country); err != nil {
			return f, err
		}
	}
	if a.Official != nil {
		if f.Official, err = optID("official", (*string)(a.Official)); err != nil {
			return f, err
		}
	}
	if f.Between, err = checkBetween(a.Between); err != nil {
		return f, err
	}
	if f.From, f.To, err = checkRange(a.From, a.To); err != nil {
		return f, err
	}
	if f.Kind, err = checkKind(a.Kind, kinds); err != nil {
		return f, err
	}
	return f, nil
}

func (q *queryResolver) Meetings(ctx context.Context, args eventArgs) (*connection[*meetingResolver], error) {
	return meetings(ctx, args, graph.EventFilter{})
}

func meetings(ctx context.Context, args eventArgs, fixed graph.EventFilter) (*connection[*meetingResolver], error) {
	st := requestFrom(ctx)
	f, err := args.filter(meetingKinds, fixed)
	if err != nil {
		return nil, err
	}
	p, n, err := st.s.page(args.First, args.After)
	if err != nil {
		return nil, err
	}
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	p.NoSources = showsNoSources(ctx)
	items, info, err := st.r.Meetings(f, p)
	if err != nil {
		return nil, err
	}
	return newConnection(st, items, info, n, func(m *graph.Meeting) *meetingResolver { return &meetingResolver{m: m} })
}

func (q *queryResolver) Agreements(ctx context.Context, args eventArgs) (*connection[*agreementResolver], error) {
	return agreements(ctx, args, graph.EventFilter{})
}

func agreements(ctx context.Context, args eventArgs, fixed graph.EventFilter) (*connection[*agreementResolver], error) {
	st := requestFrom(ctx)
	f, err := args.filter(agreementKinds, fixed)
	if err != nil {
		return nil, err
	}
	p, n, err := st.s.page(args.First, args.After)
	if err != nil {
		return nil, err
	}
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	p.NoSources = showsNoSources(ctx)
	items, info, err := st.r.Agreements(f, p)
	if err != nil {
		return nil, err
	}
	return newConnection(st, items, info, n, func(a *graph.Agreement) *agreementResolver { return &agreementResolver{a: a} })
}

// showsNoSources says whether the connection being resolved shows none of
// its nodes' sources, which are then not read (graph.Page.NoSources): a
// meeting's sources are most of its record, and a list of fifty read them
// all for nothing when only dates and kinds are asked. Without selection
// information (graphql-go gives none when it is disabled) it says false.
func showsNoSources(ctx context.Context) bool {
	if len(graphql.SelectedFieldNames(ctx)) == 0 {
		return false
	}
	return !graphql.HasSelectedField(ctx, "edges.node.sources") && !graphql.HasSelectedField(ctx, "nodes.sources")
}

func (q *queryResolver) Articles(ctx context.Context, args struct {
	First *int32
	After *string
}) (*connection[*articleResolver], error) {
	st := requestFrom(ctx)
	p, n, err := st.s.page(args.First, args.After)
	if err != nil {
		return nil, err
	}
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	items, info, err := st.r.Articles(p)
	if err != nil {
		return nil, err
	}
	return newConnection(st, items, info, n, func(a *graph.Article) *articleResolver { return &articleResolver{a: a} })
}

func (q *queryResolver) Search(ctx context.Context, args struct {
	Text  string
	First *int32
}) ([]*hitResolver, error) {
	st := requestFrom(ctx)
	text, err := checkText("text", args.Text)
	if err != nil {
		return nil, err
	}
	n, err := st.s.limitArg("first", args.First, st.s.pageSize)
	if err != nil {
		return nil, err
	}
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	hits, err := st.r.Search(text, n)
	if err != nil {
		return nil, err
	}
	if len(hits) > n {
		hits = hits[:n]
	}
	if err := st.charge(len(hits)); err != nil {
		return nil, err
	}
	out := make([]*hitResolver, len(hits))
	for i := range hits {
		out[i] = &hitResolver{h: hits[i]}
	}
	return out, nil
}

func (q *queryResolver) Neighborhood(ctx context.Context, args struct {
	ID    graphql.ID
	Depth *int32
	Limit *int32
}) (*subgraphResolver, error) {
	st := requestFrom(ctx)
	if err := checkID("id", string(args.ID)); err != nil {
		return nil, err
	}
	depth := defaultHops
	if args.Depth != nil {
		depth = int(*args.Depth)
	}
	if depth < 1 {
		return nil, badInput("depth: must be at least 1")
	}
	if depth > maxDepthHops {
		return nil, limitErr(LimitHops, "depth: %d hops is above the maximum %d (limit %s)", depth, maxDepthHops, LimitHops)
	}
	limit, err := st.s.limitArg("limit", args.Limit, defaultNbrMax)
	if err != nil {
		return nil, err
	}
	if err := st.charge(scanCost); err != nil {
		return nil, err
	}
	sg, err := st.r.Neighborhood(string(args.ID), depth, limit)
	if err != nil {
		return nil, fromGraph(err, "node "+truncate(string(args.ID)))
	}
	if sg == nil {
		sg = &graph.Subgraph{}
	}
	if err := st.charge(len(sg.Nodes) + len(sg.Edges)); err != nil {
		return nil, err
	}
	return &subgraphResolver{g: sg}, nil
}
