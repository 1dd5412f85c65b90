package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

// person returns the person named name in sentence s (a new one, or one met
// before under a fuller or shorter form) and records what actor a says of them.
func (d *doc) person(name string, s *sentence, a *actor) *person {
	fold := text.Fold(name)
	toks := strings.Fields(fold)
	// A name run that overshoots a known full name ("هاكان فيدان كلمة") is that
	// person.
	for _, p := range d.persons {
		if len(toks) > len(p.tokens) && len(p.tokens) >= 2 && slices.Equal(toks[:len(p.tokens)], p.tokens) {
			d.learn(p, a, s)
			return p
		}
	}
	var best *person
	for _, p := range d.persons {
		if !sameName(toks, p) {
			continue
		}
		if a.country != "" && p.country != "" && a.country != p.country {
			continue
		}
		best = p
		break
	}
	if best == nil {
		best = d.newPerson(person{order: len(d.persons), sent: s.idx, latin: !d.toks[a.i].Arabic || !isArabicText(name)})
		d.persons = append(d.persons, best)
	}
	best.addForm(name, fold, toks)
	d.learn(best, a, s)
	return best
}

func isArabicText(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// sameName reports that the folded tokens toks name person p: the same form,
// or one contained in the other with at least two words, or a single word
// equal to p's surname.
func sameName(toks []string, p *person) bool {
	if containsJoined(p.folds, toks) {
		return true
	}
	short, long := toks, p.tokens
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 2 {
		for i := 0; i+len(short) <= len(long); i++ {
			if slices.Equal(long[i:i+len(short)], short) {
				return true
			}
		}
		return false
	}
	if len(toks) == 1 && len(p.tokens) >= 2 {
		return toks[0] == p.tokens[len(p.tokens)-1] || (p.latin && toks[0] == p.tokens[0])
	}
	return false
}

// addForm records a verbatim form of the person's name.
func (p *person) addForm(name, fold string, toks []string) {
	if slices.Contains(p.folds, fold) {
		return
	}
	if len(toks) > len(p.tokens) {
		p.forms = append([]string{name}, p.forms...)
		p.folds = append([]string{fold}, p.folds...)
		p.tokens = toks
		return
	}
	p.forms = append(p.forms, name)
	p.folds = append(p.folds, fold)
}

// learn records the office, nationality and evidence an actor gives a person.
func (d *doc) learn(p *person, a *actor, s *sentence) {
	if p.country == "" && a.country != "" {
		p.country = a.country
	}
	if a.title != nil && (p.title == nil || p.title.flags&flHead != 0 || royal(p) && a.title.flags&flMin != 0 && a.country == "") {
		// "الأمير فيصل بن فرحان … وزير الخارجية": a prince who holds a
		// ministry is listed by his office.
		p.title = a.title
		p.provis = false
	}
	if a.portfolio != "" && (p.portfolio == "" || p.title != nil && p.portfolio == p.title.a && a.title == p.title) {
		p.portfolio = a.portfolio
	}
	if a.counterpart && a.country == "" && p.country == "" {
		p.cp = true
	}
	if a.title != nil || a.counterpart {
		p.provis = false
	}
	if s != nil {
		ev := d.sentText(s)
		if !slices.Contains(p.evidence, ev) && len(p.evidence) < 3 {
			p.evidence = append(p.evidence, ev)
		}
	}
}

// knownForm reports a folded form (a full name or a surname) of a person
// already found.
func (d *doc) knownForm(f string) bool {
	for _, p := range d.persons {
		if slices.Contains(p.folds, f) {
			return true
		}
		if len(p.tokens) >= 2 && p.tokens[len(p.tokens)-1] == f {
			return true
		}
	}
	return false
}

// aliasIndex maps the first folded word of each form of a person to the
// forms starting with it: a small per-article matcher, cheaper to build than
// a text.Trie for the handful of persons of an article.
type aliasIndex struct {
	forms  map[string][]aliasForm
	firsts aliasFilter
	words  []string // backs every form's words: one array, not one per form
}

// aliasFilter is a small Bloom filter over the aliasIndex's keys. Every
// segment of every sentence is looked up, and nearly all lookups miss: the
// filter answers most misses without hashing the whole word. It never
// rejects a present key.
type aliasFilter [8]uint64

// probes returns two bit positions of key from its length and the bytes at
// both ends (an Arabic letter takes two bytes, so the second byte tells the
// letters apart).
func (f *aliasFilter) probes(key string) (a, b uint) {
	n := len(key)
	x := uint64(n)
	if n > 0 {
		x |= uint64(key[0])<<8 | uint64(key[n-1])<<16
		if n > 1 {
			x |= uint64(key[1])<<24 | uint64(key[n-2])<<32
		}
	}
	h := x * 0x9E3779B97F4A7C15
	return uint(h>>55) & 511, uint(h>>46) & 511
}

func (f *aliasFilter) add(key string) {
	a, b := f.probes(key)
	f[a/64] |= 1 << (a % 64)
	f[b/64] |= 1 << (b % 64)
}

// has reports false when key is certainly not a key of the index.
func (f *aliasFilter) has(key string) bool {
	a, b := f.probes(key)
	return f[a/64]&(1<<(a%64)) != 0 && f[b/64]&(1<<(b%64)) != 0
}

type aliasForm struct {
	toks []string
	p    *person
}

// Add indexes a folded form.
func (ix *aliasIndex) Add(fold string, p *person) {
	if ix.forms == nil {
		ix.forms = map[string][]aliasForm{}
	}
	start := len(ix.words)
	ix.words = appendFields(ix.words, fold)
	if len(ix.words) == start {
		return
	}
	// Capped: a later form's words never overwrite these (a regrown array
	// leaves them in the old one).
	toks := ix.words[start:len(ix.words):len(ix.words)]
	ix.forms[toks[0]] = append(ix.forms[toks[0]], aliasForm{toks, p})
	ix.firsts.add(toks[0])
}

// lookup returns the forms starting with the folded word f.
func (ix *aliasIndex) lookup(f string) []aliasForm {
	if !ix.firsts.has(f) {
		return nil
	}
	return ix.forms[f]
}

// Longest finds the longest form starting at toks[i]; an Arabic first word
// may carry proclitics (ومازن، لبلجود، والصفدي).
func (ix *aliasIndex) Longest(toks []text.Token, i int) (end int, ps []*person, ok bool) {
	try := func(forms []aliasForm) {
		for _, f := range forms {
			n := len(f.toks)
			if i+n > len(toks) || i+n <= end {
				continue
			}
			match := true
			for m := 1; m < n; m++ {
				if toks[i+m].Fold != f.toks[m] {
					match = false
					break
				}
			}
			if match {
				end, ps, ok = i+n, []*person{f.p}, true
			}
		}
	}
	try(ix.lookup(toks[i].Fold))
	if f := toks[i].Fold; toks[i].Arabic && (strings.HasPrefix(f, "و") || strings.HasPrefix(f, "ف") || strings.HasPrefix(f, "ب") || strings.HasPrefix(f, "ك") || strings.HasPrefix(f, "ل")) {
		// Runs for every clitic-bearing token of every sentence: peel into
		// and build the keys on the stack (map lookups by string(bytes) do
		// not allocate).
		var stems [16]text.Stem
		var key [64]byte
		for _, st := range text.AppendPeel(stems[:0], f) {
			if st.Article {
				try(ix.forms[string(append(append(key[:0], "ال"...), st.Stem...))])
			} else {
				try(ix.lookup(st.Stem))
			}
		}
	}
	return end, ps, ok
}

// aliasIndex indexes every form of every person, plus surnames (and, for names
// in Latin letters, the first word: "Wang" for Wang Yi) when unambiguous.
func (d *doc) aliasIndex() *aliasIndex {
	// Sized up front: growing these maps was half the cost of building them
	// in articles naming many people.
	forms := 0
	for _, p := range d.persons {
		forms += len(p.folds) + 1
	}
	t := &aliasIndex{forms: make(map[string][]aliasForm, forms), words: make([]string, 0, 2*forms)}
	short := make(map[string][]*person, 2*len(d.persons))
	for _, p := range d.persons {
		for _, f := range p.folds {
			t.Add(f, p)
		}
		n := len(p.tokens)
		if n < 2 {
			continue
		}
		last := p.tokens[n-1]
		if !d.lang.particles[last] && len([]rune(last)) >= 3 && !d.lang.given[last] {
			short[last] = append(short[last], p)
		}
		if p.latin && !d.lang.particles[p.tokens[0]] && len([]rune(p.tokens[0])) >= 2 {
			short[p.tokens[0]] = append(short[p.tokens[0]], p)
		}
		if !p.latin && n >= 3 {
			// "ولد الشيخ أحمد" for إسماعيل ولد الشيخ أحمد.
			if rest := strings.Join(p.tokens[1:], " "); !d.lang.particles[p.tokens[1]] || p.tokens[1] == "ولد" {
				t.Add(rest, p)
			}
		}
	}
	for f, ps := range short {
		if len(ps) == 1 {
			t.Add(f, ps[0])
		}
	}
	return t
}

// mentionsIn adds the later mentions of known persons in a sentence, then links
// offices named without a name to the person they refer to.
func (d *doc) mentionsIn(s *sentence, t *aliasIndex) {
	toks := d.toks[:s.segs[len(s.segs)-1].j]
	for k := 0; k < len(s.segs); k++ {
		sg := &s.segs[k]
		if d.insideActor(s, sg.i) {
			continue
		}
		end, ps, ok := t.Longest(toks, sg.i)
		if !ok {
			continue
		}
		p := ps[0]
		// A mention written inside a longer capitalised name is someone else.
		if !d.toks[sg.i].Arabic && end < len(toks) && end < s.segs[len(s.segs)-1].j && isUpperStart(d.toks[end].Text) && !d.breakBefore(end) && s.segs[k].plain() {
			if nk := d.segAt(s, end); nk >= 0 && s.segs[nk].plain() {
				continue
			}
		}
		a := d.newActor(actor{i: sg.i, j: end, p: p, country: p.country})
		s.actors = append(s.actors, a)
		d.addMentionForm(p, d.src[d.toks[sg.i].Start:d.toks[end-1].End], s)
		for k+1 < len(s.segs) && s.segs[k+1].i < end {
			k++
		}
	}
	d.sortActors(s)
}

// addMentionForm keeps the form a later mention uses (without clitics).
func (d *doc) addMentionForm(p *person, form string, s *sentence) {
	f := text.Fold(form)
	if slices.Contains(p.folds, f) {
		return
	}
	toks := strings.Fields(f)
	// Strip an Arabic proclitic the trie matched through (ومازن → مازن).
	if len(toks) > 0 && isArabicText(form) {
		for _, st := range text.Peel(toks[0]) {
			cand := append([]string{st.Stem}, toks[1:]...)
			if st.Article {
				cand[0] = "ال" + st.Stem
			}
			if sameName(cand, p) || containsJoined(p.folds, cand) {
				// Keep the verbatim form minus the clitic letters.
				cut := len(form) - len(strings.TrimPrefix(form, ""))
				_ = cut
				form = trimArabicPrefix(form, st.Prefix, st.Article)
				f = text.Fold(form)
				toks = strings.Fields(f)
				break
			}
		}
	}
	if slices.Contains(p.folds, f) || len(toks) == 0 {
		return
	}
	p.forms = append(p.forms, form)
	p.folds = append(p.folds, f)
}

// trimArabicPrefix removes the proclitic letters prefix (folded) from the start
// of a verbatim Arabic form, keeping the article when the stem had one.
func trimArabicPrefix(form, prefix string, article bool) string {
	drop := len([]rune(prefix))
	if article && strings.HasSuffix(prefix, "ال") {
		drop -= 2
	} else if article && strings.HasSuffix(prefix, "لل") {
		drop--
	}
	rs := []rune(form)
	n := 0
	for i, r := range rs {
		if n == drop {
			out := string(rs[i:])
			if article && strings.HasSuffix(prefix, "لل") {
				out = "ا" + out
			}
			return out
		}
		if r >= 0x064B && r <= 0x065F { // harakat do not count
			continue
		}
		n++
	}
	return form
}

func (d *doc) segAt(s *sentence, i int) int {
	for k := range s.segs {
		if s.segs[k].i == i {
			return k
		}
	}
	return -1
}

func (d *doc) sortActors(s *sentence) {
	slices.SortStableFunc(s.actors, func(a, b *actor) int { return a.i - b.i })
}

// corefer links offices named without a name ("the Algerian minister",
// "نظيره الجزائري", "le président gabonais", "المبعوث الأممي") to the person
// they refer to, and a counterpart to the anchor it is the counterpart of.
func (d *doc) corefer() {
	d.duals()
	var focus *person
	for _, s := range d.sents {
		var subj *person
		for _, a := range s.actors {
			if a.p == nil && a.title != nil || a.p == nil && a.counterpart {
				a.p = d.referent(a, focus, s)
				if a.p != nil {
					d.learn(a.p, a, s)
				}
			}
			if a.p != nil && subj == nil {
				subj = a.p
			}
		}
		for i, a := range s.actors {
			if a.counterpart && a.p != nil && a.p.cpOf == nil {
				for k := i - 1; k >= 0; k-- {
					if b := s.actors[k]; b.p != nil && b.p != a.p {
						a.p.cpOf = b.p
						break
					}
				}
				if a.p.cpOf == nil && focus != nil && focus != a.p {
					a.p.cpOf = focus
				}
				// "his counterpart" holds the same office in the other country.
				if q := a.p.cpOf; q != nil && a.p.title == nil && q.title != nil {
					a.p.title, a.p.portfolio = q.title, q.portfolio
				}
			}
		}
		if subj != nil {
			focus = subj
		}
	}
}

// referent finds the person an office without a name refers to: the most
// recently mentioned person with the same office (and nationality, when the
// mention gives one); for a counterpart, someone of the nationality it gives.
func (d *doc) referent(a *actor, focus *person, s *sentence) *person {
	var best *person
	bestSent := -1
	for _, p := range d.persons {
		if a.country != "" && p.country != "" && p.country != a.country {
			continue
		}
		bare := p.provis || p.leader && p.title == nil
		if a.country != "" && p.country == "" && !bare && p.title == nil {
			continue
		}
		if a.country != "" && p.country == "" && p.cpOf != nil && p.cpOf.country == a.country {
			// "his counterpart" is not of his own country.
			continue
		}
		if d.namedIn(p, s, a) {
			// "رحب الرئيس العراقي بالرئيس عبد الفتاح السيسي": someone named in
			// the same sentence is another person than the office without name.
			continue
		}
		ok := false
		switch {
		case a.title != nil && p.title != nil:
			ok = sameOffice(a, p)
		case a.title != nil && bare:
			// A bare capitalised name ("François Hollande") is taken for the
			// head of state or government an office names later ("le
			// président français"); other offices need a frame of their own.
			ok = a.country != "" && (a.title.a == "head-of-state" || a.title.a == "head-of-government")
		case a.counterpart:
			ok = a.country != "" && p.country == a.country
		}
		if !ok {
			continue
		}
		last := d.lastMentionBefore(p, s, a.i)
		if last < 0 {
			continue
		}
		// "the president", "le chef de l'État" without a nationality: the
		// article's own head of state before a visiting one.
		if a.country == "" && (a.title != nil && (a.title.a == "head-of-state" || a.title.a == "head-of-government")) && d.home != "" {
			if p.country == d.home {
				last += 1 << 40
			}
		}
		if !bare {
			// A named official outranks a bare capitalised name.
			last += 1 << 41
		}
		if a.country != "" && p.country == a.country {
			// A known nationality that matches outranks an unknown one.
			last += 1 << 42
		}
		if last > bestSent {
			best, bestSent = p, last
		}
	}
	if best != nil && best.listed && best.title == nil {
		// "Félix Tshisekedi et Paul Kagame se sont rencontrés … Le président
		// congolais": an office without a name cannot tell the names of a
		// list apart.
		return nil
	}
	if best == nil && a.country == "" && a.title != nil && focus != nil && focus.title != nil && sameOffice(a, focus) {
		return focus
	}
	return best
}

// sameOffice compares the office of a mention with a person's.
func sameOffice(a *actor, p *person) bool {
	if a.title.flags&flMin != 0 && p.title.flags&flMin != 0 {
		// Ministers: the same portfolio when both are known.
		return a.portfolio == "" || p.portfolio == "" || a.portfolio == p.portfolio
	}
	if a.title.val == p.title.val {
		return true
	}
	// "the head of state", "le chef de l'État", "the statesman" stand for the
	// president or king named before; other offices must match exactly.
	if a.title.val == "Head of State" || a.title.val == "Heads of State" {
		switch p.title.val {
		case "President", "King", "Queen", "Emir", "Sultan", "Leader", "President-elect":
			return true
		}
		return false
	}
	return a.portfolio != "" && a.portfolio == p.portfolio && a.title.a != "head-of-state" && a.title.a != "head-of-government"
}

// namedIn reports that p is mentioned by name in sentence s outside the
// actor a.
func (d *doc) namedIn(p *person, s *sentence, a *actor) bool {
	for _, b := range s.actors {
		if b != a && b.p == p && (b.j <= a.i || b.i >= a.j) && b.title == nil || b != a && b.p == p && b.i != a.i && d.namedActor(b) {
			return true
		}
	}
	return false
}

// namedActor reports an actor whose span contains a form of its person's name.
func (d *doc) namedActor(b *actor) bool {
	if b.p == nil {
		return false
	}
	span := text.Fold(d.src[d.toks[b.i].Start:d.toks[b.j-1].End])
	for _, f := range b.p.folds {
		if strings.Contains(span, f) {
			return true
		}
	}
	return false
}

// lastMentionBefore returns the position (sentence*2^20 + token) of the last
// mention of p before token i of sentence s, or -1.
func (d *doc) lastMentionBefore(p *person, s *sentence, i int) int {
	last := -1
	for _, t := range d.sents[:s.idx+1] {
		for _, a := range t.actors {
			if a.p == p && (t.idx < s.idx || a.i < i) {
				last = t.idx<<20 | a.i
			}
		}
	}
	return last
}

// lastMention returns the last sentence index ≤ upto mentioning p, or -1.
func (d *doc) lastMention(p *person, upto int) int {
	last := -1
	for _, s := range d.sents[:upto+1] {
		for _, a := range s.actors {
			if a.p == p {
				last = s.idx
			}
		}
	}
	if last < 0 && p.sent <= upto {
		last = p.sent
	}
	return last
}

// resolveCountries gives a nationality to the persons whose frame gave none.
func (d *doc) resolveCountries() {
	d.countMentions()
	d.corefer()
	d.knownHolders()
	for _, s := range d.sents {
		for i, a := range s.actors {
			if a.p == nil || a.p.country != "" {
				continue
			}
			// "X and Y" after a national: the same nationality.
			if a.coord && i > 0 && s.actors[i-1].j >= a.i-1 && d.sameSide(s, s.actors[i-1], a) {
				b := s.actors[i-1]
				if b.p != nil && b.p.country != "" {
					a.p.country = b.p.country
				} else if b.p == nil && b.country != "" {
					a.p.country = b.country
				}
			}
		}
	}
	for _, p := range d.persons {
		if p.country != "" {
			continue
		}
		if p.leader && p.title == nil {
			p.country = d.leaderCountry(p)
			continue
		}
		c := d.guessCountry(p)
		if d.officeTaken(p, c) {
			// A guess that gives a country two heads of state (or two interior
			// ministers) is wrong. A minister is then of the other side of the
			// article; for a head of state, better no country than a false one.
			c2 := ""
			if !headOfState(p) {
				c2 = d.homeExcept(c)
			}
			if c2 != "" && !d.officeTaken(p, c2) {
				c = c2
			} else {
				c = ""
			}
		}
		p.country = c
	}
	for _, s := range d.sents {
		for _, a := range s.actors {
			if a.p != nil && a.p.country != "" {
				a.country = a.p.country
			}
		}
	}
}

// officeTaken reports another person of country c holding p's office.
func (d *doc) officeTaken(p *person, c string) bool {
	if c == "" || p.title == nil {
		return false
	}
	for _, q := range d.persons {
		if q == p || q.country != c || q.title == nil || q.peer == p || p.peer == q {
			continue
		}
		if headOfState(p) && headOfState(q) {
			return true
		}
		if p.title.val == q.title.val && p.portfolio != "" && p.portfolio == q.portfolio {
			return true
		}
	}
	return false
}

// royal reports a person known so far only by a royal title (الأمير: prince
// or emir).
func royal(p *person) bool {
	return p.title != nil && p.country == "" && (p.title.val == "Emir" || p.title.val == "Prince")
}

func headOfState(p *person) bool {
	switch p.title.val {
	case "President", "King", "Queen", "Emir", "Sultan", "President-elect", "Head of State":
		return true
	}
	return false
}

// guessCountry applies the context rules, most specific first.
func (d *doc) guessCountry(p *person) string {
	opp := d.opposed(p) // sides p meets, of which p is not
	// "Ministers Susana Malcorra and Francisco Cabrera": the list's first
	// person, already resolved (persons go in order of first mention).
	for _, s := range d.sents {
		for i, a := range s.actors {
			if a.p == p && a.coord && i > 0 && s.actors[i-1].p != nil && s.actors[i-1].p != p &&
				s.actors[i-1].p.country != "" && d.sameSide(s, s.actors[i-1], a) {
				return s.actors[i-1].p.country
			}
		}
	}
	// A counterpart: the other side of the article.
	if p.cp && p.cpOf != nil && p.cpOf.country != "" {
		return d.homeExcept(p.cpOf.country)
	}
	// Someone's counterpart, of known nationality: the other side.
	for _, q := range d.persons {
		if q.cpOf == p && q.country != "" {
			if c := d.homeExcept(q.country); c != "" {
				return c
			}
		}
	}
	for _, s := range d.sents {
		for i, a := range s.actors {
			if a.p != p {
				continue
			}
			// Someone's counterpart in this sentence has a nationality: the
			// person is of the other side.
			for _, b := range s.actors {
				if b.p != nil && b.p != p && b.counterpart && b.p.country != "" && b.p.cpOf == p {
					return d.homeExcept(b.p.country)
				}
			}
			// Receiving "the ambassador of France in Algeria": of the host country.
			for _, b := range s.actors {
				if b != a && b.p != p && b.target != "" && b.title != nil && b.title.flags&flAmb != 0 {
					return b.target
				}
			}
			if i == 0 {
				// The subject of "met/signed with Y": the other side of Y.
				for _, b := range s.actors[1:] {
					// Arabic puts the verb first: "بحث X مع Y", "التقى X Y".
					between := d.meetBetween(s, a.j, b.i) || d.signBetween(s, a.j, b.i) || d.lang.code == "ar" && (d.meetVerbBefore(s, a.i) || d.signBetween(s, 0, a.i) || d.encounterVerbFirst(s))
					// Y may be an office without a name: "مع وزير الدفاع التونسي".
					other := b.country
					if b.p != nil {
						other = b.p.country
					}
					if b.p != p && other != "" && between {
						if c := d.homeExcept(other); c != "" && !slices.Contains(opp, c) {
							return c
						}
						// Of another side than Y, but the article does not
						// say which: no country rather than Y's.
					}
				}
				// The first actor of the sentence: a country named before it.
				if c := d.countryBefore(s, a.i); c != "" && !slices.Contains(opp, c) {
					return c
				}
			} else if b := s.actors[0]; b.p != nil && b.p.country != "" && !b.counterpart {
				// Later in the sentence: the object of "met"/"a reçu" is the
				// other side; someone "in the presence of"/"joined" is on the
				// side of the sentence's subject.
				object := d.meetBetween(s, b.j, a.i) ||
					// Arabic puts the verb first: "التقت المبعوثة الأممية …
					// رئيس الحكومة سالم القماطي": what follows the subject is the
					// object, the other side.
					d.lang.code == "ar" && d.meetVerbBefore(s, b.i)
				if d.betweenBefore(s, b.i) || object && !d.presenceBefore(s, a.i) {
					return d.homeExcept(b.p.country)
				}
				return b.p.country
			}
			if c := d.countryBefore(s, a.i); c != "" && !slices.Contains(opp, c) {
				return c
			}
			// The subject of the previous sentence.
			if s.idx > 0 {
				for _, b := range d.sents[s.idx-1].actors {
					if b.p != nil && b.p != p && b.p.country != "" {
						if slices.Contains(opp, b.p.country) {
							break
						}
						return b.p.country
					}
				}
			}
			return d.homeNotIn(opp)
		}
	}
	return d.homeNotIn(opp)
}

// homeNotIn returns the article's most mentioned party that is none of ex,
// or "".
func (d *doc) homeNotIn(ex []string) string {
	if !slices.Contains(ex, d.home) {
		return d.home
	}
	best, n := "", 0
	for _, code := range d.placeCodes() {
		if slices.Contains(ex, code) {
			continue
		}
		if m := d.counts[code]; m > n {
			best, n = code, m
		}
	}
	if d.outlet != "" && !slices.Contains(ex, d.outlet) && d.counts[d.outlet] > n {
		best = d.outlet
	}
	return best
}

// opposed returns the countries of the persons p meets or signs with as the
// subject of an encounter anywhere in the article ("X s'est entretenue avec
// le ministre libanais"): p is of none of them, even where a headline names
// p alone.
func (d *doc) opposed(p *person) []string {
	var opp []string
	for _, s := range d.sents {
		// "The agreement was signed by X, …, and Y, Kenya's Cabinet
		// Secretary": the signatories of an accord stand for its sides.
		for i, a := range s.actors {
			if a.p != p || !d.signedBy(s, s.actors, i) {
				continue
			}
			for _, b := range s.actors {
				other := b.country
				if b.p != nil {
					other = b.p.country
				}
				if b.p != p && b.i > a.i && (b.coord || d.coordBefore(b.i)) && other != "" && !slices.Contains(opp, other) {
					opp = append(opp, other)
				}
			}
		}
		if len(s.actors) < 1 || s.actors[0].p != p {
			continue
		}
		a := s.actors[0]
		if c := d.visitedBy(s, a); c != "" && !slices.Contains(opp, c) {
			opp = append(opp, c)
		}
		for _, b := range s.actors[1:] {
			between := d.meetBetween(s, a.j, b.i) || d.signBetween(s, a.j, b.i) || d.lang.code == "ar" && (d.meetVerbBefore(s, a.i) || d.signBetween(s, 0, a.i) || d.encounterVerbFirst(s))
			other := b.country
			if b.p != nil {
				other = b.p.country
			}
			if b.p != p && other != "" && between && !slices.Contains(opp, other) && !d.presenceBefore(s, b.i) {
				opp = append(opp, other)
			}
		}
	}
	return opp
}

// signedBy reports that actor i of a sentence with a signing verb follows
// "by"/"par" ("was signed by X and Y", "signé par X et Y"): the first of the
// signatories.
func (d *doc) signedBy(s *sentence, acts []*actor, i int) bool {
	a := acts[i]
	if a.i < 1 {
		return false
	}
	switch d.toks[a.i-1].Fold {
	case "by", "par":
	default:
		return false
	}
	for k := range s.segs {
		if t := s.segs[k].find(kTrigger); t != nil && t.val == "sign" && s.segs[k].i < a.i {
			return true
		}
	}
	return false
}

// visitedBy returns the country the sentence's subject a visits ("X a
// entamé une visite officielle en Turquie", "X will travel to Rabat"): a
// visit or guest trigger after a with a destination, and no host in the
// sentence (in "X received Y, on a visit to Algiers", the visit is Y's).
// A visitor is not of the country visited.
func (d *doc) visitedBy(s *sentence, a *actor) string {
	target := ""
	for k := range s.segs {
		t := s.segs[k].find(kTrigger)
		if t == nil || t.val != "meet" {
			continue
		}
		if t.b == "host" {
			return ""
		}
		if target == "" && (t.a == "visit" || t.b == "guest") && (s.segs[k].i >= a.j || d.lang.code == "ar") {
			target = d.visitTarget(s, k)
		}
	}
	return target
}

// signBetween reports a signing verb between tokens i and j of a sentence
// ("X signed with Y", "وقع X مع Y").
func (d *doc) signBetween(s *sentence, i, j int) bool {
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= i && sg.i < j {
			if t := sg.find(kTrigger); t != nil && t.val == "sign" && t.c != "noun" {
				return true
			}
		}
	}
	return false
}

