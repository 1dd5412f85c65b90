package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

// Extractor extracts officials, meetings and agreements from articles. It holds
// read-only tables only, so one Extractor serves any number of goroutines.
type Extractor struct {
	lx *lexicons
	gz *gazetteer.Gazetteer
}

var (
	lexOnce sync.Once
	lexData *lexicons
)

// New returns an Extractor over the embedded lexicons and gazetteer.Default().
// The lexicons are parsed once per process; a broken embedded lexicon is a
// programming error (the tests parse every file) and panics with file:line.
func New() *Extractor {
	lexOnce.Do(func() {
		lx, err := loadLexicons()
		if err != nil {
			panic("extract: " + err.Error())
		}
		gz := gazetteer.Default()
		for _, l := range lx.langs {
			l.starts = text.NewKeyFilter(l.trie.RootKeys(), gz.RootKeys())
		}
		lexData = lx
	})
	return &Extractor{lx: lexData, gz: gazetteer.Default()}
}

// Extract returns what the article states. It never fails: an article with
// nothing diplomatic in it gives empty lists.
func (x *Extractor) Extract(a Article) Result {
	sc := scratchPool.Get().(*scratch)
	d := x.newDoc(a, sc)
	d.run()
	consolidate(&d.res)
	headlineAgreements(&d.res, a.Title)
	res := d.res // d lives in sc: read it before another extraction may take sc
	sc.keep(d)
	scratchPool.Put(sc)
	return res
}

// scratch holds what an extraction needs whatever the article says, reused
// from article to article: the arrays in proportion to its length (the
// tokens and their segments, together about two thirds of the bytes a 3 KB
// article allocated), the blocks of its sentences, actors and persons, the
// doc and its mention counts. The
// Result never points into them: it holds strings only, and Extract copies it
// out of the doc before the scratch goes back to the pool.
type scratch struct {
	toks  []text.Token
	segs  []seg
	sents []*sentence
	// The blocks of the doc's sentences, actors and persons.
	sentences blocks[sentence]
	actors    blocks[actor]
	persons   blocks[person]
	counts    map[string]int // doc.counts, emptied
	places    []string       // doc.places, emptied
	doc       doc            // the doc itself, overwritten whole by newDoc
}

// blocks hands out elements of T from fixed blocks, kept from article to
// article: an article makes a few dozen sentences, actors and persons, one
// allocation each before (a new block of sentences per article alone was an
// eighth of the bytes an extraction allocated). An element's address never
// changes once handed out, as pointers to it are kept; the caller
// overwrites the whole element, so nothing of an earlier article's is read
// again.
type blocks[T any] struct {
	list []*[16]T
	used int // elements handed out since reset
}

// next returns the next free element, adding a block when all are used.
func (b *blocks[T]) next() *T {
	k, i := b.used/16, b.used%16
	if k == len(b.list) {
		b.list = append(b.list, new([16]T))
	}
	b.used++
	return &b.list[k][i]
}

// reuse returns b's blocks, all free again, or empty blocks when there are
// more than an ordinary article needs (an outsized article's go back to the
// heap).
func (b blocks[T]) reuse() blocks[T] {
	if len(b.list)*16 > maxScratchToks {
		return blocks[T]{}
	}
	return blocks[T]{list: b.list}
}

// maxScratchToks bounds the arrays kept for reuse: an outsized article's ones go
// back to the heap.
const maxScratchToks = 1 << 14

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// keep takes back the arrays d grew. They are not cleared (clearing cost 2%
// of an extraction): every element is overwritten whole before it is read
// again, and the stale ones pin at most one article of bounded size per
// pooled scratch, which the pool drops when it stays unused.
func (sc *scratch) keep(d *doc) {
	toks, segBuf, sents, counts, places := d.toks, d.segBuf, d.sents, d.counts, d.places
	sc.sentences, sc.actors, sc.persons = d.sentences.reuse(), d.actors.reuse(), d.personsAt.reuse()
	// The doc's other fields point at the article's persons, actors and
	// text: let them go now rather than pin them while sc waits in the pool.
	sc.doc = doc{}
	sc.counts = counts
	if cap(places) <= maxScratchToks {
		sc.places = places[:0]
	}
	if cap(toks) > maxScratchToks || cap(segBuf) > maxScratchToks {
		return
	}
	sc.toks, sc.segs = toks[:0], segBuf[:0]
	sc.sents = sents[:0]
}

