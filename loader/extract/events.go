package extract

import (
	"slices"
	"sort"
	"strings"

	"diplograph/graph"
	"diplograph/loader/gazetteer"
)

// trig is one event trigger of a sentence.
type trig struct {
	k   int // segment index
	e   *entry
	fut bool // Arabic future prefix سـ on the verb
}

// event is a meeting or agreement under construction.
type event struct {
	s       *sentence
	parties []string
	actors  []*actor
}

// events finds the meetings and agreements of every sentence.
func (d *doc) events() {
	lastSet := []string(nil)
	for _, s := range d.sents {
		s.dates = d.dates(s)
		var meets, signs, agrees, docs []trig
		negMeet := false
		for k := range s.segs {
			sg := &s.segs[k]
			if sg.kinds&(1<<kTrigger) == 0 {
				continue // most segments: no trigger, and no entry to read
			}
			for _, e := range sg.lex {
				if e.kind != kTrigger {
					continue
				}
				t := trig{k: k, e: e, fut: sg.fut}
				if e.val == "meet" && e.c == "noun" && d.outcomeOf(s, k) {
					// "followed up on the outcome of Musallam's visit",
					// "نتائج زيارة الوزير": an earlier encounter, told
					// elsewhere, not one this sentence reports.
					break
				}
				if d.negated(s, k) {
					if e.val == "meet" {
						negMeet = true
					}
					continue
				}
				switch e.val {
				case "meet":
					meets = append(meets, t)
				case "sign":
					signs = append(signs, t)
				case "agree":
					agrees = append(agrees, t)
				case "doc":
					docs = append(docs, t)
				}
				break
			}
		}
		if len(meets) == 0 && !negMeet && d.lang.code == "ar" {
			if t, ok := d.arabicEncounterVerb(s); ok {
				meets = append(meets, t)
			}
		}
		if negMeet {
			// "did not meet … at the summit": no encounter in this sentence.
			meets = nil
			s.negMeet = true
		}
		if len(meets) > 0 {
			n := len(d.res.Meetings)
			if set := d.meeting(s, meets); set != nil {
				lastSet = set
			} else if set := d.listMeetings(s, meets); set != nil {
				lastSet = set
			}
			s.domestic = len(d.res.Meetings) == n && !d.definiteNoun(s, meets[0]) && d.oneCountry(s)
		} else if len(signs) > 0 && len(docs) > 0 {
			// A signing between officials of two parties is also an encounter.
			if set := d.signingMeeting(s, signs[0]); set != nil {
				lastSet = set
			}
		} else if len(agrees) > 0 && d.agreedInPlace(s) {
			// "X and his counterpart Y agreed on Thursday in Madrid to …":
			// officials of two parties agreeing somewhere met there.
			if set := d.signingMeeting(s, agrees[0]); set != nil {
				lastSet = set
			}
		}
		if len(signs) > 0 || len(agrees) > 0 || d.jointStatement(s, docs) {
			d.agreement(s, signs, agrees, docs, lastSet)
		}
	}
}

// negated reports a negation word just before the trigger at segment k.
func (d *doc) negated(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if s.segs[j].has(kNeg) {
			return true
		}
		if d.breakBefore(s.segs[j+1].i) {
			break
		}
	}
	return false
}

// mood tells whether the event triggered at segment k is announced for later
// (future) or only possible, offered or conditional (cond): a future or
// modal marker in the trigger's own clause, shortly before it ("will meet",
// "من المتوقع أن توقع", "ready to sign") or right after it ("الزيارة المرتقبة",
// "visit next week"); a verb with the future prefix; a future verb form.
func (d *doc) mood(s *sentence, t trig) (future, cond bool) {
	if t.fut || t.e.c == "future" {
		future = true
	}
	if t.e.val == "meet" && d.agreedToHold(s, t.k) {
		future = true
	}
	for j := t.k - 1; j >= 0 && j >= t.k-5; j-- {
		if m := s.segs[j].find(kModal); m != nil {
			switch m.val {
			case "future":
				future = true
			case "cond":
				cond = true
			}
		}
		if d.breakBefore(s.segs[j].i) || s.segs[j].has(kTrigger) {
			break
		}
	}
	for j := t.k + 1; j < len(s.segs) && j <= t.k+6 && t.e.c != "past"; j++ {
		if d.breakBefore(s.segs[j].i) {
			break
		}
		if m := s.segs[j].find(kModal); m != nil && m.val == "future" {
			future = true
		}
		if r := s.segs[j].find(kRel); r != nil && (r.val == "next" || r.n > 0) {
			future = true
		}
	}
	return future, cond
}

// parties returns the parties of a sentence in order of appearance, with the
// actors of each.
func (d *doc) parties(s *sentence, before int) (codes []string, by partyActors, subj string) {
	return d.partiesUpTo(s, before, -1)
}

// partiesUpTo is parties, counting coordinated country names only when they
// start before token limit (limit < 0: anywhere).
func (d *doc) partiesUpTo(s *sentence, before, limit int) (codes []string, by partyActors, subj string) {
	add := func(c string, a *actor) {
		if c == "" {
			return
		}
		k := by.find(c)
		if k < 0 {
			codes = append(codes, c)
			if by.entries == nil {
				by.entries = make([]partyEntry, 0, 4) // parties of a sentence are few; many have none
			}
			by.entries = append(by.entries, partyEntry{code: c})
			k = len(by.entries) - 1
		}
		if e := &by.entries[k]; a != nil {
			e.actors = append(e.actors, a)
		} else if e.actors == nil {
			e.actors = []*actor{}
		}
	}
	for _, a := range s.actors {
		if a.p != nil && a.p.provis || d.sender(a) {
			continue
		}
		c := a.country
		if a.p != nil {
			c = a.p.country
		}
		if c == "" {
			continue
		}
		if subj == "" && a.i < before {
			subj = c
		}
		add(c, a)
	}
	// Countries standing as parties: "Ethiopia and Russia", "بين تونس ومصر",
	// "entre l'Algérie, la Tunisie et la Libye".
	for _, list := range d.countryLists(s) {
		if limit >= 0 && list[0].i >= limit || d.locative(list[0].i) {
			continue
		}
		if subj == "" && list[0].i < before {
			subj = list[0].code
		}
		for _, c := range list {
			add(c.code, nil)
		}
	}
	return codes, by, subj
}

// partyActors holds the actors of each party parties found, by code (a
// party may stand with no actor, as a country named alone). A sentence has
// a handful of parties: a list searched in order replaces the map built per
// call, which with its first group was a tenth of the bytes an extraction
// allocated.
type partyActors struct {
	entries []partyEntry
}

type partyEntry struct {
	code   string
	actors []*actor
}

// find returns the index of party c, or -1.
func (by *partyActors) find(c string) int {
	for k := range by.entries {
		if by.entries[k].code == c {
			return k
		}
	}
	return -1
}

