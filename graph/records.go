package graph

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Contributions: what one article said about one record. A record's public
// form is derive(contributions sorted by (article id, mention index)); every
// choice below (votes, unions, min/max) depends only on that sorted set, so
// the graph does not depend on the order articles were loaded in, and
// removing an article is "drop its contributions and derive again".

type offContrib struct {
	Country   string   `json:"c,omitempty"`
	Names     []Name   `json:"n,omitempty"`
	Latin     string   `json:"l,omitempty"`
	Title     string   `json:"t,omitempty"`
	Portfolio string   `json:"p,omitempty"`
	Date      string   `json:"d,omitempty"`
	Sources   []Source `json:"s,omitempty"`
}

type minContrib struct {
	Country   string   `json:"c"`
	Portfolio string   `json:"p"`
	Sources   []Source `json:"s,omitempty"`
}

type meetContrib struct {
	Kind         string    `json:"k"`
	Status       string    `json:"st,omitempty"`
	Date         string    `json:"d,omitempty"`
	Place        string    `json:"pl,omitempty"`
	Host         string    `json:"h,omitempty"`
	Countries    []string  `json:"c,omitempty"`
	Participants []string  `json:"p,omitempty"`
	Topics       []string  `json:"t,omitempty"`
	Agreements   []string  `json:"a,omitempty"`
	Code         EventCode `json:"code"`
	Sources      []Source  `json:"s,omitempty"`
}

type agrContrib struct {
	Kind        string    `json:"k"`
	Status      string    `json:"st,omitempty"`
	Subject     string    `json:"su,omitempty"`
	Lang        string    `json:"lg,omitempty"` // of the article: subjects compare only within a language
	Date        string    `json:"d,omitempty"`
	Countries   []string  `json:"c,omitempty"`
	Signatories []string  `json:"sg,omitempty"`
	Meeting     string    `json:"m,omitempty"`
	Topics      []string  `json:"t,omitempty"`
	Code        EventCode `json:"code"`
	Sources     []Source  `json:"s,omitempty"`
}

// contribution is one stored contribution; exactly one body is set, by the
// kind of the record it belongs to.
type contribution struct {
	Article string
	Seq     int
	Off     *offContrib
	Min     *minContrib
	Meet    *meetContrib
	Agr     *agrContrib
	// encoded is the body's stored form when it was made before Apply
	// (Contribution.Prepare), or nil.
	encoded []byte
}

func (c *contribution) body() any {
	switch {
	case c.Off != nil:
		return c.Off
	case c.Min != nil:
		return c.Min
	case c.Meet != nil:
		return c.Meet
	}
	return c.Agr
}

// encodedBody is the stored form of the contribution's body.
func (c *contribution) encodedBody() []byte {
	if c.encoded != nil {
		return c.encoded
	}
	return encode(c.body())
}

func decodeContribution(recordID string, k, v []byte) (contribution, error) {
	parts := splitKey(k, pContrib)
	if len(parts) != 3 {
		return contribution{}, fmt.Errorf("graph: malformed contribution key %q", k)
	}
	seq, err := strconv.Atoi(parts[2])
	if err != nil {
		return contribution{}, fmt.Errorf("graph: malformed contribution key %q", k)
	}
	c := contribution{Article: parts[1], Seq: seq}
	switch KindOf(recordID) {
	case KindOfficial:
		c.Off = new(offContrib)
		err = decode(v, c.Off)
	case KindMinistry:
		c.Min = new(minContrib)
		err = decode(v, c.Min)
	case KindMeeting:
		c.Meet = new(meetContrib)
		err = decode(v, c.Meet)
	case KindAgreement:
		c.Agr = new(agrContrib)
		err = decode(v, c.Agr)
	default:
		err = fmt.Errorf("graph: contribution to %q, which is no record kind", recordID)
	}
	return c, err
}

func sortContributions(cs []contribution) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Article != cs[j].Article {
			return cs[i].Article < cs[j].Article
		}
		return cs[i].Seq < cs[j].Seq
	})
}

// Derivation. A record is derived by adding its contributions, in any order,
// to a derivation, then reading the result: every choice (votes, unions,
// min/max, the first sources) is ordered by the contribution's position
// (article id, mention index), not by arrival, so the result is the same as
// deriving from the sorted contributions. The writer keeps a record's
// derivation between batches and adds only the new contributions: a foreign
// minister with thousands of them costs the same per batch as one with ten.
// Removing or changing a contribution cannot be undone from the summary, so
// those derive again from all contributions.