// seg is a run of tokens [i, j) recognised as one lexicon or gazetteer phrase,
// or a single unrecognised token.
type seg struct {
	i, j  int
	lex   []*entry
	gaz   []*gazetteer.Entry
	kinds uint32 // bit k set when lex has an entry of kind k (set once lex is final, in segment)
	fut   bool   // an Arabic verb with the future prefix سـ (سيلتقي، ستوقع)
}

// find returns the first lexicon entry of kind k. The passes ask every
// segment for kinds it mostly lacks: the bit mask answers those at once.
func (s *seg) find(k kind) *entry {
	if s.kinds&(1<<k) == 0 {
		return nil
	}
	for _, e := range s.lex {
		if e.kind == k {
			return e
		}
	}
	return nil
}

func (s *seg) has(k kind) bool { return s.find(k) != nil }

// place returns the first gazetteer entry of one of the kinds, or nil.
func (s *seg) place(kinds ...gazetteer.Kind) *gazetteer.Entry {
	for _, e := range s.gaz {
		for _, k := range kinds {
			if e.Kind == k {
				return e
			}
		}
	}
	return nil
}

func (s *seg) plain() bool { return len(s.lex) == 0 && len(s.gaz) == 0 }

// sentence is one verbatim sentence of the article.
type sentence struct {
	idx        int
	start, end int // byte offsets in doc.src
	para       int
	title      bool // the sentence is the article's title
	segs       []seg
	actors     []*actor
	dates      []dateExpr
	negMeet    bool // a meeting trigger is denied ("did not meet", "aucun entretien")
	domestic   bool // a meeting of one country's officials only ("a cabinet meeting")
}

// doc is the working state of one extraction.
type doc struct {
	x      *Extractor
	a      Article
	lang   *language
	src    string
	toks   []text.Token
	segBuf []seg // backs the segments of every sentence (see split)
	sents  []*sentence
	// Where the sentences, actors and persons live (see blocks).
	sentences  blocks[sentence]
	actors     blocks[actor]
	personsAt  blocks[person]
	ref        day // publication date, or an anchor date stated in the article
	persons    []*person
	home       string         // the article's most mentioned party
	outlet     string         // the country of the article's outlet (source), if known
	counts     map[string]int // country mentions
	places     []string       // see placeCodes
	placesDone bool           // places is filled
	res        Result
}

func (x *Extractor) newDoc(a Article, sc *scratch) *doc {
	counts := sc.counts
	if counts == nil {
		counts = map[string]int{}
	}
	clear(counts)
	d := &sc.doc
	*d = doc{x: x, a: a, counts: counts, places: sc.places}
	title := strings.TrimSpace(a.Title)
	if title != "" {
		d.src = title + "\n" + a.Body
	} else {
		d.src = a.Body
	}
	d.toks = text.AppendTokens(sc.toks[:0], d.src)
	code := a.Lang
	if _, ok := x.lx.langs[code]; !ok {
		code = detectLang(d.toks)
	}
	d.lang = x.lx.langs[code]
	d.res = Result{ID: a.ID, Lang: code, Officials: []Official{}, Meetings: []Meeting{}, Agreements: []Agreement{}}
	d.segBuf = sc.segs
	d.sents = sc.sents[:0]
	d.sentences, d.actors, d.personsAt = sc.sentences, sc.actors, sc.persons
	d.split(len(title))
	d.disambiguate()
	d.ref = parseISODay(a.Published)
	d.outlet = x.lx.outlet(a.Source)
	if d.outlet == "" && a.Source != "" {
		d.outlet = x.sourceCountry(a.Source)
	}
	return d
}

