package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"diplograph/graph"
	"diplograph/loader/extract"
)

// Hash is the content digest of an article: hex SHA-256 of lang, published,
// title and body joined by NUL (which the reader refuses inside fields, so the
// join is unambiguous). The same text re-loaded, under any id, hashes alike.
func Hash(a extract.Article) string {
	// The fields are copied into one pooled buffer and hashed at once:
	// converting each to a []byte for the digest's Write copied the body
	// into fresh memory, 4 KB of garbage per article.
	bp := hashBufs.Get().(*[]byte)
	b := (*bp)[:0]
	for i, s := range [...]string{a.Lang, a.Published, a.Title, a.Body} {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, s...)
	}
	sum := sha256.Sum256(b)
	*bp = b
	hashBufs.Put(bp)
	return hex.EncodeToString(sum[:])
}

var hashBufs = sync.Pool{New: func() any { return new([]byte) }}

// ToContribution converts what the extractor found in an article into what the
// graph merges (graph.Contribution).
//
//   - Officials keep their Ref; Names are the article's forms of the name (its
//     aliases, fullest first, in the article's language); Latin is the
//     extractor's display name; Date is the date of the first dated event they
//     take part in, else the publication date; Sources are their evidence
//     sentences, else those of their events, else the bare article.
//   - Meetings and agreements keep their fields; mentions the same in every
//     field but their evidence (the article telling it twice) become one
//     with the sources of both, at most maxSources; participants and signatories
//     are Refs (unknown Refs are dropped; a participant given only by name is
//     matched to an official by alias); countries are sorted and de-duplicated;
//     each evidence sentence becomes a Source of the article.
//
// The article's Hash is Hash(a).
func ToContribution(a extract.Article, r extract.Result) graph.Contribution {
	return toContribution(a, r, Hash(a))
}

// toContribution is ToContribution with the article's hash already known
// (the loader hashes each article before it extracts it).
func toContribution(a extract.Article, r extract.Result, hash string) graph.Contribution {
	lang := a.Lang
	if lang == "" {
		lang = r.Lang
	}
	c := graph.Contribution{Article: graph.Article{
		ID: a.ID, URL: a.URL, Title: a.Title, Source: a.Source,
		Published: a.Published, Lang: lang, Hash: hash,
	}}
	src := func(sentence string) graph.Source { return graph.Source{Article: a.ID, Sentence: sentence} }

	refs := make(map[string]bool, len(r.Officials))
	byAlias := make(map[string]string)
	offRefs := make([]string, len(r.Officials))
	for i, o := range r.Officials {
		ref := o.Ref
		if ref == "" || refs[ref] {
			ref = "o" + strconv.Itoa(i+1)
			for refs[ref] {
				ref += "'"
			}
		}
		refs[ref] = true
		offRefs[i] = ref
		for _, al := range append([]string{o.Name}, o.Aliases...) {
			if al != "" {
				if _, ok := byAlias[al]; !ok {
					byAlias[al] = ref
				}
			}
		}
	}
	// Remap the extractor's refs when one had to be renamed above.
	refOf := make(map[string]string, len(r.Officials))
	for i, o := range r.Officials {
		if o.Ref != "" {
			if _, ok := refOf[o.Ref]; !ok {
				refOf[o.Ref] = offRefs[i]
			}
		}
	}
	resolve := func(refList, names []string) []string {
		var out []string
		for _, ref := range refList {
			if to, ok := refOf[ref]; ok && !slices.Contains(out, to) {
				out = append(out, to)
			}
		}
		if len(out) == 0 {
			for _, n := range names {
				if to, ok := byAlias[n]; ok && !slices.Contains(out, to) {
					out = append(out, to)
				}
			}
		}
		return out
	}

	// Events first: officials take their date and fallback sources from them.
	firstDate := map[string]string{}
	evidenceOf := map[string][]string{}
	note := func(refList []string, date, evidence string) {
		for _, ref := range refList {
			if date != "" && firstDate[ref] == "" {
				firstDate[ref] = date
			}
			if evidence != "" && !slices.Contains(evidenceOf[ref], evidence) {
				evidenceOf[ref] = append(evidenceOf[ref], evidence)
			}
		}
	}
	for _, m := range r.Meetings {
		parts := resolve(m.Refs, m.Participants)
		note(parts, m.Date, m.Evidence)
		ss := sources(src, m.Evidence)
		for _, e := range m.MoreEvidence {
			ss = appendSource(ss, src(e))
		}
		c.Meetings = append(c.Meetings, graph.MeetingMention{
			Kind: m.Kind, Status: m.Status, Date: m.Date, Place: m.Place, Host: m.Host,
			Countries: sortedSet(m.Countries), Participants: parts, Topics: m.Topics,
			Code: m.EventCode, Sources: ss,
		})
	}
	for _, ag := range r.Agreements {
		signs := resolve(ag.Signatories, nil)
		note(signs, ag.Date, ag.Evidence)
		meeting := ag.Meeting
		if meeting < 0 || meeting >= len(c.Meetings) {
			meeting = -1
		}
		c.Agreements = append(c.Agreements, graph.AgreementMention{
			Kind: ag.Kind, Status: ag.Status, Subject: ag.Subject, Date: ag.Date,
			Countries: sortedSet(ag.Countries), Signatories: signs, Meeting: meeting,
			Topics: ag.Topics, Code: ag.EventCode, Sources: sources(src, ag.Evidence),
		})
	}
	c.Meetings, c.Agreements = mergeMentions(c.Meetings, c.Agreements)
	for i, o := range r.Officials {
		ref := offRefs[i]
		date := firstDate[ref]
		if date == "" {
			date = a.Published
		}
		var ss []graph.Source
		for _, e := range o.Evidence {
			ss = appendSource(ss, src(e))
		}
		if len(ss) == 0 {
			for _, e := range evidenceOf[ref] {
				ss = appendSource(ss, src(e))
			}
		}
		if len(ss) == 0 {
			ss = []graph.Source{src("")}
		}
		c.Officials = append(c.Officials, graph.OfficialMention{
			Ref: ref, Country: o.Country, Names: names(o, lang), Latin: o.Name,
			Title: o.Title, Portfolio: o.Portfolio, Date: date, Sources: ss,
		})
	}
	detach(&c)
	return c
}