// pos is where a value was seen: contribution (article, mention index), and
// the index within its Sources.
type pos struct {
	art      string
	seq, idx int
}

func (p pos) less(q pos) bool {
	if p.art != q.art {
		return p.art < q.art
	}
	if p.seq != q.seq {
		return p.seq < q.seq
	}
	return p.idx < q.idx
}

func posOf(c *contribution) pos { return pos{art: c.Article, seq: c.Seq} }

// votes picks the most frequent non-empty value; ties go to the value seen
// first, i.e. in the earliest contribution (then the smaller value, so that
// no tie depends on the order values arrived in).
//
// The values are a short list, indexed by a map only past votesIndexed of
// them: a field almost always gets one or two values (a meeting's kind, a
// date), and two maps per field per derivation were 6 % of a load's
// allocations.
type votes struct {
	vals []voteVal
	idx  map[string]int // s → index in vals, once there are many
}

type voteVal struct {
	s     string
	n     int
	first pos
}

const votesIndexed = 16

func (v *votes) find(s string) int {
	if v.idx != nil {
		if i, ok := v.idx[s]; ok {
			return i
		}
		return -1
	}
	for i := range v.vals {
		if v.vals[i].s == s {
			return i
		}
	}
	return -1
}

func (v *votes) add(s string, p pos) {
	if s == "" {
		return
	}
	if i := v.find(s); i >= 0 {
		e := &v.vals[i]
		e.n++
		if p.less(e.first) {
			e.first = p
		}
		return
	}
	v.vals = append(v.vals, voteVal{s: s, n: 1, first: p})
	switch {
	case v.idx != nil:
		v.idx[s] = len(v.vals) - 1
	case len(v.vals) > votesIndexed:
		v.idx = make(map[string]int, 2*len(v.vals))
		for i, e := range v.vals {
			v.idx[e.s] = i
		}
	}
}

// better says whether a beats b: more votes, then seen earlier.
func (a *voteVal) better(b *voteVal) bool {
	if a.n != b.n {
		return a.n > b.n
	}
	if a.first != b.first {
		return a.first.less(b.first)
	}
	return a.s < b.s
}

func (v *votes) best() string {
	var best *voteVal
	for i := range v.vals {
		if e := &v.vals[i]; best == nil || e.better(best) {
			best = e
		}
	}
	if best == nil {
		return ""
	}
	return best.s
}

// fullest is best among the values with the most words.
func (v *votes) fullest() string {
	var best *voteVal
	bw := 0
	for i := range v.vals {
		e := &v.vals[i]
		w := len(strings.Fields(e.s))
		if best == nil || w > bw || (w == bw && e.better(best)) {
			best, bw = e, w
		}
	}
	if best == nil {
		return ""
	}
	return best.s
}

// sources keeps the first sources (by position) without duplicates.
// A record keeps at most MaxRecordSources sources, and each of an
// official's roles MaxRoleSources (evidence for the office, not a history of
// it): the first by article id. A foreign minister is named in tens of thousands of
// articles; carrying every sentence in the record would make each read and
// each write of it as large, and past a few megabytes a single record no
// longer fits in one Badger transaction. All of them stay reachable, paged,
// through SourcesOf, which reads the contributions.
const (
	MaxRecordSources = 200
	MaxRoleSources   = 20
)

type sources struct {
	at   map[Source]pos // the kept sources
	list []posSource    // the same, sorted by position
	max  int            // 0 means MaxRecordSources
	ver  int            // counts the changes of list (they stop once it is full and later reports are dropped)
}

type posSource struct {
	p        pos
	s        Source
	key, val string // its index entry, made once: see sourceKey
}

func (s *sources) limit() int {
	if s.max > 0 {
		return s.max
	}
	return MaxRecordSources
}