// has reports party c, with or without actors.
func (by *partyActors) has(c string) bool { return by.find(c) >= 0 }

// get returns the actors of party c (nil when absent).
func (by *partyActors) get(c string) []*actor {
	if k := by.find(c); k >= 0 {
		return by.entries[k].actors
	}
	return nil
}

// set records as as the actors of party c, adding the party if new.
func (by *partyActors) set(c string, as []*actor) {
	if k := by.find(c); k >= 0 {
		by.entries[k].actors = as
		return
	}
	by.entries = append(by.entries, partyEntry{code: c, actors: as})
}

// locative reports a place preposition right before token i (articles
// skipped): "the situation in Libya and Sudan", "الأوضاع في ليبيا والسودان",
// "la crise au Sahel et en Libye" name the topic's places, not parties.
// "with", "between" and their kin are not locative.
func (d *doc) locative(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch d.toks[j].Fold {
		case "the", "la", "le", "l", "les",
			// "the situation in eastern DRC", "dans le nord du Mali".
			"eastern", "western", "northern", "southern", "central", "north", "south", "east", "west",
			"nord", "sud", "est", "ouest", "centre", "du", "de":
			continue
		case "in", "en", "au", "aux", "dans", "في":
			return true
		}
		return false
	}
	return false
}

type mention struct {
	i    int
	code string
}

// countryLists returns the runs of two or more coordinated country or
// organisation names of a sentence, outside office frames.
func (d *doc) countryLists(s *sentence) [][]mention {
	var out [][]mention
	var cur []mention
	flush := func() {
		// At least two distinct countries: one that differs from the first.
		for _, m := range cur {
			if m.code != cur[0].code {
				out = append(out, cur)
				break
			}
		}
		cur = nil
	}
	linked := false // a comma or a conjunction since the last name
	for k := range s.segs {
		sg := &s.segs[k]
		if k > 0 && hasComma(d.gap(sg.i)) {
			linked = true
		}
		e := sg.place(gazetteer.Country, gazetteer.Org)
		if e != nil && sg.place(gazetteer.Demonym) == nil && !d.insideActor(s, sg.i) {
			if len(cur) > 0 && !(linked || d.coordBefore(sg.i)) {
				flush()
			}
			cur = append(cur, mention{sg.i, e.Code})
			linked = false
			continue
		}
		f := d.toks[sg.i].Fold
		if d.conj(*sg) {
			linked = true
			continue
		}
		if isArticle(f) || sg.has(kLink) && sg.j == sg.i+1 && len(f) <= 3 {
			continue
		}
		flush()
		linked = false
	}
	flush()
	return out
}

// conj reports a coordinating conjunction.
func (d *doc) conj(sg seg) bool {
	switch d.toks[sg.i].Fold {
	case "and", "et", "و", "&":
		return true
	}
	return false
}

// visitTarget returns the country a visit goes to: a country or city after
// "to/in/إلى/في/à/en" following the trigger, or a city with the ب clitic.
func (d *doc) visitTarget(s *sentence, from int) string {
	for k := from + 1; k < len(s.segs) && k < from+8; k++ {
		sg := &s.segs[k]
		e := sg.place(gazetteer.Country, gazetteer.City)
		if e == nil {
			continue
		}
		prev := ""
		if k > 0 {
			prev = d.toks[s.segs[k-1].i].Fold
		}
		cl := clitic(d.toks[sg.i], e.Form)
		if targetWord(prev) || strings.Contains(cl, "ب") || strings.Contains(cl, "ل") {
			return e.Code
		}
		// A country as the direct object of "visit"/"زار": "will visit
		// Algeria", "سيزور الرئيس الجزائري عبد المجيد تبون تونس".
		if sg.place(gazetteer.Country) != nil && sg.place(gazetteer.Demonym) == nil && !d.insideActor(s, sg.i) && cl == "" {
			return e.Code
		}
	}
	return ""
}

// place returns the English name of the city where the sentence's event takes
// place, and its country.
func (d *doc) place(s *sentence) (string, string) {
	for k := range s.segs {
		sg := &s.segs[k]
		e := sg.place(gazetteer.City)
		if e == nil {
			continue
		}
		if sg.place(gazetteer.Country) != nil {
			// A country named like its capital (الجزائر, Tunis/Tunisie, Koweït):
			// the city only when the text says so ("العاصمة الجزائر").
			if k == 0 || !capitalWord(d.toks[s.segs[k-1].j-1].Fold) {
				continue
			}
		}
		prev := ""
		if k > 0 {
			prev = d.toks[s.segs[k-1].j-1].Fold
		}
		cl := clitic(d.toks[sg.i], e.Form)
		if targetWord(prev) || strings.Contains(cl, "ب") || capitalWord(prev) || prev == "at" {
			return e.Display, e.Code
		}
	}
	return "", ""
}

func capitalWord(f string) bool {
	switch f {
	case "العاصمه", "بالعاصمه", "عاصمه", "capital", "capitale", "مدينه", "بمدينه":
		return true
	}
	return strings.HasSuffix(f, "العاصمه")
}

// focusActors returns the actors standing for a dropped subject: the persons
// of the previous sentence with actors.
func (d *doc) focusActors(s *sentence) []*actor {
	for i := s.idx - 1; i >= 0 && i >= s.idx-3; i-- {
		for _, a := range d.sents[i].actors {
			if a.p != nil && !a.p.provis && a.p.country != "" {
				return []*actor{a}
			}
		}
	}
	return nil
}

// kindRank orders meeting kinds from the least to the most specific; other
// kinds rank with "meeting".
func kindRank(kind string) int {
	switch kind {
	case "visit":
		return 1
	case "summit":
		return 2
	case "call":
		return 3
	}
	return 0
}

