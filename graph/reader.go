package graph

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
)

// Page sizes: Page.First 0 means DefaultPageSize; larger than MaxPageSize is
// cut to it.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

type reader struct {
	g   *Graph
	tx  ReadTx
	ctx context.Context
}

func pageSize(p Page) int {
	switch {
	case p.First <= 0:
		return DefaultPageSize
	case p.First > MaxPageSize:
		return MaxPageSize
	}
	return p.First
}

func (r *reader) get(k []byte, v any) error {
	b, err := r.tx.Get(k)
	if err != nil {
		return err
	}
	return decode(b, v)
}

// record reads a record, with its sources (from their index entries, see
// encode) or, for callers that only need the rest, without.
func (r *reader) record(prefix, id string, v any, sources bool) error {
	b, err := r.tx.Get(key(prefix, id))
	if err != nil {
		return err
	}
	if !sources {
		return decode(b, v)
	}
	return decodeRecord(r.ctx, r.tx, id, b, v)
}

func (r *reader) Countries() ([]*Country, error) {
	out := make([]*Country, len(r.g.countries))
	for i, c := range r.g.countries {
		cc := *c
		out[i] = &cc
	}
	return out, nil
}

func (r *reader) Country(code string) (*Country, error) {
	c := r.g.byCode[code]
	if c == nil {
		return nil, ErrNotFound
	}
	cc := *c
	return &cc, nil
}

func (r *reader) Ministry(id string) (*Ministry, error) {
	var m Ministry
	if err := r.record(pMinistry, id, &m, true); err != nil {
		return nil, err
	}
	return &m, nil
}

func (r *reader) MinistriesOf(country string) ([]*Ministry, error) {
	var out []*Ministry
	err := r.tx.Scan(r.ctx, keyDir(pMinCountry, country), nil, func(k, _ []byte) (bool, error) {
		m, err := r.Ministry(lastPart(k))
		if err != nil {
			return false, err
		}
		out = append(out, m)
		return true, nil
	})
	return out, err
}

func (r *reader) Official(id string) (*Official, error) {
	var o Official
	if err := r.record(pOfficial, id, &o, true); err != nil {
		return nil, err
	}
	return &o, nil
}

// Holders returns the officials seen holding a ministry, in id order. It is
// not part of the Reader contract; the API reaches it through a type
// assertion on Reader.
func (r *reader) Holders(ministryID string) ([]*Official, error) {
	var out []*Official
	err := r.tx.Scan(r.ctx, keyDir(pOffMin, ministryID), nil, func(k, _ []byte) (bool, error) {
		o, err := r.Official(lastPart(k))
		if err != nil {
			return false, err
		}
		out = append(out, o)
		return true, nil
	})
	return out, err
}

// Officials lists officials in name order (folded canonical name, then id).
// A name filter is matched like Search: every word of it must start a word
// of one of the official's names, in any script.
func (r *reader) Officials(f OfficialFilter, p Page) ([]*Official, PageInfo, error) {
	after := ""
	if p.After != "" {
		var err error
		if after, err = decodeCursor(p.After); err != nil {
			return nil, PageInfo{}, err
		}
	}
	n := pageSize(p)
	if strings.TrimSpace(f.Name) == "" {
		prefix := keyDir(pOffName)
		if f.Country != "" {
			prefix = keyDir(pOffCountry, f.Country)
		}
		return pageIndex(r, prefix, nil, after, n, nil, r.Official)
	}
	ms, _, err := r.matchTokens(f.Name, KindOfficial)
	if err != nil {
		return nil, PageInfo{}, err
	}
	// The search index values carry country and name: filter and sort
	// without reading records, then read only the page.
	var tails []string
	for id, m := range ms {
		if f.Country != "" && m.country != f.Country {
			continue
		}
		tails = append(tails, foldName(m.label)+sep+id)
	}
	sort.Strings(tails)
	info := PageInfo{Total: len(tails)}
	var out []*Official
	for _, tail := range tails {
		if tail <= after {
			continue
		}
		if len(out) == n {
			info.HasNext = true
			break
		}
		o, err := r.Official(tail[strings.LastIndex(tail, sep)+1:])
		if err != nil {
			return nil, PageInfo{}, fmt.Errorf("graph: search index entry for %q: %w", tail, err)
		}
		out = append(out, o)
		info.Cursors = append(info.Cursors, encodeCursor(tail))
	}
	if len(info.Cursors) > 0 {
		info.EndCursor = info.Cursors[len(info.Cursors)-1]
	}
	return out, info, nil
}