// add adds the sources of the contribution at p. A source kept is the
// earliest place it was seen; one pushed out by earlier sources can only come
// back by being seen earlier still, which adds it again.
func (s *sources) add(ss []Source, p pos) {
	for i, x := range ss {
		p.idx = i
		if len(s.list) >= s.limit() && s.list[len(s.list)-1].p.less(p) {
			return // everything after is later still
		}
		if s.at == nil {
			s.at = map[Source]pos{}
		}
		if q, ok := s.at[x]; ok {
			if !p.less(q) {
				continue
			}
			s.remove(x, q)
		}
		j := sort.Search(len(s.list), func(j int) bool { return p.less(s.list[j].p) })
		s.list = slices.Insert(s.list, j, posSource{p: p, s: x})
		s.ver++
		s.at[x] = p
		if len(s.list) > s.limit() {
			last := s.list[len(s.list)-1]
			delete(s.at, last.s)
			s.list = s.list[:len(s.list)-1]
		}
	}
}

func (s *sources) remove(x Source, q pos) {
	j := sort.Search(len(s.list), func(j int) bool { return !s.list[j].p.less(q) })
	for ; j < len(s.list); j++ {
		if s.list[j].s == x {
			s.list = slices.Delete(s.list, j, j+1)
			s.ver++
			break
		}
	}
	delete(s.at, x)
}

// merge adds another kept list (a role's sources under another key).
func (s *sources) merge(o *sources) {
	for _, ps := range o.list {
		s.add([]Source{ps.s}, ps.p)
	}
}

func (s *sources) result() []Source {
	if len(s.list) == 0 {
		return nil
	}
	out := make([]Source, len(s.list))
	for i, ps := range s.list {
		out[i] = ps.s
	}
	return out
}

// same says whether ss is the list kept.
func (s *sources) same(ss []Source) bool {
	if len(ss) != len(s.list) {
		return false
	}
	for i := range s.list {
		if s.list[i].s != ss[i] {
			return false
		}
	}
	return true
}

// entry is the source's index entry for record id, made once in its life
// in the list.
func (ps *posSource) entry(id string) (string, string) {
	if ps.key == "" {
		ps.key, ps.val = string(sourceKey(id, ps.p)), string(encode(ps.s))
	}
	return ps.key, ps.val
}

type stringSet map[string]bool

func (s stringSet) add(xs ...string) {
	for _, x := range xs {
		if x != "" {
			s[x] = true
		}
	}
}

func (s stringSet) sorted() []string {
	if len(s) == 0 {
		return nil
	}
	out := make([]string, 0, len(s))
	for x := range s {
		out = append(out, x)
	}
	sort.Strings(out)
	return out
}

// derivation is the summary of a record's contributions its public form and
// its contribution-dependent index entries are computed from. One of the
// kind parts is set.
type derivation struct {
	id   string
	n    int // contributions added
	xgen int // changes to what index entries read besides the record (latin, res)
	src  sources
	off  *offDerivation
	min  *minDerivation
	mt   *meetDerivation
	ag   *agrDerivation
}

type roleKey struct{ title, portfolio, country string }

// roleAcc is one office as mentioned, the country as the mention gave it
// ("" when it gave none: the official's country, known only at the end).
type roleAcc struct {
	ministry bool // some mention gave both country and portfolio
	from, to string
	src      sources
}

type nameAcc struct {
	count int
	first pos
}

type offDerivation struct {
	country, written, translit votes
	names                      map[Name]*nameAcc
	roles                      map[roleKey]*roleAcc
	latin                      stringSet // Latin forms of the mentions (name index keys)
}

type minDerivation struct {
	country, portfolio string
	last               pos
	set                bool
}

type meetDerivation struct {
	kind, status, date, place, host, code   votes
	codes                                   map[string]EventCode
	held                                    bool
	countries, participants, topics, agreed stringSet
	res                                     stringSet // "<group>␀<date>" of each report
}

type agrDerivation struct {
	kind, status, subject, date, meeting, code votes
	codes                                      map[string]EventCode
	rank                                       string // the highest-ranked status reported
	countries, signatories, topics             stringSet
	res                                        map[string]string // subject key → addDate set of dates
}

func newDerivation(id string) *derivation {
	d := &derivation{id: id}
	switch KindOf(id) {
	case KindOfficial:
		d.off = &offDerivation{names: map[Name]*nameAcc{}, roles: map[roleKey]*roleAcc{}, latin: stringSet{}}
	case KindMinistry:
		d.min = &minDerivation{}
	case KindMeeting:
		d.mt = &meetDerivation{codes: map[string]EventCode{}, countries: stringSet{}, participants: stringSet{},
			topics: stringSet{}, agreed: stringSet{}, res: stringSet{}}
	case KindAgreement:
		d.ag = &agrDerivation{codes: map[string]EventCode{}, countries: stringSet{}, signatories: stringSet{},
			topics: stringSet{}, res: map[string]string{}}
	}
	return d
}

