package eval

import (
	"sort"
	"strings"
)

// Metric names, as score.py prints them.
const (
	MOfficials      = "officials"
	MOfficialsLoose = "officials~"
	MMeetings       = "meetings"
	MParticipants   = "participants"
	MAgreements     = "agreements"
	MMeetingDate    = "meeting-date"
	MEvidence       = "evidence"
)

// macroKeys are the metrics averaged into the macro-F1 line.
var macroKeys = []string{MOfficials, MMeetings, MParticipants, MAgreements}

// bucketAcc accumulates one bucket ("all" or a language). Metrics keep the order
// in which they were first touched, because score.py's report (a dict of
// defaultdicts) prints them in that order: "participants" appears after
// "agreements" when the first article of a bucket had no matched meeting.
type bucketAcc struct {
	prfOrder  []string
	prf       map[string]*PRF
	rateOrder []string
	rate      map[string]*Rate
}

func newBucket() *bucketAcc {
	return &bucketAcc{prf: map[string]*PRF{}, rate: map[string]*Rate{}}
}

func (b *bucketAcc) p(name string) *PRF {
	v, ok := b.prf[name]
	if !ok {
		v = &PRF{}
		b.prf[name] = v
		b.prfOrder = append(b.prfOrder, name)
	}
	return v
}

func (b *bucketAcc) r(name string) *Rate {
	v, ok := b.rate[name]
	if !ok {
		v = &Rate{}
		b.rate[name] = v
		b.rateOrder = append(b.rateOrder, name)
	}
	return v
}

type namedForms struct {
	forms   []string
	country string
}

// greedy is score.py's greedy(): one-to-one matching in gold order, each gold
// item taking the first unused system item that fits. It returns the number of
// pairs (all any caller uses).
func greedy[T any](gold, sys []T, ok func(g, s T) bool) int {
	used := make([]bool, len(sys))
	n := 0
	for _, g := range gold {
		for j, s := range sys {
			if !used[j] && ok(g, s) {
				used[j] = true
				n++
				break
			}
		}
	}
	return n
}

// cset is score.py's cset(): the sorted, de-duplicated, upper-cased set of
// non-empty country codes, as one comparable key.
func cset(xs []string) (key string, n int) {
	var l []string
	for _, x := range xs {
		if x == "" {
			continue
		}
		u := pyUpper(x)
		dup := false
		for _, y := range l {
			if y == u {
				dup = true
				break
			}
		}
		if !dup {
			l = append(l, u)
		}
	}
	sort.Strings(l)
	// "\x00" cannot occur in a JSON-decoded code that matters; it keeps
	// ["A B"] and ["A","B"] apart.
	return strings.Join(l, "\x00"), len(l)
}

// participantForms mirrors score.py: a system participant given as a string is
// wrapped in a list (forms([p])); a gold participant is passed to forms() as
// is, so a gold participant written as a bare string is iterated character by
// character there. We reproduce that quirk so both scorers always agree.
func participantForms(p Participant, system bool) []string {
	if p.IsString && !system {
		var chars []string
		for _, r := range p.Names[0] {
			chars = append(chars, string(r))
		}
		return forms(chars)
	}
	return forms(p.Names)
}

// pyStrip is Python's str.strip() with no argument.
func pyStrip(s string) string {
	return strings.TrimFunc(s, pySpace)
}

// Score compares an extraction with gold exactly as score.py does and returns
// the report. gold and extraction are in file order (use ReadRecords; a later
// duplicate id replaces an earlier one in place). articles may be nil: then
// each article's language is its id's prefix before the first '-', and the
// evidence rate is not computed.
func Score(gold, extraction []Record, articles []Article) *Report {
	extr := make(map[string]*Record, len(extraction))
	for i := range extraction {
		extr[extraction[i].ID] = &extraction[i]
	}
	arts := make(map[string]*Article, len(articles))
	for i := range articles {
		arts[articles[i].ID] = &articles[i]
	}
	buckets := map[string]*bucketAcc{}
	var order []string
	bucket := func(name string) *bucketAcc {
		b, ok := buckets[name]
		if !ok {
			b = newBucket()
			buckets[name] = b
			order = append(order, name)
		}
		return b
	}

	missing := 0
	for gi := range gold {
		g := &gold[gi]
		aid := g.ID
		if _, ok := extr[aid]; !ok {
			missing++
		}
		prefix, _, _ := strings.Cut(aid, "-")
		lang := prefix
		if len(arts) > 0 {
			if a, ok := arts[aid]; ok && a.Lang != "" {
				lang = a.Lang
			}
		}
		s := extr[aid]
		if s == nil {
			s = &Record{}
		}
		for _, name := range []string{"all", lang} {
			st := bucket(name)
			scoreArticle(st, g, s, arts[aid], len(arts) > 0)
		}
	}

	rep := &Report{Missing: missing}
	sort.SliceStable(order, func(i, j int) bool {
		ai, aj := order[i] != "all", order[j] != "all"
		if ai != aj {
			return !ai
		}
		return order[i] < order[j]
	})
	for _, name := range order {
		b := buckets[name]
		rb := Bucket{Name: name}
		for _, m := range b.prfOrder {
			v := *b.prf[m]
			rb.Metrics = append(rb.Metrics, Metric{Name: m, PRF: &v})
		}
		for _, m := range b.rateOrder {
			v := *b.rate[m]
			rb.Metrics = append(rb.Metrics, Metric{Name: m, Rate: &v})
		}
		rep.Buckets = append(rep.Buckets, rb)
	}
	return rep
}