// pageIndex pages through the records named by an index: keys under prefix
// (from the first key after start, when set) whose tail (the rest of the key)
// sorts after the cursor, accepted by keep (nil keeps all; its second result
// false ends the scan), loaded with load. Total counts every accepted entry.
//
// Counting visits every entry (a busy country pair has tens of thousands at
// 1M articles), so the per-entry path allocates nothing: tail and v are only
// valid during keep, and strings are made for the page's entries only.
func pageIndex[T any](r *reader, prefix, start []byte, after string, n int, keep func(tail, v []byte) (bool, bool), load func(id string) (*T, error)) ([]*T, PageInfo, error) {
	var info PageInfo
	var ids []string
	err := r.tx.Scan(r.ctx, prefix, start, func(k, v []byte) (bool, error) {
		tail := k[len(prefix):]
		if keep != nil {
			ok, more := keep(tail, v)
			if !more {
				return false, nil
			}
			if !ok {
				return true, nil
			}
		}
		info.Total++
		if string(tail) <= after {
			return true, nil
		}
		if len(ids) == n {
			info.HasNext = true
			return true, nil
		}
		ids = append(ids, lastPart(k))
		info.Cursors = append(info.Cursors, encodeCursor(string(tail)))
		return true, nil
	})
	if err != nil {
		return nil, PageInfo{}, err
	}
	out := make([]*T, 0, len(ids))
	for _, id := range ids {
		x, err := load(id)
		if err != nil {
			return nil, PageInfo{}, fmt.Errorf("graph: index entry for %q: %w", id, err)
		}
		out = append(out, x)
	}
	if len(info.Cursors) > 0 {
		info.EndCursor = info.Cursors[len(info.Cursors)-1]
	}
	return out, info, nil
}

func (r *reader) Meeting(id string) (*Meeting, error) {
	var m Meeting
	if err := r.record(pMeeting, id, &m, true); err != nil {
		return nil, err
	}
	return &m, nil
}

func (r *reader) Agreement(id string) (*Agreement, error) {
	var a Agreement
	if err := r.record(pAgreement, id, &a, true); err != nil {
		return nil, err
	}
	return &a, nil
}

type eventIndexes struct{ date, country, official, pair string }

var (
	meetingIndexes   = eventIndexes{pMeetDate, pMeetCountry, pMeetOff, pMeetPair}
	agreementIndexes = eventIndexes{pAgrDate, pAgrCountry, pAgrOff, pAgrPair}
)

// Meetings lists meetings newest first (undated last), ties by id.
func (r *reader) Meetings(f EventFilter, p Page) ([]*Meeting, PageInfo, error) {
	load := r.Meeting
	if p.NoSources {
		load = sansSources(r, pMeeting, func(m *Meeting) any { return &meetingSansSources{Meeting: m} })
	}
	return pageEvents(r, meetingIndexes, f, p, load)
}

// Agreements lists agreements newest first (undated last), ties by id. The
// filter's Official is a signatory.
func (r *reader) Agreements(f EventFilter, p Page) ([]*Agreement, PageInfo, error) {
	load := r.Agreement
	if p.NoSources {
		load = sansSources(r, pAgreement, func(a *Agreement) any { return &agreementSansSources{Agreement: a} })
	}
	return pageEvents(r, agreementIndexes, f, p, load)
}

// sansSources returns a loader of records without their sources: each is
// decoded through shadow(record), a struct that embeds the record and
// shadows its Sources with a skipped field (encoding/json fills the
// shallower of two fields with one name), so the inline sources are scanned
// without making their strings, and the sources kept as index entries are
// not read.
func sansSources[T any](r *reader, prefix string, shadow func(*T) any) func(string) (*T, error) {
	return func(id string) (*T, error) {
		v := new(T)
		if err := r.record(prefix, id, shadow(v), false); err != nil {
			return nil, err
		}
		return v, nil
	}
}