// meeting builds the meetings a sentence with meeting triggers reports and
// returns the country set of the last one.
func (d *doc) meeting(s *sentence, ts []trig) []string {
	if lo, ok := d.clauseSplit(s, ts); ok {
		// "X held talks with Y on Tuesday, a day after Y received Z": two
		// encounters, each with the actors of its own clause.
		a, b := d.subSentence(s, 0, lo, ts), d.subSentence(s, lo, len(s.segs), ts)
		var last []string
		if len(a.ts) > 0 {
			last = d.meeting(a.s, a.ts)
		}
		if len(b.ts) > 0 {
			if set := d.meeting(b.s, b.ts); set != nil {
				last = set
			}
		}
		return last
	}
	var own []trig
	for _, t := range ts {
		if !d.anchored(s, t) {
			own = append(own, t)
		}
	}
	if len(own) == 0 {
		return d.anchoredMeeting(s, ts[0])
	}
	all := ts
	ts = own
	main := ts[0]
	for _, t := range ts[1:] {
		if kindRank(t.e.a) > kindRank(main.e.a) {
			main = t
		}
	}
	first := ts[0]
	role := first.e.b
	for _, t := range ts {
		if t.e.b != "-" {
			role = t.e.b
			break
		}
	}
	// The subject: in English and French the first party before the verb; in
	// Arabic (verb first) the first party of the sentence.
	before := s.segs[first.k].i
	if d.lang.code == "ar" {
		before = s.segs[len(s.segs)-1].j
	}
	codes, by, subj := d.parties(s, before)
	if c, from := d.agentBy(s, all); c != "" {
		// "an official visit by the UN Secretary General … to Baghdad": the
		// agent after "by" is the subject; actors before the visit noun
		// belong to another clause ("Zarif's visit came one day after …").
		var keep []string
		for _, code := range codes {
			var as []*actor
			for _, a := range by.get(code) {
				if a.i >= from {
					as = append(as, a)
				}
			}
			if len(as) > 0 {
				keep = append(keep, code)
			}
			by.set(code, as)
		}
		codes, subj = keep, c
	}
	codes = d.bareParties(s, codes, first.k)
	for _, c := range codes {
		if !by.has(c) {
			by.set(c, nil)
		}
	}
	focused := false // a party comes from the previous sentences' focus
	if len(codes) < 2 && subj == "" {
		// A verb without a subject (وأكد …, "met with …"): the subject in focus.
		for _, a := range d.focusActors(s) {
			focused = true
			c := a.p.country
			if !by.has(c) {
				codes = append([]string{c}, codes...)
			}
			by.set(c, prepend(a, by.get(c)))
			subj = c
		}
	}
	target := ""
	for _, t := range ts {
		if t.e.a == "visit" {
			if c := d.visitTarget(s, t.k); c != "" {
				target = c
				break
			}
		}
	}
	if target != "" {
		if !by.has(target) {
			codes = append(codes, target)
			by.set(target, nil)
		}
	}
	if len(codes) == 1 {
		// "his counterpart" named earlier, "the two ministers": take the
		// focus when the sentence names only one side.
		for _, a := range d.focusActors(s) {
			if c := a.p.country; c != codes[0] {
				focused = true
				codes = append(codes, c)
				by.set(c, append(by.get(c), a))
			}
		}
	}
	if len(codes) < 2 {
		return nil
	}
	if d.separate(s) && d.allBefore(&by, s.segs[first.k].i) {
		// "Algerian, Moroccan ministers hold separate talks in Cairo": the
		// parties of the subject did not meet each other.
		return nil
	}
	if subj == "" {
		subj = codes[0]
	}
	status := graph.StatusHeld
	future, cond := d.mood(s, main)
	if f2, c2 := d.mood(s, first); first.k != main.k {
		future, cond = future || f2, cond || c2
	}
	if future {
		status = graph.StatusPlanned
		own := false
		for _, a := range s.actors {
			if a.p == nil || !a.p.provis {
				own = true
			}
		}
		if !own {
			// "He will meet … in Berlin": an announced event whose parties
			// the sentence does not name is too vague to record.
			return nil
		}
	} else if cond {
		return nil
	}
	place, placeCountry := d.place(s)
	date := d.eventDate(s, s.segs[first.k].i, status == graph.StatusPlanned)
	if date == "" && status == graph.StatusHeld {
		date = d.leadDate(s)
	}
	if status == graph.StatusHeld && date != "" && d.a.Published != "" && date > d.a.Published {
		// "… الذي يلتقي غداً نظيره السوري", "qu'il rencontrera demain": an
		// encounter dated after the publication has not taken place yet.
		status = graph.StatusPlanned
	}
	kind := main.e.a
	if kind == "meeting" && (focused || !slices.ContainsFunc(s.actors, func(a *actor) bool { return a.p != nil })) && len(d.res.Meetings) > 0 {
		// "The two ministers discussed …" after their phone call: the
		// same encounter told on, of the kind told before.
		if last := d.res.Meetings[len(d.res.Meetings)-1]; slices.Equal(last.Countries, sortedSet(codes)) && main.e.c != "noun" {
			kind = last.Kind
		}
	}
	if kind == "meeting" && d.byPhone(s) {
		// "يبحث مع X هاتفياً", "s'est entretenu au téléphone avec",
		// "spoke by phone": talks held on the telephone are a call.
		kind = "call"
	}
	var sets [][]string
	if kind == "summit" || len(codes) == 2 || d.jointSubject(s, &by, before) || d.multilateral(s) || d.jointTrigger(s, ts) {
		sets = [][]string{codes}
	} else {
		for _, c := range codes {
			if c != subj {
				sets = append(sets, []string{subj, c})
			}
		}
	}
	host := ""
	switch role {
	case "host":
		host = subj
	case "guest":
		host = target
	}
	if host == "" && placeCountry != "" {
		host = placeCountry
	}
	var last []string
	d.res.Meetings = slices.Grow(d.res.Meetings, len(sets))
	for _, set := range sets {
		m := Meeting{Kind: kind, Status: status, Date: date, Place: place, Evidence: d.sentText(s)}
		seen := map[*person]bool{}
		for _, c := range set {
			for _, a := range by.get(c) {
				if a.p != nil && !seen[a.p] && !a.p.provis {
					seen[a.p] = true
					m.Refs = append(m.Refs, a.p.refID())
					m.Participants = append(m.Participants, a.p.forms[0])
				}
			}
		}
		m.Countries = sortedSet(set)
		if slices.Contains(m.Countries, host) {
			m.Host = host
		}
		if m.Kind == "meeting" && target != "" && target != subj {
			m.Kind = "visit"
		}
		m.Topics = d.topics(s)
		m.EventCode = meetingCode(m, role, placeCountry)
		if m.Participants == nil {
			m.Participants, m.Refs = []string{}, []string{}
		}
		d.res.Meetings = append(d.res.Meetings, m)
		last = m.Countries
	}
	return last
}

// prepend returns a followed by as, in one new array (append([]*actor{a},
// as...) allocated twice).
func prepend(a *actor, as []*actor) []*actor {
	out := make([]*actor, 0, len(as)+1)
	return append(append(out, a), as...)
}

// jointSubject reports a subject of several parties before the verb, in
// English or French: "Macron, Merz, Starmer and Tusk arrived in Kyiv for
// talks with Zelensky", "Tshisekedi et Kagame ont signé … en présence de
// Trump". They travel and talk together: one encounter of every party, not
// one meeting per pair. (Arabic puts the verb first; its subject lists are
// left to the pairwise rule.)
func (d *doc) jointSubject(s *sentence, by *partyActors, before int) bool {
	// "The foreign ministers of Egypt, Sudan and South Sudan met",
	// "اجتماع لوزراء خارجية مصر والسودان وجنوب السودان": one plural office
	// over a list of countries names the parties of one encounter, in any
	// word order.
	pl := 0
	for _, e := range by.entries {
		for _, a := range e.actors {
			if a.p == nil && a.title != nil && a.title.flags&flPl != 0 && (a.i < before || d.lang.code == "ar") {
				pl++
				break
			}
		}
	}
	if pl >= 2 {
		return true
	}
	if d.lang.code == "ar" {
		return false
	}
	n := 0
	for _, e := range by.entries {
		for _, a := range e.actors {
			if a.i < before && a.p != nil && !a.p.provis {
				n++
				break
			}
		}
	}
	return n >= 2
}