// detach gives the mentions' text their own memory. The extractor's names,
// places, subjects and evidence sentences are substrings of the article, and
// the graph keeps some of them for as long as it runs (the sources of the
// records it caches): each one would hold its whole article in memory. A
// loader of a million articles grew its live heap by ~2 KB per article so.
func detach(c *graph.Contribution) {
	srcs := func(ss []graph.Source) {
		for i := range ss {
			ss[i].Sentence = strings.Clone(ss[i].Sentence)
		}
	}
	strs := func(xs []string) {
		for i := range xs {
			xs[i] = strings.Clone(xs[i])
		}
	}
	for i := range c.Officials {
		o := &c.Officials[i]
		for j := range o.Names {
			o.Names[j].Text = strings.Clone(o.Names[j].Text)
		}
		o.Latin, o.Title = strings.Clone(o.Latin), strings.Clone(o.Title)
		srcs(o.Sources)
	}
	for i := range c.Meetings {
		m := &c.Meetings[i]
		m.Place, m.Host = strings.Clone(m.Place), strings.Clone(m.Host)
		strs(m.Topics)
		srcs(m.Sources)
	}
	for i := range c.Agreements {
		a := &c.Agreements[i]
		a.Subject = strings.Clone(a.Subject)
		strs(a.Topics)
		srcs(a.Sources)
	}
}

// names lists the forms an article uses for an official, fullest first (most
// words, then longest), without duplicates; the Latin display name stands in
// when the extractor gave no alias.
func names(o extract.Official, lang string) []graph.Name {
	var forms []string
	for _, al := range o.Aliases {
		al = strings.TrimSpace(al)
		if al != "" && !slices.Contains(forms, al) {
			forms = append(forms, al)
		}
	}
	if len(forms) == 0 && o.Name != "" {
		forms = append(forms, o.Name)
	}
	slices.SortStableFunc(forms, func(x, y string) int {
		if d := len(strings.Fields(y)) - len(strings.Fields(x)); d != 0 {
			return d
		}
		return utf8.RuneCountInString(y) - utf8.RuneCountInString(x)
	})
	out := make([]graph.Name, len(forms))
	for i, f := range forms {
		out[i] = graph.Name{Text: f, Lang: lang}
	}
	return out
}

func sources(src func(string) graph.Source, evidence string) []graph.Source {
	if evidence == "" {
		return []graph.Source{src("")}
	}
	return []graph.Source{src(evidence)}
}

func appendSource(ss []graph.Source, s graph.Source) []graph.Source {
	if s.Sentence == "" || slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

func sortedSet(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// maxSources bounds the sources one mention takes from one article.
const maxSources = 16

// mergeMentions merges meetings, then agreements, that are equal in all but
// their sources, keeping the first one's place; agreements' Meeting indexes
// follow. An extractor may report one event once per sentence that tells
// it; a text repeating a paragraph a thousand times must not make a thousand.
func mergeMentions(ms []graph.MeetingMention, as []graph.AgreementMention) ([]graph.MeetingMention, []graph.AgreementMention) {
	if len(ms) < 2 && len(as) < 2 {
		return ms, as
	}
	newIndex := make([]int, len(ms))
	var outM []graph.MeetingMention
	seenM := map[string]int{}
	for i, m := range ms {
		k := mentionKey(m.Kind, m.Status, m.Date, m.Place, m.Host, m.Countries, m.Participants, m.Topics, m.Code)
		if at, ok := seenM[k]; ok {
			outM[at].Sources = mergeSources(outM[at].Sources, m.Sources)
			newIndex[i] = at
			continue
		}
		seenM[k] = len(outM)
		newIndex[i] = len(outM)
		outM = append(outM, m)
	}
	var outA []graph.AgreementMention
	seenA := map[string]int{}
	for _, a := range as {
		if a.Meeting >= 0 {
			a.Meeting = newIndex[a.Meeting]
		}
		k := mentionKey(a.Kind, a.Status, a.Date, a.Subject, strconv.Itoa(a.Meeting), a.Countries, a.Signatories, a.Topics, a.Code)
		if at, ok := seenA[k]; ok {
			outA[at].Sources = mergeSources(outA[at].Sources, a.Sources)
			continue
		}
		seenA[k] = len(outA)
		outA = append(outA, a)
	}
	return outM, outA
}

func mentionKey(a, b, c, d, e string, xs, ys, zs []string, code graph.EventCode) string {
	var k strings.Builder
	for _, s := range []string{a, b, c, d, e, code.Cameo, code.PloverType, code.PloverMode} {
		k.WriteString(s)
		k.WriteByte(0)
	}
	for _, l := range [][]string{xs, ys, zs} {
		for _, s := range l {
			k.WriteString(s)
			k.WriteByte(1)
		}
		k.WriteByte(0)
	}
	return k.String()
}

func mergeSources(into, from []graph.Source) []graph.Source {
	for _, s := range from {
		if len(into) >= maxSources {
			break
		}
		if !slices.Contains(into, s) {
			into = append(into, s)
		}
	}
	// A bare source (no sentence) adds nothing next to a sentence.
	if len(into) > 1 {
		into = slices.DeleteFunc(into, func(s graph.Source) bool { return s.Sentence == "" })
	}
	return into
}