// deriveAll derives from scratch.
func deriveAll(id string, cs []contribution) *derivation {
	d := newDerivation(id)
	for i := range cs {
		d.add(&cs[i])
	}
	return d
}

func codeKey(c EventCode) string { return c.Cameo + sep + c.PloverType + sep + c.PloverMode }

// add adds one contribution (of the record's kind).
func (d *derivation) add(c *contribution) {
	d.n++
	p := posOf(c)
	switch {
	case c.Off != nil && d.off != nil:
		o, m := d.off, c.Off
		o.country.add(m.Country, p)
		// The display name is the fullest Latin form written in a
		// Latin-script article (most words, then most reports, then the
		// earliest); only officials never named in English or French get a
		// transliteration.
		wrote := ""
		for i, n := range m.Names {
			np := pos{p.art, p.seq, i} // names of one mention in their order
			if na := o.names[n]; na != nil {
				na.count++
				if np.less(na.first) {
					na.first = np
				}
			} else {
				o.names[n] = &nameAcc{count: 1, first: np}
			}
			if n.Lang != LangArabic && isLatin(n.Text) && len(strings.Fields(n.Text)) > len(strings.Fields(wrote)) {
				wrote = n.Text
			}
		}
		if wrote != "" {
			o.written.add(wrote, p)
		} else {
			l := m.Latin
			if l == "" && len(m.Names) > 0 {
				l = latinOf(m.Names[0].Text)
			}
			o.translit.add(l, p)
		}
		if m.Latin != "" && !o.latin[m.Latin] {
			o.latin[m.Latin] = true
			d.xgen++
		}
		d.src.add(m.Sources, p)
		if m.Title == "" && m.Portfolio == "" {
			return
		}
		k := roleKey{m.Title, m.Portfolio, m.Country}
		r := o.roles[k]
		if r == nil {
			r = &roleAcc{src: sources{max: MaxRoleSources}}
			o.roles[k] = r
		}
		// Only mentions with a country created a ministry, so only they
		// link the role.
		r.ministry = r.ministry || (m.Country != "" && m.Portfolio != "")
		if dt := m.Date; dt != "" {
			if r.from == "" || dt < r.from {
				r.from = dt
			}
			if dt > r.to {
				r.to = dt
			}
		}
		r.src.add(m.Sources, p)
	case c.Min != nil && d.min != nil:
		if !d.min.set || d.min.last.less(p) {
			d.min.country, d.min.portfolio, d.min.last, d.min.set = c.Min.Country, c.Min.Portfolio, p, true
		}
		d.src.add(c.Min.Sources, p)
	case c.Meet != nil && d.mt != nil:
		m, x := d.mt, c.Meet
		m.kind.add(x.Kind, p)
		m.status.add(x.Status, p)
		m.held = m.held || x.Status == StatusHeld
		m.date.add(x.Date, p)
		m.place.add(x.Place, p)
		m.host.add(x.Host, p)
		if x.Code != (EventCode{}) {
			k := codeKey(x.Code)
			m.codes[k] = x.Code
			m.code.add(k, p)
		}
		m.countries.add(x.Countries...)
		m.participants.add(x.Participants...)
		m.topics.add(x.Topics...)
		m.agreed.add(x.Agreements...)
		if gd := meetingGroup(x.Kind) + sep + x.Date; !m.res[gd] {
			m.res[gd] = true
			d.xgen++
		}
		d.src.add(x.Sources, p)
	case c.Agr != nil && d.ag != nil:
		a, x := d.ag, c.Agr
		a.kind.add(x.Kind, p)
		a.status.add(x.Status, p)
		if agreementStatusRank[x.Status] > agreementStatusRank[a.rank] {
			a.rank = x.Status
		}
		a.subject.add(x.Subject, p)
		a.date.add(x.Date, p)
		a.meeting.add(x.Meeting, p)
		if x.Code != (EventCode{}) {
			k := codeKey(x.Code)
			a.codes[k] = x.Code
			a.code.add(k, p)
		}
		a.countries.add(x.Countries...)
		a.signatories.add(x.Signatories...)
		a.topics.add(x.Topics...)
		sk := subjectKey(x.Subject)
		if ds, ok := a.res[sk]; !ok || addDate(ds, x.Date) != ds {
			a.res[sk] = addDate(ds, x.Date)
			d.xgen++
		}
		d.src.add(x.Sources, p)
	}
}