// purpose reports a verbal noun with the preposition ل ("لتوقيع اتفاقية": to
// sign an agreement): an intention, not a signing.
func (d *doc) purpose(s *sentence, t trig) bool {
	tok := d.toks[s.segs[t.k].i]
	if t.e.c != "noun" || !tok.Arabic {
		return false
	}
	return strings.HasPrefix(clitic(tok, t.e.form), "ل")
}

// agentBy finds a noun trigger followed by "by"/"par" and an actor: it returns
// the actor's country and the token where the trigger starts.
func (d *doc) agentBy(s *sentence, ts []trig) (string, int) {
	for _, t := range ts {
		if t.e.c != "noun" {
			continue
		}
		for j := t.k + 1; j < len(s.segs) && j <= t.k+2; j++ {
			f := d.toks[s.segs[j].i].Fold
			if f != "by" && f != "par" {
				continue
			}
			for _, a := range s.actors {
				if a.i > s.segs[j].i && a.i <= s.segs[min(j+4, len(s.segs)-1)].i {
					c := a.country
					if a.p != nil {
						c = a.p.country
					}
					if c != "" {
						return c, s.segs[t.k].i
					}
				}
			}
		}
	}
	return "", 0
}

// clauseSplit finds, in English or French, an anchor word ("after",
// "après") opening a clause with its own verb trigger and actors: the
// segment index where the second clause starts.
func (d *doc) clauseSplit(s *sentence, ts []trig) (int, bool) {
	if d.lang.code == "ar" || len(ts) < 2 {
		return 0, false
	}
	for k := 1; k < len(s.segs); k++ {
		m := s.segs[k].find(kModal)
		if m == nil || m.val != "anchor" {
			continue
		}
		before, after := false, false
		for _, t := range ts {
			if t.k < k && t.e.c != "noun" {
				before = true
			}
			if t.k > k && t.e.c != "noun" && t.k <= k+6 {
				after = true
			}
		}
		if !before || !after {
			continue
		}
		actorsAfter := 0
		for _, a := range s.actors {
			if a.i > s.segs[k].i {
				actorsAfter++
			}
		}
		if actorsAfter >= 2 {
			return k, true
		}
	}
	return 0, false
}

type clause struct {
	s  *sentence
	ts []trig
}

// subSentence returns the segments [lo, hi) of s as a sentence of their own
// (same text and evidence), with the triggers and actors inside.
func (d *doc) subSentence(s *sentence, lo, hi int, ts []trig) clause {
	t := *s
	t.segs = s.segs[lo:hi]
	t.actors = nil
	if hi > lo {
		from, to := s.segs[lo].i, s.segs[hi-1].j
		for _, a := range s.actors {
			if a.i >= from && a.i < to {
				t.actors = append(t.actors, a)
			}
		}
	}
	var out []trig
	for _, x := range ts {
		if x.k >= lo && x.k < hi {
			x.k -= lo
			out = append(out, x)
		}
	}
	return clause{&t, out}
}

// anchored reports a noun trigger used to date something else: "after the
// summit", "au lendemain du sommet", "على هامش الاجتماع", "عقب وصوله".
func (d *doc) anchored(s *sentence, t trig) bool {
	if t.e.c != "noun" {
		return false
	}
	for j := t.k - 1; j >= 0 && j >= t.k-3; j-- {
		if m := s.segs[j].find(kModal); m != nil && m.val == "anchor" {
			return true
		}
		if !s.segs[j].has(kLink) && !s.segs[j].has(kStop) && !s.segs[j].has(kAdj) {
			break
		}
	}
	return false
}

// anchoredMeeting builds the meeting a dating phrase names with its own
// parties ("trois jours après le sommet de Tunis entre l'Algérie, la Tunisie
// et la Libye"); the actors of the main clause are not its participants.
func (d *doc) anchoredMeeting(s *sentence, t trig) []string {
	var codes []string
	for _, list := range d.countryLists(s) {
		if list[0].i > s.segs[t.k].i && list[0].i <= s.segs[min(t.k+8, len(s.segs)-1)].i {
			for _, m := range list {
				if !slices.Contains(codes, m.code) {
					codes = append(codes, m.code)
				}
			}
			break
		}
	}
	if len(codes) < 2 {
		return nil
	}
	place, placeCountry := d.place(s)
	m := Meeting{Kind: t.e.a, Status: graph.StatusHeld, Countries: sortedSet(codes), Place: place,
		Participants: []string{}, Refs: []string{}, Evidence: d.sentText(s)}
	if f, _ := d.mood(s, t); f {
		m.Status = graph.StatusPlanned
	}
	m.Date = d.eventDate(s, s.segs[t.k].i, m.Status == graph.StatusPlanned)
	if slices.Contains(m.Countries, placeCountry) {
		m.Host = placeCountry
	}
	m.Topics = d.topics(s)
	m.EventCode = meetingCode(m, "-", placeCountry)
	d.res.Meetings = append(d.res.Meetings, m)
	return m.Countries
}

// listMeetings handles a sentence that announces a list ("تسلّم الرئيس سعيّد
// أوراق اعتماد كل من:", "received the following ambassadors:"): the officials
// of the lines after it are the other parties, one meeting each, with the
// line naming them as evidence.
func (d *doc) listMeetings(s *sentence, ts []trig) []string {
	txt := strings.TrimSpace(d.sentText(s))
	if !strings.HasSuffix(txt, ":") {
		return nil
	}
	codes, by, _ := d.parties(s, s.segs[len(s.segs)-1].j)
	if len(codes) != 1 {
		return nil
	}
	subj := codes[0]
	future, cond := d.mood(s, ts[0])
	if cond {
		return nil
	}
	status := graph.StatusHeld
	if future {
		status = graph.StatusPlanned
	}
	date := d.eventDate(s, s.segs[ts[0].k].i, future)
	if date == "" && !future {
		date = d.leadDate(s)
	}
	place, _ := d.place(s)
	var last []string
	for _, t := range d.sents[s.idx+1:] {
		if t.idx > s.idx+15 || len(t.actors) == 0 {
			break
		}
		hasTrig := false
		for k := range t.segs {
			if t.segs[k].has(kTrigger) {
				hasTrig = true
			}
		}
		if hasTrig {
			break
		}
		for _, a := range t.actors {
			if a.p == nil || a.p.provis || a.p.country == "" || a.p.country == subj {
				continue
			}
			m := Meeting{Kind: ts[0].e.a, Status: status, Date: date, Place: place, Evidence: d.sentText(t)}
			for _, b := range by.get(subj) {
				if b.p != nil && !b.p.provis {
					m.Refs = append(m.Refs, b.p.refID())
					m.Participants = append(m.Participants, b.p.forms[0])
				}
			}
			m.Refs = append(m.Refs, a.p.refID())
			m.Participants = append(m.Participants, a.p.forms[0])
			m.Countries = sortedSet([]string{subj, a.p.country})
			if ts[0].e.b == "host" {
				m.Host = subj
			}
			m.Topics = d.topics(s)
			m.EventCode = meetingCode(m, ts[0].e.b, "")
			d.res.Meetings = append(d.res.Meetings, m)
			last = m.Countries
			break
		}
	}
	return last
}

