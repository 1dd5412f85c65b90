package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// articleRec is the stored form of an article: the public Article (with the
// ids of the officials, meetings and agreements it fed) plus the ministries it
// fed, which RemoveArticle needs and readers do not.
type articleRec struct {
	Article
	Ministries []string `json:"ministries,omitempty"`
}

// Apply merges contributions into the graph in one transaction, in order;
// each contribution sees the ones before it. See the package documentation of
// outcomes: an article already loaded with the same content, under its id or
// another, changes nothing; one loaded again with new content replaces what it
// contributed before.
func (g *Graph) Apply(ctx context.Context, cs []Contribution) (ApplyResult, error) {
	var res ApplyResult
	err := g.s.Update(ctx, func(tx Tx) error {
		res = ApplyResult{Outcomes: make([]Outcome, 0, len(cs))}
		w := newWriter(ctx, g, tx, &res)
		for i := range cs {
			o, err := w.apply(&cs[i])
			if err != nil {
				return fmt.Errorf("graph: apply article %q (#%d): %w", cs[i].Article.ID, i, err)
			}
			res.Outcomes = append(res.Outcomes, o)
		}
		return w.flush()
	})
	if err != nil {
		return ApplyResult{}, err
	}
	return res, nil
}

// recState is a record being changed in a transaction: its contributions,
// its derived public form, and the index entries currently in the
// transaction for it.
type recState struct {
	id      string
	cs      []contribution // sorted by (article, seq)
	stored  map[string]bool
	pub     any
	existed bool
	idx     map[string]string
	strict  stringSet // officials: strict keys of every name form
	dirty   bool
}

type writer struct {
	ctx    context.Context
	g      *Graph
	tx     Tx
	res    *ApplyResult
	recs   map[string]*recState
	order  []string
	counts map[string]int // kind → change of the record count
}

func newWriter(ctx context.Context, g *Graph, tx Tx, res *ApplyResult) *writer {
	return &writer{ctx: ctx, g: g, tx: tx, res: res, recs: map[string]*recState{}, counts: map[string]int{}}
}