// result is the public record (nil when there are no contributions), fresh:
// the caller may change it.
func (d *derivation) result() any {
	if d.n == 0 {
		return nil
	}
	switch {
	case d.off != nil:
		return d.official()
	case d.min != nil:
		m := &Ministry{ID: d.id, Country: d.min.country, Portfolio: d.min.portfolio}
		m.Names = ministryNames(m.Portfolio)
		m.Sources = d.src.result()
		return m
	case d.mt != nil:
		x := d.mt
		m := &Meeting{ID: d.id}
		m.Kind, m.Status, m.Date, m.Place, m.Host = x.kind.best(), x.status.best(), x.date.best(), x.place.best(), x.host.best()
		if x.held {
			// A meeting announced as planned and later reported as held was held.
			m.Status = StatusHeld
		}
		m.Code = x.codes[x.code.best()]
		m.Countries, m.Participants = x.countries.sorted(), x.participants.sorted()
		m.Topics, m.Agreements = x.topics.sorted(), x.agreed.sorted()
		m.Sources = d.src.result()
		return m
	case d.ag != nil:
		x := d.ag
		// A report that it was signed outranks earlier reports that it was
		// agreed or planned.
		a := &Agreement{ID: d.id, Status: x.rank}
		if a.Status == "" {
			a.Status = x.status.best()
		}
		a.Kind, a.Subject, a.Date, a.Meeting = x.kind.best(), x.subject.best(), x.date.best(), x.meeting.best()
		a.Code = x.codes[x.code.best()]
		a.Countries, a.Signatories, a.Topics = x.countries.sorted(), x.signatories.sorted(), x.topics.sorted()
		a.Sources = d.src.result()
		return a
	}
	return nil
}

func (d *derivation) official() *Official {
	x := d.off
	o := &Official{ID: d.id}
	o.Name = x.written.fullest()
	if o.Name == "" {
		o.Name = x.translit.best()
	}
	o.Country = x.country.best()
	names := make([]Name, 0, len(x.names))
	for n := range x.names {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := x.names[names[i]], x.names[names[j]]
		if a.count != b.count {
			return a.count > b.count
		}
		return a.first.less(b.first)
	})
	if len(names) > 0 {
		o.Names = names
	}
	// Roles group the mentions by office (title, portfolio, country; a
	// mention without a country is in the official's) and are bounded by
	// the earliest and latest dates seen.
	type merged struct {
		role Role
		src  sources
	}
	byKey := map[roleKey]*merged{}
	for k, r := range x.roles {
		country := k.country
		if country == "" {
			country = o.Country
		}
		mk := roleKey{k.title, k.portfolio, country}
		m := byKey[mk]
		if m == nil {
			m = &merged{role: Role{Title: k.title, Portfolio: k.portfolio, Country: country}, src: sources{max: MaxRoleSources}}
			byKey[mk] = m
		}
		if r.ministry {
			m.role.Ministry = MinistryID(k.country, k.portfolio)
		}
		if r.from != "" && (m.role.From == "" || r.from < m.role.From) {
			m.role.From = r.from
		}
		if r.to > m.role.To {
			m.role.To = r.to
		}
		m.src.merge(&r.src)
	}
	if len(byKey) > 0 {
		o.Roles = make([]Role, 0, len(byKey))
	} else {
		o.Roles = []Role{}
	}
	for _, m := range byKey {
		m.role.Sources = m.src.result()
		o.Roles = append(o.Roles, m.role)
	}
	sort.Slice(o.Roles, func(i, j int) bool {
		a, b := o.Roles[i], o.Roles[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		if a.Portfolio != b.Portfolio {
			return a.Portfolio < b.Portfolio
		}
		return a.Country < b.Country
	})
	o.Sources = d.src.result()
	return o
}

// agreementStatusRank orders statuses by how far an agreement got: a report
// that it was signed outranks earlier reports that it was agreed or planned.
var agreementStatusRank = map[string]int{StatusPlanned: 1, StatusAgreed: 2, StatusSigned: 3}

// derive returns the public record of id from its contributions (nil when it
// has none: the record no longer exists).
func derive(id string, cs []contribution) any {
	return deriveAll(id, cs).result()
}

