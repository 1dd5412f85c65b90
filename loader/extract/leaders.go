package extract

import (
	"strings"

	"diplograph/loader/gazetteer"
)

// Heads of state and government are usually named without their office in
// wire copy ("Emmanuel Macron s'est entretenu mardi avec …", "Abdelmadjid
// Tebboune received …", "A, B and C arrived in Kyiv for talks with D"). A bare
// capitalised name is only a provisional person (framesIn); the rules here make
// it a party when the grammar puts it in a meeting: the subject of a meeting
// verb, or the name joined to a meeting word by "with"/"avec". Such a leader is
// listed only when a nationality is found for it by the rules of leaderCountry
// (never the article's default party: a wrong nationality is worse than none).

// leadersIn promotes the provisional bare names of one sentence that the
// sentence makes parties to a meeting. Arabic names have no capitals and are
// found by their frames only.
func (d *doc) leadersIn(s *sentence) {
	if d.lang.code == "ar" || len(s.actors) == 0 {
		return
	}
	for i := 0; i < len(s.actors); i++ {
		a := s.actors[i]
		if a.p == nil {
			continue
		}
		if c := d.possessiveCountry(s, a.i); c != "" && a.p.title == nil && d.hasMeetTrigger(s) {
			// "hosted Sudan's Mohamed Abdel Rahman and South Sudan's James
			// Deng Akol": the possessive names the party the person stands
			// for in the meeting.
			if a.p.provis {
				d.promote(a.p)
			}
			if a.p.country == "" {
				a.p.country = c
			}
			continue
		}
		if !a.p.provis {
			continue
		}
		if i == 0 && d.subjectStart(s, a) {
			// A list of bare names: "A, B and C arrived", "A et B se sont
			// rencontrés".
			last := i
			for last+1 < len(s.actors) {
				b := s.actors[last+1]
				if b.p == nil || !b.p.provis || !d.listGap(s.actors[last].j, b.i) {
					break
				}
				last++
			}
			if d.meetVerbAt(s, s.actors[last].j) {
				for k := i; k <= last; k++ {
					d.promote(s.actors[k].p)
					// Several bare names share one side: the other side of
					// the meeting does not tell which country is whose.
					s.actors[k].p.listed = s.actors[k].p.listed || last > i
				}
				i = last
				continue
			}
		}
		if d.meetWordWith(s, a.i) {
			d.promote(a.p)
		}
	}
}

func (d *doc) promote(p *person) {
	p.provis = false
	p.leader = true
}

// subjectStart reports that nothing but a dateline (capitalised words,
// numbers, punctuation, dates) comes before actor a in its sentence: a is the
// sentence's grammatical subject.
func (d *doc) subjectStart(s *sentence, a *actor) bool {
	for k := range s.segs {
		sg := &s.segs[k]
		if sg.i >= a.i {
			return true
		}
		if sg.has(kMonth) || sg.has(kWeekday) || sg.place(gazetteer.City, gazetteer.Country) != nil {
			continue
		}
		for t := sg.i; t < sg.j; t++ {
			if tx := d.toks[t].Text; !isUpperStart(tx) && number(d.toks[t].Fold) < 0 {
				return false
			}
		}
	}
	return true
}

// listGap reports that tokens [i, j) between two names are only a comma or a
// conjunction.
func (d *doc) listGap(i, j int) bool {
	if j-i > 1 {
		return false
	}
	if j == i+1 {
		switch d.toks[i].Fold {
		case "and", "et":
			return !d.breakBefore(i) || strings.TrimSpace(d.gap(i)) == ","
		}
		return false
	}
	return strings.TrimSpace(d.gap(j)) == ","
}

// meetVerbAt reports a meeting verb (not a noun) starting at token i, after
// at most two adverbial segments (a weekday, a relative day word): "Emmanuel
// Macron s'est entretenu", "Tebboune on Tuesday received".
func (d *doc) meetVerbAt(s *sentence, i int) bool {
	k := d.segAt(s, i)
	if k < 0 {
		return false
	}
	for n := 0; k < len(s.segs) && n < 3; k, n = k+1, n+1 {
		sg := &s.segs[k]
		if t := sg.find(kTrigger); t != nil {
			return t.val == "meet" && t.c != "noun"
		}
		if !(sg.has(kWeekday) || sg.has(kRel) || sg.has(kStop) && (d.toks[sg.i].Fold == "on" || d.toks[sg.i].Fold == "le")) {
			return false
		}
	}
	return false
}

