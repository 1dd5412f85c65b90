package extract

import (
	"slices"
	"strings"

	"diplograph/loader/text"
)

// consolidate merges the meetings of one article that report the same
// encounter. An article tells one visit many times over — the lead, the
// talks "during the meeting", each side's statement "after the meeting" —
// and each telling is found by its own trigger; the graph wants one meeting
// with every telling as a source.
//
// Two meetings are the same encounter when they have the same parties, the
// same status, compatible kinds (a visit is a meeting seen from the guest's
// side; calls and summits only match their own kind), compatible dates (equal,
// or one unknown) and, when both name participants, at least one participant
// in common. Each meeting joins the first earlier group it is compatible with,
// so the article's order decides, deterministically. Agreements that pointed
// at a merged meeting point at its group.
func consolidate(r *Result) {
	defer consolidateAgreements(r)
	if len(r.Meetings) < 2 {
		return
	}
	absorbPairs(r)
	var groups []Meeting
	where := make([]int, len(r.Meetings)) // meeting index → group index
	for i, m := range r.Meetings {
		g := slices.IndexFunc(groups, func(g Meeting) bool { return sameEncounter(g, m) })
		if g < 0 {
			where[i] = len(groups)
			groups = append(groups, m)
			continue
		}
		where[i] = g
		groups[g] = mergeMeetings(groups[g], m)
	}
	if len(groups) < len(r.Meetings) {
		r.Meetings = groups
		for i := range r.Agreements {
			if k := r.Agreements[i].Meeting; k >= 0 && k < len(where) {
				r.Agreements[i].Meeting = where[k]
			}
		}
	}
}

// consolidateAgreements merges the agreements of one article that are the
// same accord told twice — typically the headline ("agree to open Debdeb
// crossing") and the body ("agreed to open the Debdeb border crossing and
// …"): same parties and status, and every content word of the shorter
// subject (at least two) in the longer one. The fuller subject is kept.
func consolidateAgreements(r *Result) {
	if len(r.Agreements) < 2 {
		return
	}
	// Every pair compares the content words of both subjects: split each
	// subject once.
	memo := map[string][]string{}
	words := func(s string) []string {
		w, ok := memo[s]
		if !ok {
			w = contentWords(s)
			memo[s] = w
		}
		return w
	}
	var out []Agreement
	for _, a := range r.Agreements {
		j := slices.IndexFunc(out, func(b Agreement) bool { return sameAccord(a, b, words) })
		if j < 0 {
			out = append(out, a)
			continue
		}
		b := out[j]
		if len(words(a.Subject)) > len(words(b.Subject)) {
			a, b = b, a
		}
		// b is the fuller telling; a fills what b lacks.
		if b.Date == "" {
			b.Date = a.Date
		}
		if b.Meeting < 0 {
			b.Meeting = a.Meeting
		}
		for _, s := range a.Signatories {
			if !slices.Contains(b.Signatories, s) {
				b.Signatories = append(slices.Clip(b.Signatories), s)
			}
		}
		for _, t := range a.Topics {
			if !slices.Contains(b.Topics, t) {
				b.Topics = append(slices.Clip(b.Topics), t)
			}
		}
		out[j] = b
	}
	r.Agreements = out
}