// meetingGroup says which meeting kinds can be one encounter: a visit is
// reported as a meeting or talks, but a phone call is never a visit and a
// summit is its own thing.
func meetingGroup(kind string) string {
	switch kind {
	case MeetingCall, MeetingSummit:
		return kind
	}
	return MeetingMeeting
}

// meetingLabel names a meeting in search hits: "visit, Algiers, 2021-11-28 (DZ, LY)".
func meetingLabel(m *Meeting) string {
	parts := []string{m.Kind, m.Place}
	if m.Date != "" {
		parts = append(parts, m.Date)
	}
	return strings.Join(parts, ", ") + " (" + strings.Join(m.Countries, ", ") + ")"
}

// weight is the rank a search entry gives its record: how many sources back
// it, rounded down to 1, 2, 3, 4, 6, 8, 12, 16, 24… (two steps per doubling).
// The value of every search entry of a record carries it, so an exact count
// rewrote them all with each new report (a quarter of all writes of a bulk
// load); rounded, a record's entries change about twice per doubling of its
// sources, and search still ranks a minister named in thousands of reports
// above a namesake named in three.
func weight(n int) string { return fmt.Sprintf("%08d", roundWeight(n)) }

func roundWeight(n int) int {
	if n < 4 {
		return max(n, 0)
	}
	p := 1 << (bits.Len(uint(n)) - 1) // n in [p, 2p)
	if n >= p+p/2 {
		return p + p/2
	}
	return p
}

// indexEntries returns every index entry a record implies (key → value). It
// is the single definition of the indexes: the writer diffs it before and
// after a change, and Check recomputes it.
func indexEntries(pub any, cs []contribution) map[string]string {
	if pub == nil {
		return map[string]string{}
	}
	return indexEntriesOf(pub, deriveAll(pubID(pub), cs))
}

func pubID(pub any) string {
	switch r := pub.(type) {
	case *Official:
		return r.ID
	case *Ministry:
		return r.ID
	case *Meeting:
		return r.ID
	case *Agreement:
		return r.ID
	}
	return ""
}

// indexEntriesOf is indexEntries with the contributions summarised by their
// derivation.
func indexEntriesOf(pub any, d *derivation) map[string]string {
	ix := restEntriesOf(pub, d)
	sourceEntries(ix, pub, d)
	return ix
}

// restEntriesOf is indexEntriesOf without the sources' entries.
func restEntriesOf(pub any, d *derivation) map[string]string {
	ix := map[string]string{}
	put := func(k []byte, v string) { ix[string(k)] = v }
	switch r := pub.(type) {
	case *Official:
		forms := stringSet{}
		for _, n := range r.Names {
			forms.add(n.Text)
		}
		if d.off != nil {
			for l := range d.off.latin {
				forms.add(l)
			}
		}
		label := weight(len(r.Sources)) + sep + r.Country + sep + r.Name
		for _, f := range forms.sorted() {
			sk := nameKey(f)
			put(key(pOffStrict, r.Country, sk, r.ID), "")
			put(key(pOffLoose, r.Country, looseKey(f), r.ID), "")
			put(key(pOffKey, sk, r.ID), "")
			put(key(pOffLKey, looseKey(f), r.ID), "")
			for _, t := range strings.Fields(sk) {
				put(key(pOffToken, r.Country, t, r.ID), "")
			}
			searchTokens(f, true, func(t string) { put(key(pSearch, t, KindOfficial, r.ID), label) })
		}
		fn := foldName(r.Name)
		put(key(pOffName, fn, r.ID), "")
		put(key(pOffCountry, r.Country, fn, r.ID), "")
		for _, role := range r.Roles {
			if role.Ministry != "" {
				put(key(pOffMin, role.Ministry, r.ID), "")
			}
		}
	case *Ministry:
		put(key(pMinCountry, r.Country, r.ID), "")
		label := weight(len(r.Sources)) + sep + r.Country + sep + r.Names[LangEnglish]
		for _, n := range r.Names {
			searchTokens(n, false, func(t string) { put(key(pSearch, t, KindMinistry, r.ID), label) })
		}
	case *Meeting:
		eventEntries(put, pMeetDate, pMeetCountry, pMeetOff, pMeetPair, r.ID, r.Kind, r.Date, "", r.Countries, r.Participants)
		if r.Place != "" {
			label := weight(len(r.Sources)) + sep + sep + meetingLabel(r)
			searchTokens(r.Place, false, func(t string) { put(key(pSearch, t, KindMeeting, r.ID), label) })
		}
		cset := strings.Join(r.Countries, ",")
		if d.mt != nil {
			for gd := range d.mt.res {
				group, date, _ := strings.Cut(gd, sep)
				put(key(pMeetRes, group, cset, date, r.ID), "")
			}
		}
	case *Agreement:
		eventEntries(put, pAgrDate, pAgrCountry, pAgrOff, pAgrPair, r.ID, r.Kind, r.Date, r.Subject, r.Countries, r.Signatories)
		cset := strings.Join(r.Countries, ",")
		if d.ag != nil {
			all := stringSet{}
			for _, dates := range d.ag.res {
				all.add(strings.Split(dates, ",")...)
			}
			rng := dateRange(all)
			for sk, dates := range d.ag.res {
				for _, date := range strings.Split(dates, ",") {
					put(key(pAgrRes, cset, sk, invDate(date), r.ID), rng)
				}
			}
		}
	}
	return ix
}