// signingMeeting records the encounter a signing between officials of two
// parties implies.
func (d *doc) signingMeeting(s *sentence, t trig) []string {
	codes, by, _ := d.parties(s, s.segs[t.k].i)
	named := 0
	for _, c := range codes {
		for _, a := range by.get(c) {
			if a.p != nil {
				named++
				break
			}
		}
	}
	if f, c := d.mood(s, t); len(codes) < 2 || named < 2 || f || c {
		return nil
	}
	return d.meeting(s, []trig{{k: t.k, e: &entry{kind: kTrigger, val: "meet", a: "meeting", b: "mutual", c: "past"}}})
}

// agreedInPlace reports a sentence that says where its parties were: a city
// after "in"/"à"/في (place), or the dateline that opens the article's first
// body sentence ("MADRID — …").
func (d *doc) agreedInPlace(s *sentence) bool {
	if p, _ := d.place(s); p != "" {
		return true
	}
	if len(s.segs) < 2 || s.title || s.idx > 1 || s.idx == 1 && !d.sents[0].title {
		return false
	}
	sg := &s.segs[0]
	return sg.place(gazetteer.City) != nil && d.breakBefore(s.segs[1].i)
}

// jointStatement reports a joint statement or final communiqué mentioned
// without a verb of agreeing: itself an agreed text of the parties.
func (d *doc) jointStatement(s *sentence, docs []trig) bool {
	for _, t := range docs {
		if t.e.a == "joint-statement" {
			return true
		}
	}
	return false
}

// agreement builds the agreement a sentence reports.
func (d *doc) agreement(s *sentence, signs, agrees, docs []trig, lastSet []string) {
	var main trig
	status := graph.StatusAgreed
	kind := "commitment"
	switch {
	case len(signs) > 0 && len(docs) > 0:
		main, status, kind = signs[0], graph.StatusSigned, docs[0].e.a
	case len(agrees) > 0:
		main = agrees[0]
		if len(docs) > 0 {
			kind = docs[0].e.a
		}
	case len(docs) > 0 && docs[0].e.a == "joint-statement":
		main, kind = docs[0], "joint-statement"
	default:
		return
	}
	if f, c := d.mood(s, main); f || c || d.purpose(s, main) {
		status = graph.StatusPlanned
	}
	// The parties: the officials of the sentence, countries standing as the
	// subject ("Ethiopia and Russia signed", "الهند والإمارات اتفقتا"; in English
	// and French only before the verb: a list after it names topics, "the
	// fight against terrorism, Ukraine, Syria"), a country after "with".
	limit := s.segs[main.k].i
	if d.lang.code == "ar" {
		limit = -1
	}
	codes, by, _ := d.partiesUpTo(s, s.segs[main.k].i, limit)
	codes = d.bareParties(s, codes, main.k)
	if len(signs) > 0 && len(codes) > 2 {
		// "X and Y signed a peace agreement … in a ceremony hosted by Z",
		// "… بحضور رئيس الوزراء": who hosts or witnesses a signing is no
		// party to the accord.
		var keep []string
		for _, c := range codes {
			witness := len(by.get(c)) > 0
			for _, a := range by.get(c) {
				witness = witness && d.witnessBefore(a.i)
			}
			if !witness {
				keep = append(keep, c)
			}
		}
		if len(keep) >= 2 {
			codes = keep
		}
	}
	if len(codes) < 2 && lastSet != nil {
		codes = append([]string(nil), lastSet...)
	}
	if len(codes) < 2 {
		return
	}
	if len(docs) > 0 && d.earlierAccord(s, docs[0]) {
		// "la mise en œuvre du mémorandum … signé en 2023", "the
		// implementation of the 2019 agreement": an accord in force, not
		// one this article reports.
		return
	}
	if len(docs) > 0 && d.anaphoricDoc(s, docs[0]) {
		// "The MoU was signed by …", "this new Memorandum of Understanding
		// will …", "وتنص المذكرة على …": the accord told before, not another.
		set := sortedSet(codes)
		for i := range d.res.Agreements {
			if slices.Equal(d.res.Agreements[i].Countries, set) {
				return
			}
		}
	}
	ag := Agreement{Countries: sortedSet(codes), Kind: kind, Status: status, Meeting: -1, Evidence: d.sentText(s)}
	for _, c := range codes {
		for _, a := range by.get(c) {
			if a.p != nil && !a.p.provis && !slices.Contains(ag.Signatories, a.p.refID()) && len(signs) > 0 {
				ag.Signatories = append(ag.Signatories, a.p.refID())
			}
		}
	}
	for i := len(d.res.Meetings) - 1; i >= 0; i-- {
		if slices.Equal(d.res.Meetings[i].Countries, ag.Countries) {
			ag.Meeting = i
			ag.Date = d.res.Meetings[i].Date
			break
		}
	}
	if dt := d.eventDate(s, s.segs[main.k].i, status == graph.StatusPlanned); dt != "" {
		ag.Date = dt
	}
	subjFrom := main.k
	if len(docs) > 0 && kind != "commitment" {
		subjFrom = docs[0].k
	}
	ag.Subject = d.subjectPhrase(s, subjFrom)
	ag.Topics = d.topics(s)
	ag.EventCode = agreementCode(ag)
	d.res.Agreements = append(d.res.Agreements, ag)
}

// bareParties completes the parties of a sentence that names fewer than two
// with countries standing as parties: a country after "with/avec/مع", and the
// country named as the subject before the trigger at segment k ("La Côte
// d'Ivoire a signé trois accords avec le Portugal").
func (d *doc) bareParties(s *sentence, codes []string, mainK int) []string {
	if len(codes) < 2 {
		for k := 1; k < len(s.segs); k++ {
			f := d.toks[s.segs[k-1].j-1].Fold
			if f != "with" && f != "avec" && f != "مع" {
				continue
			}
			for m := k; m < len(s.segs) && m <= k+2; m++ {
				if e := s.segs[m].place(gazetteer.Country, gazetteer.Org); e != nil && s.segs[m].place(gazetteer.Demonym) == nil {
					if !slices.Contains(codes, e.Code) {
						codes = append(codes, e.Code)
					}
					break
				}
			}
		}
		if len(codes) == 1 {
			// The subject named as a country before the verb.
			for k := 0; k < mainK; k++ {
				if e := s.segs[k].place(gazetteer.Country); e != nil && s.segs[k].place(gazetteer.Demonym) == nil && !slices.Contains(codes, e.Code) && !d.insideActor(s, s.segs[k].i) && !d.afterPreposition(s, k) {
					codes = append([]string{e.Code}, codes...)
					break
				}
			}
		}
	}
	return codes
}