// sameSide reports that "b and a" are of one party: after "in the presence
// of", or a list of the same office; never after "between".
func (d *doc) sameSide(s *sentence, b, a *actor) bool {
	if d.betweenBefore(s, b.i) {
		return false
	}
	if d.presenceBefore(s, b.i) {
		return true
	}
	return b.title != nil && a.title != nil && (b.title == a.title || b.title.flags&flMin != 0 && a.title.flags&flMin != 0)
}

// betweenBefore reports "between", "entre", "بين" just before token i.
func (d *doc) betweenBefore(s *sentence, i int) bool {
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= i {
			break
		}
		if sg.i >= i-3 {
			switch d.toks[sg.i].Fold {
			case "between", "entre", "بين":
				return true
			}
		}
	}
	return false
}

// meetBetween reports a meeting trigger between tokens i and j of a sentence.
func (d *doc) meetBetween(s *sentence, i, j int) bool {
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= i && sg.i < j {
			if t := sg.find(kTrigger); t != nil && t.val == "meet" {
				return true
			}
		}
	}
	return false
}

// meetVerbBefore reports a meeting verb (not a noun) before token i.
func (d *doc) meetVerbBefore(s *sentence, i int) bool {
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= i {
			break
		}
		if t := sg.find(kTrigger); t != nil && t.val == "meet" && t.c != "noun" && t.b != "-" {
			return true
		}
	}
	return false
}