// split cuts the text into sentences (never across a line break, so every
// sentence is a verbatim substring of the title or of the body) and segments
// each one.
func (d *doc) split(titleLen int) {
	ti := 0
	para := 0
	// A segment spans one token at least, so the segments of all sentences
	// fit in one array as long as the token list: each sentence gets its own
	// window of it instead of regrowing a slice of its own (that growth was
	// half the bytes an extraction allocated).
	if cap(d.segBuf) < len(d.toks) {
		d.segBuf = make([]seg, len(d.toks))
	}
	d.segBuf = d.segBuf[:len(d.toks)]
	segBuf := d.segBuf
	var spans []text.Span
	for off := 0; off <= len(d.src); {
		nl := strings.IndexByte(d.src[off:], '\n')
		end := len(d.src)
		if nl >= 0 {
			end = off + nl
		}
		line := d.src[off:end]
		spans = text.AppendSentences(spans[:0], line)
		for _, sp := range spans {
			sStart, sEnd := off+sp.Start, off+sp.End
			for ti < len(d.toks) && d.toks[ti].Start < sStart {
				ti++
			}
			t0 := ti
			for ti < len(d.toks) && d.toks[ti].End <= sEnd {
				ti++
			}
			if ti > t0 {
				s := d.sentences.next()
				*s = sentence{idx: len(d.sents), start: sStart, end: sEnd, para: para,
					title: titleLen > 0 && off == 0, segs: segBuf[t0:t0:ti]}
				d.segment(s, t0, ti)
				d.sents = append(d.sents, s)
			}
		}
		para++
		if nl < 0 {
			break
		}
		off = end + 1
	}
}

// newActor returns a new actor holding v (see blocks).
func (d *doc) newActor(v actor) *actor {
	a := d.actors.next()
	*a = v
	return a
}

// newPerson returns a new person holding v (see blocks).
func (d *doc) newPerson(v person) *person {
	p := d.personsAt.next()
	*p = v
	return p
}