// afterPreposition reports a preposition (or a prepositional clitic) just
// before segment k: "pour le Pérou", "في اليمن" name places, not subjects.
func (d *doc) afterPreposition(s *sentence, k int) bool {
	if t := d.toks[s.segs[k].i]; t.Arabic {
		if cl := clitic(t, firstForm(&s.segs[k])); strings.ContainsAny(cl, "بل") {
			return true
		}
	}
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		f := d.toks[s.segs[j].j-1].Fold
		if isArticle(f) {
			continue
		}
		return s.segs[j].has(kStop) && !d.conj(s.segs[j])
	}
	return false
}

// subjectPhrase quotes the words after the trigger at segment k, up to a
// punctuation mark or twelve words.
func (d *doc) subjectPhrase(s *sentence, k int) string {
	from := s.segs[k].i
	to := s.segs[k].j
	n := 0
	for j := k + 1; j < len(s.segs) && n < 12; j++ {
		sg := &s.segs[j]
		if d.breakBefore(sg.i) {
			break
		}
		to = sg.j
		n++
	}
	if n == 0 {
		return strings.TrimSpace(d.src[d.toks[from].Start:d.toks[to-1].End])
	}
	return strings.TrimSpace(d.src[d.toks[s.segs[k].j-1].End:d.toks[to-1].End])
}

// eventDate resolves the date of the event triggered at token tok: the time
// expression of the sentence nearest to the trigger, else one of the previous
// sentences of the paragraph.
func (d *doc) eventDate(s *sentence, tok int, future bool) string {
	ref := d.reference()
	for back := 0; back <= 2 && s.idx-back >= 0; back++ {
		t := d.sents[s.idx-back]
		if back > 0 && t.para != s.para {
			break
		}
		if t.dates == nil {
			t.dates = d.dates(t)
		}
		best, dist := -1, 1<<30
		for i, e := range t.dates {
			if d.datelineDate(t, e.tok) && len(t.dates) > 1 {
				// "RABAT, April 7 — … held talks … on Monday": the dateline
				// gives the day of the report, the text the day of the talks.
				continue
			}
			if future && d.saidOn(e.tok) {
				// "X will visit Baghdad next week, the ministry said on
				// Tuesday": the day of the announcement, not of the visit.
				continue
			}
			dd := e.tok - tok
			if dd < 0 {
				dd = -dd
			}
			if dd < dist {
				best, dist = i, dd
			}
		}
		if best >= 0 {
			return t.dates[best].resolve(ref, future).String()
		}
	}
	return ""
}

// leadDate returns the date of the article's lead for an undated event told in
// the first sentences: news stories open with the event of the day and its
// date, and go on about it without repeating the day.
func (d *doc) leadDate(s *sentence) string {
	body := 0
	for _, t := range d.sents {
		if t.title {
			continue
		}
		body++
		if body > 3 || t.idx > s.idx {
			break
		}
		if t.dates == nil {
			t.dates = d.dates(t)
		}
		if len(t.dates) > 0 {
			if s.idx-t.idx > 4 {
				return ""
			}
			return t.dates[0].resolve(d.reference(), false).String()
		}
	}
	return ""
}

// reference returns the publication date, or else the first full date the
// article states, against which weekdays and relative words are resolved.
func (d *doc) reference() day {
	if d.ref.ok() {
		return d.ref
	}
	for _, s := range d.sents {
		if s.dates == nil {
			s.dates = d.dates(s)
		}
		for _, e := range s.dates {
			if e.explicit && e.abs.y > 0 && validDay(e.abs) {
				d.ref = e.abs
				return d.ref
			}
		}
	}
	return day{}
}

// topics returns the sorted topic ids named in the sentence.
func (d *doc) topics(s *sentence) []string {
	var out []string
	for k := range s.segs {
		if t := s.segs[k].find(kTopic); t != nil && !slices.Contains(out, t.val) {
			out = append(out, t.val)
		}
	}
	sort.Strings(out)
	return out
}

