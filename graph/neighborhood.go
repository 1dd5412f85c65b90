package graph

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strings"
)

// Neighbourhood limits. limit ≤ 0 means DefaultNeighborhoodLimit nodes; more
// than MaxNeighborhoodLimit is cut to it. depth < 0 means 1; more than
// MaxNeighborhoodDepth is cut to it. Each node lists at most neighborScan
// events when expanded, newest first, so a hub (a country with thousands of
// meetings) costs a bounded amount; edges are capped at edgesPerNode × limit,
// besides the one edge by which each node joined (none is left alone).
const (
	DefaultNeighborhoodLimit = 100
	MaxNeighborhoodLimit     = 2000
	MaxNeighborhoodDepth     = 4
	neighborScan             = 200
	frontierScan             = 50
	edgesPerNode             = 10
)

// Edge kinds of a Subgraph besides meeting and agreement.
const (
	EdgeRole   = "role"   // official → ministry
	EdgeMember = "member" // official or ministry → country
)

// neighbor is a node next to the one expanded, named by id only: the
// caller reads (labels) it only if it joins the subgraph. Most neighbours of
// a depth-2 walk never do (the subgraph is full, or they are the other end of
// a frontier node's event outside it), and reading each would cost a record
// decode per neighbour, a disk read when it is not cached.
type neighbor struct {
	id   string
	edge SubEdge
}

// hood caches what one Neighborhood call reads: hub officials carry
// thousands of sources, so each record is decoded once.
type hood struct {
	r        *reader
	meetings map[string]*Meeting
	agrs     map[string]*Agreement
	nodes    map[string]SubNode
	offs     map[string]*Official
	// raw keeps the stored records read to label nodes (officials,
	// ministries): a node that is then expanded decodes the same bytes
	// again rather than reading its record twice (a disk read each when
	// the value log is not cached).
	raw map[string][]byte
	// nbrs is expand's result, reused: each is consumed before the next
	// expansion (a hub's expansions list thousands of 112-byte neighbours).
	nbrs []neighbor
	// edges holds the subgraph's edges, keyed by appendEdgeKey. expand
	// looks an event's edge up here before it makes the edge's strings:
	// most index entries a hub's walk reads are events already found from
	// their other end.
	edges map[string]struct{}
	kbuf  []byte
}

// appendEdgeKey appends the key that identifies an edge in hood.edges: the
// event (or role or membership) id and the two ends, which ids never
// contain a NUL to confuse.
func appendEdgeKey[T, U, V ~string | ~[]byte](b []byte, id T, s U, t V) []byte {
	b = append(b, id...)
	b = append(b, 0)
	b = append(b, s...)
	b = append(b, 0)
	return append(b, t...)
}

// insertEdge adds the edge (id, source, target) to h.edges and reports
// whether it was new.
func (h *hood) insertEdge(id, s, t string) bool {
	h.kbuf = appendEdgeKey(h.kbuf[:0], id, s, t)
	if _, ok := h.edges[string(h.kbuf)]; ok {
		return false
	}
	h.edges[string(h.kbuf)] = struct{}{}
	return true
}

// get reads a stored record, or returns the copy a label read kept.
func (h *hood) get(prefix, id string) ([]byte, error) {
	if b, ok := h.raw[id]; ok {
		return b, nil
	}
	b, err := h.r.tx.Get(key(prefix, id))
	if err != nil {
		return nil, err
	}
	h.raw[id] = b
	return b, nil
}