type meetingSansSources struct {
	*Meeting
	Sources skipped `json:"sources"`
}

type agreementSansSources struct {
	*Agreement
	Sources skipped `json:"sources"`
}

// skipped takes any JSON value and keeps nothing of it.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// pageEvents picks the most selective index for the filter (official, then a
// pair of parties, then one party, then all by date), scans only the date
// range asked for, and checks the remaining conditions on the index values
// (kind and parties), so no record is read except those returned.
func pageEvents[T any](r *reader, ix eventIndexes, f EventFilter, p Page, load func(string) (*T, error)) ([]*T, PageInfo, error) {
	after := ""
	if p.After != "" {
		var err error
		if after, err = decodeCursor(p.After); err != nil {
			return nil, PageInfo{}, err
		}
	}
	parties := stringSet{}
	parties.add(f.Between...)
	parties.add(f.Country)
	ps := parties.sorted()
	// The index chosen implies some of the parties asked for (all its
	// entries are events of that pair, or of that country); keep checks
	// only the others.
	var prefix []byte
	check := ps
	switch {
	case f.Official != "":
		prefix = keyDir(ix.official, f.Official)
	case len(ps) >= 2:
		prefix = keyDir(ix.pair, ps[0], ps[1])
		check = ps[2:]
	case len(ps) == 1:
		prefix = keyDir(ix.country, ps[0])
		check = nil
	default:
		prefix = keyDir(ix.date)
	}
	// Inverted dates: To is the lower bound of the scan, From the upper.
	lo, hi := "", ""
	if f.To != "" {
		lo = invDate(f.To)
	}
	if f.From != "" {
		hi = invDate(f.From)
	}
	dated := f.From != "" || f.To != ""
	keep := func(tail, v []byte) (bool, bool) {
		inv := tail
		if i := bytes.IndexByte(tail, 0); i >= 0 {
			inv = tail[:i]
		}
		if dated && string(inv) == "~" {
			return false, false // undated events sort last: none left in range
		}
		if hi != "" && string(inv) > hi {
			return false, false
		}
		if lo != "" && string(inv) < lo {
			return false, true
		}
		if f.Kind == "" && len(check) == 0 {
			return true, true
		}
		kind, rest, _ := bytes.Cut(v, []byte(sep))
		if f.Kind != "" && string(kind) != f.Kind {
			return false, true
		}
		cs, _, _ := bytes.Cut(rest, []byte(sep))
		for _, c := range check {
			if !hasItem(cs, c) {
				return false, true
			}
		}
		return true, true
	}
	var start []byte
	if lo != "" {
		start = append(append([]byte{}, prefix...), lo...)
	}
	return pageIndex(r, prefix, start, after, pageSize(p), keep, load)
}

// hasItem says whether the comma-separated list has item x.
func hasItem(list []byte, x string) bool {
	for len(list) > 0 {
		var item []byte
		item, list, _ = bytes.Cut(list, []byte(","))
		if string(item) == x {
			return true
		}
	}
	return false
}

func (r *reader) Article(id string) (*Article, error) {
	var a articleRec
	if err := r.get(key(pArticle, id), &a); err != nil {
		return nil, err
	}
	return &a.Article, nil
}

// Articles lists articles in id order.
func (r *reader) Articles(p Page) ([]*Article, PageInfo, error) {
	after := ""
	if p.After != "" {
		var err error
		if after, err = decodeCursor(p.After); err != nil {
			return nil, PageInfo{}, err
		}
	}
	total, err := readCount(r.tx, KindArticle)
	if err != nil {
		return nil, PageInfo{}, err
	}
	info := PageInfo{Total: total}
	n := pageSize(p)
	var out []*Article
	var start []byte
	if after != "" {
		start = key(pArticle, after)
	}
	err = r.tx.Scan(r.ctx, []byte(pArticle), start, func(k, v []byte) (bool, error) {
		if len(out) == n {
			info.HasNext = true
			return false, nil
		}
		var a articleRec
		if err := decode(v, &a); err != nil {
			return false, err
		}
		out = append(out, &a.Article)
		info.Cursors = append(info.Cursors, encodeCursor(a.ID))
		return true, nil
	})
	if err != nil {
		return nil, PageInfo{}, err
	}
	if len(info.Cursors) > 0 {
		info.EndCursor = info.Cursors[len(info.Cursors)-1]
	}
	return out, info, nil
}