func sortedSet(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// meetingCode maps a meeting to CAMEO and PLOVER: 041 phone (CONSULT/phone),
// 042 make a visit and 043 host a visit (CONSULT/visit), 044 meet at a third
// location (CONSULT/third-party), 040 consult; summits are multilateral.
func meetingCode(m Meeting, role, placeCountry string) graph.EventCode {
	switch {
	case m.Kind == graph.MeetingCall:
		return graph.EventCode{Cameo: "041", PloverType: "CONSULT", PloverMode: "phone"}
	case m.Kind == graph.MeetingSummit:
		return graph.EventCode{Cameo: "044", PloverType: "CONSULT", PloverMode: "multilateral"}
	case m.Kind == graph.MeetingVisit && role == "host":
		return graph.EventCode{Cameo: "043", PloverType: "CONSULT", PloverMode: "visit"}
	case m.Kind == graph.MeetingVisit:
		return graph.EventCode{Cameo: "042", PloverType: "CONSULT", PloverMode: "visit"}
	case placeCountry != "" && !slices.Contains(m.Countries, placeCountry):
		return graph.EventCode{Cameo: "044", PloverType: "CONSULT", PloverMode: "third-party"}
	case placeCountry != "":
		return graph.EventCode{Cameo: "043", PloverType: "CONSULT", PloverMode: "visit"}
	}
	return graph.EventCode{Cameo: "040", PloverType: "CONSULT"}
}

// agreementCode maps an agreement to CAMEO and PLOVER: 057 sign a formal
// agreement, 030 express intent to cooperate (agreed commitments, planned
// accords); PLOVER AGREE.
func agreementCode(a Agreement) graph.EventCode {
	switch {
	case a.Status == graph.StatusSigned:
		return graph.EventCode{Cameo: "057", PloverType: "AGREE"}
	case a.Status == graph.StatusPlanned:
		return graph.EventCode{Cameo: "030", PloverType: "AGREE"}
	case a.Kind == graph.AgreementCommitment || a.Kind == graph.AgreementJointStatement:
		return graph.EventCode{Cameo: "030", PloverType: "AGREE"}
	}
	return graph.EventCode{Cameo: "057", PloverType: "AGREE"}
}

// oneCountry reports a sentence whose officials are all of one country and
// that names no other party: "ترأس رئيس الحكومة اجتماعا لمجلس الوزراء".
func (d *doc) oneCountry(s *sentence) bool {
	c := ""
	for _, a := range s.actors {
		if a.country == "" {
			continue
		}
		if c != "" && a.country != c {
			return false
		}
		c = a.country
	}
	if c == "" {
		return false
	}
	for k := range s.segs {
		if p := partyOf(&s.segs[k]); p != "" && p != c {
			return false
		}
	}
	return true
}

// definiteNoun reports a meeting noun with the definite article ("attended
// the meeting", "حضر اللقاء", "l'entretien"): it refers back to an encounter
// already told, not to a new (domestic) one.
func (d *doc) definiteNoun(s *sentence, t trig) bool {
	if t.e.c != "noun" {
		return false
	}
	i := s.segs[t.k].i
	if tok := d.toks[i]; tok.Arabic {
		f := tok.Fold
		for _, p := range []string{"ال", "وال", "بال", "فال", "لل"} {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
		return false
	}
	if i > 0 {
		switch d.toks[i-1].Fold {
		case "the", "le", "la", "l", "les", "this", "ce", "cet", "cette":
			return true
		}
	}
	return false
}

// multilateral reports a sentence that calls its encounter trilateral or
// quadrilateral ("trilateral talks", "une réunion tripartite", "اجتماعاً
// ثلاثياً", "القمة الرباعية"): one meeting of every party, not one per pair
// with the host.
func (d *doc) multilateral(s *sentence) bool {
	for k := range s.segs {
		t := d.toks[s.segs[k].i]
		switch t.Fold {
		case "trilateral", "tripartite", "trilaterale", "trilaterales", "tripartites", "quadrilateral", "quadripartite", "three-way":
			return true
		}
		if !t.Arabic {
			continue
		}
		w := t.Fold
		for _, p := range []string{"و", "ف", "ب", "ل"} {
			if r, ok := strings.CutPrefix(w, p); ok && len(r) > 8 {
				w = r
				break
			}
		}
		w = strings.TrimPrefix(strings.TrimPrefix(w, "ال"), "ل")
		switch w {
		case "ثلاثي", "ثلاثيه", "ثلاثيا", "رباعي", "رباعيه", "رباعيا":
			return true
		}
	}
	return false
}

// separate reports a sentence that says its encounters were held apart
// ("separate talks", "séparément", "كل على حدة").
func (d *doc) separate(s *sentence) bool {
	for k := range s.segs {
		t := d.toks[s.segs[k].i]
		switch t.Fold {
		case "separate", "separately", "separement", "separes", "separees", "distincts", "distinctes", "منفصل", "منفصله", "منفصلين", "منفصلتين", "حده":
			return true
		}
	}
	return false
}

// allBefore reports that every party's actors stand before token i (the
// subject, no object).
func (d *doc) allBefore(by *partyActors, i int) bool {
	for _, e := range by.entries {
		for _, a := range e.actors {
			if a.i >= i {
				return false
			}
		}
	}
	return true
}

// saidOn reports a date expression at token i that dates a reporting verb
// ("said on Tuesday", "a indiqué mardi", "أعلن اليوم").
func (d *doc) saidOn(i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch d.toks[k].Fold {
		case "on", "ce", "le", "يوم":
			continue
		case "said", "announced", "reported", "stated", "told", "indique", "annonce", "declare", "precise", "قال", "اعلن", "افاد", "ذكر", "اعلنت", "قالت", "افادت", "ذكرت":
			return true
		}
		return false
	}
	return false
}

var (
	// reviewWith is "عرض/استعرض X مع Y": reviewed with, talks between the two.
	reviewWith = &entry{kind: kTrigger, form: "عرض مع", val: "meet", a: "meeting", b: "mutual", c: "past"}
	// receivedFrom is "تسلم X رسالة … نقلها إليه Y": an audience where Y
	// hands over a letter; the receiver hosts it.
	receivedFrom = &entry{kind: kTrigger, form: "تسلم رسالة", val: "meet", a: "meeting", b: "host", c: "past"}
)

// arabicEncounterVerb finds an encounter told by a verb that is one only with
// its complements: "عرض/استعرض الوزير، اليوم، مع نظيره …" (reviewed with:
// talks; alone, عرض is "presented" or "offered") and "تسلم الوزير رسالة …
// نقلها/سلمها إليه سفير …" (received a letter its bearer handed over: an
// audience with the bearer; a letter alone is no encounter). The verb opens
// the sentence, Arabic's verb-first order, and the other party is an actor
// after مع or after the verb of handing over.
func (d *doc) arabicEncounterVerb(s *sentence) (trig, bool) {
	if len(s.segs) < 4 {
		return trig{}, false
	}
	verb := strings.TrimPrefix(strings.TrimPrefix(d.toks[s.segs[0].i].Fold, "و"), "ف")
	after := func(k int) bool {
		for _, a := range s.actors {
			if a.i >= s.segs[k].i && a.i <= s.segs[min(k+3, len(s.segs)-1)].i {
				return true
			}
		}
		return false
	}
	switch verb {
	case "عرض", "استعرض", "بحث", "ناقش", "تناول":
		for k := 1; k < len(s.segs); k++ {
			if d.toks[s.segs[k].i].Fold == "مع" && after(k+1) {
				return trig{k: 0, e: reviewWith}, true
			}
		}
	case "تسلم", "تسلمت", "يتسلم", "تتسلم":
		letter := false
		for k := 1; k < len(s.segs); k++ {
			f := d.toks[s.segs[k].i].Fold
			if strings.HasPrefix(f, "رساله") || f == "دعوه" {
				letter = true
			}
			g := strings.TrimPrefix(f, "و")
			switch g {
			case "نقلها", "سلمها", "حملها", "قدمها", "نقلهما", "سلمه", "نقله":
				if letter && k+1 < len(s.segs) && after(k+1) {
					return trig{k: 0, e: receivedFrom}, true
				}
			}
		}
	}
	return trig{}, false
}

// encounterVerbFirst reports an Arabic sentence opened by a verb that
// arabicEncounterVerb reads as an encounter.
func (d *doc) encounterVerbFirst(s *sentence) bool {
	_, ok := d.arabicEncounterVerb(s)
	return ok
}

// datelineDate reports a date expression at token i inside the dateline that
// opens sentence s ("RABAT, April 7 —", "TUNIS, 14 mars (TAP) -"): at most
// four tokens from the start, before the dash that ends the dateline.
func (d *doc) datelineDate(s *sentence, i int) bool {
	if len(s.segs) == 0 || s.title {
		return false
	}
	first := s.segs[0].i
	if i-first > 3 {
		return false
	}
	for k := i + 1; k < len(d.toks) && k <= first+6 && d.toks[k].Start < s.end; k++ {
		g := d.gap(k)
		if strings.ContainsAny(g, "—–") || strings.Contains(g, " - ") || strings.Contains(g, ":") {
			return true
		}
	}
	return false
}

// witnessBefore reports that the words just before token i make the person
// named there the host or a witness of a signing ("hosted by", "in the
// presence of", "under the auspices of", "en présence de", "sous l'égide
// de", "بحضور", "برعاية").
func (d *doc) witnessBefore(i int) bool {
	var b strings.Builder
	for k := max(0, i-5); k < i; k++ {
		b.WriteString(" ")
		b.WriteString(d.toks[k].Fold)
	}
	w := b.String() + " "
	// (A title may stand between the phrase and the name: "in the presence
	// of President X".)
	for _, p := range []string{" hosted by ", " presence of ", " witnessed by ", " auspices of ", " presence de ", " presence du ", " egide de ", " egide du ", " parrainage de ", " بحضور ", " وبحضور ", " برعايه ", " وبرعايه ", " رعايه "} {
		if strings.Contains(w, p) {
			return true
		}
	}
	return false
}

// jointTrigger reports a meeting word qualified as joint ("a joint visit to
// Ukraine by the leaders of …", "une visite conjointe", "زيارة مشتركة"): the
// parties travel or meet together, one encounter of all of them.
func (d *doc) jointTrigger(s *sentence, ts []trig) bool {
	for _, t := range ts {
		sg := &s.segs[t.k]
		if sg.i > 0 && d.toks[sg.i-1].Fold == "joint" && !d.breakBefore(sg.i) {
			return true
		}
		if sg.j < len(d.toks) && sg.j < s.segs[len(s.segs)-1].j && !d.breakBefore(sg.j) {
			switch d.toks[sg.j].Fold {
			case "conjointe", "conjoint", "commune", "مشتركه", "مشترك":
				return true
			}
		}
	}
	return false
}

// anaphoricDoc reports a document noun that refers back: after a definite
// article or a demonstrative ("the MoU", "this agreement", "l'accord",
// "cette convention"), or written with the Arabic article (المذكرة،
// الاتفاقية) or after هذه/هذا.
func (d *doc) anaphoricDoc(s *sentence, t trig) bool {
	sg := &s.segs[t.k]
	tok := d.toks[sg.i]
	// A plural ("the signed agreements", "عددا من الاتفاقيات") lists
	// accords, some of them new: only a singular refers back to one.
	if last := d.toks[sg.j-1].Fold; strings.HasSuffix(last, "ات") || !tok.Arabic && strings.HasSuffix(last, "s") {
		return false
	}
	if tok.Arabic {
		if t.k > 0 {
			switch d.toks[s.segs[t.k-1].j-1].Fold {
			case "هذه", "هذا":
				return true
			}
		}
		f := tok.Fold
		for _, p := range []string{"و", "ف"} {
			f = strings.TrimPrefix(f, p)
		}
		return strings.HasPrefix(f, "ال")
	}
	for k := sg.i - 1; k >= 0 && k >= sg.i-2; k-- {
		switch d.toks[k].Fold {
		case "the", "this", "that", "le", "la", "l", "cet", "cette", "ce":
			return true
		case "new", "nouvel", "nouvelle":
			continue
		}
		return false
	}
	return false
}

// outcomeOf reports a noun trigger governed by "outcome(s) of", "results
// of", "follow-up to", "résultats de", "نتائج", "مخرجات" within the three
// words before it.
func (d *doc) outcomeOf(s *sentence, k int) bool {
	i := s.segs[k].i
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if d.breakBefore(j + 1) {
			return false
		}
		switch d.toks[j].Fold {
		case "outcome", "outcomes", "results", "follow-up", "resultats", "retombees", "نتائج", "مخرجات", "ونتائج", "ومخرجات":
			return true
		}
	}
	return false
}