// Neighborhood returns the nodes within depth hops of id, breadth first, and
// the edges among them. Nodes are countries, ministries and officials;
// meetings and agreements are edges (one per pair of participants, or of
// countries when expanding a country). A meeting or agreement id starts the
// walk from its participants and parties.
func (r *reader) Neighborhood(id string, depth, limit int) (*Subgraph, error) {
	switch {
	case limit <= 0:
		limit = DefaultNeighborhoodLimit
	case limit > MaxNeighborhoodLimit:
		limit = MaxNeighborhoodLimit
	}
	switch {
	case depth < 0:
		depth = 1
	case depth > MaxNeighborhoodDepth:
		depth = MaxNeighborhoodDepth
	}
	// Room for the edges' cap (and the edges that join nodes past it) up
	// front, up to 8,192 (786 KB): a hub's walk reaches it, and growing the
	// slice and the set to 5,500 edges allocated three times as much, the
	// most of any part of a depth-2 neighbourhood's garbage.
	maxEdges := edgesPerNode * limit
	room := min(maxEdges+limit, 8192)
	h := &hood{r: r, meetings: map[string]*Meeting{}, agrs: map[string]*Agreement{},
		nodes: map[string]SubNode{}, offs: map[string]*Official{}, raw: map[string][]byte{},
		edges: make(map[string]struct{}, room)}
	sg := &Subgraph{Nodes: []SubNode{}, Edges: make([]SubEdge, 0, room)}
	nodes := map[string]bool{}
	joinEdge := func(e SubEdge) {
		if e.ID != "" && h.insertEdge(e.ID, e.Source, e.Target) {
			sg.Edges = append(sg.Edges, e)
		}
	}
	addEdge := func(e SubEdge) {
		if len(sg.Edges) >= maxEdges {
			return // checked first: most calls come after the cap
		}
		joinEdge(e)
	}
	type item struct {
		id    string
		depth int
	}
	var queue []item
	addNode := func(n SubNode, d int) bool {
		if nodes[n.ID] {
			return true
		}
		if len(sg.Nodes) >= limit {
			return false
		}
		nodes[n.ID] = true
		sg.Nodes = append(sg.Nodes, n)
		queue = append(queue, item{n.ID, d})
		return true
	}

	switch KindOf(id) {
	case KindMeeting, KindAgreement:
		var parts, countries []string
		if KindOf(id) == KindMeeting {
			m, err := h.meeting(id)
			if err != nil {
				return nil, err
			}
			parts, countries = m.Participants, m.Countries
		} else {
			a, err := h.agreement(id)
			if err != nil {
				return nil, err
			}
			parts, countries = a.Signatories, a.Countries
		}
		for _, x := range append(append([]string{}, parts...), countries...) {
			if n, err := h.node(x); err == nil {
				addNode(n, 0)
			}
		}
	default:
		n, err := h.node(id)
		if err != nil {
			return nil, err
		}
		addNode(n, 0)
	}

	// full says nothing more can be added: every later step only adds nodes
	// or edges, so the walk can stop there.
	full := func() bool { return len(sg.Nodes) >= limit && len(sg.Edges) >= maxEdges }
	var frontier []item
	for i := 0; i < len(queue) && !full(); i++ {
		it := queue[i]
		if it.depth >= depth || len(sg.Nodes) >= limit {
			frontier = append(frontier, it)
			continue
		}
		// Once the edges are at their cap (they never shrink), the
		// expansion only finds nodes: expand skips building edges.
		nbrs, err := h.expand(it.id, neighborScan, len(sg.Edges) < maxEdges, nodes)
		if err != nil {
			return nil, err
		}
		for _, nb := range nbrs {
			if !nodes[nb.id] {
				if len(sg.Nodes) >= limit {
					continue // no room: do not read it
				}
				n, err := h.node(nb.id)
				if errors.Is(err, ErrNotFound) {
					continue // dangling reference: Check reports it, the explorer skips it
				}
				if err != nil {
					return nil, err
				}
				addNode(n, it.depth+1)
				// The edge it was found by, even past the cap: a node
				// without edges would be drawn alone.
				joinEdge(nb.edge)
				continue
			}
			addEdge(nb.edge)
		}
	}
	// The frontier (the last hop, or everything queued once the subgraph was
	// full) was not expanded: find the edges among its nodes, reading less
	// per node. Countries are skipped: their edges to the others were found
	// from the other side. Neighbours outside the subgraph are not read.
	// Only edges are added here, so once they reach their cap nothing is
	// left to find (a hub's depth-2 walk reaches it before the frontier:
	// its neighbours meet each other again and again).
	for _, it := range frontier {
		if len(sg.Edges) >= maxEdges {
			break
		}
		if KindOf(it.id) == KindCountry {
			continue
		}
		nbrs, err := h.expand(it.id, frontierScan, true, nil)
		if err != nil {
			return nil, err
		}
		for _, nb := range nbrs {
			if nodes[nb.id] {
				addEdge(nb.edge)
			}
		}
	}
	sortEdges(sg.Edges)
	return sg, nil
}

func (h *hood) meeting(id string) (*Meeting, error) {
	if m := h.meetings[id]; m != nil {
		return m, nil
	}
	m := new(Meeting)
	err := h.r.record(pMeeting, id, m, false)
	if err != nil {
		return nil, err
	}
	h.meetings[id] = m
	return m, nil
}

func (h *hood) agreement(id string) (*Agreement, error) {
	if a := h.agrs[id]; a != nil {
		return a, nil
	}
	a := new(Agreement)
	err := h.r.record(pAgreement, id, a, false)
	if err != nil {
		return nil, err
	}
	h.agrs[id] = a
	return a, nil
}