// sourceEntries adds the index entries of a record's sources, if they are
// index entries (externalSources).
func sourceEntries(ix map[string]string, pub any, d *derivation) {
	for _, e := range sourceList(pub, d) {
		ix[e.k] = e.v
	}
}

// entry is one index entry.
type entry struct{ k, v string }

// sourceList is sourceEntries as a list in key order (the order of the
// record's sources), which the writer compares with the list it wrote
// without hashing a key.
func sourceList(pub any, d *derivation) []entry {
	src := sourcesOf(pub)
	if !externalSources(pub) {
		return nil
	}
	id := pubID(pub)
	var out []entry
	if d.src.same(*src) {
		out = make([]entry, len(d.src.list))
		for i := range d.src.list {
			out[i].k, out[i].v = d.src.list[i].entry(id)
		}
	} else {
		// Not the derivation's list (never so today): number them.
		out = make([]entry, len(*src))
		for i, x := range *src {
			out[i] = entry{string(sourceKey(id, pos{seq: i})), string(encode(x))}
		}
	}
	// Keys sort as positions do (sourceKey pads the numbers), unless a
	// number outgrew its padding.
	if !slices.IsSortedFunc(out, func(a, b entry) int { return strings.Compare(a.k, b.k) }) {
		slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.k, b.k) })
	}
	return out
}

// dateRange is the value of an agreement resolution entry: the earliest and
// the latest date the agreement's reports gave, "<first>,<last>" ("" when
// none is dated), so that resolution can bound an agreement's span without
// reading it.
func dateRange(dates stringSet) string {
	lo, hi := dateBounds(dates)
	if lo == "" {
		return ""
	}
	return lo + "," + hi
}

// dateBounds returns the earliest and the latest date of the sets, ignoring
// undated members ("" when there is none).
func dateBounds(sets ...stringSet) (lo, hi string) {
	for _, s := range sets {
		for d := range s {
			if d == "" {
				continue
			}
			if lo == "" || d < lo {
				lo = d
			}
			if d > hi {
				hi = d
			}
		}
	}
	return lo, hi
}

// addDate adds a date to a sorted comma-separated set of dates ("" for
// undated is a member too, so an empty set is written "" and {""} is ",").
// It is the value of an agreement resolution entry: the dates its reports
// gave, checked without reading the agreement.
func addDate(set, d string) string {
	var ds []string
	if set != "" {
		ds = strings.Split(set, ",")
		if set == "," {
			ds = []string{""}
		}
	}
	if slices.Contains(ds, d) {
		return set
	}
	ds = append(ds, d)
	slices.Sort(ds)
	if len(ds) == 1 && ds[0] == "" {
		return ","
	}
	return strings.Join(ds, ",")
}

func eventEntries(put func([]byte, string), pDate, pCountry, pOff, pPair, id, kind, date, subject string, countries, officials []string) {
	inv := invDate(date)
	val := kind + sep + strings.Join(countries, ",") + sep + strings.Join(officials, ",") + sep + subject
	put(key(pDate, inv, id), val)
	for i, c := range countries {
		put(key(pCountry, c, inv, id), val)
		for _, d := range countries[i+1:] {
			put(key(pPair, c, d, inv, id), val)
		}
	}
	for _, o := range officials {
		put(key(pOff, o, inv, id), val)
	}
}
