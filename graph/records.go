package graph

import (
	"fmt"
	"slices"
	"sort"
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

func decodeContribution(recordID string, k, v []byte) (contribution, error) {
	parts := splitKey(k, pContrib)
	if len(parts) != 3 {
		return contribution{}, fmt.Errorf("graph: malformed contribution key %q", k)
	}
	c := contribution{Article: parts[1]}
	if _, err := fmt.Sscanf(parts[2], "%d", &c.Seq); err != nil {
		return contribution{}, fmt.Errorf("graph: malformed contribution key %q", k)
	}
	var err error
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

// votes picks the most frequent non-empty value; ties go to the value seen
// first, i.e. in the earliest contribution.
type votes struct {
	order []string
	n     map[string]int
}

func (v *votes) add(s string) {
	if s == "" {
		return
	}
	if v.n == nil {
		v.n = map[string]int{}
	}
	if _, ok := v.n[s]; !ok {
		v.order = append(v.order, s)
	}
	v.n[s]++
}

func (v *votes) best() string {
	best, bn := "", 0
	for _, s := range v.order {
		if v.n[s] > bn {
			best, bn = s, v.n[s]
		}
	}
	return best
}

// fullest is best among the values with the most words.
func (v *votes) fullest() string {
	best, bw, bn := "", 0, 0
	for _, s := range v.order {
		w := len(strings.Fields(s))
		if w > bw || (w == bw && v.n[s] > bn) {
			best, bw, bn = s, w, v.n[s]
		}
	}
	return best
}

// sources accumulates Sources in contribution order without duplicates.
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
	seen map[Source]bool
	list []Source
	max  int // 0 means MaxRecordSources
}

func (s *sources) limit() int {
	if s.max > 0 {
		return s.max
	}
	return MaxRecordSources
}

func (s *sources) add(ss []Source) {
	if s.seen == nil {
		s.seen = map[Source]bool{}
	}
	for _, x := range ss {
		if len(s.list) >= s.limit() {
			return
		}
		if !s.seen[x] {
			s.seen[x] = true
			s.list = append(s.list, x)
		}
	}
}

func (s *sources) full() bool { return len(s.list) >= s.limit() }

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

func deriveOfficial(id string, cs []contribution) *Official {
	o := &Official{ID: id}
	// The display name is the fullest Latin form written in a Latin-script
	// article (most words, then most reports, then the earliest); only
	// officials never named in English or French get a transliteration.
	var country, written, translit votes
	type nameCount struct {
		n     Name
		count int
	}
	var names []*nameCount
	nameIdx := map[Name]*nameCount{}
	var src sources
	for _, c := range cs {
		m := c.Off
		country.add(m.Country)
		wrote := ""
		for _, n := range m.Names {
			if nc := nameIdx[n]; nc != nil {
				nc.count++
			} else {
				nc := &nameCount{n: n, count: 1}
				nameIdx[n] = nc
				names = append(names, nc)
			}
			if n.Lang != LangArabic && isLatin(n.Text) && len(strings.Fields(n.Text)) > len(strings.Fields(wrote)) {
				wrote = n.Text
			}
		}
		if wrote != "" {
			written.add(wrote)
			continue
		}
		l := m.Latin
		if l == "" && len(m.Names) > 0 {
			l = latinOf(m.Names[0].Text)
		}
		translit.add(l)
	}
	for _, c := range cs {
		if src.full() {
			break
		}
		src.add(c.Off.Sources)
	}
	o.Name = written.fullest()
	if o.Name == "" {
		o.Name = translit.best()
	}
	o.Country = country.best()
	sort.SliceStable(names, func(i, j int) bool { return names[i].count > names[j].count })
	for _, nc := range names {
		o.Names = append(o.Names, nc.n)
	}
	o.Roles = deriveRoles(o.Country, cs)
	o.Sources = src.list
	return o
}

// deriveRoles groups an official's mentions by office (title, portfolio,
// country) and bounds each by the earliest and latest dates seen.
func deriveRoles(officialCountry string, cs []contribution) []Role {
	type roleKey struct{ title, portfolio, country string }
	var order []roleKey
	roles := map[roleKey]*Role{}
	srcs := map[roleKey]*sources{}
	for _, c := range cs {
		m := c.Off
		if m.Title == "" && m.Portfolio == "" {
			continue
		}
		// A mention without a country is in the official's country. Only
		// mentions with one created a ministry, so only they link the role.
		country := m.Country
		if country == "" {
			country = officialCountry
		}
		k := roleKey{m.Title, m.Portfolio, country}
		r := roles[k]
		if r == nil {
			r = &Role{Title: m.Title, Portfolio: m.Portfolio, Country: country}
			roles[k] = r
			srcs[k] = &sources{max: MaxRoleSources}
			order = append(order, k)
		}
		if m.Country != "" && m.Portfolio != "" {
			r.Ministry = MinistryID(m.Country, m.Portfolio)
		}
		if d := m.Date; d != "" {
			if r.From == "" || d < r.From {
				r.From = d
			}
			if d > r.To {
				r.To = d
			}
		}
		srcs[k].add(m.Sources)
	}
	out := make([]Role, 0, len(order))
	for _, k := range order {
		r := roles[k]
		r.Sources = srcs[k].list
		out = append(out, *r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
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
	return out
}

func deriveMinistry(id string, cs []contribution) *Ministry {
	m := &Ministry{ID: id}
	var src sources
	for _, c := range cs {
		m.Country, m.Portfolio = c.Min.Country, c.Min.Portfolio
		src.add(c.Min.Sources)
	}
	m.Names = ministryNames(m.Portfolio)
	m.Sources = src.list
	return m
}

func deriveMeeting(id string, cs []contribution) *Meeting {
	m := &Meeting{ID: id}
	var kind, status, date, place, host, code votes
	codes := map[string]EventCode{}
	countries, participants, topics, agreements := stringSet{}, stringSet{}, stringSet{}, stringSet{}
	var src sources
	held := false
	for _, c := range cs {
		x := c.Meet
		kind.add(x.Kind)
		status.add(x.Status)
		held = held || x.Status == StatusHeld
		date.add(x.Date)
		place.add(x.Place)
		host.add(x.Host)
		if x.Code != (EventCode{}) {
			k := x.Code.Cameo + sep + x.Code.PloverType + sep + x.Code.PloverMode
			codes[k] = x.Code
			code.add(k)
		}
		countries.add(x.Countries...)
		participants.add(x.Participants...)
		topics.add(x.Topics...)
		agreements.add(x.Agreements...)
		src.add(x.Sources)
	}
	m.Kind, m.Status, m.Date, m.Place, m.Host = kind.best(), status.best(), date.best(), place.best(), host.best()
	if held {
		// A meeting announced as planned and later reported as held was held.
		m.Status = StatusHeld
	}
	m.Code = codes[code.best()]
	m.Countries = countries.sorted()
	m.Participants = participants.sorted()
	m.Topics = topics.sorted()
	m.Agreements = agreements.sorted()
	m.Sources = src.list
	return m
}

// agreementStatusRank orders statuses by how far an agreement got: a report
// that it was signed outranks earlier reports that it was agreed or planned.
var agreementStatusRank = map[string]int{StatusPlanned: 1, StatusAgreed: 2, StatusSigned: 3}

func deriveAgreement(id string, cs []contribution) *Agreement {
	a := &Agreement{ID: id}
	var kind, status, subject, date, meeting, code votes
	codes := map[string]EventCode{}
	countries, signatories, topics := stringSet{}, stringSet{}, stringSet{}
	var src sources
	for _, c := range cs {
		x := c.Agr
		kind.add(x.Kind)
		status.add(x.Status)
		if agreementStatusRank[x.Status] > agreementStatusRank[a.Status] {
			a.Status = x.Status
		}
		subject.add(x.Subject)
		date.add(x.Date)
		meeting.add(x.Meeting)
		if x.Code != (EventCode{}) {
			k := x.Code.Cameo + sep + x.Code.PloverType + sep + x.Code.PloverMode
			codes[k] = x.Code
			code.add(k)
		}
		countries.add(x.Countries...)
		signatories.add(x.Signatories...)
		topics.add(x.Topics...)
		src.add(x.Sources)
	}
	if a.Status == "" {
		a.Status = status.best()
	}
	a.Kind, a.Subject, a.Date, a.Meeting = kind.best(), subject.best(), date.best(), meeting.best()
	a.Code = codes[code.best()]
	a.Countries = countries.sorted()
	a.Signatories = signatories.sorted()
	a.Topics = topics.sorted()
	a.Sources = src.list
	return a
}

// derive returns the public record of id from its contributions (nil when it
// has none: the record no longer exists).
func derive(id string, cs []contribution) any {
	if len(cs) == 0 {
		return nil
	}
	switch KindOf(id) {
	case KindOfficial:
		return deriveOfficial(id, cs)
	case KindMinistry:
		return deriveMinistry(id, cs)
	case KindMeeting:
		return deriveMeeting(id, cs)
	case KindAgreement:
		return deriveAgreement(id, cs)
	}
	return nil
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

func weight(n int) string { return fmt.Sprintf("%08d", n) }

// indexEntries returns every index entry a record implies (key → value). It
// is the single definition of the indexes: the writer diffs it before and
// after a change, and Check recomputes it.
func indexEntries(pub any, cs []contribution) map[string]string {
	ix := map[string]string{}
	put := func(k []byte, v string) { ix[string(k)] = v }
	switch r := pub.(type) {
	case *Official:
		forms := stringSet{}
		for _, n := range r.Names {
			forms.add(n.Text)
		}
		for _, c := range cs {
			forms.add(c.Off.Latin)
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
		eventEntries(put, pMeetDate, pMeetCountry, pMeetOff, pMeetPair, r.ID, r.Kind, r.Date, r.Countries, r.Participants)
		if r.Place != "" {
			label := weight(len(r.Sources)) + sep + sep + meetingLabel(r)
			searchTokens(r.Place, false, func(t string) { put(key(pSearch, t, KindMeeting, r.ID), label) })
		}
		cset := strings.Join(r.Countries, ",")
		for _, c := range cs {
			put(key(pMeetRes, meetingGroup(c.Meet.Kind), cset, c.Meet.Date, r.ID), "")
		}
	case *Agreement:
		eventEntries(put, pAgrDate, pAgrCountry, pAgrOff, pAgrPair, r.ID, r.Kind, r.Date, r.Countries, r.Signatories)
		cset := strings.Join(r.Countries, ",")
		for _, c := range cs {
			k := string(key(pAgrRes, cset, subjectKey(c.Agr.Subject), r.ID))
			ix[k] = addDate(ix[k], c.Agr.Date)
		}
	}
	return ix
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

func eventEntries(put func([]byte, string), pDate, pCountry, pOff, pPair, id, kind, date string, countries, officials []string) {
	inv := invDate(date)
	val := kind + sep + strings.Join(countries, ",")
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