func (h *hood) official(id string) (*Official, error) {
	if o := h.offs[id]; o != nil {
		return o, nil
	}
	// Only what a node and its edges show: decoding skips the names and
	// every source (a hub official's roles carry theirs).
	var lean leanOfficial
	b, err := h.get(pOfficial, id)
	if err != nil {
		return nil, err
	}
	if err := decodeLeanOfficial(b, &lean); err != nil {
		return nil, err
	}
	delete(h.raw, id) // decoded once for all: h.offs has it
	o := &Official{ID: id, Country: lean.Country, Name: lean.Name}
	for _, r := range lean.Roles {
		o.Roles = append(o.Roles, Role{Title: r.Title, Ministry: r.Ministry, From: r.From})
	}
	h.offs[id] = o
	return o, nil
}

// ministry reads a ministry without its sources.
func (h *hood) ministry(id string) (*Ministry, error) {
	b, err := h.get(pMinistry, id)
	if err != nil {
		return nil, err
	}
	m := new(Ministry)
	if err := decode(b, m); err != nil {
		return nil, err
	}
	return m, nil
}

// node returns the SubNode of a country, official or ministry id.
func (h *hood) node(id string) (SubNode, error) {
	if n, ok := h.nodes[id]; ok {
		return n, nil
	}
	n, err := h.readNode(id)
	if err == nil {
		h.nodes[id] = n
	}
	return n, err
}

func (h *hood) readNode(id string) (SubNode, error) {
	switch KindOf(id) {
	case KindOfficial:
		if o := h.offs[id]; o != nil {
			return SubNode{ID: id, Kind: KindOfficial, Label: o.Name}, nil
		}
		// Most nodes are only labelled, not expanded: decode just the name.
		b, err := h.get(pOfficial, id)
		if err != nil {
			return SubNode{}, err
		}
		name, err := decodeName(b)
		if err != nil {
			return SubNode{}, err
		}
		return SubNode{ID: id, Kind: KindOfficial, Label: name}, nil
	case KindMinistry:
		m, err := h.ministry(id)
		if err != nil {
			return SubNode{}, err
		}
		return SubNode{ID: id, Kind: KindMinistry, Label: m.Names[LangEnglish]}, nil
	case KindCountry:
		c := h.r.g.byCode[id]
		if c == nil {
			return SubNode{}, ErrNotFound
		}
		return SubNode{ID: id, Kind: KindCountry, Label: countryLabel(c)}, nil
	}
	return SubNode{}, ErrNotFound
}

// sortEdges orders edges by (ID, Source, Target), which addEdge keeps
// unique, so any sort gives the same order (a stable one cost a tenth of a
// 5,000-edge walk). It sorts their indices and then moves each edge once,
// in place, cycle by cycle: swapping the 96-byte edges themselves was half
// the sort's time, and a sorted copy was 480 KB more garbage per walk.
func sortEdges(edges []SubEdge) {
	idx := make([]int32, len(edges))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &edges[i], &edges[j]
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target))
	})
	// Position k takes the edge at idx[k]; a position is marked done (-1)
	// once filled.
	for start := range idx {
		if idx[start] < 0 || int(idx[start]) == start {
			idx[start] = -1
			continue
		}
		held := edges[start]
		k := start
		for {
			from := int(idx[k])
			idx[k] = -1
			if from == start {
				edges[k] = held
				break
			}
			edges[k] = edges[from]
			k = from
		}
	}
}

func pair(a, b string) (string, string) {
	if a < b {
		return a, b
	}
	return b, a
}

// scanEvents lists the ids under an event index prefix, newest first, at
// most n.
func (h *hood) scanEvents(prefix []byte, n int) ([]string, error) {
	var ids []string
	err := h.r.tx.Scan(h.r.ctx, prefix, nil, func(k, _ []byte) (bool, error) {
		ids = append(ids, lastPart(k))
		return len(ids) < n, nil
	})
	return ids, err
}