// meetWordWith reports a meeting word followed by "with"/"avec" right before
// token i: "for talks with Volodymyr Zelensky", "s'est entretenu avec Paul
// Kagame".
func (d *doc) meetWordWith(s *sentence, i int) bool {
	if i < 2 {
		return false
	}
	switch d.toks[i-1].Fold {
	case "with", "avec":
	default:
		return false
	}
	k := d.segAt(s, i-2)
	if k < 0 || d.breakBefore(i-1) {
		return false
	}
	t := s.segs[k].find(kTrigger)
	return t != nil && t.val == "meet" && s.segs[k].j == i-1
}

// leaderCountry is the nationality of a bare-name leader from the meeting it
// takes part in: the other side of someone of known nationality it meets
// (either as subject or as object), or nothing. One of a list of bare names
// gets its nationality from a later office only ("le président congolais").
func (d *doc) leaderCountry(p *person) string {
	if p.listed {
		return ""
	}
	for _, s := range d.sents {
		for i, a := range s.actors {
			if a.p != p {
				continue
			}
			for j, b := range s.actors {
				if j == i || b.p == nil || b.p == p || b.p.country == "" || b.p.leader && b.p.title == nil {
					continue
				}
				lo, hi := a, b
				if j < i {
					lo, hi = b, a
				}
				if d.meetBetween(s, lo.j, hi.i) || d.meetBetween(s, s.segs[0].i, lo.i) && d.lang.code == "ar" {
					if c := d.homeExcept(b.p.country); c != "" {
						return c
					}
				}
			}
		}
	}
	return ""
}

// duals binds "the two ministers" (الوزيران، les deux ministres, both
// presidents) to the two persons of that office last named, of two different
// countries: the actor becomes two actors, so that "وكان الوزيران قد عقدا
// جلسة مباحثات" is a meeting between them.
func (d *doc) duals() {
	for _, s := range d.sents {
		for idx := 0; idx < len(s.actors); idx++ {
			a := s.actors[idx]
			if a.p != nil || a.title == nil || a.title.flags&flPl == 0 || a.country != "" || !d.dual(a) {
				continue
			}
			var p1, p2 *person
			l1, l2 := -1, -1
			for _, p := range d.persons {
				if p.title == nil || p.country == "" || !(sameOffice(a, p) || strings.TrimSuffix(a.title.val, "s") == p.title.val) {
					continue
				}
				l := d.lastMentionBefore(p, s, a.i)
				switch {
				case l < 0:
				case l > l1:
					if p1 != nil && p1.country != p.country {
						p2, l2 = p1, l1
					}
					p1, l1 = p, l
				case l > l2 && p.country != p1.country:
					p2, l2 = p, l
				}
			}
			if p2 == nil {
				continue
			}
			b := *a
			a.p, b.p = p1, p2
			s.actors = append(s.actors[:idx+1], append([]*actor{&b}, s.actors[idx+1:]...)...)
			idx++
		}
	}
}

// dual reports a plural office that names two: an Arabic dual (الوزيران،
// الرئيسين) or "two"/"both"/"deux" before it.
func (d *doc) dual(a *actor) bool {
	t := d.toks[a.i]
	if t.Arabic {
		return strings.HasSuffix(t.Fold, "ان") || strings.HasSuffix(t.Fold, "ين")
	}
	if a.i > 0 {
		switch d.toks[a.i-1].Fold {
		case "two", "both", "deux":
			return true
		}
	}
	return false
}

// possessiveCountry returns the party named in the possessive right before
// token i ("Sudan's", "the UN's"), or "".
func (d *doc) possessiveCountry(s *sentence, i int) string {
	if i < 2 || d.toks[i-1].Fold != "s" || strings.TrimSpace(d.gap(i-1)) != "'" && strings.TrimSpace(d.gap(i-1)) != "’" {
		return ""
	}
	for k := range s.segs {
		if s.segs[k].j == i-1 {
			return partyOf(&s.segs[k])
		}
	}
	return ""
}

// hasMeetTrigger reports a meeting trigger in the sentence.
func (d *doc) hasMeetTrigger(s *sentence) bool {
	for k := range s.segs {
		if t := s.segs[k].find(kTrigger); t != nil && t.val == "meet" {
			return true
		}
	}
	return false
}