// load returns the state of a record, reading it once per transaction.
func (w *writer) load(id string) (*recState, error) {
	if st := w.recs[id]; st != nil {
		return st, nil
	}
	st := &recState{id: id, stored: map[string]bool{}}
	_, err := w.tx.Get(key(recordPrefix(id), id))
	switch {
	case err == nil:
		st.existed = true
		err = w.tx.Scan(w.ctx, keyDir(pContrib, id), nil, func(k, v []byte) (bool, error) {
			c, err := decodeContribution(id, k, v)
			if err != nil {
				return false, err
			}
			st.stored[string(k)] = true
			st.cs = append(st.cs, c)
			return true, nil
		})
		if err != nil {
			return nil, err
		}
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	sortContributions(st.cs)
	st.pub = derive(id, st.cs)
	st.idx = map[string]string{}
	if st.pub != nil {
		st.idx = indexEntries(st.pub, st.cs)
	}
	st.strict = strictKeys(st)
	w.recs[id] = st
	w.order = append(w.order, id)
	return st, nil
}

func strictKeys(st *recState) stringSet {
	o, ok := st.pub.(*Official)
	if !ok {
		return nil
	}
	s := stringSet{}
	for _, n := range o.Names {
		s.add(nameKey(n.Text))
	}
	for _, c := range st.cs {
		if c.Off.Latin != "" {
			s.add(nameKey(c.Off.Latin))
		}
	}
	return s
}

// exists says whether a record id is taken, in this transaction.
func (w *writer) exists(id string) (bool, error) {
	if st := w.recs[id]; st != nil {
		return st.pub != nil, nil
	}
	_, err := w.tx.Get(key(recordPrefix(id), id))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// newID returns base, or base-2, base-3… if taken (a record whose first
// natural key collides with another's, or an id freed and reused).
func (w *writer) newID(base string) (string, error) {
	id := base
	for n := 2; ; n++ {
		taken, err := w.exists(id)
		if err != nil || !taken {
			return id, err
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

func shortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, sep)))
	return hex.EncodeToString(h[:6])
}

// refresh derives the record again and brings its index entries in the
// transaction up to date, so that later lookups in the same batch see it.
func (w *writer) refresh(st *recState) error {
	st.dirty = true
	st.pub = derive(st.id, st.cs)
	next := map[string]string{}
	if st.pub != nil {
		next = indexEntries(st.pub, st.cs)
	}
	for k := range st.idx {
		if _, ok := next[k]; !ok {
			if err := w.tx.Delete([]byte(k)); err != nil {
				return err
			}
		}
	}
	for k, v := range next {
		if old, ok := st.idx[k]; !ok || old != v {
			if err := w.tx.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
	}
	st.idx = next
	st.strict = strictKeys(st)
	return nil
}

func (w *writer) addContribution(id string, c contribution) (*recState, error) {
	st, err := w.load(id)
	if err != nil {
		return nil, err
	}
	i := sort.Search(len(st.cs), func(i int) bool {
		x := st.cs[i]
		return x.Article > c.Article || (x.Article == c.Article && x.Seq >= c.Seq)
	})
	if i < len(st.cs) && st.cs[i].Article == c.Article && st.cs[i].Seq == c.Seq {
		st.cs[i] = c
	} else {
		st.cs = append(st.cs, contribution{})
		copy(st.cs[i+1:], st.cs[i:])
		st.cs[i] = c
	}
	return st, w.refresh(st)
}

// flush writes every changed record and its contributions, and the counts.
func (w *writer) flush() error {
	for _, id := range w.order {
		st := w.recs[id]
		if !st.dirty {
			continue
		}
		rk := key(recordPrefix(id), id)
		live := map[string]bool{}
		if st.pub != nil {
			if err := w.tx.Put(rk, encode(st.pub)); err != nil {
				return err
			}
			for i := range st.cs {
				c := &st.cs[i]
				ck := contribKey(id, c.Article, c.Seq)
				live[string(ck)] = true
				if err := w.tx.Put(ck, encode(c.body())); err != nil {
					return err
				}
			}
			if !st.existed {
				w.counts[KindOf(id)]++
				if KindOf(id) == KindOfficial || KindOf(id) == KindMinistry {
					w.res.NodesAdded++
				} else {
					w.res.EdgesAdded++
				}
			}
		} else {
			if err := w.tx.Delete(rk); err != nil {
				return err
			}
			if st.existed {
				w.counts[KindOf(id)]--
			}
		}
		for k := range st.stored {
			if !live[k] {
				if err := w.tx.Delete([]byte(k)); err != nil {
					return err
				}
			}
		}
	}
	kinds := make([]string, 0, len(w.counts))
	for k := range w.counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		if w.counts[kind] == 0 {
			continue
		}
		n, err := readCount(w.tx, kind)
		if err != nil {
			return err
		}
		if err := w.tx.Put(key(pCount, kind), []byte(strconv.Itoa(n+w.counts[kind]))); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) article(id string) (*articleRec, error) {
	v, err := w.tx.Get(key(pArticle, id))
	if err != nil {
		return nil, err
	}
	var a articleRec
	if err := decode(v, &a); err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	return &a, nil
}

// contentHash stands in for Article.Hash when the caller left it empty: a
// digest of everything the contribution says.
func contentHash(c *Contribution) string {
	a := c.Article
	a.Officials, a.Meetings, a.Agreements, a.Hash = nil, nil, nil, ""
	h := sha256.Sum256(encode(struct {
		A Article
		O []OfficialMention
		M []MeetingMention
		G []AgreementMention
	}{a, c.Officials, c.Meetings, c.Agreements}))
	return "c:" + hex.EncodeToString(h[:16])
}

func (w *writer) apply(c *Contribution) (Outcome, error) {
	id := c.Article.ID
	if id == "" {
		return "", errors.New("article id: empty")
	}
	if strings.Contains(id, sep) {
		return "", errors.New("article id: contains a NUL byte")
	}
	hash := c.Article.Hash
	if hash == "" {
		hash = contentHash(c)
	}
	old, err := w.article(id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", err
	}
	if old != nil && old.Hash == hash {
		return OutcomeUnchanged, nil
	}
	owner, err := w.tx.Get(key(pHash, hash))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", err
	}
	if old == nil {
		if owner != nil {
			return OutcomeUnchanged, nil
		}
		return OutcomeLoaded, w.addArticle(c, hash)
	}
	if err := w.removeArticle(old); err != nil {
		return "", err
	}
	if owner != nil && string(owner) != id {
		// The new content is already loaded under another id: the old
		// content is gone and the new one is not counted twice.
		return OutcomeReplaced, nil
	}
	return OutcomeReplaced, w.addArticle(c, hash)
}

func (w *writer) removeArticle(a *articleRec) error {
	ids := stringSet{}
	ids.add(a.Officials...)
	ids.add(a.Ministries...)
	ids.add(a.Meetings...)
	ids.add(a.Agreements...)
	for _, rid := range ids.sorted() {
		st, err := w.load(rid)
		if err != nil {
			return err
		}
		kept := st.cs[:0]
		for _, c := range st.cs {
			if c.Article != a.ID {
				kept = append(kept, c)
			}
		}
		st.cs = kept
		if err := w.refresh(st); err != nil {
			return err
		}
	}
	if err := w.tx.Delete(key(pArticle, a.ID)); err != nil {
		return err
	}
	owner, err := w.tx.Get(key(pHash, a.Hash))
	if err == nil && string(owner) == a.ID {
		err = w.tx.Delete(key(pHash, a.Hash))
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	w.counts[KindArticle]--
	return nil
}

func (w *writer) addArticle(c *Contribution, hash string) error {
	aid := c.Article.ID
	refs := map[string]string{}
	offs, mins, meets, agrs := stringSet{}, stringSet{}, stringSet{}, stringSet{}
	for i := range c.Officials {
		m := &c.Officials[i]
		oid, err := w.resolveOfficial(m)
		if err != nil {
			return fmt.Errorf("officials[%d]: %w", i, err)
		}
		if oid == "" {
			continue // nameless and no known office holder: nothing to attach it to
		}
		refs[m.Ref] = oid
		offs.add(oid)
		_, err = w.addContribution(oid, contribution{Article: aid, Seq: i, Off: &offContrib{
			Country: m.Country, Names: m.Names, Latin: m.Latin, Title: m.Title,
			Portfolio: m.Portfolio, Date: m.Date, Sources: m.Sources,
		}})
		if err != nil {
			return err
		}
		if m.Portfolio != "" && m.Country != "" {
			mid := MinistryID(m.Country, m.Portfolio)
			mins.add(mid)
			_, err := w.addContribution(mid, contribution{Article: aid, Seq: i, Min: &minContrib{
				Country: m.Country, Portfolio: m.Portfolio, Sources: m.Sources,
			}})
			if err != nil {
				return err
			}
		}
	}
	resolveRefs := func(rs []string) []string {
		s := stringSet{}
		for _, r := range rs {
			s.add(refs[r])
		}
		return s.sorted()
	}
	meetIDs := make([]string, len(c.Meetings))
	for j := range c.Meetings {
		mm := &c.Meetings[j]
		parts := resolveRefs(mm.Participants)
		cs := stringSet{}
		cs.add(mm.Countries...)
		countries := cs.sorted()
		mid, err := w.resolveMeeting(mm.Kind, mm.Date, countries, parts)
		if err != nil {
			return fmt.Errorf("meetings[%d]: %w", j, err)
		}
		meetIDs[j] = mid
		meets.add(mid)
		_, err = w.addContribution(mid, contribution{Article: aid, Seq: j, Meet: &meetContrib{
			Kind: mm.Kind, Status: mm.Status, Date: mm.Date, Place: mm.Place, Host: mm.Host,
			Countries: countries, Participants: parts, Topics: sortedSet(mm.Topics),
			Code: mm.Code, Sources: mm.Sources,
		}})
		if err != nil {
			return err
		}
	}
	for k := range c.Agreements {
		am := &c.Agreements[k]
		cs := stringSet{}
		cs.add(am.Countries...)
		countries := cs.sorted()
		meeting := ""
		if am.Meeting >= 0 && am.Meeting < len(meetIDs) {
			meeting = meetIDs[am.Meeting]
		}
		gid, err := w.resolveAgreement(am, c.Article.Lang, countries, meeting)
		if err != nil {
			return fmt.Errorf("agreements[%d]: %w", k, err)
		}
		agrs.add(gid)
		_, err = w.addContribution(gid, contribution{Article: aid, Seq: k, Agr: &agrContrib{
			Kind: am.Kind, Status: am.Status, Subject: am.Subject, Lang: c.Article.Lang, Date: am.Date,
			Countries: countries, Signatories: resolveRefs(am.Signatories), Meeting: meeting,
			Topics: sortedSet(am.Topics), Code: am.Code, Sources: am.Sources,
		}})
		if err != nil {
			return err
		}
		if meeting != "" {
			// The meeting's agreements are what its reports linked to it.
			st, err := w.load(meeting)
			if err != nil {
				return err
			}
			for i := range st.cs {
				if x := &st.cs[i]; x.Article == aid && x.Seq == am.Meeting {
					x.Meet.Agreements = sortedSet(append(x.Meet.Agreements, gid))
				}
			}
			if err := w.refresh(st); err != nil {
				return err
			}
		}
	}
	a := articleRec{Article: c.Article, Ministries: mins.sorted()}
	a.Hash = hash
	a.Officials, a.Meetings, a.Agreements = offs.sorted(), meets.sorted(), agrs.sorted()
	if err := w.tx.Put(key(pArticle, aid), encode(&a)); err != nil {
		return err
	}
	if err := w.tx.Put(key(pHash, hash), []byte(aid)); err != nil {
		return err
	}
	w.counts[KindArticle]++
	return nil
}

func sortedSet(xs []string) []string {
	s := stringSet{}
	s.add(xs...)
	return s.sorted()
}

// scanIDs returns the ids (last key component) under a key prefix, sorted.
func (w *writer) scanIDs(prefix []byte) ([]string, error) {
	var ids []string
	err := w.tx.Scan(w.ctx, prefix, nil, func(k, _ []byte) (bool, error) {
		ids = append(ids, lastPart(k))
		return true, nil
	})
	return ids, err
}

// official returns a candidate's state, or nil if it is gone.
func (w *writer) official(id string) (*recState, *Official, error) {
	st, err := w.load(id)
	if err != nil {
		return nil, nil, err
	}
	o, _ := st.pub.(*Official)
	return st, o, nil
}

func portfolios(o *Official) stringSet {
	s := stringSet{}
	for _, r := range o.Roles {
		s.add(r.Portfolio)
	}
	return s
}

// compatible: the mention names no portfolio, the official has none yet, or
// they share one. samePortfolio is the strict form: both name the same one.
func compatible(o *Official, p string) bool {
	ps := portfolios(o)
	return p == "" || len(ps) == 0 || ps[p]
}

func samePortfolio(o *Official, p string) bool { return p != "" && portfolios(o)[p] }

// resolveOfficial finds the official a mention names, or creates one. The
// rules, in order (first that yields a candidate wins):
//
//  1. same country and the same strict key of some name form; a one-word key
//     (a bare surname) also needs the same portfolio. Officials with no
//     country yet match with a compatible portfolio.
//  2. same country and loose key, confirmed token by token and by portfolio.
//  3. a bare surname matches the one official of the country whose key holds
//     that word and who holds the same portfolio.
//  4. a full name matches the one official of the country known so far only
//     by one of its words, with the same portfolio (so the surname-first
//     order gives the same graph as the full-name-first order).
//  5. with no country, the one official anywhere with the same full strict
//     key and a compatible portfolio.
//
// A mention with no name at all is the holder of its office on its date, if
// the graph knows one. Otherwise a new official is created.
func (w *writer) resolveOfficial(m *OfficialMention) (string, error) {
	forms := stringSet{}
	var fullest string
	for _, n := range m.Names {
		if strings.TrimSpace(n.Text) != "" {
			forms.add(n.Text)
			if fullest == "" {
				fullest = n.Text
			}
		}
	}
	if strings.TrimSpace(m.Latin) != "" {
		forms.add(m.Latin)
		if fullest == "" {
			fullest = m.Latin
		}
	}
	if len(forms) == 0 {
		return w.holder(m.Country, m.Portfolio, m.Date)
	}
	C, p := m.Country, m.Portfolio
	formList := forms.sorted() // map order is random; resolution must not be
	keys := stringSet{}
	for _, f := range formList {
		keys.add(nameKey(f))
	}
	skeys := keys.sorted()
	multi := false
	for _, k := range skeys {
		multi = multi || len(strings.Fields(k)) > 1
	}

	pick := func(ids []string, ok func(*Official) bool, unique bool) (string, error) {
		var found []string
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			_, o, err := w.official(id)
			if err != nil {
				return "", err
			}
			if o != nil && ok(o) {
				found = append(found, id)
			}
		}
		if len(found) == 0 || (unique && len(found) > 1) {
			return "", nil
		}
		sort.Strings(found)
		return found[0], nil
	}

	// 1. strict key.
	for _, k := range skeys {
		oneWord := len(strings.Fields(k)) == 1
		ids, err := w.scanIDs(keyDir(pOffStrict, C, k))
		if err != nil {
			return "", err
		}
		id, err := pick(ids, func(o *Official) bool { return !oneWord || samePortfolio(o, p) }, false)
		if id != "" || err != nil {
			return id, err
		}
		if C != "" {
			ids, err := w.scanIDs(keyDir(pOffStrict, "", k))
			if err != nil {
				return "", err
			}
			id, err := pick(ids, func(o *Official) bool {
				return o.Country == "" && ((!oneWord && compatible(o, p)) || samePortfolio(o, p))
			}, true)
			if id != "" || err != nil {
				return id, err
			}
		}
	}
	// 2. loose key, confirmed.
	for _, f := range formList {
		sk := nameKey(f)
		ids, err := w.scanIDs(keyDir(pOffLoose, C, looseKey(f)))
		if err != nil {
			return "", err
		}
		id, err := pick(ids, func(o *Official) bool {
			if !compatible(o, p) {
				return false
			}
			st := w.recs[o.ID]
			for k := range st.strict {
				if tokensAgree(sk, k) {
					return true
				}
			}
			return false
		}, false)
		if id != "" || err != nil {
			return id, err
		}
	}
	if C != "" && !multi {
		// 3. bare surname.
		for _, k := range skeys {
			ids, err := w.scanIDs(keyDir(pOffToken, C, k))
			if err != nil {
				return "", err
			}
			id, err := pick(ids, func(o *Official) bool { return samePortfolio(o, p) }, true)
			if id != "" || err != nil {
				return id, err
			}
		}
	}
	if C != "" && multi {
		// 4. an official known so far by one word of this name.
		var ids []string
		for _, k := range skeys {
			for _, t := range strings.Fields(k) {
				x, err := w.scanIDs(keyDir(pOffStrict, C, t))
				if err != nil {
					return "", err
				}
				ids = append(ids, x...)
			}
		}
		id, err := pick(ids, func(o *Official) bool {
			for k := range w.recs[o.ID].strict {
				if len(strings.Fields(k)) > 1 {
					return false
				}
			}
			return samePortfolio(o, p)
		}, true)
		if id != "" || err != nil {
			return id, err
		}
	}
	if C == "" && multi {
		// 5. no country: the same full name anywhere, by strict key, else by
		// loose key confirmed token by token.
		var ids []string
		for _, f := range formList {
			sk := nameKey(f)
			if len(strings.Fields(sk)) < 2 {
				continue
			}
			x, err := w.scanIDs(keyDir(pOffKey, sk))
			if err != nil {
				return "", err
			}
			ids = append(ids, x...)
		}
		id, err := pick(ids, func(o *Official) bool { return compatible(o, p) }, true)
		if id != "" || err != nil {
			return id, err
		}
		ids = ids[:0]
		for _, f := range formList {
			x, err := w.scanIDs(keyDir(pOffLKey, looseKey(f)))
			if err != nil {
				return "", err
			}
			ids = append(ids, x...)
		}
		id, err = pick(ids, func(o *Official) bool {
			if !compatible(o, p) {
				return false
			}
			for _, f := range formList {
				for k := range w.recs[o.ID].strict {
					if len(strings.Fields(k)) > 1 && tokensAgree(nameKey(f), k) {
						return true
					}
				}
			}
			return false
		}, true)
		if id != "" || err != nil {
			return id, err
		}
	}
	return w.newID(idOfficial + shortHash(C, nameKey(fullest)))
}

// tokensAgree confirms a loose-key match: the same number of words, each the
// same strict token or one edit away from it with the same first letter.
func tokensAgree(a, b string) bool {
	ta, tb := strings.Fields(a), strings.Fields(b)
	if len(ta) != len(tb) || len(ta) == 0 {
		return false
	}
	for i := range ta {
		if ta[i] == tb[i] {
			continue
		}
		if ta[i][0] != tb[i][0] || editDistance(ta[i], tb[i]) > 1 {
			return false
		}
	}
	return true
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// holder resolves a title-only mention ("the Egyptian foreign minister") to
// the official the graph knows in that office on that date: the one whose
// role period contains it, else the nearest within holderSlack.
func (w *writer) holder(country, portfolio, date string) (string, error) {
	if country == "" || portfolio == "" {
		return "", nil
	}
	mid := MinistryID(country, portfolio)
	ids, err := w.scanIDs(keyDir(pOffMin, mid))
	if err != nil {
		return "", err
	}
	best, bestGap := "", holderSlack+1
	for _, id := range ids {
		_, o, err := w.official(id)
		if err != nil {
			return "", err
		}
		if o == nil {
			continue
		}
		for _, r := range o.Roles {
			if r.Ministry != mid {
				continue
			}
			gap := 0
			if date != "" && r.From != "" {
				gap = max(days(r.From, date), days(date, r.To), 0)
			}
			if gap < bestGap {
				best, bestGap = id, gap
			}
		}
	}
	return best, nil
}

// holderSlack is how far outside the dates a role was seen (in days) a
// title-only mention may still be attributed to its holder.
const holderSlack = 180

// days returns b - a in days, or 0 when either is not an ISO date.
func days(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

func shiftDate(d string, n int) (string, bool) {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return "", false
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly), true
}

// resolveMeeting finds the meeting a report describes: same set of parties,
// compatible kind, a reported date within a day (or both undated), and
// overlapping participants when both name some. Among several, the one
// sharing most participants, then the same date, then the smallest id.
func (w *writer) resolveMeeting(kind, date string, countries, parts []string) (string, error) {
	group, cset := meetingGroup(kind), strings.Join(countries, ",")
	dates := []string{date}
	if date != "" {
		if prev, ok := shiftDate(date, -1); ok {
			next, _ := shiftDate(date, 1)
			dates = []string{date, prev, next}
		}
	}
	type cand struct {
		id      string
		overlap int
		same    bool
	}
	var cands []cand
	seen := map[string]bool{}
	for i, d := range dates {
		ids, err := w.scanIDs(keyDir(pMeetRes, group, cset, d))
		if err != nil {
			return "", err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			st, err := w.load(id)
			if err != nil {
				return "", err
			}
			m, _ := st.pub.(*Meeting)
			if m == nil {
				continue
			}
			overlap := intersect(m.Participants, parts)
			if len(m.Participants) > 0 && len(parts) > 0 && overlap == 0 {
				continue
			}
			cands = append(cands, cand{id, overlap, i == 0})
		}
	}
	if len(cands) > 0 {
		sort.Slice(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if a.overlap != b.overlap {
				return a.overlap > b.overlap
			}
			if a.same != b.same {
				return a.same
			}
			return a.id < b.id
		})
		return cands[0].id, nil
	}
	return w.newID(idMeeting + shortHash(group, cset, date, strings.Join(parts, ",")))
}

func intersect(a, b []string) int {
	n := 0
	set := map[string]bool{}
	for _, x := range a {
		set[x] = true
	}
	for _, x := range b {
		if set[x] {
			n++
		}
	}
	return n
}

// agreementWindow is how many days apart two reports of one agreement may
// date it.
const agreementWindow = 7

// resolveAgreement finds the agreement a report describes: same parties,
// same subject key, dates within a week or either undated. Subjects are
// phrases in the article's language, so across languages they cannot be
// compared: a report linked to a meeting also matches the one agreement of
// that meeting with the same parties and kind that no report in its own
// language describes (the Arabic and English reports of the agreement reached
// at one visit).
func (w *writer) resolveAgreement(am *AgreementMention, lang string, countries []string, meeting string) (string, error) {
	cset, sk := strings.Join(countries, ","), subjectKey(am.Subject)
	ids, err := w.scanIDs(keyDir(pAgrRes, cset, sk))
	if err != nil {
		return "", err
	}
	for _, id := range ids {
		st, err := w.load(id)
		if err != nil {
			return "", err
		}
		for _, c := range st.cs {
			d := c.Agr.Date
			if am.Date == "" || d == "" || abs(days(d, am.Date)) <= agreementWindow {
				return id, nil
			}
		}
	}
	if meeting != "" {
		st, err := w.load(meeting)
		if err != nil {
			return "", err
		}
		var found []string
		if m, _ := st.pub.(*Meeting); m != nil {
			for _, id := range m.Agreements {
				ast, err := w.load(id)
				if err != nil {
					return "", err
				}
				a, _ := ast.pub.(*Agreement)
				if a == nil || a.Kind != am.Kind || strings.Join(a.Countries, ",") != cset {
					continue
				}
				sameLang := false
				for _, c := range ast.cs {
					sameLang = sameLang || c.Agr.Lang == lang
				}
				if !sameLang {
					found = append(found, id)
				}
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
	}
	return w.newID(idAgreement + shortHash(cset, sk, am.Date))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