// expand lists a node's neighbours with the edge to each, reading at most
// scan events of each kind. It reads the node's own record (an official's
// roles, a ministry's country) and index entries, not the neighbours'.
//
// With edges, it lists every edge not already in the subgraph. Without, it
// lists only the neighbours a walk whose edges are full can still add: each
// once, with the first edge found to it (the one that joins it to the
// subgraph), and none in known (the subgraph's nodes). A hub's index
// entries name the same few counterparts hundreds of times.
func (h *hood) expand(id string, scan int, edges bool, known map[string]bool) ([]neighbor, error) {
	out := h.nbrs[:0]
	defer func() { h.nbrs = out[:0] }()
	var seen map[string]bool
	if !edges {
		seen = map[string]bool{id: true}
	}
	add := func(other string, e SubEdge) {
		if edges {
			if other != id {
				out = append(out, neighbor{other, e})
			}
			return
		}
		if !known[other] && !seen[other] {
			seen[other] = true
			out = append(out, neighbor{other, e})
		}
	}
	// events adds one edge per other party (byCountry) or participant or
	// signatory of each meeting or agreement in a country's or an
	// official's index: the entry has all the edge needs (kind, date,
	// parties, officials, an agreement's subject), so no event is read.
	events := func(edgeKind, prefix string, byCountry bool) error {
		n := 0
		dir := keyDir(prefix, id)
		return h.r.tx.Scan(h.r.ctx, dir, nil, func(k, v []byte) (bool, error) {
			inv, eid, ok := bytes.Cut(k[len(dir):], []byte(sep))
			if !ok || bytes.IndexByte(eid, 0) >= 0 {
				return true, nil // a longer key that shares the prefix
			}
			kind, rest, _ := bytes.Cut(v, []byte(sep))
			countries, rest, _ := bytes.Cut(rest, []byte(sep))
			officials, subject, _ := bytes.Cut(rest, []byte(sep))
			ends, label := officials, kind
			if byCountry {
				ends = countries
			}
			if edgeKind == KindAgreement {
				label = subject
			}
			// The event's strings are made once, for its first edge not
			// already in the subgraph: most entries have none.
			var e SubEdge
			for rest := ends; len(rest) > 0; {
				var o []byte
				o, rest, _ = bytes.Cut(rest, []byte(","))
				if len(o) == 0 || string(o) == id {
					continue
				}
				// Looked up before a string is made of it: most entries
				// name only known nodes, in edges already found from
				// their other end.
				if edges {
					if id < string(o) {
						h.kbuf = appendEdgeKey(h.kbuf[:0], eid, id, o)
					} else {
						h.kbuf = appendEdgeKey(h.kbuf[:0], eid, o, id)
					}
					if _, ok := h.edges[string(h.kbuf)]; ok {
						continue
					}
				} else if known[string(o)] || seen[string(o)] {
					continue
				}
				if e.ID == "" {
					e = SubEdge{ID: string(eid), Kind: edgeKind, Label: string(label), Date: uninvDate(string(inv))}
				}
				other := string(o)
				e.Source, e.Target = pair(id, other)
				add(other, e)
			}
			n++
			return n < scan, nil
		})
	}

	switch KindOf(id) {
	case KindOfficial:
		o, err := h.official(id)
		if err != nil {
			return nil, err
		}
		if o.Country != "" {
			add(o.Country, SubEdge{ID: EdgeMember + ":" + id, Kind: EdgeMember, Source: id, Target: o.Country})
		}
		for _, r := range o.Roles {
			if r.Ministry == "" {
				continue
			}
			e := SubEdge{ID: EdgeRole + ":" + id + ":" + r.Ministry, Kind: EdgeRole, Source: id, Target: r.Ministry, Label: r.Title, Date: r.From}
			add(r.Ministry, e)
		}
		if err := events(KindMeeting, pMeetOff, false); err != nil {
			return nil, err
		}
		if err := events(KindAgreement, pAgrOff, false); err != nil {
			return nil, err
		}
	case KindMinistry:
		m, err := h.ministry(id)
		if err != nil {
			return nil, err
		}
		add(m.Country, SubEdge{ID: EdgeMember + ":" + id, Kind: EdgeMember, Source: id, Target: m.Country})
		holders, err := h.scanEvents(keyDir(pOffMin, id), scan)
		if err != nil {
			return nil, err
		}
		for _, oid := range holders {
			e := SubEdge{ID: EdgeRole + ":" + oid + ":" + id, Kind: EdgeRole, Source: oid, Target: id}
			add(oid, e)
		}
	case KindCountry:
		if err := events(KindMeeting, pMeetCountry, true); err != nil {
			return nil, err
		}
		if err := events(KindAgreement, pAgrCountry, true); err != nil {
			return nil, err
		}
		var members []string
		err := h.r.tx.Scan(h.r.ctx, keyDir(pOffCountry, id), nil, func(k, _ []byte) (bool, error) {
			members = append(members, lastPart(k))
			return len(members) < scan, nil
		})
		if err != nil {
			return nil, err
		}
		err = h.r.tx.Scan(h.r.ctx, keyDir(pMinCountry, id), nil, func(k, _ []byte) (bool, error) {
			members = append(members, lastPart(k))
			return len(members) < 2*scan, nil
		})
		if err != nil {
			return nil, err
		}
		for _, mid := range members {
			add(mid, SubEdge{ID: EdgeMember + ":" + mid, Kind: EdgeMember, Source: mid, Target: id})
		}
	}
	return out, nil
}