// earlierAccord reports a document noun that names an accord already in
// force: governed by "implementation of", "mise en œuvre de", "تنفيذ", or
// dated by a year before the publication's ("signé en 2023", "signed in
// 2019", "الموقعة عام 2020").
func (d *doc) earlierAccord(s *sentence, t trig) bool {
	i := s.segs[t.k].i
	for j := i - 1; j >= 0 && j >= i-4 && d.toks[j].Start >= s.start; j-- {
		switch d.toks[j].Fold {
		case "implementation", "implementing", "oeuvre", "application", "تنفيذ", "وتنفيذ", "بتنفيذ", "لتنفيذ":
			return true
		}
	}
	pub := parseISODay(d.a.Published)
	if !pub.ok() {
		return false
	}
	for j := i + 1; j < len(d.toks) && j <= i+12 && d.toks[j].End <= s.end; j++ {
		if y := number(d.toks[j].Fold); y >= 1900 && y < pub.y {
			switch d.toks[j-1].Fold {
			case "en", "in", "since", "depuis", "عام", "سنه", "العام":
				return true
			}
		}
	}
	return false
}

// sender reports an actor named as the sender of a message or letter ("porteur
// d'un message du président X", "a letter from King Y", "رسالة من الرئيس
// التونسي"): the sender is not at the encounter where it is delivered.
func (d *doc) sender(a *actor) bool {
	i := a.i
	if i < 2 {
		return false
	}
	switch d.toks[i-1].Fold {
	case "de", "du", "d", "from", "من":
	default:
		return false
	}
	for j := i - 2; j >= 0 && j >= i-5; j-- {
		if d.breakBefore(j + 1) {
			return false
		}
		switch d.toks[j].Fold {
		case "message", "messages", "lettre", "letter", "missive", "رساله", "رسالة", "برقيه", "رسائل":
			return true
		}
	}
	return false
}

// agreedToHold reports a meeting word that is the object of an agreement
// ("agreed to hold a meeting of the joint committee", "اتفق الوزيران على
// عقد اجتماع", "sont convenus de tenir une réunion"): what was agreed
// happens later.
func (d *doc) agreedToHold(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		sg := &s.segs[j]
		if t := sg.find(kTrigger); t != nil {
			return t.val == "agree"
		}
		if d.breakBefore(s.segs[j+1].i) {
			return false
		}
		if sg.has(kTitle) || d.insideActor(s, sg.i) {
			continue // the subject after an Arabic verb: "اتفق الوزيران على …"
		}
		switch d.toks[sg.i].Fold {
		case "علي", "عقد", "لعقد", "to", "hold", "convene", "a", "an", "the", "new", "another", "de", "d", "tenir", "organiser", "une", "un", "nouvelle", "prochaine", "next":
		default:
			return false
		}
	}
	return false
}

// byPhone reports a sentence that says its talks were held on the telephone.
func (d *doc) byPhone(s *sentence) bool {
	for k := range s.segs {
		switch d.toks[s.segs[k].i].Fold {
		case "هاتفيا", "هاتفي", "phone", "telephone", "telephonique", "telephoniquement", "telephonically":
			return true
		}
	}
	return false
}