// SourcesOf pages through every source of an official, ministry, meeting or
// agreement, in article order: the full provenance, where the record itself
// keeps at most MaxRecordSources. It reads the record's contributions, so
// each call costs time in proportion to how many there are (Total counts
// them all). Not part of the Reader contract: the API reaches it through a
// type assertion on Reader, as with Holders.
func (r *reader) SourcesOf(id string, p Page) ([]Source, PageInfo, error) {
	after := ""
	if p.After != "" {
		var err error
		if after, err = decodeCursor(p.After); err != nil {
			return nil, PageInfo{}, err
		}
	}
	if recordPrefix(id) == "" {
		return nil, PageInfo{}, ErrNotFound
	}
	if _, err := r.tx.Get(key(recordPrefix(id), id)); err != nil {
		return nil, PageInfo{}, err
	}
	n := pageSize(p)
	var out []Source
	var info PageInfo
	prefix := keyDir(pContrib, id)
	article := ""
	seen := map[Source]bool{} // duplicates come from one article's mentions
	err := r.tx.Scan(r.ctx, prefix, nil, func(k, v []byte) (bool, error) {
		c, err := decodeContribution(id, k, v)
		if err != nil {
			return false, err
		}
		if c.Article != article {
			article = c.Article
			clear(seen)
		}
		var ss []Source
		switch {
		case c.Off != nil:
			ss = c.Off.Sources
		case c.Min != nil:
			ss = c.Min.Sources
		case c.Meet != nil:
			ss = c.Meet.Sources
		case c.Agr != nil:
			ss = c.Agr.Sources
		}
		for i, s := range ss {
			if seen[s] {
				continue
			}
			seen[s] = true
			info.Total++
			tail := fmt.Sprintf("%s%s%05d", k[len(prefix):], sep, i)
			if tail <= after {
				continue
			}
			if len(out) == n {
				info.HasNext = true
				continue
			}
			out = append(out, s)
			info.Cursors = append(info.Cursors, encodeCursor(tail))
		}
		return true, nil
	})
	if err != nil {
		return nil, PageInfo{}, err
	}
	if len(info.Cursors) > 0 {
		info.EndCursor = info.Cursors[len(info.Cursors)-1]
	}
	return out, info, nil
}

// Partner is a country or organisation another meets, with how often.
type Partner struct {
	Country    string `json:"country"`
	Meetings   int    `json:"meetings"`
	Agreements int    `json:"agreements"`
}

// Partners ranks the parties a country has met (most meetings first, then
// most agreements, then code), counted from the country's event indexes
// without reading the events. limit ≤ 0 means all. Not part of the Reader
// contract: the API reaches it through a type assertion on Reader.
func (r *reader) Partners(country string, limit int) ([]Partner, error) {
	by := map[string]*Partner{}
	count := func(prefix string, meeting bool) error {
		return r.tx.Scan(r.ctx, keyDir(prefix, country), nil, func(_, v []byte) (bool, error) {
			_, cs, _, _ := eventValue(v)
			for _, c := range strings.Split(cs, ",") {
				if c == "" || c == country {
					continue
				}
				p := by[c]
				if p == nil {
					p = &Partner{Country: c}
					by[c] = p
				}
				if meeting {
					p.Meetings++
				} else {
					p.Agreements++
				}
			}
			return true, nil
		})
	}
	if err := count(pMeetCountry, true); err != nil {
		return nil, err
	}
	if err := count(pAgrCountry, false); err != nil {
		return nil, err
	}
	out := make([]Partner, 0, len(by))
	for _, p := range by {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Meetings != b.Meetings {
			return a.Meetings > b.Meetings
		}
		if a.Agreements != b.Agreements {
			return a.Agreements > b.Agreements
		}
		return a.Country < b.Country
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