// presenceBefore reports "in the presence of", "بحضور", "en présence de",
// "accompanied by" shortly before token i: the person is on the host's side.
func (d *doc) presenceBefore(s *sentence, i int) bool {
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= i {
			break
		}
		if sg.i >= i-6 {
			if m := sg.find(kModal); m != nil && m.val == "presence" {
				return true
			}
		}
	}
	return false
}

// countryBefore returns the last country, nationality or city named before
// token i in the sentence.
func (d *doc) countryBefore(s *sentence, i int) string {
	c := ""
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= i {
			break
		}
		if e := sg.place(gazetteer.Country, gazetteer.Demonym, gazetteer.Government); e != nil {
			c = e.Code
		}
	}
	return c
}

// countMentions counts how often each party is named, to find the article's
// home party.
func (d *doc) countMentions() {
	// A dateline ("الفاصلة، بغداد", "NOUAKCHOTT, Mauritania (AA) –", "Luanda —",
	// "أبوظبي - وام:", "ALGER - ")
	// names where the story is told from.
	for _, s := range d.sents {
		if s.title {
			continue
		}
		for k := 0; k < len(s.segs) && k < 4; k++ {
			if e := s.segs[k].place(gazetteer.City, gazetteer.Country); e != nil && (d.breakBefore(s.segs[k].j) || strings.Contains(d.gap(s.segs[k].j), " - ")) {
				d.counts[e.Code] += 2
				break
			}
		}
		break
	}
	if d.outlet != "" {
		// The outlet's country weighs like a dateline: national press leaves
		// its own officials without a nationality.
		d.counts[d.outlet] += 2
	}
	for _, s := range d.sents {
		for k := range s.segs {
			sg := &s.segs[k]
			if d.insideActor(s, sg.i) {
				// The nationality of an official says who they are, not
				// where the article stands.
				continue
			}
			if e := sg.place(gazetteer.Country, gazetteer.Demonym, gazetteer.Government); e != nil {
				d.counts[e.Code]++
			} else if e := sg.place(gazetteer.City); e != nil {
				d.counts[e.Code]++
			}
		}
	}
	d.home = d.homeExcept("")
}