// headlineAgreements drops the agreement the headline tells when the body
// tells one of the same parties and status: a headline summarises the lead
// in other words ("Lebanon, Syria agree to set up border demarcation
// committee" / "the two sides agreed to form a joint committee to demarcate
// the land border"), it never reports an accord the body leaves out. Of
// several body tellings, the one sharing most content words takes the
// headline's date and meeting when it lacks them.
func headlineAgreements(r *Result, title string) {
	title = strings.TrimSpace(title)
	if title == "" || len(r.Agreements) < 2 {
		return
	}
	drop := make([]bool, len(r.Agreements))
	for i, a := range r.Agreements {
		if a.Evidence == "" || !strings.Contains(title, a.Evidence) {
			continue
		}
		best, bestN := -1, -1
		wa := contentWords(a.Subject)
		for j, b := range r.Agreements {
			if j == i || drop[j] || strings.Contains(title, b.Evidence) || b.Status != a.Status || !slices.Equal(a.Countries, b.Countries) {
				continue
			}
			n := 0
			for _, w := range contentWords(b.Subject) {
				if slices.Contains(wa, w) {
					n++
				}
			}
			if n > bestN {
				best, bestN = j, n
			}
		}
		if best < 0 {
			continue
		}
		b := &r.Agreements[best]
		if b.Date == "" {
			b.Date = a.Date
		}
		if b.Meeting < 0 {
			b.Meeting = a.Meeting
		}
		drop[i] = true
	}
	out := r.Agreements[:0]
	for i, a := range r.Agreements {
		if !drop[i] {
			out = append(out, a)
		}
	}
	r.Agreements = out
}

// sameAccord reports two tellings of one accord; words returns the content
// words of a subject (contentWords).
func sameAccord(a, b Agreement, words func(string) []string) bool {
	if a.Status != b.Status || !slices.Equal(a.Countries, b.Countries) {
		return false
	}
	if a.Date != "" && b.Date != "" && a.Date != b.Date {
		return false
	}
	wa, wb := words(a.Subject), words(b.Subject)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) < 2 {
		return false
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}

