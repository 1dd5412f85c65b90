package extract

import (
	"fmt"
	"strings"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

// Wire copy names heads of state and government, and often foreign
// ministers, without their office or nationality: "Macron, Merz, Starmer and
// Tusk", "Tshisekedi et Kagame", "President Xi Jinping held talks with the
// Egyptian president". The curated seed lexicon/officeholders.tsv (one row per
// person, office and interval; see lexicon/README.officeholders.md) supplies
// what the text leaves out. The text always wins: a holder only fills a
// nationality or an office that the frames and mentions left empty, and only
// when the holder's interval covers the article's date.

// holder is one row of the seed: a person in one office for one interval.
type holder struct {
	country    string
	title      *entry // the English title entry of the office
	portfolio  string
	start, end day // end zero: still in office
	name       string
}

// holders indexes the seed by folded name form (full names in the three
// languages, and the distinctive aliases of the file).
type holders struct {
	byName map[string][]*holder
	long   map[string][][]string // Arabic names of 3+ words, folded tokens, by their first two words
	ar     text.Trie[string]     // Arabic forms (clitic-aware): names found without a frame
}

// loadHolders parses lexicon/officeholders.tsv. titles maps an English
// canonical title to its entry; an office that is not a known title is an
// error with file:line, so the seed and the title lexicon cannot drift apart.
func loadHolders(titles map[string]*entry, given map[string]bool) (*holders, error) {
	hs := &holders{byName: map[string][]*holder{}, long: map[string][][]string{}}
	err := eachRow("lexicon/officeholders.tsv", 10, func(cols []string) error {
		return hs.add(cols, titles, given)
	})
	return hs, err
}

// add parses one row of the seed and indexes its forms.
func (hs *holders) add(cols []string, titles map[string]*entry, given map[string]bool) error {
	for len(cols) < 10 {
		cols = append(cols, "")
	}
	h := &holder{country: cols[0], portfolio: cols[2], name: cols[5]}
	if h.title = titles[cols[1]]; h.title == nil {
		return fmt.Errorf("office: %q is not a title of lexicon/en/titles.tsv", cols[1])
	}
	var err error
	if h.start, err = seedDay(cols[3]); err != nil || !h.start.ok() {
		return fmt.Errorf("start: bad date %q", cols[3])
	}
	if h.end, err = seedDay(cols[4]); err != nil {
		return fmt.Errorf("end: bad date %q", cols[4])
	}
	if h.end.ok() && h.end.time().Before(h.start.time()) {
		return fmt.Errorf("end: %s before start %s", cols[4], cols[3])
	}
	if cols[5] == "" {
		return fmt.Errorf("name_en: empty")
	}
	if cols[9] == "" {
		return fmt.Errorf("source: empty (say where the row comes from)")
	}
	forms := []string{cols[5], cols[6], cols[7]}
	forms = append(forms, strings.Split(cols[8], ";")...)
	seen := map[string]bool{}
	for _, f := range forms {
		fold := text.Fold(f)
		if fold == "" || seen[fold] {
			continue
		}
		// A common given name alone is never a person's identity
		// (the Arabic given-name lexicon; TestHoldersAliases checks Latin ones).
		if !strings.Contains(fold, " ") && given[fold] {
			return fmt.Errorf("alias %q: a given name alone is not distinctive", f)
		}
		seen[fold] = true
		hs.byName[fold] = append(hs.byName[fold], h)
		if isArabicText(f) {
			hs.ar.Add(f, f)
		}
		if ts := strings.Fields(fold); len(ts) >= 3 && isArabicText(f) && hs.long != nil {
			key := ts[0] + " " + ts[1]
			hs.long[key] = append(hs.long[key], ts)
		}
	}
	return nil
}

// seedDay parses YYYY-MM-DD, or "" (zero day).
func seedDay(s string) (day, error) {
	if s == "" {
		return day{}, nil
	}
	v := parseISODay(s)
	if !v.ok() || len(s) != 10 {
		return day{}, fmt.Errorf("bad date %q", s)
	}
	return v, nil
}

// covers reports that the holder was in office on day v.
func (h *holder) covers(v day) bool {
	t := v.time()
	return !t.Before(h.start.time()) && (!h.end.ok() || !t.After(h.end.time()))
}

// at returns the holder known by folded form fold on day v. One person may
// hold several offices at once (a crown prince who is also prime minister:
// the first row wins), but a form that names holders of two countries on that
// day is ambiguous and gives nothing. An article without a date gets the
// country only, and only from a form whose every holder is of one country (a
// person's nationality outlives the office: Obama is American in an undated
// retrospective); the office is the holder's only if every row agrees.
func (hs *holders) at(fold string, v day) (*holder, bool) {
	var got *holder
	sameTitle := true
	for _, h := range hs.byName[fold] {
		if v.ok() && !h.covers(v) {
			continue
		}
		if got != nil && got.country != h.country {
			return nil, false
		}
		if got == nil {
			got = h
		} else if got.title != h.title || got.portfolio != h.portfolio {
			sameTitle = false
		}
	}
	if got != nil && !v.ok() && !sameTitle {
		return &holder{country: got.country, name: got.name}, true
	}
	return got, got != nil
}

// holderOf returns the known holder a person is, by any of the forms the
// article uses, on the article's date.
func (d *doc) holderOf(p *person) *holder {
	hs := d.x.lx.holders
	if hs == nil {
		return nil
	}
	var got *holder
	for _, f := range p.folds {
		h, ok := hs.at(f, d.ref)
		if !ok {
			continue
		}
		if got != nil && got.country != h.country {
			return nil
		}
		if got == nil {
			got = h
		}
	}
	return got
}

// knownHolders fills, from the seed, the nationality (and the office, when the
// text gives none) of the persons the text leaves without one. A bare name
// that is a known holder is a party (it no longer needs a meeting frame of its
// own) when its sentence reports an event.
func (d *doc) knownHolders() {
	for _, p := range d.persons {
		if p.country != "" {
			continue
		}
		h := d.holderOf(p)
		if h == nil {
			continue
		}
		if p.provis {
			if !d.inEventSentence(p) {
				continue
			}
			d.promote(p)
		}
		p.country = h.country
		if p.title == nil && h.title != nil {
			p.title, p.portfolio = h.title, h.portfolio
		}
	}
}

// inEventSentence reports that some sentence naming p (not as a possessive:
// "Putin's envoy" is the envoy's party) has a meeting, signing or agreeing
// trigger.
func (d *doc) inEventSentence(p *person) bool {
	for _, s := range d.sents {
		named := false
		for _, a := range s.actors {
			if a.p == p && !d.possessive(a.j) {
				named = true
				break
			}
		}
		if !named {
			continue
		}
		for k := range s.segs {
			if s.segs[k].has(kTrigger) {
				return true
			}
		}
	}
	return false
}

// possessive reports an English possessive 's right after a name ending at
// token j.
func (d *doc) possessive(j int) bool {
	if j >= len(d.toks) || d.toks[j].Fold != "s" {
		return false
	}
	g := d.gap(j)
	return g == "'" || g == "’"
}

// seedExtend continues the Arabic name run of segments [k, j) to the end of a
// seed name it starts: the run stops after a family name with the article
// ("سارة الزعفراني"), but "سارة الزعفراني الزنزري" is one person's full name.
// It returns the new end, or j.
func (d *doc) seedExtend(s *sentence, k, j int) int {
	hs := d.x.lx.holders
	if hs == nil || j-k < 2 {
		return j
	}
	key := d.toks[s.segs[k].i].Fold + " " + d.toks[s.segs[k+1].i].Fold
	best := j
	for _, ts := range hs.long[key] {
		if len(ts) <= j-k || k+len(ts) > len(s.segs) || k+len(ts) <= best {
			continue
		}
		ok := true
		for m := 0; m < len(ts) && ok; m++ {
			sg := &s.segs[k+m]
			ok = sg.j == sg.i+1 && d.toks[sg.i].Fold == ts[m] && (m == 0 || !d.breakBefore(sg.i))
		}
		if ok {
			best = k + len(ts)
		}
	}
	return best
}

// arabicHolderAt finds, at plain Arabic segment k, a seed form of a known
// holder written without a frame ("بحث تبون وماكرون", "استقبل السيسي"). Arabic
// has no capitals: outside frames, only names the seed knows are names. It
// returns the actor and the next segment, or nil. The person is provisional
// until knownHolders finds the holder in office on the article's date.
func (d *doc) arabicHolderAt(s *sentence, k int) (*actor, int) {
	hs := d.x.lx.holders
	sg := &s.segs[k]
	if hs == nil || !sg.plain() || !d.toks[sg.i].Arabic {
		return nil, k
	}
	end, forms, ok := hs.ar.Longest(d.toks, sg.i)
	if !ok {
		return nil, k
	}
	n := k
	for n < len(s.segs) && s.segs[n].j <= end {
		if !s.segs[n].plain() && !onlyKind(&s.segs[n], gazetteer.City) || n > k && d.breakBefore(s.segs[n].i) {
			return nil, k
		}
		n++
	}
	if s.segs[n-1].j != end || n < len(s.segs) && s.segs[n].plain() && !d.breakBefore(s.segs[n].i) && d.continuesName(s, n) {
		return nil, k
	}
	name := d.src[d.toks[sg.i].Start:d.toks[end-1].End]
	if cl := clitic(d.toks[sg.i], forms[0]); cl != "" {
		name = trimArabicPrefix(name, cl, strings.HasPrefix(text.Fold(forms[0]), "ال"))
	}
	if d.knownForm(text.Fold(name)) {
		return nil, k
	}
	a := d.newActor(actor{i: sg.i, j: end})
	before := len(d.persons)
	a.p = d.person(name, s, a)
	if len(d.persons) > before {
		a.p.provis = true
	}
	return a, n
}

// arabicHoldersIn adds the seed names of one Arabic sentence that no frame
// found.
func (d *doc) arabicHoldersIn(s *sentence) {
	added := false
	for k := 0; k < len(s.segs); k++ {
		if d.insideActor(s, s.segs[k].i) {
			continue
		}
		if a, n := d.arabicHolderAt(s, k); a != nil {
			s.actors = append(s.actors, a)
			added = true
			k = n - 1
		}
	}
	if added {
		d.sortActors(s)
	}
}

// continuesName reports that segment n would extend a name: a given name or
// a particle (a longer name, of someone else, that starts with a seed form).
func (d *doc) continuesName(s *sentence, n int) bool {
	f := d.toks[s.segs[n].i].Fold
	return d.lang.given[f] || d.lang.particles[f]
}