// segment matches the lexicon and the gazetteer once over the sentence's
// tokens, keeping at each position the longest phrase of either.
func (d *doc) segment(s *sentence, t0, t1 int) {
	toks := d.toks[:t1]
	var stemBuf [12]text.Stem
	for i := t0; i < t1; {
		// Both tries try the same clitic analyses of an Arabic token: peel
		// it once for the two.
		stems := stemBuf[:0]
		if toks[i].Arabic {
			stems = text.AppendTrieStems(stems, toks[i].Fold)
		}
		// Most tokens start no phrase of the lexicon or the gazetteer, and
		// most others a phrase of one of them: one probe of the filter over
		// the root keys of both tells which trie to ask, where each would
		// probe its own filter. The gazetteer also matches acronyms and
		// elided articles apart from its trie (OffTrie).
		inLex, inGaz := d.lang.starts.May(toks[i].Fold, stems)
		inGaz = inGaz || gazetteer.OffTrie(toks[i])
		var le, ge int
		var lv []*entry
		var gv []*gazetteer.Entry
		var lok, gok bool
		if inLex {
			le, lv, lok = d.lang.trie.LongestPeeled(toks, i, stems)
		}
		if inGaz {
			ge, gv, gok = d.x.gz.LongestPeeled(toks, i, stems)
		}
		if inGaz && !gok && i > t0 && d.breakBefore(i) && !d.toks[i].Arabic {
			// The gazetteer reads an acronym next to a word in capitals as a
			// headline set in capitals; a dash or comma after a dateline
			// ("TRIPOLI — UN Special Representative …") ends that run.
			if e, v, ok := d.x.gz.Longest(toks[i:], 0); ok {
				ge, gv, gok = e+i, v, ok
			}
		}
		if lok && le == i+1 && d.toks[i].Arabic && !d.unpeeled(i, lv) && (d.lang.given[d.toks[i].Fold] || d.namePosition(s) && !strings.HasPrefix(d.toks[i].Fold, "و") && onlyKinds(lv, kTrigger, kStop)) {
			// فيصل is a given name, not ف + يصل ("arrives"), all the more
			// right after a title or a nationality.
			lok = false
		}
		if lok && le == i+1 && d.aliName(s, toks, i, lv) {
			lok = false
		}
		if lok && le == i+1 && d.toks[i].Arabic && onlyKinds(lv, kRank) && d.lang.given[d.toks[i].Fold] {
			// A rank announces a name with the article ("العماد جوزيف عون");
			// without it, a word that is also a given name is the name:
			// "نظيره التونسي عماد الكافي", "رائد السامرائي".
			lok = false
		}
		if gok && (d.badAcronym(i, ge, gv) || d.lowerName(i, ge, gv)) {
			gok = false
		}
		if gok && ge == i+1 && d.toks[i].Arabic && d.lang.given[d.toks[i].Fold] {
			switch gv[0].Kind {
			case gazetteer.Country:
			case gazetteer.Demonym:
				// "وزير الخارجية السعودي تركي المطيري": an indefinite nisba
				// after an office is a given name, not an adjective.
				if !strings.HasPrefix(d.toks[i].Fold, "ال") && d.namePosition(s) {
					gok = false
				}
			default:
				gok = false
			}
		}
		if lok && gok && le == ge && d.toks[i].Arabic && len(s.segs) > 0 && s.segs[len(s.segs)-1].has(kTitle) && !d.breakBefore(i) &&
			slices.ContainsFunc(lv, func(e *entry) bool { return e.kind == kPortfolio }) &&
			!slices.ContainsFunc(gv, func(e *gazetteer.Entry) bool { return e.Kind != gazetteer.Demonym }) {
			// Right after an office, a word that is both a portfolio and a
			// nationality is the portfolio: "وزير المالية" is the finance
			// minister (Arabic names the nationality after the portfolio:
			// "وزير المالية المالي").
			gok = false
		}
		// Fill the new segment in place, field by field: building it on the
		// stack and appending it copied it over in wide loads straddling the
		// narrow stores just made (see text.AppendTokens), and through a bulk
		// write barrier while the collector ran. The window of segBuf has
		// room: every segment spans a token at least.
		s.segs = s.segs[:len(s.segs)+1]
		sg := &s.segs[len(s.segs)-1]
		sg.i, sg.j, sg.lex, sg.gaz, sg.kinds, sg.fut = i, i+1, nil, nil, 0, false
		switch {
		case lok && gok && le == ge:
			sg.j, sg.lex, sg.gaz = le, lv, gv
		case lok && (!gok || le > ge):
			sg.j, sg.lex = le, lv
		case gok:
			sg.j, sg.gaz = ge, gv
		}
		if sg.j > t1 {
			sg.j = t1
		}
		if len(sg.lex) == 1 && sg.lex[0].kind == kSeat && len(sg.gaz) == 0 {
			// A seat of government is a place of its country.
			sg.gaz, sg.lex = sg.lex[0].seat, nil
		}
		if !lok && !gok && d.toks[i].Arabic {
			d.futureVerb(sg)
		}
		for _, e := range sg.lex {
			sg.kinds |= 1 << e.kind
		}
		i = sg.j
	}
}

// gap returns the text between token i-1 and token i (the start of the
// sentence text for i == 0).
func (d *doc) gap(i int) string {
	if i <= 0 || i >= len(d.toks) {
		return ""
	}
	return d.src[d.toks[i-1].End:d.toks[i].Start]
}