// contentWords are the folded words of a subject longer than three letters
// (which drops most function words in the three languages: to, the, on, de,
// la, في, على), with the Arabic article and clitics peeled.
func contentWords(s string) []string {
	var out []string
	var tokBuf [32]text.Token // a subject is a short phrase: tokenize on the stack
	for _, t := range text.AppendTokens(tokBuf[:0], s) {
		w := t.Fold
		if t.Arabic {
			if st := text.Peel(w); len(st) > 0 {
				w = st[len(st)-1].Stem
			}
		}
		if len([]rune(w)) > 3 && !slices.Contains(out, w) {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// absorbPairs folds into a meeting of three or four parties the meetings of
// the same article between some of those parties, on the same day (or an
// unknown one) with the same status: "The foreign ministers of Egypt, Sudan
// and South Sudan met … Soliman hosted Sudan's X and South Sudan's Y" is one
// trilateral meeting, told once by its parties and once host by guest. A
// telling that says the talks were bilateral, separate or on the sidelines
// stays its own meeting, and so does a phone call.
func absorbPairs(r *Result) {
	into := make([]int, len(r.Meetings))
	for i := range into {
		into[i] = -1
	}
	for i, m := range r.Meetings {
		if n := len(m.Countries); n < 3 || n > 4 {
			continue
		}
		for j, p := range r.Meetings {
			if j == i || into[j] >= 0 || into[i] >= 0 || len(p.Countries) >= len(m.Countries) || p.Status != m.Status ||
				p.Kind == "call" || m.Kind == "call" || p.Date != "" && m.Date != "" && p.Date != m.Date || apart(p.Evidence) {
				continue
			}
			sub := true
			for _, c := range p.Countries {
				sub = sub && slices.Contains(m.Countries, c)
			}
			if sub {
				into[j] = i
			}
		}
	}
	if !slices.ContainsFunc(into, func(k int) bool { return k >= 0 }) {
		// Nothing absorbed (most articles): the meetings stay as they are,
		// without copying them (the copy was a twentieth of the bytes an
		// extraction allocated).
		return
	}
	var out []Meeting
	where := make([]int, len(r.Meetings))
	for i, m := range r.Meetings {
		if into[i] < 0 {
			where[i] = len(out)
			out = append(out, m)
		}
	}
	if len(out) == len(r.Meetings) {
		return
	}
	for i, m := range r.Meetings {
		if k := into[i]; k >= 0 {
			where[i] = where[k]
			g := out[where[k]]
			kind := g.Kind
			g = mergeMeetings(g, m)
			g.Kind = kind
			out[where[k]] = g
		}
	}
	for i := range r.Agreements {
		a := &r.Agreements[i]
		k := a.Meeting
		if k < 0 || k >= len(where) {
			continue
		}
		if g := into[k]; g >= 0 && a.Kind == "joint-statement" && slices.Equal(a.Countries, r.Meetings[k].Countries) {
			// "The ministers issued a joint statement" after the
			// host-by-guest telling: the statement of every party.
			a.Countries = slices.Clone(r.Meetings[g].Countries)
		}
		a.Meeting = where[k]
	}
	r.Meetings = out
}

// apart reports a telling that says its talks were held apart from a larger
// meeting.
func apart(evidence string) bool {
	f := " " + text.Fold(evidence) + " "
	for _, w := range []string{" bilateral", " bilaterale", " bilateraux", " separate", " separement", " sidelines", " en marge ", " ثنائي", " هامش", " منفصل", " حده "} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func sameEncounter(a, b Meeting) bool {
	if a.Status != b.Status || !slices.Equal(a.Countries, b.Countries) {
		return false
	}
	if a.Kind != b.Kind && !(visitLike(a.Kind) && visitLike(b.Kind)) {
		return false
	}
	if a.Date != "" && b.Date != "" && a.Date != b.Date {
		// A visit lasts days: its arrival ("وكان X قد وصل إلى تونس يوم
		// الأحد في زيارة رسمية") and its talks the next day are one
		// encounter when they share a participant.
		if !(a.Kind == "visit" || b.Kind == "visit") || !daysApart(a.Date, b.Date, 2) || len(a.Refs) == 0 || len(b.Refs) == 0 {
			return false
		}
	}
	if len(a.Refs) > 0 && len(b.Refs) > 0 {
		shared := false
		for _, r := range b.Refs {
			shared = shared || slices.Contains(a.Refs, r)
		}
		return shared
	}
	return true
}

func visitLike(kind string) bool { return kind == "visit" || kind == "meeting" }

// mergeMeetings adds b's telling to the group a: known fields fill unknown
// ones, a visit is more specific than a meeting, participants and topics are
// united, and b's evidence becomes a further source.
func mergeMeetings(a, b Meeting) Meeting {
	if a.Kind == "meeting" && b.Kind == "visit" {
		a.Kind = b.Kind
		a.EventCode = b.EventCode
	}
	if a.Date == "" {
		a.Date = b.Date
	}
	if a.Place == "" {
		a.Place = b.Place
	}
	if a.Host == "" {
		a.Host = b.Host
	}
	for i, ref := range b.Refs {
		if !slices.Contains(a.Refs, ref) {
			a.Refs = append(slices.Clip(a.Refs), ref)
			if i < len(b.Participants) {
				a.Participants = append(slices.Clip(a.Participants), b.Participants[i])
			}
		}
	}
	if len(b.Refs) == 0 {
		for _, p := range b.Participants {
			if !slices.Contains(a.Participants, p) {
				a.Participants = append(slices.Clip(a.Participants), p)
			}
		}
	}
	for _, t := range b.Topics {
		if !slices.Contains(a.Topics, t) {
			a.Topics = append(slices.Clip(a.Topics), t)
		}
	}
	for _, e := range append([]string{b.Evidence}, b.MoreEvidence...) {
		if e != "" && e != a.Evidence && !slices.Contains(a.MoreEvidence, e) {
			a.MoreEvidence = append(slices.Clip(a.MoreEvidence), e)
		}
	}
	return a
}

// daysApart reports two ISO dates at most n days apart.
func daysApart(a, b string, n int) bool {
	x, y := parseISODay(a), parseISODay(b)
	if !x.ok() || !y.ok() {
		return false
	}
	d := x.time().Sub(y.time()).Hours() / 24
	return d <= float64(n) && d >= -float64(n)
}