// homeExcept returns the most mentioned party other than c (ties: the one
// named first).
func (d *doc) homeExcept(c string) string {
	best, n := "", 0
	for _, code := range d.placeCodes() {
		if code == c {
			continue
		}
		if m := d.counts[code]; m > n {
			best, n = code, m
		}
	}
	if d.outlet != "" && d.outlet != c && d.counts[d.outlet] > n {
		// The outlet's country, even when the text never names it.
		best = d.outlet
	}
	return best
}

// placeCodes returns the party or city code of every segment that has one,
// in text order. The segments are final once the document is built, and
// homeExcept, which runs for many persons, only needs these codes.
func (d *doc) placeCodes() []string {
	if d.placesDone {
		return d.places
	}
	d.placesDone = true
	d.places = d.places[:0] // the scratch's array, kept from article to article
	for _, s := range d.sents {
		for k := range s.segs {
			code := partyOf(&s.segs[k])
			if code == "" {
				if e := s.segs[k].place(gazetteer.City); e != nil {
					code = e.Code
				}
			}
			if code != "" {
				d.places = append(d.places, code)
			}
		}
	}
	return d.places
}

// containsJoined reports slices.Contains(forms, strings.Join(toks, " "))
// without building the joined string (sameName runs for every name against
// every person of the article).
func containsJoined(forms []string, toks []string) bool {
	n := max(len(toks)-1, 0)
	for _, t := range toks {
		n += len(t)
	}
	for _, f := range forms {
		if len(f) == n && isJoined(f, toks) {
			return true
		}
	}
	return false
}

// isJoined reports f == strings.Join(toks, " "), given len(f) equals the
// joined length.
func isJoined(f string, toks []string) bool {
	off := 0
	for i, t := range toks {
		if i > 0 {
			if f[off] != ' ' {
				return false
			}
			off++
		}
		if f[off:off+len(t)] != t {
			return false
		}
		off += len(t)
	}
	return true
}

// appendFields appends the words of s to dst exactly as strings.Fields splits
// them (around runs of unicode.IsSpace), so callers that only compare the
// words can reuse one array.
func appendFields(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}
