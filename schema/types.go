package schema

import (
	"context"
	"encoding/base64"
	"errors"
	"sort"

	"github.com/graph-gophers/graphql-go"

	"diplograph/graph"
)

// outID is an ID the API returns. graphql-go writes every scalar with
// json.Marshal, and graphql.ID's MarshalJSON makes that quote the id with
// strconv and then validate and compact the quoted bytes again: a sixth of
// the CPU of a depth-2 neighbourhood, whose 5,000 edges carry 15,000 ids. A
// string type without MarshalJSON goes straight to encoding/json's string
// encoder, which also escapes every byte as JSON requires (strconv's \x
// escapes are not JSON). Arguments stay graphql.ID.
type outID string

// ImplementsGraphQLType makes graphql-go accept outID for the ID scalar.
func (outID) ImplementsGraphQLType(name string) bool { return name == "ID" }

// UnmarshalGraphQL completes the scalar interface graphql-go checks; outID
// is never an argument, but it reads one as graphql.ID does.
func (id *outID) UnmarshalGraphQL(input any) error {
	var g graphql.ID
	if err := g.UnmarshalGraphQL(input); err != nil {
		return err
	}
	*id = outID(g)
	return nil
}

// Lookups through the request, with a cache for countries: nearly every
// meeting and official refers to a few of them.

func (st *request) country(code string) (*graph.Country, error) {
	st.mu.Lock()
	c, ok := st.countryCache[code]
	st.mu.Unlock()
	if ok {
		return c, nil
	}
	c, err := st.r.Country(code)
	if err != nil {
		return nil, err
	}
	st.mu.Lock()
	if st.countryCache == nil {
		st.countryCache = map[string]*graph.Country{}
	}
	st.countryCache[code] = c
	st.mu.Unlock()
	return c, nil
}

// countryOrCode resolves a code a record refers to; a code the graph does
// not know (data older than the country list) still shows as itself.
func (st *request) countryOrCode(code string) (*countryResolver, error) {
	c, err := st.country(code)
	if errors.Is(err, graph.ErrNotFound) {
		return &countryResolver{c: &graph.Country{Code: code}}, nil
	}
	if err != nil {
		return nil, err
	}
	return &countryResolver{c: c}, nil
}