// breakBefore reports punctuation that ends a phrase between token i-1 and i.
func (d *doc) breakBefore(i int) bool {
	g := d.gap(i)
	for _, r := range g {
		switch r {
		case ' ', '\t', '\u00a0', '\u200f', '\u200e', '-', '\u2011', '\'', '’', '.':
		default:
			if !unicode.IsSpace(r) {
				return true
			}
		}
	}
	// A period followed by a space ends a phrase; one inside an initial
	// ("H.E.", "U.S.") or after an abbreviated honorific or initial ("M.
	// Abdelmadjid Tebboune", "S. Jaishankar", "Dr. Ali") does not.
	if strings.Contains(g, ". ") {
		return !d.abbrev(i - 1)
	}
	return false
}

// hasComma reports a Latin or an Arabic comma in g, as
// strings.ContainsAny(g, ",،") does: ContainsAny decodes g rune by rune and
// scans the set for each one, and the passes ask it of most gaps (a space or
// two, too short for the library's searches to pay for their calls). The
// Arabic comma's bytes (D8 8C) start with a lead byte, which is never the
// tail of another rune, so a byte search finds it where a rune search would.
func hasComma(g string) bool {
	for i := 0; i < len(g); i++ {
		if g[i] == ',' || g[i] == 0xD8 && i+1 < len(g) && g[i+1] == 0x8C {
			return true
		}
	}
	return false
}

// tight reports that token i is glued to token i-1 by a single separator
// character (2021-11-28, 28/11/2021).
func (d *doc) tight(i int) bool {
	g := d.gap(i)
	return len(g) == 1 && strings.ContainsAny(g, "-/.")
}

// hyphenJoined reports a hyphen between tokens i-1 and i ("Yong-ho", "al-Faraya").
func (d *doc) hyphenJoined(i int) bool {
	g := strings.TrimSpace(d.gap(i))
	return g == "-" || g == "‐" || g == "‑"
}

func (d *doc) sentText(s *sentence) string { return d.src[s.start:s.end] }