// scoreArticle adds one article's counts to one bucket, in score.py's order of
// first touches.
func scoreArticle(st *bucketAcc, g, s *Record, art *Article, haveArticles bool) {
	// officials
	gof := make([]namedForms, 0, len(g.Officials))
	for _, o := range g.Officials {
		gof = append(gof, namedForms{forms(o.Aliases), pyUpper(o.Country)})
	}
	sof := make([]namedForms, 0, len(s.Officials))
	for _, o := range s.Officials {
		names := append([]string{o.Name}, o.Aliases...)
		sof = append(sof, namedForms{forms(names), pyUpper(o.Country)})
	}
	strict := greedy(gof, sof, func(a, b namedForms) bool {
		return a.country == b.country && namesMatch(a.forms, b.forms)
	})
	loose := greedy(gof, sof, func(a, b namedForms) bool { return namesMatch(a.forms, b.forms) })
	st.p(MOfficials).add(strict, len(sof)-strict, len(gof)-strict)
	st.p(MOfficialsLoose).add(loose, len(sof)-loose, len(gof)-loose)

	// meetings: per article, distinct country sets
	gmHeld := map[string][]*Meeting{}
	gPlanned := map[string]bool{}
	for i := range g.Meetings {
		m := &g.Meetings[i]
		cs, n := cset(m.Countries)
		if n < 2 {
			continue
		}
		if m.Status == "planned" {
			gPlanned[cs] = true
		} else {
			gmHeld[cs] = append(gmHeld[cs], m)
		}
	}
	sm := map[string][]*Meeting{}
	for i := range s.Meetings {
		m := &s.Meetings[i]
		if cs, n := cset(m.Countries); n >= 2 {
			sm[cs] = append(sm[cs], m)
		}
	}
	var tp []string
	fp, fn := 0, 0
	for cs := range sm {
		if _, ok := gmHeld[cs]; ok {
			tp = append(tp, cs)
		} else if !gPlanned[cs] {
			fp++
		}
	}
	for cs := range gmHeld {
		if _, ok := sm[cs]; !ok {
			fn++
		}
	}
	sort.Strings(tp) // the sums below do not depend on order; sorting keeps runs reproducible
	st.p(MMeetings).add(len(tp), fp, fn)
	for _, cs := range tp {
		gms, sms := gmHeld[cs], sm[cs]
		gdates := map[string]bool{}
		for _, m := range gms {
			if m.Date != "" {
				gdates[m.Date] = true
			}
		}
		if len(gdates) > 0 {
			r := st.r(MMeetingDate)
			r.N++
			for _, m := range sms {
				if gdates[m.Date] {
					r.Hit++
					break
				}
			}
		}
		var gpUnique [][]string
		for _, m := range gms {
			for _, p := range m.Participants {
				f := participantForms(p, false)
				if !anyMatch(f, gpUnique) {
					gpUnique = append(gpUnique, f)
				}
			}
		}
		var held []*Meeting
		for _, m := range sms {
			if m.Status != "planned" {
				held = append(held, m)
			}
		}
		if len(held) == 0 {
			held = sms
		}
		var spUnique [][]string
		for _, m := range held {
			for _, p := range m.Participants {
				f := participantForms(p, true)
				if len(f) > 0 && !anyMatch(f, spUnique) {
					spUnique = append(spUnique, f)
				}
			}
		}
		pm := greedy(gpUnique, spUnique, namesMatch)
		st.p(MParticipants).add(pm, len(spUnique)-pm, len(gpUnique)-pm)
	}

	// agreements: per article, distinct country sets
	ga := agreementSets(g.Agreements)
	sa := agreementSets(s.Agreements)
	atp := 0
	for cs := range sa {
		if ga[cs] {
			atp++
		}
	}
	st.p(MAgreements).add(atp, len(sa)-atp, len(ga)-atp)

	// evidence is verbatim
	if haveArticles && art != nil {
		body := art.Title + "\n" + art.Body
		check := func(ev string) {
			ev = pyStrip(ev)
			r := st.r(MEvidence)
			r.N++
			if ev != "" && strings.Contains(body, ev) {
				r.Hit++
			}
		}
		for _, m := range s.Meetings {
			check(m.Evidence)
		}
		for _, a := range s.Agreements {
			check(a.Evidence)
		}
	}
}

func anyMatch(f []string, l [][]string) bool {
	for _, q := range l {
		if namesMatch(f, q) {
			return true
		}
	}
	return false
}

func agreementSets(as []Agreement) map[string]bool {
	out := map[string]bool{}
	for _, a := range as {
		if cs, n := cset(a.Countries); n >= 2 {
			out[cs] = true
		}
	}
	return out
}