func (st *request) countries(codes []string) ([]*countryResolver, error) {
	if err := st.charge(len(codes)); err != nil {
		return nil, err
	}
	out := make([]*countryResolver, 0, len(codes))
	for _, code := range codes {
		c, err := st.countryOrCode(code)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// lookup fetches one record; not found is nil without error, the GraphQL
// convention for a nullable single-node field.
func lookup[T any, R any](st *request, id string, get func(string) (*T, error), wrap func(*T) R) (R, error) {
	var zero R
	v, err := get(id)
	if errors.Is(err, graph.ErrNotFound) {
		return zero, nil
	}
	if err != nil {
		return zero, err
	}
	return wrap(v), nil
}

// lookupAll fetches records by id, skipping ids that no longer resolve.
func lookupAll[T any, R any](st *request, ids []string, get func(string) (*T, error), wrap func(*T) R) ([]R, error) {
	if err := st.charge(len(ids)); err != nil {
		return nil, err
	}
	out := make([]R, 0, len(ids))
	for _, id := range ids {
		v, err := get(id)
		if errors.Is(err, graph.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, wrap(v))
	}
	return out, nil
}

func (st *request) official(id string) (*officialResolver, error) {
	return lookup(st, id, st.r.Official, func(o *graph.Official) *officialResolver { return &officialResolver{o: o} })
}

func (st *request) officials(ids []string) ([]*officialResolver, error) {
	return lookupAll(st, ids, st.r.Official, func(o *graph.Official) *officialResolver { return &officialResolver{o: o} })
}

func (st *request) meeting(id string) (*meetingResolver, error) {
	return lookup(st, id, st.r.Meeting, func(m *graph.Meeting) *meetingResolver { return &meetingResolver{m: m} })
}

func (st *request) meetings(ids []string) ([]*meetingResolver, error) {
	return lookupAll(st, ids, st.r.Meeting, func(m *graph.Meeting) *meetingResolver { return &meetingResolver{m: m} })
}

func (st *request) agreement(id string) (*agreementResolver, error) {
	return lookup(st, id, st.r.Agreement, func(a *graph.Agreement) *agreementResolver { return &agreementResolver{a: a} })
}

func (st *request) agreements(ids []string) ([]*agreementResolver, error) {
	return lookupAll(st, ids, st.r.Agreement, func(a *graph.Agreement) *agreementResolver { return &agreementResolver{a: a} })
}

func (st *request) ministry(id string) (*ministryResolver, error) {
	return lookup(st, id, st.r.Ministry, func(m *graph.Ministry) *ministryResolver { return &ministryResolver{m: m} })
}

func (st *request) article(id string) (*articleResolver, error) {
	return lookup(st, id, st.r.Article, func(a *graph.Article) *articleResolver { return &articleResolver{a: a} })
}

func sources(ctx context.Context, ss []graph.Source) ([]*sourceResolver, error) {
	if err := requestFrom(ctx).charge(len(ss)); err != nil {
		return nil, err
	}
	out := make([]*sourceResolver, len(ss))
	for i := range ss {
		out[i] = &sourceResolver{s: ss[i]}
	}
	return out, nil
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// namesOf lists a lang → name map in language order.
func namesOf(m map[string]string) []*nameResolver {
	langs := make([]string, 0, len(m))
	for l := range m {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	out := make([]*nameResolver, 0, len(langs))
	for _, l := range langs {
		out = append(out, &nameResolver{n: graph.Name{Text: m[l], Lang: l}})
	}
	return out
}

// nameIn picks the name in lang from a lang → name map, falling back to
// English, then to any name in language order, then to def.
func nameIn(m map[string]string, lang *string, def string) (string, error) {
	l, err := checkLang(lang)
	if err != nil {
		return "", err
	}
	if n := m[l]; l != "" && n != "" {
		return n, nil
	}
	if n := m[graph.LangEnglish]; n != "" {
		return n, nil
	}
	for _, nr := range namesOf(m) {
		if nr.n.Text != "" {
			return nr.n.Text, nil
		}
	}
	return def, nil
}

// Country

type countryResolver struct{ c *graph.Country }

func (r *countryResolver) Code() string { return r.c.Code }
func (r *countryResolver) Name(args struct{ Lang *string }) (string, error) {
	return nameIn(r.c.Names, args.Lang, r.c.Code)
}
func (r *countryResolver) Names() []*nameResolver { return namesOf(r.c.Names) }
func (r *countryResolver) Org() bool              { return r.c.Org }

func (r *countryResolver) Officials(ctx context.Context, args struct {
	Name  *string
	First *int32
	After *string
}) (*connection[*officialResolver], error) {
	return officials(ctx, r.c.Code, args.Name, args.First, args.After)
}

func (r *countryResolver) Ministries(ctx context.Context) ([]*ministryResolver, error) {
	st := requestFrom(ctx)
	ms, err := st.r.MinistriesOf(r.c.Code)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return nil, err
	}
	if err := st.charge(len(ms)); err != nil {
		return nil, err
	}
	out := make([]*ministryResolver, len(ms))
	for i, m := range ms {
		out[i] = &ministryResolver{m: m}
	}
	return out, nil
}

type countryEventArgs struct {
	Between  *[]string
	Official *graphql.ID
	From     *string
	To       *string
	Kind     *string
	First    *int32
	After    *string
}

func (a countryEventArgs) events() eventArgs {
	return eventArgs{Between: a.Between, Official: a.Official, From: a.From, To: a.To, Kind: a.Kind, First: a.First, After: a.After}
}

func (r *countryResolver) Meetings(ctx context.Context, args countryEventArgs) (*connection[*meetingResolver], error) {
	return meetings(ctx, args.events(), graph.EventFilter{Country: r.c.Code})
}

func (r *countryResolver) Agreements(ctx context.Context, args countryEventArgs) (*connection[*agreementResolver], error) {
	return agreements(ctx, args.events(), graph.EventFilter{Country: r.c.Code})
}

// Official

type officialResolver struct{ o *graph.Official }

func (r *officialResolver) ID() outID { return outID(r.o.ID) }

// Name is the form written in lang when articles in that language named
// them, else the canonical Latin form.
func (r *officialResolver) Name(args struct{ Lang *string }) (string, error) {
	l, err := checkLang(args.Lang)
	if err != nil {
		return "", err
	}
	if l != "" {
		for _, n := range r.o.Names {
			if n.Lang == l && n.Text != "" {
				return n.Text, nil
			}
		}
	}
	if r.o.Name != "" {
		return r.o.Name, nil
	}
	for _, n := range r.o.Names {
		if n.Text != "" {
			return n.Text, nil
		}
	}
	return r.o.ID, nil
}

func (r *officialResolver) Names() []*nameResolver {
	out := make([]*nameResolver, len(r.o.Names))
	for i := range r.o.Names {
		out[i] = &nameResolver{n: r.o.Names[i]}
	}
	return out
}

func (r *officialResolver) Aliases() []string {
	out := []string{}
	seen := map[string]bool{r.o.Name: true}
	for _, n := range r.o.Names {
		if !seen[n.Text] && n.Text != "" {
			seen[n.Text] = true
			out = append(out, n.Text)
		}
	}
	return out
}

func (r *officialResolver) Country(ctx context.Context) (*countryResolver, error) {
	return requestFrom(ctx).countryOrCode(r.o.Country)
}

func (r *officialResolver) Roles(ctx context.Context) ([]*roleResolver, error) {
	if err := requestFrom(ctx).charge(len(r.o.Roles)); err != nil {
		return nil, err
	}
	out := make([]*roleResolver, len(r.o.Roles))
	for i := range r.o.Roles {
		out[i] = &roleResolver{r: &r.o.Roles[i]}
	}
	return out, nil
}

type officialEventArgs struct {
	Country *string
	Between *[]string
	From    *string
	To      *string
	Kind    *string
	First   *int32
	After   *string
}

func (a officialEventArgs) events() eventArgs {
	return eventArgs{Country: a.Country, Between: a.Between, From: a.From, To: a.To, Kind: a.Kind, First: a.First, After: a.After}
}

func (r *officialResolver) Meetings(ctx context.Context, args officialEventArgs) (*connection[*meetingResolver], error) {
	return meetings(ctx, args.events(), graph.EventFilter{Official: r.o.ID})
}

func (r *officialResolver) Agreements(ctx context.Context, args officialEventArgs) (*connection[*agreementResolver], error) {
	return agreements(ctx, args.events(), graph.EventFilter{Official: r.o.ID})
}

func (r *officialResolver) Sources(ctx context.Context) ([]*sourceResolver, error) {
	return sources(ctx, r.o.Sources)
}

// Role

type roleResolver struct{ r *graph.Role }

func (r *roleResolver) Title() string      { return r.r.Title }
func (r *roleResolver) Portfolio() *string { return strPtr(r.r.Portfolio) }
func (r *roleResolver) From() *string      { return strPtr(r.r.From) }
func (r *roleResolver) To() *string        { return strPtr(r.r.To) }

func (r *roleResolver) Ministry(ctx context.Context) (*ministryResolver, error) {
	if r.r.Ministry == "" {
		return nil, nil
	}
	return requestFrom(ctx).ministry(r.r.Ministry)
}

func (r *roleResolver) Country(ctx context.Context) (*countryResolver, error) {
	return requestFrom(ctx).countryOrCode(r.r.Country)
}

func (r *roleResolver) Sources(ctx context.Context) ([]*sourceResolver, error) {
	return sources(ctx, r.r.Sources)
}

// Ministry

type ministryResolver struct{ m *graph.Ministry }

func (r *ministryResolver) ID() outID { return outID(r.m.ID) }
func (r *ministryResolver) Name(args struct{ Lang *string }) (string, error) {
	return nameIn(r.m.Names, args.Lang, r.m.Portfolio)
}
func (r *ministryResolver) Names() []*nameResolver { return namesOf(r.m.Names) }
func (r *ministryResolver) Portfolio() string      { return r.m.Portfolio }

func (r *ministryResolver) Country(ctx context.Context) (*countryResolver, error) {
	return requestFrom(ctx).countryOrCode(r.m.Country)
}

func (r *ministryResolver) Sources(ctx context.Context) ([]*sourceResolver, error) {
	return sources(ctx, r.m.Sources)
}

// Officials lists the officials seen holding a role in the ministry. The
// graph's Reader offers Holders (outside the Reader contract) for this; over
// a Reader without it, the country's officials are scanned. Either way every
// official read is charged to the budget.
func (r *ministryResolver) Officials(ctx context.Context, args struct {
	First *int32
	After *string
}) (*connection[*officialResolver], error) {
	st := requestFrom(ctx)
	p, n, err := st.s.page(args.First, args.After)
	if err != nil {
		return nil, err
	}
	all, cursors, err := r.holders(st)
	if err != nil {
		return nil, err
	}
	start := 0
	if p.After != "" {
		start = len(all)
		for i, c := range cursors {
			if c == p.After {
				start = i + 1
				break
			}
		}
	}
	end := min(start+n, len(all))
	info := graph.PageInfo{Total: len(all), HasNext: end < len(all), Cursors: cursors[start:end]}
	if end > start {
		info.EndCursor = cursors[end-1]
	}
	return newConnection(st, all[start:end], info, n, func(o *graph.Official) *officialResolver { return &officialResolver{o: o} })
}

// holders returns the ministry's officials with a cursor for each.
func (r *ministryResolver) holders(st *request) ([]*graph.Official, []string, error) {
	if lr, ok := st.r.(*lockedReader); ok {
		if hs, ok, err := lr.holders(r.m.ID); ok {
			if err != nil {
				return nil, nil, err
			}
			if err := st.charge(len(hs)); err != nil {
				return nil, nil, err
			}
			cursors := make([]string, len(hs))
			for i, o := range hs {
				cursors[i] = base64.RawURLEncoding.EncodeToString([]byte(o.ID))
			}
			return hs, cursors, nil
		}
	}
	var all []*graph.Official
	var cursors []string
	scan := graph.Page{First: st.s.maxPageSize}
	for {
		if err := st.charge(scanCost); err != nil {
			return nil, nil, err
		}
		items, info, err := st.r.Officials(graph.OfficialFilter{Country: r.m.Country}, scan)
		if err != nil {
			return nil, nil, err
		}
		if err := st.charge(len(items)); err != nil {
			return nil, nil, err
		}
		for i, o := range items {
			for _, role := range o.Roles {
				if role.Ministry == r.m.ID {
					all = append(all, o)
					cursors = append(cursors, cursorAt(info, i))
					break
				}
			}
		}
		if !info.HasNext || len(items) == 0 || info.EndCursor == "" {
			return all, cursors, nil
		}
		scan.After = info.EndCursor
	}
}

// Meeting

type meetingResolver struct{ m *graph.Meeting }

func (r *meetingResolver) ID() outID           { return outID(r.m.ID) }
func (r *meetingResolver) Kind() string        { return r.m.Kind }
func (r *meetingResolver) Status() string      { return r.m.Status }
func (r *meetingResolver) Date() *string       { return strPtr(r.m.Date) }
func (r *meetingResolver) Place() *string      { return strPtr(r.m.Place) }
func (r *meetingResolver) Topics() []string    { return nonNil(r.m.Topics) }
func (r *meetingResolver) Cameo() *string      { return strPtr(r.m.Code.Cameo) }
func (r *meetingResolver) PloverType() *string { return strPtr(r.m.Code.PloverType) }
func (r *meetingResolver) PloverMode() *string { return strPtr(r.m.Code.PloverMode) }

func (r *meetingResolver) Host(ctx context.Context) (*countryResolver, error) {
	if r.m.Host == "" {
		return nil, nil
	}
	return requestFrom(ctx).countryOrCode(r.m.Host)
}

func (r *meetingResolver) Countries(ctx context.Context) ([]*countryResolver, error) {
	return requestFrom(ctx).countries(r.m.Countries)
}

func (r *meetingResolver) Participants(ctx context.Context) ([]*officialResolver, error) {
	return requestFrom(ctx).officials(r.m.Participants)
}

func (r *meetingResolver) Agreements(ctx context.Context) ([]*agreementResolver, error) {
	return requestFrom(ctx).agreements(r.m.Agreements)
}

func (r *meetingResolver) Sources(ctx context.Context) ([]*sourceResolver, error) {
	return sources(ctx, r.m.Sources)
}

// Agreement

type agreementResolver struct{ a *graph.Agreement }

func (r *agreementResolver) ID() outID           { return outID(r.a.ID) }
func (r *agreementResolver) Kind() string        { return r.a.Kind }
func (r *agreementResolver) Status() string      { return r.a.Status }
func (r *agreementResolver) Subject() string     { return r.a.Subject }
func (r *agreementResolver) Date() *string       { return strPtr(r.a.Date) }
func (r *agreementResolver) Topics() []string    { return nonNil(r.a.Topics) }
func (r *agreementResolver) Cameo() *string      { return strPtr(r.a.Code.Cameo) }
func (r *agreementResolver) PloverType() *string { return strPtr(r.a.Code.PloverType) }
func (r *agreementResolver) PloverMode() *string { return strPtr(r.a.Code.PloverMode) }

func (r *agreementResolver) Countries(ctx context.Context) ([]*countryResolver, error) {
	return requestFrom(ctx).countries(r.a.Countries)
}

func (r *agreementResolver) Signatories(ctx context.Context) ([]*officialResolver, error) {
	return requestFrom(ctx).officials(r.a.Signatories)
}

func (r *agreementResolver) Meeting(ctx context.Context) (*meetingResolver, error) {
	if r.a.Meeting == "" {
		return nil, nil
	}
	return requestFrom(ctx).meeting(r.a.Meeting)
}

func (r *agreementResolver) Sources(ctx context.Context) ([]*sourceResolver, error) {
	return sources(ctx, r.a.Sources)
}

// Article

type articleResolver struct{ a *graph.Article }

func (r *articleResolver) ID() outID          { return outID(r.a.ID) }
func (r *articleResolver) URL() *string       { return strPtr(r.a.URL) }
func (r *articleResolver) Title() *string     { return strPtr(r.a.Title) }
func (r *articleResolver) Source() *string    { return strPtr(r.a.Source) }
func (r *articleResolver) Published() *string { return strPtr(r.a.Published) }
func (r *articleResolver) Lang() string       { return r.a.Lang }

func (r *articleResolver) Officials(ctx context.Context) ([]*officialResolver, error) {
	return requestFrom(ctx).officials(r.a.Officials)
}

func (r *articleResolver) Meetings(ctx context.Context) ([]*meetingResolver, error) {
	return requestFrom(ctx).meetings(r.a.Meetings)
}

func (r *articleResolver) Agreements(ctx context.Context) ([]*agreementResolver, error) {
	return requestFrom(ctx).agreements(r.a.Agreements)
}

// Source, Name, SearchHit, Subgraph

type sourceResolver struct{ s graph.Source }

func (r *sourceResolver) ArticleID() outID { return outID(r.s.Article) }
func (r *sourceResolver) Sentence() string { return r.s.Sentence }
func (r *sourceResolver) Article(ctx context.Context) (*articleResolver, error) {
	return requestFrom(ctx).article(r.s.Article)
}

type nameResolver struct{ n graph.Name }

func (r *nameResolver) Text() string { return r.n.Text }
func (r *nameResolver) Lang() string { return r.n.Lang }

type hitResolver struct{ h graph.Hit }

func (r *hitResolver) ID() outID    { return outID(r.h.ID) }
func (r *hitResolver) Kind() string { return r.h.Kind }
func (r *hitResolver) Name() string { return r.h.Name }

type subgraphResolver struct{ g *graph.Subgraph }

func (r *subgraphResolver) Nodes() []subNodeResolver {
	out := make([]subNodeResolver, len(r.g.Nodes))
	for i, n := range r.g.Nodes {
		out[i] = subNodeResolver{ID: outID(n.ID), Kind: n.Kind, Label: n.Label}
	}
	return out
}

func (r *subgraphResolver) Edges() []subEdgeResolver {
	out := make([]subEdgeResolver, len(r.g.Edges))
	for i, e := range r.g.Edges {
		out[i] = subEdgeResolver{ID: outID(e.ID), Kind: e.Kind, Source: outID(e.Source), Target: outID(e.Target), Label: strPtr(e.Label), Date: strPtr(e.Date)}
	}
	return out
}

// The nodes and edges of a subgraph are resolved from struct fields, not
// methods (the schema's UseFieldResolvers): a depth-2 neighbourhood writes
// 5,000 edges, and a reflected method call per field was a fifth of the
// time graphql-go took to write them. No other resolver has exported
// fields, so no other type resolves that way.
type subNodeResolver struct {
	ID    outID
	Kind  string
	Label string
}

type subEdgeResolver struct {
	ID     outID
	Kind   string
	Source outID
	Target outID
	Label  *string
	Date   *string
}

// Connections

// connection is a Relay connection over one page from the Reader.
type connection[T any] struct {
	items   []T
	cursors []string
	info    graph.PageInfo
	empty   bool // first: 0 asked for the count alone
}

func cursorAt(info graph.PageInfo, i int) string {
	if i < len(info.Cursors) {
		return info.Cursors[i]
	}
	return ""
}

// newConnection wraps a page; n is the `first` the client asked for (0 for
// the count alone, in which case the one item fetched is dropped).
func newConnection[G any, T any](st *request, items []*G, info graph.PageInfo, n int, wrap func(*G) T) (*connection[T], error) {
	if n == 0 {
		return &connection[T]{info: info, empty: true}, nil
	}
	if len(items) > n {
		items = items[:n]
	}
	if err := st.charge(len(items)); err != nil {
		return nil, err
	}
	c := &connection[T]{info: info, items: make([]T, len(items)), cursors: make([]string, len(items))}
	for i, it := range items {
		c.items[i] = wrap(it)
		c.cursors[i] = cursorAt(info, i)
	}
	return c, nil
}

func (c *connection[T]) TotalCount() int32 { return int32(min(c.info.Total, 1<<31-1)) }
func (c *connection[T]) Nodes() []T        { return c.items }

func (c *connection[T]) Edges() []*edge[T] {
	out := make([]*edge[T], len(c.items))
	for i := range c.items {
		out[i] = &edge[T]{cursor: c.cursors[i], node: c.items[i]}
	}
	return out
}

func (c *connection[T]) PageInfo() *pageInfo {
	if c.empty {
		return &pageInfo{hasNext: c.info.Total > 0 || c.info.HasNext}
	}
	p := &pageInfo{hasNext: c.info.HasNext}
	if len(c.cursors) > 0 {
		p.end = strPtr(c.cursors[len(c.cursors)-1])
	}
	return p
}

type edge[T any] struct {
	cursor string
	node   T
}

func (e *edge[T]) Cursor() string { return e.cursor }
func (e *edge[T]) Node() T        { return e.node }

type pageInfo struct {
	hasNext bool
	end     *string
}

func (p *pageInfo) HasNextPage() bool  { return p.hasNext }
func (p *pageInfo) EndCursor() *string { return p.end }