// detectLang tells Arabic from Latin-script text by letters, then French from
// English by frequent function words.
func detectLang(toks []text.Token) string {
	ar, lat, fr, en := 0, 0, 0, 0
	for _, t := range toks {
		if t.Arabic {
			ar++
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if unicode.IsLetter(r) {
			lat++
		}
		switch t.Fold {
		case "le", "la", "les", "des", "du", "est", "et", "pour", "dans", "une", "sur", "au", "aux", "avec", "qui", "l", "d", "a ete", "ont":
			fr++
		case "the", "and", "of", "to", "is", "was", "for", "on", "with", "that", "by", "has", "have", "he", "his":
			en++
		}
	}
	switch {
	case ar > 0 && ar*2 >= lat:
		return "ar"
	case fr > en:
		return "fr"
	default:
		return "en"
	}
}

// isUpperStart reports a token starting with an upper-case letter.
func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// futureVerb recognises a trigger verb written with the future prefix سـ
// (سيلتقي، وسيبحث، ستوقع): the lexicon lists the present forms only.
func (d *doc) futureVerb(sg *seg) {
	t := d.toks[sg.i]
	for _, p := range []string{"س", "وس", "فس"} {
		rest, ok := strings.CutPrefix(t.Fold, p)
		if !ok || len(rest) < 6 {
			continue
		}
		tt := t
		tt.Fold = rest
		if _, vals, ok := d.lang.trie.Longest([]text.Token{tt}, 0); ok {
			for _, e := range vals {
				if e.kind == kTrigger && e.c == "present" {
					sg.lex, sg.fut = vals, true
					return
				}
			}
		}
	}
}

// aliName reports the given name علي written as such where folding makes it
// the preposition على: the writer spelled it with ي, it stands where a name
// does (after an office or a place: "سفير جمهورية العراق في دمشق علي
// المياحي"), and an unknown word with the article, a family name, follows.
func (d *doc) aliName(s *sentence, toks []text.Token, i int, vals []*entry) bool {
	t := d.toks[i]
	if !t.Arabic || !d.lang.given[t.Fold] || !strings.HasSuffix(t.Text, "ي") || i+1 >= len(toks) || d.breakBefore(i+1) {
		return false
	}
	for _, e := range vals {
		if e.kind != kStop || !strings.HasSuffix(e.form, "ى") {
			return false
		}
	}
	if len(s.segs) == 0 {
		return false
	}
	last := &s.segs[len(s.segs)-1]
	if !d.namePosition(s) && last.place(gazetteer.City, gazetteer.Country) == nil {
		return false
	}
	next := toks[i+1]
	if !next.Arabic || !strings.HasPrefix(next.Fold, "ال") {
		return false
	}
	if _, _, ok := d.lang.trie.Longest(toks, i+1); ok {
		return false
	}
	_, _, ok := d.x.gz.Longest(toks, i+1)
	return !ok
}

// unpeeled reports that one of the single-token entries matches token i as
// written, without peeling a clitic.
func (d *doc) unpeeled(i int, vals []*entry) bool {
	for _, e := range vals {
		if e.fold == d.toks[i].Fold {
			return true
		}
	}
	return false
}

// namePosition reports that the next segment of s stands where a name does:
// right after an office, an honorific, a rank, a counterpart word or a nationality.
func (d *doc) namePosition(s *sentence) bool {
	if len(s.segs) == 0 {
		return false
	}
	last := &s.segs[len(s.segs)-1]
	return frameStart(last) || last.place(gazetteer.Demonym) != nil
}

// badAcronym rejects a Latin match that is a single letter ("Iran's" → s) or an
// acronym written in lower case ("un" is not the UN, "Kim Jong Un" neither).
func (d *doc) badAcronym(i, end int, es []*gazetteer.Entry) bool {
	t := d.toks[i]
	if t.Arabic {
		return false
	}
	if end == i+1 && len(t.Fold) == 1 {
		return true
	}
	for _, e := range es {
		f := e.Form
		if len(f) <= 5 && strings.ToUpper(f) == f && strings.ToLower(f) != f {
			if strings.ToUpper(t.Text) != t.Text {
				return true
			}
			// "UN" in "Kim Jong Un" would still be upper case only in
			// headlines; a name-internal capitalised form is not an acronym.
		}
	}
	return false
}

// lowerName rejects a Latin country, city or organisation name written in
// lower case ("la réunion" is a meeting, not Réunion): every word of three
// letters or more of a proper name is capitalised (in French, its first word).
// Demonyms are exempt (French writes them in lower case).
func (d *doc) lowerName(i, end int, es []*gazetteer.Entry) bool {
	if d.toks[i].Arabic {
		return false
	}
	for _, e := range es {
		// Demonyms and the organisations' adjectives the sources write in
		// lower case ("onusien", "européenne") are exempt.
		if e.Kind == gazetteer.Demonym || !isUpperStart(e.Display) {
			return false
		}
	}
	if d.lang.code == "fr" && isUpperStart(d.toks[i].Text) {
		// French capitalises the first word of a name only: "Nations unies",
		// "Union africaine", "Arabie saoudite"; after an article, the noun
		// too ("La Réunion", "Le Caire"): "La réunion" opening a sentence is
		// a meeting.
		k := i
		for k+1 < end && isArticle(d.toks[k].Fold) {
			k++
		}
		return k > i && !isUpperStart(d.toks[k].Text)
	}
	for k := i; k < end; k++ {
		t := d.toks[k]
		if len(t.Fold) >= 3 && !isUpperStart(t.Text) && !isLink(t.Fold) {
			return true
		}
	}
	return false
}

// isLink reports the short function words inside proper names (Côte d'Ivoire,
// Bosnia and Herzegovina, Trinité-et-Tobago).
func isLink(f string) bool {
	switch f {
	case "and", "of", "the", "et", "de", "des", "du", "la", "le", "les", "al", "el":
		return true
	}
	return false
}

// disambiguate decides, for each form that names places of several countries
// (عمان: Oman, or Amman in Jordan; طرابلس: Tripoli in Libya or in Lebanon),
// which one the article means: the one whose country the article otherwise
// names more often; a country before a city on a tie.
func (d *doc) disambiguate() {
	counts := map[string]int{}
	ambiguous := false
	for _, s := range d.sents {
		for k := range s.segs {
			sg := &s.segs[k]
			if c, multi := soleCode(sg); multi {
				ambiguous = true
			} else if c != "" {
				counts[c]++
			}
		}
	}
	if !ambiguous {
		return
	}
	for _, s := range d.sents {
		for k := range s.segs {
			sg := &s.segs[k]
			if _, multi := soleCode(sg); !multi {
				continue
			}
			if cities := d.voweledCity(sg); cities != nil {
				sg.gaz = cities
				continue
			}
			best, bestN, bestCountry, bestCapital := "", -1, false, false
			for _, e := range sg.gaz {
				n := counts[e.Code]
				isCountry := e.Kind == gazetteer.Country || e.Kind == gazetteer.Demonym
				// On a tie, a country before a city, and a capital before
				// another city: diplomats meet in seats of government
				// (Tripoli, Libya rather than Tripoli, Lebanon).
				isCapital := e.Kind == gazetteer.City && e.Capital
				if n > bestN || n == bestN && (isCountry && !bestCountry || !isCountry && !bestCountry && isCapital && !bestCapital) {
					best, bestN, bestCountry, bestCapital = e.Code, n, isCountry, isCapital
				}
			}
			var gz []*gazetteer.Entry
			for _, e := range sg.gaz {
				if e.Code == best {
					gz = append(gz, e)
				}
			}
			sg.gaz = gz
		}
	}
}

// voweledCity returns the city entries of an ambiguous Arabic form written
// with a shadda (عمّان, ʿammān: Amman, never Oman, ʿumān): writers add the
// doubling mark exactly to tell the city from the country; nil otherwise.
func (d *doc) voweledCity(sg *seg) []*gazetteer.Entry {
	if sg.j <= sg.i || !strings.ContainsRune(d.src[d.toks[sg.i].Start:d.toks[sg.j-1].End], '\u0651') {
		return nil
	}
	var cities []*gazetteer.Entry
	for _, e := range sg.gaz {
		if e.Kind == gazetteer.City {
			cities = append(cities, e)
		}
	}
	if len(cities) == 0 || len(cities) == len(sg.gaz) {
		return nil
	}
	if c, multi := soleCode(&seg{gaz: cities}); multi || c == "" {
		return nil
	}
	return cities
}

// soleCode returns the one party code a segment's gazetteer entries share, or
// reports that they name several.
func soleCode(sg *seg) (string, bool) {
	c := ""
	for _, e := range sg.gaz {
		if c != "" && e.Code != c {
			return "", true
		}
		c = e.Code
	}
	return c, false
}

// onlyKinds reports that every entry is of one of the kinds.
func onlyKinds(es []*entry, kinds ...kind) bool {
	for _, e := range es {
		if !slices.Contains(kinds, e.kind) {
			return false
		}
	}
	return true
}

// abbrev reports that token i is an abbreviation written with a period before
// a name: one capital letter not itself after a period (an initial, French
// "M."), or a short honorific.
func (d *doc) abbrev(i int) bool {
	if i < 0 || i+1 >= len(d.toks) || strings.TrimSpace(d.gap(i+1)) != "." || !isUpperStart(d.toks[i+1].Text) {
		return false
	}
	t := d.toks[i].Text
	if len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z' {
		return !strings.Contains(d.gap(i), ".")
	}
	switch t {
	case "Mr", "Mrs", "Ms", "Dr", "Mme", "Mlle", "Pr", "Gen", "Lt", "Col", "Maj", "Capt", "Sen", "Gov":
		return true
	}
	return false
}
