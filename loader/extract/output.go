package extract

import (
	"slices"
	"strconv"
	"strings"

	"diplograph/loader/text"
)

// run performs the passes of an extraction in order.
func (d *doc) run() {
	d.officials()
	d.numberPersons()
	d.events()
	d.finish()
}

// numberPersons gives the persons that are officials their refs, in order of
// first mention.
func (d *doc) numberPersons() {
	n := 0
	for _, p := range d.persons {
		if p.provis || p.country == "" || p.title == nil && !p.cp && p.cpOf == nil && !p.leader {
			continue
		}
		n++
		p.ref = "o" + strconv.Itoa(n)
	}
}

func (p *person) refID() string { return p.ref }

// finish writes the officials (only in articles that report a diplomatic
// event: FORMAT.md lists the office holders taking part in or reported at one).
func (d *doc) finish() {
	// Drop participants that are not officials (no ref).
	for i := range d.res.Meetings {
		m := &d.res.Meetings[i]
		var refs, parts []string
		for k, r := range m.Refs {
			if r != "" {
				refs = append(refs, r)
				parts = append(parts, m.Participants[k])
			}
		}
		m.Refs, m.Participants = orEmpty(refs), orEmpty(parts)
	}
	if len(d.res.Meetings) == 0 && len(d.res.Agreements) == 0 {
		return
	}
	denied := d.deniedOnly()
	// Room for every numbered person: one array instead of regrowing one
	// of large structs.
	refs := 0
	for _, p := range d.persons {
		if p.ref != "" {
			refs++
		}
	}
	d.res.Officials = slices.Grow(d.res.Officials, refs)
	for _, p := range d.persons {
		if p.ref == "" || denied[p] || d.onlySpeaks(p) {
			continue
		}
		o := Official{Ref: p.ref, Country: p.country, Evidence: p.evidence}
		o.Aliases = append(make([]string, 0, len(p.forms)+1), p.forms...) // room for the Latin name
		if p.latin {
			o.Name = p.forms[0]
		} else {
			// As the press of the official's country writes it (Kamel
			// Beldjoud for an Algerian, Gamal for an Egyptian); organisation
			// codes and other countries get the general spelling.
			o.Name = latinName(p.forms[0], p.country)
			if o.Name != "" && !slices.Contains(o.Aliases, o.Name) {
				o.Aliases = append(o.Aliases, o.Name)
			}
		}
		if p.title != nil {
			o.Title = d.titleName(p)
		}
		o.Portfolio = p.portfolio
		d.res.Officials = append(d.res.Officials, o)
	}
}

// regnal maps the folded Arabic ordinals of kings' names to Roman numerals.
var regnal = map[string]string{
	"الاول": "I", "الثاني": "II", "الثالث": "III", "الرابع": "IV", "الخامس": "V",
	"السادس": "VI", "السابع": "VII", "الثامن": "VIII", "التاسع": "IX", "العاشر": "X",
}

// latinName renders an Arabic name in Latin letters, the regnal number of a
// king as a Roman numeral ("محمد السادس" is Mohammed VI, not "Mohamed El
// Sads"; "عبد الله الثاني" Abdullah II).
func latinName(arabic, country string) string {
	if sp := strings.LastIndexByte(arabic, ' '); sp > 0 {
		if r, ok := regnal[text.Fold(arabic[sp+1:])]; ok {
			if base := text.LatinFor(arabic[:sp], country); base != "" {
				return base + " " + r
			}
		}
	}
	return text.LatinFor(arabic, country)
}

// deniedOnly returns the persons named only in sentences that deny an
// encounter ("Rubio did not meet Wang Yi", "Aucun entretien avec le roi n'a
// été annoncé") or report a domestic meeting ("chaired a cabinet meeting"):
// they take part in no diplomatic event of the article. nil when no sentence
// is of either kind.
func (d *doc) deniedOnly() map[*person]bool {
	var out map[*person]bool
	for _, s := range d.sents {
		if (s.negMeet || s.domestic) && out == nil {
			out = map[*person]bool{}
		}
	}
	if out == nil {
		return nil
	}
	for _, s := range d.sents {
		for _, a := range s.actors {
			if a.p == nil {
				continue
			}
			if v, seen := out[a.p]; !s.negMeet && !s.domestic {
				out[a.p] = false
			} else if !seen || v {
				out[a.p] = true
			}
		}
	}
	return out
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// titleName renders the canonical English title: "Minister of {p}" filled
// with the portfolio's English name.
func (d *doc) titleName(p *person) string {
	t := p.title.val
	if i := indexPlaceholder(t); i >= 0 {
		name := d.x.lx.portfolios[p.portfolio]
		if name == "" {
			return trimOf(t[:i])
		}
		return t[:i] + name + t[i+3:]
	}
	return t
}

func indexPlaceholder(s string) int {
	for i := 0; i+3 <= len(s); i++ {
		if s[i:i+3] == "{p}" {
			return i
		}
	}
	return -1
}

// trimOf turns "Minister of " into "Minister".
func trimOf(s string) string {
	for _, suf := range []string{" of ", " of"} {
		if len(s) >= len(suf) && s[len(s)-len(suf):] == suf {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// onlySpeaks reports a spokesperson who takes part in no meeting and signs
// nothing: "… foreign ministry spokesman X said" reports the event, the
// spokesperson is not at it.
func (d *doc) onlySpeaks(p *person) bool {
	if p.portfolio != "spokesperson" {
		return false
	}
	for _, m := range d.res.Meetings {
		if slices.Contains(m.Refs, p.ref) {
			return false
		}
	}
	for _, a := range d.res.Agreements {
		if slices.Contains(a.Signatories, p.ref) {
			return false
		}
	}
	return true
}
