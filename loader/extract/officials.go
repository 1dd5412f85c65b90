package extract

import (
	"slices"
	"strings"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

// person is one official of the article, with every form the article uses.
type person struct {
	ref       string
	order     int
	forms     []string // verbatim forms, the first one the fullest
	folds     []string // folded forms, parallel to forms
	tokens    []string // folded tokens of the fullest form
	latin     bool
	country   string
	title     *entry
	portfolio string
	rank      string
	evidence  []string
	cp        bool // introduced as someone's counterpart without a nationality
	cpOf      *person
	sent      int     // sentence of the first mention
	provis    bool    // a bare capitalised name with no office (yet)
	peer      *person // the previous person of a list of one office ("Ministers X and Y")
	leader    bool    // a bare name the grammar makes a party to a meeting (leaders.go)
	listed    bool    // a leader named in a list of bare names ("A, B and C met")
}

// actor is one mention of a party in a sentence: a named official, or an office
// described without a name ("the Algerian ambassador"), or a country standing
// as a party ("Ethiopia and Russia signed").
type actor struct {
	i, j        int // token range
	p           *person
	country     string
	target      string // country an ambassador or envoy is sent to, a visit goes to
	title       *entry
	portfolio   string
	counterpart bool
	coord       bool // joined to the previous actor by "and"
	bare        bool // a country name as a party, not an office holder
}

// frameStart reports whether segment sg opens an office frame.
func frameStart(sg *seg) bool {
	// The kinds mask says it without reading the entries.
	return sg.kinds&(1<<kTitle|1<<kCounter|1<<kHonor|1<<kRank) != 0
}

// targetWord reports a preposition that introduces the host country of an
// ambassador or the destination of a visit.
func targetWord(f string) bool {
	switch f {
	case "الى", "الي", "لدى", "لدي", "في", "to", "in", "a", "aupres", "en", "au":
		return true
	}
	return false
}

// ambHost reports a country with the proclitic ب after an ambassador's title
// ("سفير تونس بالمغرب جمال بن صالح"): the host country, part of the office,
// not the start of the name that follows.
func ambHost(a *actor, tok text.Token, sg *seg) bool {
	if a.title == nil || a.title.flags&flAmb == 0 {
		return false
	}
	e := sg.place(gazetteer.Country)
	return e != nil && strings.Contains(clitic(tok, e.Form), "ب")
}

// clitic returns the proclitic letters written before the stem of an Arabic
// token matched by a gazetteer or lexicon form ("ب" for بتونس, "ل" for لليبيا).
func clitic(tok text.Token, form string) string {
	if !tok.Arabic {
		return ""
	}
	ff := text.Fold(form)
	if sp := strings.IndexByte(ff, ' '); sp >= 0 {
		ff = ff[:sp]
	}
	if tok.Fold == ff || strings.HasPrefix(tok.Fold, ff) {
		return ""
	}
	core := strings.TrimPrefix(ff, "ال")
	k := strings.Index(tok.Fold, core)
	if k <= 0 {
		return ""
	}
	p := tok.Fold[:k]
	p = strings.TrimSuffix(p, "ال")
	return p
}

// partyOf returns the party code of a country, demonym, organisation or named
// government segment, or "".
func partyOf(sg *seg) string {
	if e := sg.place(gazetteer.Country, gazetteer.Demonym, gazetteer.Org, gazetteer.Government); e != nil {
		return e.Code
	}
	return ""
}

// officials finds the office frames of every sentence (pass 1), then the later
// mentions of the persons found (pass 2), then resolves nationalities.
func (d *doc) officials() {
	for _, s := range d.sents {
		d.framesIn(s)
		d.leadersIn(s)
	}
	if d.lang.code == "ar" {
		// After every frame: a seed name the article also gives in a frame
		// (often later, the headline naming only "السيسي") is that person,
		// found again by the mentions pass.
		for _, s := range d.sents {
			d.arabicHoldersIn(s)
		}
	}
	aliases := d.aliasIndex()
	for _, s := range d.sents {
		d.mentionsIn(s, aliases)
	}
	d.resolveCountries()
}

// framesIn scans one sentence for office frames and bare Latin names.
func (d *doc) framesIn(s *sentence) {
	for k := 0; k < len(s.segs); {
		sg := &s.segs[k]
		if frameStart(sg) && !d.insideActor(s, sg.i) {
			acts, next := d.frame(s, k, nil)
			if len(acts) > 0 {
				s.actors = append(s.actors, acts...)
				// A list continues with "and"/"و" + demonym or title:
				// "نظيريه السعودي فيصل بن فرحان، والتونسي محمد علي النفطي".
				for next < len(s.segs) && acts[len(acts)-1].p != nil {
					nx := &s.segs[next]
					// "Ministers Susana Malcorra and Francisco Cabrera".
					if d.conj(*nx) && next+1 < len(s.segs) && !d.toks[s.segs[next+1].i].Arabic {
						if name, n := d.latinName(s, next+1); n > next+1 && d.capitalWords(s, next+1, n) >= 2 {
							prev := acts[len(acts)-1]
							b := d.newActor(actor{i: s.segs[next+1].i, j: s.segs[n-1].j, coord: true})
							if ap, n2 := d.apposition(s, n, b); ap {
								// "X, and Musalia Mudavadi, Kenya's Prime Cabinet
								// Secretary": an office of their own.
								b.p = d.person(name, s, b)
								s.actors = append(s.actors, b)
								acts, next = []*actor{b}, n2
								continue
							}
							b.title, b.portfolio = prev.title, prev.portfolio
							b.p = d.person(name, s, b)
							if b.p != prev.p {
								b.p.peer = prev.p
							}
							s.actors = append(s.actors, b)
							acts, next = []*actor{b}, n
							continue
						}
					}
					if nx.place(gazetteer.Demonym) == nil || frameStart(nx) {
						break
					}
					if !d.coordBefore(nx.i) {
						break
					}
					more, n2 := d.frame(s, next, acts[len(acts)-1])
					if len(more) == 0 || more[0].p == nil {
						break
					}
					s.actors = append(s.actors, more...)
					acts, next = more, n2
				}
				k = max(next, k+1)
				continue
			}
		}
		if d.lang.code == "ar" && d.toks[sg.i].Fold == "مع" && k+1 < len(s.segs) && s.segs[k+1].plain() && !d.insideActor(s, s.segs[k+1].i) {
			// "بحث X مع حازم البلتاجي، وزير الصناعة والتجارة …": a name
			// after "with" whose office follows in apposition.
			if name, n := d.arabicName(s, k+1); n > k+2 {
				a := d.newActor(actor{i: s.segs[k+1].i, j: s.segs[n-1].j})
				if d.breakBefore(s.segs[min(n, len(s.segs)-1)].i) {
					if ap, n2 := d.apposition(s, n, a); ap && a.title != nil {
						a.p = d.person(name, s, a)
						s.actors = append(s.actors, a)
						k = n2
						continue
					}
				}
			}
		}
		if sg.plain() && !d.toks[sg.i].Arabic && isUpperStart(d.toks[sg.i].Text) && !d.insideActor(s, sg.i) {
			// A capitalised name without a title before it: keep it when an
			// apposition names the office ("Tahir Hamid Nguilin, ministre
			// tchadien des Finances") or as a provisional person.
			if name, n := d.nameRun(s, k); n > k {
				a := d.newActor(actor{i: s.segs[k].i, j: s.segs[n-1].j})
				if ap, n2 := d.apposition(s, n, a); ap {
					a.p = d.person(name, s, a)
					s.actors = append(s.actors, a)
					k = n2
					continue
				}
				if d.capitalWords(s, k, n) >= 2 && !d.placeGenitive(s, k) {
					before := len(d.persons)
					a.p = d.person(name, s, a)
					if len(d.persons) > before {
						// New and without an office (yet): a provisional
						// person, kept only if a later office refers to them.
						a.p.provis = true
					}
					s.actors = append(s.actors, a)
				}
				k = n
				continue
			}
		}
		k++
	}
	d.sortActors(s)
}

func (d *doc) insideActor(s *sentence, i int) bool {
	for _, a := range s.actors {
		if i >= a.i && i < a.j {
			return true
		}
	}
	return false
}

// coordBefore reports that token i is joined to what precedes by a
// conjunction: a comma, "and", "et", or the Arabic و written on the token.
func (d *doc) coordBefore(i int) bool {
	t := d.toks[i]
	if t.Arabic && strings.HasPrefix(t.Fold, "و") {
		return true
	}
	if i > 0 {
		switch d.toks[i-1].Fold {
		case "and", "et", "و":
			return true
		}
	}
	return strings.Contains(d.gap(i), ",") || strings.Contains(d.gap(i), "،")
}

// frame parses the office frame opening at segment k. inherit, when set, is the
// previous actor of a list whose title and counterpart status carry over. It
// returns the actors found (several for "the ambassadors of Uruguay, X, Chile,
// Y") and the segment after the frame.
func (d *doc) frame(s *sentence, k int, inherit *actor) ([]*actor, int) {
	return d.frameMode(s, k, inherit, false)
}

// frameMode is frame; appos says the office phrase follows a name already read
// ("X, membre du Conseil souverain présidentiel de la République du Soudan"):
// no name is expected, and ordinary words are skipped on the way to the
// nationality.
func (d *doc) frameMode(s *sentence, k int, inherit *actor, appos bool) ([]*actor, int) {
	first := &s.segs[k]
	a := d.newActor(actor{i: first.i, j: first.j})
	if inherit != nil {
		a.title, a.portfolio, a.counterpart = inherit.title, inherit.portfolio, inherit.counterpart
		a.coord = true
	}
	latin := d.lang.code != "ar"
	head := false
	if t := d.toks[first.i]; t.Arabic && strings.HasPrefix(t.Fold, "و") && clitic(t, firstForm(first)) != "" || first.i > 0 && (d.toks[first.i-1].Fold == "and" || d.toks[first.i-1].Fold == "et") {
		a.coord = true
	}
	afterPortfolio := false
	for _, e := range first.lex {
		switch e.kind {
		case kTitle:
			a.title = e
			a.portfolio = e.a
			head = e.flags&flHead != 0
			afterPortfolio = true
		case kCounter:
			a.counterpart = true
		}
	}
	if !latin && inherit == nil && a.title != nil && a.title.flags&flPl != 0 && d.dual(a) {
		// "وتبادل الرئيسان التهاني": an Arabic dual names the two persons
		// already introduced (duals), never a name that follows.
		return []*actor{a}, k + 1
	}
	if c := partyOf(first); c != "" && inherit != nil {
		a.country = c
	}
	if a.country == "" && a.title != nil && a.title.state != "" {
		// "Secretary of State Marco Rubio": an office only one state has (a
		// nationality before it still wins: "Indian Foreign Secretary").
		a.country = a.title.state
	}
	// A named body inside a multi-word office: "رئيس مجلس السيادة", or
	// starting inside it: "رئيس حكومة" + "حكومة الوحدة الوطنية".
	innerEnd := 0
	sentEnd := s.segs[len(s.segs)-1].j
	for p := first.i + 1; p < first.j && a.country == ""; p++ {
		if e2, es, ok := d.x.gz.Longest(d.toks[:sentEnd], p); ok {
			for _, e := range es {
				if e.Kind == gazetteer.Government || e.Kind == gazetteer.Org || e.Kind == gazetteer.Country {
					a.country = e.Code
					innerEnd = e2
					break
				}
			}
		}
	}
	var pre []*actor // more countries of a plural office, listed before it
	// Latin word order puts the nationality first: "Chinese Foreign Minister",
	// "Iran's Foreign Minister", "UN Secretary General", "the Iraqi Prime Minister".
	if latin && k > 0 && (a.title != nil || a.counterpart) {
		p := k - 1
		// "Niger's Petroleum Minister", "the Algerian Foreign and Trade Minister":
		// a portfolio may stand between the nationality and the office.
		for p > 0 && (s.segs[p].has(kPortfolio) || d.conj(s.segs[p])) && !d.breakBefore(s.segs[p+1].i) && k-p < 4 {
			if a.portfolio == "" && s.segs[p].has(kPortfolio) {
				a.portfolio = s.segs[p].find(kPortfolio).val
			}
			p--
		}
		if d.toks[s.segs[p].i].Fold == "s" && p > 0 {
			p--
		}
		if !d.breakBefore(s.segs[p+1].i) || p+1 == k {
			if c := partyOf(&s.segs[p]); c != "" {
				a.country = c
				a.i = s.segs[p].i
				if a.title != nil && a.title.flags&flPl != 0 && inherit == nil {
					pre = d.countriesBefore(s, p, a)
				}
			}
		}
	}
	if !latin && a.country == "" && inherit == nil {
		// "وعن الجانب المصري وزير البترول …": the side named just before.
		for p := k - 1; p >= 0 && p >= k-3; p-- {
			if e := s.segs[p].place(gazetteer.Demonym); e != nil && p > 0 && strings.HasSuffix(d.toks[s.segs[p-1].j-1].Fold, "الجانب") {
				a.country = e.Code
				break
			}
		}
	}
	var out []*actor
	broke := false
	skipped := 0
	afterTarget := false
	lastPortfolioWord := -1
	j := k + 1
	for ; j < len(s.segs); j++ {
		sg := &s.segs[j]
		tok := d.toks[sg.i]
		if sg.i < innerEnd {
			a.j = max(a.j, sg.j)
			continue
		}
		if g := d.gap(sg.i); strings.Contains(g, "(") && !strings.Contains(g, ")") && len(out) == 0 {
			// A parenthesis inside an office phrase ("Petroleum Resources
			// (Gas)", "(SODMA)"): skip it whole.
			m := j
			for m+1 < len(s.segs) && !strings.Contains(d.gap(s.segs[m+1].i), ")") && m < j+4 {
				m++
			}
			if m+1 < len(s.segs) && strings.Contains(d.gap(s.segs[m+1].i), ")") && !strings.ContainsAny(d.gap(s.segs[m+1].i), ",،.") {
				j = m
				continue
			}
		}
		if d.breakBefore(sg.i) && len(out) == 0 && !strings.HasPrefix(strings.TrimSpace(d.gap(sg.i)), ")") {
			if t := sg.find(kTitle); t != nil && a.title != nil && !strings.ContainsAny(clitic(tok, t.form), "وب") && !broke {
				// Offices in a row, comma-separated: "وزير الدولة، وزير الطاقة
				// والمناجم، رشيد بن عيسى".
				goto token
			}
			if latin && a.title != nil && a.title.flags&flMin != 0 && !broke && sg.has(kLink) && !isArticle(tok.Fold) && j+1 < len(s.segs) &&
				!(d.conj(*sg) && s.segs[j+1].plain()) {
				// (", and Lee Kinyanjui": "and" before a word that is no
				// portfolio starts the next person.)
				// A list of portfolios: "ministre de l'Économie, du Plan et de
				// la Coopération", "Minister of Economy, Planning and Trade".
				goto token
			}
			if broke || (a.title == nil && !a.counterpart && inherit == nil) {
				break
			}
			broke = true
		}
	token:
		if c := partyOf(sg); c != "" && !(a.country != "" && !broke && !afterTarget && sg.j == sg.i+1 && !d.coordBefore(sg.i) && j+1 < len(s.segs) && s.segs[j+1].plain() && !d.breakBefore(s.segs[j+1].i) && sg.place(gazetteer.Country) != nil && !ambHost(a, tok, sg)) {
			e := sg.place(gazetteer.Country, gazetteer.Demonym, gazetteer.Org, gazetteer.Government)
			cl := clitic(tok, e.Form)
			isTarget := afterTarget || (a.title != nil && a.title.flags&flAmb != 0 && strings.Contains(cl, "ب"))
			// The ambassadors of Uruguay, Nester Navarro, Chile, Julio Fiol …
			if a.title != nil && a.title.flags&flPl != 0 && !isTarget && j+1 < len(s.segs) && hasComma(d.gap(s.segs[j+1].i)) {
				if a.p == nil && a.country != "" && c != a.country && !slices.ContainsFunc(out, func(b *actor) bool { return b.p != nil || b.country == "" }) {
					// Nationalities first, then as many names: "égyptien,
					// soudanais et sud-soudanais, Tarek Soliman, Mohamed
					// Abderrahmane et James Deng Akol".
					acts := append(append([]*actor{a}, out...), d.newActor(actor{i: sg.i, j: sg.j, title: a.title, portfolio: a.portfolio, country: c}))
					if n := d.respectively(s, j+1, acts); n > j+1 {
						return acts, n
					}
				}
				if name, n := d.nameRun(s, j+1); n > j+1 {
					b := d.newActor(actor{i: sg.i, j: s.segs[n-1].j, title: a.title, portfolio: a.portfolio, country: c})
					b.p = d.person(name, s, b)
					out = append(out, b)
					j = n - 1
					broke = false
					continue
				}
			}
			if isTarget {
				a.target = c
			} else if a.country == "" {
				a.country = c
			} else if a.title != nil && a.title.flags&flPl != 0 && c != a.country && (d.coordBefore(sg.i) || j > 0 && s.segs[j-1].has(kLink) && d.coordBefore(s.segs[j-1].i)) && a.p == nil {
				// "des émissaires tchadien et soudanais": one more party.
				out = append(out, d.newActor(actor{i: sg.i, j: sg.j, title: a.title, portfolio: a.portfolio, country: c}))
			}
			head = false
			afterTarget = false
			a.j = sg.j
			continue
		}
		if c := d.thisCountry(s, j); c != "" && a.country == "" && !broke {
			// "président du Conseil souverain de ce pays": the country just named.
			a.country = c
			continue
		}
		if e := sg.place(gazetteer.City); e != nil && !broke && afterTarget && len(out) == 0 && a.title != nil && a.title.flags&flAmb != 0 && partyOf(sg) == "" {
			// "سفير العراق في دمشق علي المياحي", "ambassador in Rabat": the
			// posting's city names the host; the name follows.
			if a.target == "" {
				a.target = e.Code
			}
			afterTarget = false
			a.j = sg.j
			continue
		}
		if e := sg.place(gazetteer.City); e != nil && !broke && !afterTarget && len(out) == 0 && a.country == "" && partyOf(sg) == "" {
			// "ولي عهد أبوظبي", "Governor of Córdoba"'s city: the country of the city.
			a.country = e.Code
			a.j = sg.j
			continue
		}
		if sg.has(kPortfolio) && !broke {
			afterPortfolio = true
			if a.portfolio == "" || a.title != nil && a.title.flags&flMin != 0 && a.portfolio == a.title.a {
				a.portfolio = sg.find(kPortfolio).val
			}
			head = false
			a.j = sg.j
			continue
		}
		if t := sg.find(kTitle); t != nil && !broke {
			if cl := clitic(tok, t.form); strings.ContainsAny(cl, "بو") {
				// "بالمبعوث", "ووزير": a new phrase, someone else.
				break
			}
			// A genitive chain or a second office: "المبعوث الشخصي للأمين العام",
			// "Under-Secretary-General … and Emergency Relief Coordinator".
			afterPortfolio = true
			if a.title == nil {
				a.title = sg.find(kTitle)
				a.portfolio = a.title.a
			} else if head {
				a.title = sg.find(kTitle)
				a.portfolio = a.title.a
			}
			head = false
			a.j = sg.j
			continue
		}
		if sg.has(kRank) || sg.has(kHonor) {
			if appos {
				break // the next person's honorific: the apposition is over
			}
			a.j = sg.j
			continue
		}
		if appos && (sg.has(kRel) || sg.has(kWeekday) || sg.has(kMonth)) {
			break
		}
		if sg.plain() || sg.has(kStop) {
			f := tok.Fold
			if targetWord(f) && !broke && a.title != nil && a.title.flags&flMin != 0 && j+1 < len(s.segs) &&
				s.segs[j+1].has(kPortfolio) && partyOf(&s.segs[j+1]) == "" {
				// "ministre déléguée au Commerce extérieur": before a
				// portfolio, "au" links the office, it names no host.
				continue
			}
			if f == "في" && !broke && a.title != nil && j+1 < len(s.segs) && d.toks[s.segs[j+1].i].Fold == "الخارج" {
				// "وزير الشؤون الخارجية والتعاون والموريتانيين في الخارج":
				// "abroad" ends the portfolio, it names no host.
				j++
				continue
			}
			if f == "في" && !broke && a.country == "" && a.title != nil && a.title.flags&flMin != 0 && a.title.flags&flAmb == 0 &&
				j+1 < len(s.segs) && s.segs[j+1].place(gazetteer.Country) != nil && s.segs[j+1].place(gazetteer.Demonym) == nil {
				// "وزير الصناعة والتجارة في جمهورية مصر العربية": a minister
				// "in" a country is that country's (an ambassador's "في" names
				// the host).
				continue
			}
			if (targetWord(f) || (f == "for" || f == "pour") && a.title != nil && a.title.a == "envoy") && !broke {
				// "envoyé personnel … pour le Sahara occidental", "Special
				// Envoy for Yemen": the country an envoy is sent to.
				afterTarget = true
				continue
			}
		}
		if sg.has(kLink) && a.title != nil && a.title.flags&flPl != 0 && a.p == nil && a.country != "" && d.listGoesOn(s, j) {
			// "the foreign ministers of Egypt, Sudan and South Sudan", "les
			// ministres du Mali, du Niger et du Burkina Faso": the list of
			// their countries goes on.
			continue
		}
		if sg.has(kLink) && (!broke || len(sg.lex) > 0 && isArticle(tok.Fold)) && !(latin && d.initial(sg.i)) {
			if latin && d.conj(*sg) && j+1 < len(s.segs) && s.segs[j+1].plain() && isUpperStart(d.toks[s.segs[j+1].i].Text) && !s.segs[j-1].has(kPortfolio) {
				// "… of the Office of the Prime Minister and Evgeniy Kiselev":
				// "and" + a name starts someone else.
				break
			}
			continue
		}
		if head {
			// رئيس with no complement is not an office ("رئيس شركة").
			return nil, k + 1
		}
		if !latin && afterPortfolio && sg.plain() && strings.HasPrefix(tok.Fold, "و") && !d.lang.given[tok.Fold] && !broke && skipped < 6 {
			// "وزير الخارجية وشؤون المغتربين": the portfolio goes on.
			skipped++
			continue
		}
		if d.lang.code == "en" && !broke && a.title != nil && a.title.flags&flMin != 0 && j > 0 && (s.segs[j-1].has(kLink) || s.segs[j-1].has(kPortfolio)) {
			// "Minister of Energy Transition and Sustainable Development Leila
			// Benjelloun": a long capitalised run after "of" is the portfolio,
			// then the name (its last two words).
			if m := d.englishNameStart(s, j); m > j {
				j = m - 1
				continue
			}
		}
		if d.lang.code == "en" && !broke && j > 1 && d.conj(s.segs[j-1]) && sg.plain() && isUpperStart(tok.Text) &&
			(s.segs[j-2].has(kPortfolio) || lastPortfolioWord == j-2) && j+1 < len(s.segs) && isUpperStart(d.toks[s.segs[j+1].i].Text) {
			// "Minister of Water Resources and Irrigation Ayman Farag": the
			// word after "and" continues the list of portfolios.
			lastPortfolioWord = j
			continue
		}
		if latin && !broke && j > 0 && (s.segs[j-1].has(kLink) || s.segs[j-1].has(kPortfolio)) && sg.plain() && isUpperStart(tok.Text) {
			if m := d.capsThenBreak(s, j); m > 0 {
				// "the Chairman of the National Disaster Management Agency
				// (SODMA), Mohamud …", "Special Envoy for Drought response,
				// Abdirahman …": an unlisted body or portfolio, the name after
				// the comma.
				j = m - 1 // the loop meets the comma next and takes the name
				afterTarget = false
				continue
			}
		}
		if afterTarget && latin && a.title != nil && a.title.a == "envoy" && !broke && sg.plain() && isUpperStart(tok.Text) {
			if m := d.capsThenBreak(s, j); m > 0 {
				// "l'envoyé spécial des Nations unies pour le Sahel, X": a
				// region, then the name after the comma.
				j = m - 1
				afterTarget = false
				continue
			}
		}
		if afterTarget {
			if d.lang.code == "fr" && a.title != nil && a.title.flags&flMin != 0 && !broke {
				// "ministre … de la Communauté nationale à l'étranger": à inside
				// the name of the portfolio.
				afterTarget = false
				continue
			}
			break
		}
		if d.lang.code == "fr" && a.title != nil && a.title.flags&flMin != 0 && !broke && d.portfolioWord(s, j) {
			// "ministre des Pêches et des Infrastructures maritimes et
			// portuaires Mohamed Lemine Ould Ahmedou": a portfolio the lexicon
			// does not list, capitalised after an article, then adjectives.
			if a.portfolio == "" || a.portfolio == a.title.a {
				a.portfolio = ""
			}
			continue
		}
		if latin && sg.plain() && !isUpperStart(tok.Text) && !broke && skipped < 2 && j+1 < len(s.segs) &&
			(s.segs[j+1].place(gazetteer.Demonym) != nil || s.segs[j+1].has(kLink) || s.segs[j+1].has(kPortfolio)) {
			// "la ministre fédérale allemande", "the visiting foreign minister".
			skipped++
			continue
		}
		if appos {
			if sg.has(kTrigger) || skipped >= 6 || broke || a.country != "" {
				break
			}
			if !latin || !isUpperStart(tok.Text) {
				skipped++
				continue
			}
			// A capitalised name here belongs to this office: the phrase is
			// the next official of a list, not an apposition.
		}
		if !latin && !broke && a.title != nil && a.title.flags&flMin != 0 && sg.plain() && strings.HasPrefix(tok.Fold, "ال") &&
			!d.lang.given[tok.Fold] && !d.knownForm(tok.Fold) && skipped < 6 && d.portfolioThenName(s, j, skipped > 0) {
			// "وزيرة الانتقال الطاقي والتنمية المستدامة ليلى بنجلون": a
			// portfolio the lexicon does not list is a definite noun phrase;
			// the name comes after it.
			skipped++
			continue
		}
		if a.title != nil && a.title.flags&flPl != 0 && a.p == nil && a.country != "" && len(out) > 0 && !slices.ContainsFunc(out, func(b *actor) bool { return b.p != nil || b.country == "" }) {
			// "Les ministres … égyptien, soudanais et sud-soudanais, Tarek
			// Soliman, Mohamed Abderrahmane et James Deng Akol": as many
			// names as nationalities, respectively.
			if n := d.respectively(s, j, append([]*actor{a}, out...)); n > j {
				return append([]*actor{a}, out...), n
			}
		}
		name, n := d.nameRun(s, j)
		if n > j {
			if latin && a.country == "" && n+1 < len(s.segs) && d.ofWord(s.segs[n].i) && !d.breakBefore(s.segs[n].i) {
				// "King Abdullah II of Jordan", "le roi Abdallah II de
				// Jordanie": the country follows the name.
				if e := s.segs[n+1].place(gazetteer.Country); e != nil {
					a.country = e.Code
				}
			}
			a.p = d.person(name, s, a)
			a.j = s.segs[n-1].j
			j = n
			break
		}
		// Arabic adjectives between the office and the name: "الرئيس اليمني
		// الفار عبد ربه منصور هادي".
		if sg.has(kAdj) && !broke {
			continue
		}
		if !latin && (sg.plain() || len(sg.gaz) == 0 && (sg.has(kTopic) || afterPortfolio && onlyStop(sg) && strings.HasPrefix(tok.Fold, "وال"))) &&
			(definite(tok.Fold) || afterPortfolio && strings.HasPrefix(tok.Fold, "و") && !d.lang.given[tok.Fold]) && skipped < 6 && !broke {
			// (A function word the lexicon lists, "والتعاون", goes on a
			// portfolio too: "وزير الشؤون الخارجية والتعاون".)
			// The rest of a long portfolio: "والتنمية القروية والمياه والغابات",
			// "وشؤون المغتربين".
			afterPortfolio = afterPortfolio && strings.HasPrefix(tok.Fold, "و")
			skipped++
			continue
		}
		break
	}
	if len(pre) > 0 && a.p == nil {
		return append(append(pre, a), out...), j
	}
	if len(out) > 0 {
		if a.p == nil && a.country != "" && out[0].p == nil {
			out = append([]*actor{a}, out...)
		}
		return out, j
	}
	if head {
		return nil, k + 1
	}
	if a.title == nil && !a.counterpart && a.p == nil {
		return nil, k + 1
	}
	if a.p == nil && a.country == "" && !a.counterpart && a.title != nil && a.title.val == "" {
		return nil, k + 1
	}
	if a.p != nil {
		if ap, n2 := d.apposition(s, j, a); ap {
			j = n2
		}
	}
	return []*actor{a}, j
}

// apposition reads ", the minister of …" after a name (segment k is the one
// after the name) and completes the actor's office and nationality.
func (d *doc) apposition(s *sentence, k int, a *actor) (bool, int) {
	if k >= len(s.segs) {
		return false, k
	}
	// Arabic puts the office right after the name without a comma: "معالي
	// السيد سالم الحارثي وزير الخارجية", "الدكتور أيمن فرج وزير الموارد المائية".
	direct := d.lang.code == "ar" && !d.breakBefore(s.segs[k].i) && s.segs[k].has(kTitle) &&
		!strings.ContainsAny(clitic(d.toks[s.segs[k].i], s.segs[k].find(kTitle).form), "وب")
	if !direct {
		if !d.breakBefore(s.segs[k].i) {
			return false, k
		}
		if g := d.gap(s.segs[k].i); !hasComma(g) {
			return false, k
		}
	}
	// Up to four words before the office: "بصفته سفيراً", "الذي تولى رسمياً
	// منصب سفير", "the", "le".
	for j := k; j < len(s.segs) && j < k+5; j++ {
		sg := &s.segs[j]
		if j > k && d.breakBefore(sg.i) {
			return false, k
		}
		if d.lang.code != "ar" && (sg.has(kTrigger) && !sg.has(kTitle) || j > k+2) {
			// "X, held talks with …": a clause, not an apposition.
			return false, k
		}
		t := sg.find(kTitle)
		if t != nil && (strings.ContainsAny(clitic(d.toks[sg.i], t.form), "وب") || d.conjIn(s, k, j)) {
			// "، ووزير النفط النيجري، مامان ساني عبدو", "and the Minister of …":
			// the next person, not an apposition.
			return false, k
		}
		if t == nil {
			if sg.place(gazetteer.Country) != nil && sg.place(gazetteer.Demonym) == nil && d.lang.code != "ar" &&
				!(j+2 < len(s.segs) && d.toks[s.segs[j+1].i].Fold == "s" && s.segs[j+2].has(kTitle)) {
				// "Nester Navarro, Chile": a list, not an apposition ("Lee
				// Kinyanjui, Kenya's Cabinet Secretary" is one).
				return false, k
			}
			continue
		}
		if t.flags&flHead != 0 && j+1 < len(s.segs) && partyOf(&s.segs[j+1]) == "" && !s.segs[j+1].has(kPortfolio) && !s.segs[j+1].has(kTitle) {
			continue
		}
		b := d.newActor(actor{})
		acts, n := d.frameMode(s, j, nil, true)
		if len(acts) == 1 && acts[0].p == nil {
			b = acts[0]
		} else {
			// The office phrase itself names someone else: stop.
			return false, k
		}
		if a.title == nil || a.title.kind != kTitle || a.title.flags&flHead != 0 {
			a.title, a.portfolio = b.title, b.portfolio
		}
		if a.country == "" {
			a.country = b.country
		}
		if a.target == "" {
			a.target = b.target
		}
		if a.p != nil {
			d.learn(a.p, a, s)
		}
		return true, n
	}
	return false, k
}

// nameRun reads a person's name starting at segment k and returns its verbatim
// text and the segment after it (k when there is no name).
func (d *doc) nameRun(s *sentence, k int) (string, int) {
	if k >= len(s.segs) {
		return "", k
	}
	if d.toks[s.segs[k].i].Arabic {
		return d.arabicName(s, k)
	}
	return d.latinName(s, k)
}

// latinName reads a run of capitalised words, with lower-case particles
// ("al-Faraya", "de Morais") and hyphenated parts ("Yong-ho") inside.
func (d *doc) latinName(s *sentence, k int) (string, int) {
	j := k
	words := 0
	for j < len(s.segs) && words < 6 {
		sg := &s.segs[j]
		t := d.toks[sg.i]
		if t.Arabic || number(t.Fold) >= 0 {
			break
		}
		if j > k && d.breakBefore(sg.i) && !d.hyphenJoined(sg.i) && !d.initial(sg.i-1) {
			break
		}
		if j > k && d.hyphenJoined(sg.i) && sg.j == sg.i+1 {
			j++
			continue
		}
		if j == k && len(sg.lex) == 0 && sg.j == sg.i+1 && sg.place(gazetteer.City) != nil && !sg.place(gazetteer.City).Capital &&
			j+1 < len(s.segs) && s.segs[j+1].plain() && !d.breakBefore(s.segs[j+1].i) && isUpperStart(d.toks[s.segs[j+1].i].Text) && isUpperStart(t.Text) {
			// A given name spelt like a town: "Salem Alshamsi".
			words++
			j++
			continue
		}
		if !isUpperStart(t.Text) {
			// A particle inside a name needs a capitalised word after it.
			if j > k && d.lang.particles[t.Fold] && j+1 < len(s.segs) && isUpperStart(d.toks[s.segs[j+1].i].Text) &&
				!(d.lang.code == "en" && (t.Fold == "at" || t.Fold == "as") && !d.hyphenJoined(s.segs[j+1].i)) {
				// (English "at"/"as" are the prepositions unless hyphenated
				// to the name: "James Akol at Tahrir Palace", "as-Salem".)
				j++
				continue
			}
			break
		}
		if !sg.plain() && !(j > k && d.lang.particles[t.Fold]) && !d.nameWord(sg, j > k) && !d.initial(sg.i) {
			break
		}
		if sg.j-sg.i > 1 {
			break
		}
		if words == 0 && d.lang.particles[t.Fold] && !(j+1 < len(s.segs) && isUpperStart(d.toks[s.segs[j+1].i].Text)) {
			break
		}
		words++
		j++
	}
	// Never end on a particle.
	for j > k && d.lang.particles[d.toks[s.segs[j-1].i].Fold] {
		j--
	}
	if j == k {
		return "", k
	}
	// One capitalised word is a name only when the article names that person
	// in full elsewhere ("President Lourenço"); otherwise it is a common noun
	// in title case ("the Ethiopian Side", "the Office"), or an acronym.
	if j == k+1 && !d.knownForm(d.toks[s.segs[k].i].Fold) {
		return "", k
	}
	return d.src[d.toks[s.segs[k].i].Start:d.toks[s.segs[j-1].j-1].End], j
}

// arabicName reads the run of words after an office frame until a stop: a
// punctuation mark, a lexicon word (function word, verb of the trigger list,
// time word, office), a country or a number. Particles (بن، ولد، آل، عبد، أبو)
// stay inside the name. A nisba right after a two-word name is a family name
// (محمد شياع السوداني).
func (d *doc) arabicName(s *sentence, k int) (string, int) {
	j := k
	words := 0
	bad := false // the run was cut by a word that cannot follow a name
	for j < len(s.segs) && words < 5 {
		sg := &s.segs[j]
		t := d.toks[sg.i]
		if j > k && d.breakBefore(sg.i) {
			break
		}
		if number(t.Fold) >= 0 {
			break
		}
		prevParticle := j > k && d.lang.particles[d.toks[s.segs[j-1].j-1].Fold]
		if !t.Arabic {
			// Latin inside Arabic text: a name written in Latin letters.
			if j == k && isUpperStart(t.Text) {
				return d.latinName(s, k)
			}
			break
		}
		given := d.lang.given[t.Fold]
		if j == k && !given && strings.HasPrefix(t.Fold, "ي") && len(t.Fold) >= 8 && !d.knownForm(t.Fold) && !(k > 0 && s.segs[k-1].has(kHonor)) {
			// A present-tense verb (يتسلم، يبحث) after a headline's office,
			// not a name (after an honorific it is one: "معالي يوراي بلانار").
			return "", k
		}
		if j == k && !given && strings.HasSuffix(t.Text, "ه") && !strings.HasSuffix(t.Fold, "الله") && len(t.Fold) > 6 &&
			!(k > 0 && s.segs[k-1].place(gazetteer.Demonym) != nil && k+1 < len(s.segs) && s.segs[k+1].plain() && !d.breakBefore(s.segs[k+1].i)) {
			// (After a nationality and before another word, it is a foreign
			// given name: "نظيره الإسباني خوسيه مانويل ألباريس".)
			// A pronoun suffix (واهتمامه، ومبعوثه): a noun, not a name.
			return "", k
		}
		if j == k && !given && brokenPlural(t.Text) {
			// "وزير الإسكان أعمال تنفيذ …": a plural noun of the pattern
			// أفعال (أعمال، أسعار، أوضاع) starts the clause, not a name.
			return "", k
		}
		if j > k && !given && !prevParticle && (strings.HasSuffix(t.Text, "ته") || strings.HasSuffix(t.Text, "اده") || strings.HasSuffix(t.Text, "هما")) {
			// A noun with a possessive suffix (بلاده، زيارته، حكومتهما)
			// is the clause, never part of a name.
			break
		}
		if j == k && !given && (verbalNoun(t.Fold) || verbalNounVIII(t.Fold)) {
			// "وزير الطاقة الأردني تمديد تزويد المملكة": a verbal noun of
			// the pattern تفعيل (تمديد، تعزيز، تطوير) starts the clause.
			return "", k
		}
		if hasTanween(t.Text) {
			bad = true
			break
		}
		if strings.HasPrefix(t.Fold, "و") && !given && !prevParticle && !d.lang.particles[t.Fold] {
			rest := strings.TrimPrefix(t.Fold, "و")
			if j > k || d.lang.given[rest] || definite(t.Fold) || !sg.plain() {
				// "والوفد", "ووزير", "ومحمد": a conjunction ends the name
				// ("وانغ يي" is a name: و is part of the word).
				break
			}
		}
		if !prevParticle && (strings.HasPrefix(t.Fold, "لل") || strings.HasPrefix(t.Fold, "بال") || strings.HasPrefix(t.Fold, "كال") || strings.HasPrefix(t.Fold, "فال")) {
			// "… سبل التعاون بالمجالات" is a noun phrase; but a place after
			// the run ("بيدرو سانشيز بالمغرب") ends a name.
			bad = j == k || sg.place(gazetteer.Country, gazetteer.City) == nil
			break
		}
		if j == k && len(sg.lex) == 0 && sg.j == sg.i+1 && sg.place(gazetteer.Country, gazetteer.City) != nil &&
			j+1 < len(s.segs) && s.segs[j+1].plain() && !d.breakBefore(s.segs[j+1].i) {
			// A given name spelt like a place: "جورجيا ميلوني".
			words++
			j++
			continue
		}
		if !sg.plain() && !d.lang.particles[t.Fold] {
			fam := sg.place(gazetteer.Demonym) != nil && words >= 2 && strings.HasPrefix(t.Fold, "ال") &&
				(j+1 == len(s.segs) || d.breakBefore(s.segs[j+1].i) || s.segs[j+1].has(kStop) || s.segs[j+1].has(kRel))
			city := words >= 1 && sg.j == sg.i+1 && len(sg.lex) == 0 && onlyKind(sg, gazetteer.City) && !sg.place(gazetteer.City).Capital &&
				clitic(t, sg.place(gazetteer.City).Form) == ""
			stopName := words >= 1 && given && sg.j == sg.i+1 && len(sg.gaz) == 0 && onlyStop(sg)
			if !(prevParticle || fam || city || stopName) {
				break
			}
		}
		if j == k && d.lang.particles[t.Fold] && t.Fold != "عبد" && t.Fold != "ابو" && t.Fold != "ال" && t.Fold != "ولد" {
			return "", k
		}
		if !d.lang.particles[t.Fold] {
			words++
		}
		j++
		if words >= 2 && strings.HasPrefix(t.Fold, "ال") && t.Fold != "ال" && !prevParticle &&
			!(j < len(s.segs) && d.lang.particles[d.toks[s.segs[j].i].Fold] && d.toks[s.segs[j].i].Fold != "ال") {
			// A family name with the article closes the name: "أيمن الصفدي",
			// "محمد شياع السوداني" (what follows is the clause: "… سبل التعاون").
			break
		}
	}
	for j > k && d.lang.particles[d.toks[s.segs[j-1].i].Fold] {
		j--
	}
	if j == k {
		return "", k
	}
	if n := d.seedExtend(s, k, j); n > j {
		// A known office holder's full name goes on past the article's
		// family name: "سارة الزعفراني الزنزري".
		return d.src[d.toks[s.segs[k].i].Start:d.toks[s.segs[n-1].j-1].End], n
	}
	// Cut at a known name: "هاكان فيدان كلمة" is Hakan Fidan, "البرهان حرص" is
	// al-Burhan, "محمد بن زايد أكاليل" is Mohamed bin Zayed.
	if n := d.knownPrefix(s, k, j); n > 0 {
		return d.src[d.toks[s.segs[k].i].Start:d.toks[s.segs[k+n-1].j-1].End], k + n
	}
	if bad && !d.lang.given[d.toks[s.segs[k].i].Fold] {
		return "", k
	}
	name := d.src[d.toks[s.segs[k].i].Start:d.toks[s.segs[j-1].j-1].End]
	// One word is a name only when the article names that person in full
	// elsewhere: a known surname ("الوزير المقداد").
	if j == k+1 && !d.knownForm(text.Fold(name)) {
		return "", k
	}
	return name, j
}

// portfolioThenName reports that the definite word at segment j starts the
// rest of a ministry's name, not the minister's: definite nouns and
// adjectives (and a nationality) run on without a break to a name of two
// words or more that starts with a given name, or the run coordinates its
// nouns with و like a portfolio ("… والتنمية المستدامة"). Names with the
// article (الطيب البكوش) are followed by the clause, not by another name.
// coord says the frame already skipped words of the portfolio.
func (d *doc) portfolioThenName(s *sentence, j int, coord bool) bool {
	for m := j + 1; m < len(s.segs) && m <= j+6; m++ {
		sg := &s.segs[m]
		t := d.toks[sg.i]
		if d.breakBefore(sg.i) || !t.Arabic {
			return false
		}
		if sg.place(gazetteer.Demonym) != nil && len(sg.lex) == 0 {
			continue
		}
		if definite(t.Fold) && (sg.plain() || onlyKinds(sg.lex, kPortfolio, kTopic, kAdj)) {
			if strings.HasPrefix(t.Fold, "وال") {
				coord = true
			}
			continue
		}
		if rest, ok := strings.CutPrefix(t.Fold, "و"); ok && sg.plain() && !d.lang.given[rest] && !d.lang.given[t.Fold] && m+1 < len(s.segs) && definite(d.toks[s.segs[m+1].i].Fold) {
			// "وتحديث الإدارة": one more noun of the portfolio.
			coord = true
			continue
		}
		if !sg.plain() || strings.HasPrefix(t.Fold, "و") {
			return false
		}
		if !coord && !d.lang.given[t.Fold] {
			return false
		}
		_, n := d.arabicName(s, m)
		return n >= m+2
	}
	return false
}

// knownPrefix returns the length in segments of the longest prefix of the run
// [k, j) that is a known person's form or the start of one (at least two
// words, never ending on a particle), or 0.
func (d *doc) knownPrefix(s *sentence, k, j int) int {
	var runBuf [16]string
	run := runBuf[:0]
	for m := k; m < j; m++ {
		run = append(run, d.toks[s.segs[m].i].Fold)
	}
	// The words of each known form, split into one reused array: this runs
	// for every name candidate against every person found so far.
	var ftBuf [16]string
	best := 0
	for _, p := range d.persons {
		if n := len(p.tokens); n >= 2 && len(run) > 1 && run[0] == p.tokens[n-1] && best < 1 {
			best = 1 // "المقداد تلقى": a known surname, then something else
		}
		// Another known person starts inside the run: "عبداللطيف الزياني ولد
		// الشيخ أحمد" is two people. The forms are p's folds, then (Arabic,
		// three words or more) its name without the first word, whose words
		// are p.tokens[1:] themselves.
		nForms := len(p.folds)
		if !p.latin && len(p.tokens) >= 3 {
			nForms++
		}
		for fi := range nForms {
			var ft []string
			if fi < len(p.folds) {
				ft = appendFields(ftBuf[:0], p.folds[fi])
			} else {
				ft = p.tokens[1:]
			}
			if len(ft) < 2 {
				continue
			}
			for m := 2; m+len(ft) <= len(run); m++ {
				if slices.Equal(run[m:m+len(ft)], ft) && (best == 0 || m < best) {
					return m
				}
			}
		}
		for _, f := range p.folds {
			ft := appendFields(ftBuf[:0], f)
			n := 0
			for n < len(ft) && n < len(run) && ft[n] == run[n] {
				n++
			}
			full := n == len(ft)
			if n == len(run) {
				continue // the run is (a prefix of) the known form: no cut needed
			}
			if n >= 2 || (full && n == 1) {
				for n > 0 && d.lang.particles[run[n-1]] {
					n--
				}
				if n > best {
					best = n
				}
			}
		}
	}
	return best
}

// nameWord reports a recognised word that may still stand inside a Latin
// name: a small city ("Santos", "Salem"), an honorific after the first word
// ("Hassan Sheikh"), a long stop word in title case.
func (d *doc) nameWord(sg *seg, inside bool) bool {
	if !inside || sg.j != sg.i+1 {
		return false
	}
	if len(sg.lex) == 0 && onlyKind(sg, gazetteer.City) && !sg.place(gazetteer.City).Capital {
		return true
	}
	if len(sg.gaz) == 0 && sg.has(kHonor) {
		for _, e := range sg.lex {
			if e.kind != kHonor && e.kind != kStop {
				return false
			}
		}
		return true
	}
	return false
}

func onlyKind(sg *seg, k gazetteer.Kind) bool {
	for _, e := range sg.gaz {
		if e.Kind != k {
			return false
		}
	}
	return len(sg.gaz) > 0
}

func onlyStop(sg *seg) bool {
	for _, e := range sg.lex {
		if e.kind != kStop {
			return false
		}
	}
	return true
}

// definite reports an Arabic word with the article, possibly after a clitic
// (الفار، والسياسة، للشؤون): an adjective or a noun, not the start of a name.
func definite(f string) bool {
	for _, p := range []string{"ال", "وال", "فال", "بال", "لل", "ولل", "كال"} {
		if strings.HasPrefix(f, p) && len(f) > len(p)+2 {
			return true
		}
	}
	return false
}

// hasTanween reports an indefinite case ending (سفيراً، جديداً): common nouns
// and adjectives carry it, names in the news never do.
func hasTanween(s string) bool {
	return strings.ContainsAny(s, "\u064b\u064c\u064d")
}

// firstForm returns the lexicon or gazetteer form a segment matched.
func firstForm(sg *seg) string {
	if len(sg.lex) > 0 {
		return sg.lex[0].form
	}
	if len(sg.gaz) > 0 {
		return sg.gaz[0].Form
	}
	return ""
}

// isArticle reports a definite or indefinite article, which may follow the
// comma between an office and a name ("…, le général X", "…, the envoy").
func isArticle(f string) bool {
	switch f {
	case "le", "la", "l", "les", "the", "a", "an", "un", "une":
		return true
	}
	return false
}

// capitalWords counts the capitalised words of segments [k, n).
func (d *doc) capitalWords(s *sentence, k, n int) int {
	c := 0
	for m := k; m < n; m++ {
		if isUpperStart(d.toks[s.segs[m].i].Text) {
			c++
		}
	}
	return c
}

// thisCountry resolves "ce pays", "this country", "هذا البلد" at segment j
// (the demonstrative) to the last country named before it in the sentence.
func (d *doc) thisCountry(s *sentence, j int) string {
	if f := d.toks[s.segs[j].i].Fold; f == "البلاد" && s.segs[j].j == s.segs[j].i+1 && j > 0 && s.segs[j-1].has(kTitle) {
		// "أمير البلاد", "رئيس البلاد": the country of the dateline, the
		// first place the sentence names.
		for k := 0; k < j; k++ {
			if e := s.segs[k].place(gazetteer.Country, gazetteer.City); e != nil {
				return e.Code
			}
		}
		return d.home
	}
	if j+1 >= len(s.segs) {
		return ""
	}
	a, b := d.toks[s.segs[j].i].Fold, d.toks[s.segs[j+1].i].Fold
	switch {
	case (a == "ce" || a == "cet") && (b == "pays" || b == "etat"),
		a == "this" && b == "country",
		(a == "هذا" || a == "هذه") && (b == "البلد" || b == "الدوله"):
	default:
		return ""
	}
	c := ""
	for k := 0; k < j; k++ {
		if e := s.segs[k].place(gazetteer.Country); e != nil {
			c = e.Code
		}
	}
	return c
}

// portfolioWord reports, inside a French ministerial title, a word of the
// portfolio's name: a capitalised noun right after an article or "de"
// ("des Pêches", "de la Planification"), or a lower-case adjective or "et"
// continuing it ("Infrastructures maritimes et portuaires").
func (d *doc) portfolioWord(s *sentence, j int) bool {
	sg := &s.segs[j]
	t := d.toks[sg.i]
	if len(sg.gaz) > 0 || sg.has(kTitle) || sg.has(kTrigger) {
		return false
	}
	if j == 0 {
		return false
	}
	prev := d.toks[s.segs[j-1].j-1]
	prevLink := s.segs[j-1].has(kLink) || isArticle(prev.Fold)
	if isUpperStart(t.Text) {
		return prevLink && (sg.plain() || sg.has(kTopic) || sg.has(kPortfolio))
	}
	if sg.plain() && j+1 < len(s.segs) {
		// A lower-case adjective continues the portfolio only before more of
		// it, not before the verb.
		nx := &s.segs[j+1]
		return nx.has(kLink) || targetWord(d.toks[nx.i].Fold) || isUpperStart(d.toks[nx.i].Text) && !nx.has(kTrigger)
	}
	return false
}

// capsThenBreak reports that segments from j on are words of a proper phrase
// (capitalised words, links, lower-case words, a parenthesised acronym) up to a
// comma followed by a capitalised name of two words: it returns the segment
// where the name starts, or -1.
func (d *doc) capsThenBreak(s *sentence, j int) int {
	for m := j + 1; m < len(s.segs) && m <= j+8; m++ {
		sg := &s.segs[m]
		g := d.gap(sg.i)
		if strings.ContainsAny(g, ".!?;") {
			return -1
		}
		if hasComma(g) {
			if m+1 < len(s.segs) && sg.plain() && isUpperStart(d.toks[sg.i].Text) && isUpperStart(d.toks[s.segs[m+1].i].Text) && !d.breakBefore(s.segs[m+1].i) {
				return m
			}
			return -1
		}
		if sg.has(kTrigger) || sg.has(kTitle) || len(sg.gaz) > 0 && !strings.Contains(g, "(") {
			return -1
		}
	}
	return -1
}

// conjIn reports a conjunction among segments [k, j).
func (d *doc) conjIn(s *sentence, k, j int) bool {
	for m := k; m < j; m++ {
		if d.conj(s.segs[m]) {
			return true
		}
	}
	return false
}

// englishNameStart looks at the capitalised run from segment j (words,
// portfolios, "and") up to a stop; when it holds four capitalised words or
// more, the name is the last two (three after a particle) and the function
// returns the segment where it starts, else -1.
func (d *doc) englishNameStart(s *sentence, j int) int {
	end := j
	caps := 0
	for m := j; m < len(s.segs); m++ {
		sg := &s.segs[m]
		if m > j && d.breakBefore(sg.i) {
			break
		}
		t := d.toks[sg.i]
		switch {
		case d.conj(*sg):
		case sg.has(kPortfolio) || sg.has(kTopic) && len(sg.gaz) == 0:
			caps++
		case sg.plain() && isUpperStart(t.Text):
			caps++
		case sg.plain() && d.lang.particles[t.Fold]:
		default:
			m = len(s.segs)
			continue
		}
		end = m + 1
	}
	if caps < 4 || end-j < 4 {
		return -1
	}
	start := end - 2
	if start-1 > j && d.lang.particles[d.toks[s.segs[start-1].i].Fold] {
		start -= 2
	}
	for m := start; m < end; m++ {
		if !s.segs[m].plain() {
			return -1
		}
	}
	return start
}

// initial reports that token i is the initial of a given name: one capital
// letter after a space, a period, then a capitalised word ("S. Jaishankar").
// "U.S." is an acronym: its letters are joined by periods.
func (d *doc) initial(i int) bool {
	if i <= 0 || i+1 >= len(d.toks) {
		return false
	}
	t := d.toks[i].Text
	if len(t) != 1 || t[0] < 'A' || t[0] > 'Z' || strings.TrimSpace(d.gap(i+1)) != "." || strings.Contains(d.gap(i), ".") {
		return false
	}
	return isUpperStart(d.toks[i+1].Text)
}

// ofWord reports "of", "de" or "d'" at token i.
func (d *doc) ofWord(i int) bool {
	switch d.toks[i].Fold {
	case "of", "de", "d":
		return true
	}
	return false
}

// brokenPlural reports a word of the plural pattern أفعال: five letters, a
// hamza-seated alif first, a long a before the last letter (أعمال، أطراف).
// Given names of that shape (أفراح، أشواق) are in the given-name list.
func brokenPlural(w string) bool {
	r, ok := fiveLetters(w)
	return ok && r[0] == 'أ' && r[3] == 'ا' && r[1] != 'ي' && r[1] != 'و'
}

// fiveLetters returns the letters of a five-letter word (ok false for any
// other length), for the patterns below.
func fiveLetters(w string) (r [5]rune, ok bool) {
	n := 0
	for _, c := range w {
		if n == 5 {
			return r, false
		}
		r[n] = c
		n++
	}
	return r, n == 5
}

// verbalNoun reports a folded word of the pattern تفعيل, the verbal noun of
// the causative verbs news writes after an office (تمديد، تزويد، تعزيز،
// تطوير، تسهيل): never a name's first word, except given names of that shape
// (تحسين، تيسير), which the caller checks first.
func verbalNoun(w string) bool {
	r, ok := fiveLetters(w)
	return ok && r[0] == 'ت' && r[3] == 'ي' && r[1] != 'ي' && r[1] != 'و' && r[1] != 'ا' && r[2] != 'ا'
}

// placeHeads are the common nouns a place name complements ("les pêcheurs de
// Guet-Ndar", "le poste frontalier de Ras Jedir", "the port of Ras Tanura"):
// a capitalised run after one of them and "de"/"of" names a place or its
// people, never a person.
var placeHeads = map[string]bool{
	"ville": true, "villes": true, "region": true, "port": true, "poste": true, "frontalier": true,
	"passage": true, "quartier": true, "commune": true, "localite": true, "village": true,
	"camp": true, "zone": true, "province": true, "wilaya": true, "gouvernorat": true,
	"departement": true, "ile": true, "iles": true, "pecheurs": true, "habitants": true,
	"population": true, "populations": true, "aeroport": true, "barrage": true, "gisement": true,
	"city": true, "town": true, "crossing": true, "district": true, "area": true,
	"island": true, "islands": true, "governorate": true, "residents": true, "fishermen": true,
	"airport": true, "dam": true, "oilfield": true, "field": true, "border": true,
}

// placeGenitive reports a capitalised run at segment k that complements a
// place noun: "pêcheurs de Guet-Ndar", "the town of Ras Ajdir".
func (d *doc) placeGenitive(s *sentence, k int) bool {
	i := s.segs[k].i
	if i < 2 || d.breakBefore(i) {
		return false
	}
	switch d.toks[i-1].Fold {
	case "de", "d", "du", "of":
	default:
		return false
	}
	return placeHeads[d.toks[i-2].Fold] && !d.breakBefore(i-1)
}

// listGoesOn reports that the link words from segment j (and, et, du, de la)
// lead to one more country of a list.
func (d *doc) listGoesOn(s *sentence, j int) bool {
	m := j
	for m < len(s.segs) && m < j+3 && s.segs[m].has(kLink) && partyOf(&s.segs[m]) == "" {
		if m > j && d.breakBefore(s.segs[m].i) {
			return false
		}
		m++
	}
	return m < len(s.segs) && !d.breakBefore(s.segs[m].i) && partyOf(&s.segs[m]) != ""
}

// countriesBefore reads the countries listed before the nationality at
// segment p of a plural office ("Egypt, Sudan, South Sudan foreign
// ministers", "the Malian, Nigerien and Burkinabe ministers"), nearest
// last, as actors of that office.
func (d *doc) countriesBefore(s *sentence, p int, a *actor) []*actor {
	var pre []*actor
	seen := []string{a.country}
	for q := p; q > 0; {
		r := q - 1
		if d.conj(s.segs[r]) && !d.breakBefore(s.segs[q].i) {
			r--
		} else if !strings.Contains(d.gap(s.segs[q].i), ",") {
			break
		}
		if r < 0 {
			break
		}
		c := partyOf(&s.segs[r])
		if c == "" || slices.Contains(seen, c) {
			break
		}
		seen = append(seen, c)
		pre = append([]*actor{{i: s.segs[r].i, j: s.segs[r].j, title: a.title, portfolio: a.portfolio, country: c}}, pre...)
		q = r
	}
	return pre
}

// respectively reads a list of names from segment j, one per actor of a
// plural office's list of nationalities, and gives each actor its person in
// order. It returns the segment after the list, or j when the names are not
// exactly as many as the actors.
func (d *doc) respectively(s *sentence, j int, acts []*actor) int {
	type span struct {
		name string
		k, n int
	}
	var names []span
	m := j
	for m < len(s.segs) && len(names) <= len(acts) {
		name, n := d.nameRun(s, m)
		if n <= m {
			break
		}
		names = append(names, span{name, m, n})
		if n >= len(s.segs) {
			m = n
			break
		}
		switch {
		case d.conj(s.segs[n]) && n+1 < len(s.segs):
			m = n + 1
		case hasComma(d.gap(s.segs[n].i)):
			m = n
		default:
			m = -1
		}
		if m < 0 {
			m = n
			break
		}
	}
	if len(names) != len(acts) {
		return j
	}
	for i, a := range acts {
		a.i, a.j = s.segs[names[i].k].i, s.segs[names[i].n-1].j
		a.p = d.person(names[i].name, s, a)
	}
	return names[len(names)-1].n
}

// verbalNounVIII reports a folded word of the pattern افتعال (التزام،
// اجتماع، انتخاب، احترام): a verbal noun, never a name's first word, except
// given names of that shape (ابتسام، انتصار), which the caller checks first.
func verbalNounVIII(w string) bool {
	r := []rune(w)
	return len(r) == 6 && r[0] == 'ا' && r[2] == 'ت' && r[4] == 'ا'
}
