package gazetteer

import (
	"embed"
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"diplograph/graph"
	"diplograph/loader/text"
)

//go:generate go run ./gen

//go:embed data/*.tsv
var dataFS embed.FS

// Kind says what an entry names.
type Kind uint8

const (
	Country    Kind = iota + 1 // a country name (Algeria, الجزائر, Algérie)
	Demonym                    // a nationality adjective or noun (Algerian, الجزائري, algérienne)
	City                       // a city (Algiers, الجزائر العاصمة, Alger)
	Org                        // an international organisation, one of its organs, or its adjective (الأممي)
	Government                 // a named government or ruling body (حكومة الوحدة الوطنية → LY)
)

func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Demonym:
		return "demonym"
	case City:
		return "city"
	case Org:
		return "org"
	case Government:
		return "government"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one written form of a country, demonym, city, organisation or
// government.
type Entry struct {
	Kind    Kind
	Code    string // ISO 3166-1 alpha-2, or an organisation code (UN, AFRICAN-UNION …)
	Lang    string // ar, en, fr
	Form    string // the form as the source writes it (match on text.Fold(Form))
	Display string // English canonical name of what the form refers to (country, city, org, government)

	Capital    bool   // cities: national capital
	Population int    // cities: GeoNames population
	Gender     string // demonyms: m, f, or "" (English)
	Number     string // demonyms: sg, pl, du

	// Ambiguous marks forms that name several things (طرابلس: LY and LB; الجزائر:
	// the country and its capital; مالي: Malian and "financial"; CD/CG كونغولي):
	// the caller must confirm from context. Added beyond the TEAM.md contract.
	Ambiguous bool
	// From and To bound the period a named government's name denotes (YYYY
	// or YYYY-MM, "" = open): حكومة الوفاق الوطني is Libya's GNA only 2016–2021-03.
	// Added beyond the TEAM.md contract.
	From, To string

	acronym bool // matched case-sensitively (UN, AU, US)
}

// ValidOn reports whether a dated entry (a named government) denotes its
// country on date (YYYY-MM-DD, or a prefix of it); undated entries always do,
// and so does any entry when date is empty.
func (e *Entry) ValidOn(date string) bool {
	if date == "" {
		return true
	}
	if e.From != "" && date[:min(len(date), len(e.From))] < e.From {
		return false
	}
	if e.To != "" && date[:min(len(date), len(e.To))] > e.To {
		return false
	}
	return true
}

// Gazetteer is the matcher over all entries plus the display names of
// countries and organisations. It is immutable and safe for concurrent use.
type Gazetteer struct {
	trie     text.Trie[*Entry]
	acronyms map[string][]*Entry // joined token texts ("UN", "U S") → entries
	acrFirst map[string]int      // first token text of an acronym → its longest acronym in tokens
	entries  []*Entry
	names    map[string]graph.Country
	codes    []string
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the gazetteer built from the embedded data, built once.
// The embedded data are generated and tested: a load error is a build
// defect, so Default panics on it.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := load()
		if err != nil {
			panic("gazetteer: " + err.Error())
		}
		defaultG = g
	})
	return defaultG
}

var files = []struct {
	name string
	kind Kind
}{
	{"countries.tsv", Country},
	{"mledoze.tsv", Country}, // rows with a number are demonyms
	{"demonyms.tsv", Demonym},
	{"cities.tsv", City},
	{"orgs.tsv", Org},
	{"governments.tsv", Government},
}

func load() (*Gazetteer, error) {
	g := &Gazetteer{acronyms: map[string][]*Entry{}, acrFirst: map[string]int{}, names: map[string]graph.Country{}}
	if err := g.loadNames(); err != nil {
		return nil, err
	}
	// Several sources give the same form for the same thing (CLDR and
	// mledoze both say الجزائر for DZ): keep one entry, flagged ambiguous if
	// any source row is.
	type id struct {
		kind                                   Kind
		code, lang, key, display, gender, numb string
	}
	seen := map[id]*Entry{}
	for _, f := range files {
		b, err := dataFS.ReadFile("data/" + f.name)
		if err != nil {
			return nil, err
		}
		for n, line := range strings.Split(string(b), "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			e, key, err := parseEntry(line, f.kind)
			if err != nil {
				return nil, fmt.Errorf("data/%s:%d: %v", f.name, n+1, err)
			}
			if _, ok := g.names[e.Code]; !ok {
				return nil, fmt.Errorf("data/%s:%d: code: %q has no display names", f.name, n+1, e.Code)
			}
			k := id{e.Kind, e.Code, e.Lang, key, e.Display, e.Gender, e.Number}
			if prev, dup := seen[k]; dup && prev.From == e.From && prev.To == e.To {
				prev.Ambiguous = prev.Ambiguous || e.Ambiguous
				continue
			}
			seen[k] = e
			g.entries = append(g.entries, e)
			if e.acronym {
				toks := text.Tokenize(e.Form)
				g.acronyms[joinTexts(toks)] = append(g.acronyms[joinTexts(toks)], e)
				if len(toks) > 0 {
					g.acrFirst[toks[0].Text] = max(g.acrFirst[toks[0].Text], len(toks))
				}
				continue
			}
			g.trie.Add(key, e)
		}
	}
	return g, nil
}

func (g *Gazetteer) loadNames() error {
	b, err := dataFS.ReadFile("data/names.tsv")
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return fmt.Errorf("data/names.tsv:%d: %d columns, want 5", n+1, len(f))
		}
		g.names[f[0]] = graph.Country{Code: f[0], Org: f[1] == "1",
			Names: map[string]string{graph.LangEnglish: f[2], graph.LangFrench: f[3], graph.LangArabic: f[4]}}
		g.codes = append(g.codes, f[0])
	}
	sort.Strings(g.codes)
	return nil
}

func parseEntry(line string, kind Kind) (*Entry, string, error) {
	f := strings.Split(line, "\t")
	if len(f) != 12 {
		return nil, "", fmt.Errorf("%d columns, want 12", len(f))
	}
	e := &Entry{Kind: kind, Code: f[0], Lang: f[1], Form: f[3], Display: f[4], Gender: f[5], Number: f[6],
		Capital: f[7] == "1", Ambiguous: f[9] == "1", From: f[10], To: f[11]}
	if f[8] != "" {
		p, err := strconv.Atoi(f[8])
		if err != nil {
			return nil, "", fmt.Errorf("population: %v", err)
		}
		e.Population = p
	}
	if kind == Country && e.Number != "" {
		e.Kind = Demonym
	}
	e.acronym = isAcronym(e.Form)
	if f[2] == "" {
		return nil, "", fmt.Errorf("key: empty")
	}
	return e, f[2], nil
}

// isAcronym: upper-case Latin letters (with digits, periods, hyphens, +),
// at least two letters and no lower case: UN, U.S., OPEP+, CEN-SAD. Such
// forms are matched case-sensitively, because folded they collide with words
// (UN/un, AU/au, US/us, WHO/who, EU/eu).
func isAcronym(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == '&':
		default:
			return false
		}
	}
	return letters >= 2
}

// appendJoined appends the token texts separated by single spaces, as
// joinTexts does.
func appendJoined(dst []byte, toks []text.Token) []byte {
	for i, t := range toks {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, t.Text...)
	}
	return dst
}

func joinTexts(toks []text.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// Longest finds the longest gazetteer form starting at toks[i] and returns
// the index just past it, its entries (shared: do not modify) and true.
//
// Arabic forms match with proclitics on their first token (وبالجزائر,
// للجزائر, والليبي) through the clitic-aware trie. A French elided article or
// preposition before a name (l'Algérie, d'Algérie, qu'Alger) is part of the
// match: Longest at the "l" token returns the entries of "Algérie" with end
// past it. An English possessive (Algeria's) matches "Algeria"; the "s" token
// is left to the caller. Acronyms (UN, US, AU) match only in capitals; forms
// written capitalised (Chad, Turkey) do not match an all lower-case word.
func (g *Gazetteer) Longest(toks []text.Token, i int) (end int, es []*Entry, ok bool) {
	if i < 0 || i >= len(toks) {
		return 0, nil, false
	}
	var buf [12]text.Stem
	return g.LongestPeeled(toks, i, trieStems(buf[:0], toks[i]))
}

// LongestPeeled is Longest with the clitic analyses of toks[i] given, as
// text.Trie.LongestPeeled takes them: stems must be
// text.AppendTrieStems(nil, toks[i].Fold) for an Arabic token.
func (g *Gazetteer) LongestPeeled(toks []text.Token, i int, stems []text.Stem) (end int, es []*Entry, ok bool) {
	if i < 0 || i >= len(toks) {
		return 0, nil, false
	}
	if isElision(toks, i) {
		var buf [12]text.Stem
		if e, es, ok := g.longest(toks, i+1, trieStems(buf[:0], toks[i+1])); ok {
			return e, es, true
		}
	}
	return g.longest(toks, i, stems)
}

// RootKeys returns the folded words a form of the trie can start with (see
// text.Trie.RootKeys): with OffTrie, what a caller's text.KeyFilter needs
// to skip Longest at tokens where it cannot match.
func (g *Gazetteer) RootKeys() iter.Seq[string] { return g.trie.RootKeys() }

// OffTrie reports that Longest (or LongestPeeled) at tok may match other
// than through a root key of the trie: tok may begin an acronym (matched by
// text, from a capital letter) or be a French elided article or preposition
// (the match is then at the next token). For any other token, no root key
// for its fold or its clitic analyses means no match.
func OffTrie(tok text.Token) bool {
	if c := tok.Text[0]; c >= 'A' && c <= 'Z' {
		return true
	}
	return elided(tok.Fold)
}

// trieStems appends to dst the clitic analyses the trie tries for tok: none
// unless it is Arabic.
func trieStems(dst []text.Stem, tok text.Token) []text.Stem {
	if !tok.Arabic {
		return dst
	}
	return text.AppendTrieStems(dst, tok.Fold)
}

// longest matches at toks[i], with the analyses of toks[i] given.
func (g *Gazetteer) longest(toks []text.Token, i int, stems []text.Stem) (end int, es []*Entry, ok bool) {
	end, vals, ok := g.trie.LongestPeeled(toks, i, stems)
	if ok {
		vals = filterCase(vals, toks[i])
		ok = len(vals) > 0
		if !ok {
			end = 0
		}
	}
	// Acronyms: exact token texts, tried only from a capital letter and not
	// inside an all-capitals headline ("UN ACCORD", "AU SOMMET" are French
	// words).
	if c := toks[i].Text[0]; c < 'A' || c > 'Z' {
		return end, vals, ok
	}
	if g.capsWord(toks, i-1) || g.capsWord(toks, i+1) {
		return end, vals, ok
	}
	var kb [64]byte // the joined key, built without allocating (every capitalised token goes through here)
	// Token texts hold no spaces, so a key of n tokens can only equal an
	// acronym of n tokens with the same first token: try no more tokens than
	// the longest acronym starting with this one (none for most words).
	for n := min(g.acrFirst[toks[i].Text], len(toks)-i); n >= 1 && i+n >= end; n-- {
		var a []*Entry
		found := false
		if n == 1 {
			a, found = g.acronyms[toks[i].Text]
		} else {
			key := appendJoined(kb[:0], toks[i:i+n])
			a, found = g.acronyms[string(key)] // no allocation: the compiler looks up []byte keys in place
		}
		if !found || !adjacent(toks[i:i+n]) {
			continue
		}
		if i+n > end {
			end, vals, ok = i+n, a, true
		} else {
			vals = append(append([]*Entry(nil), vals...), a...)
		}
		break
	}
	return end, vals, ok
}

// capsWord reports whether toks[k] is an all-capitals word of three letters
// or more that is not itself an acronym of the gazetteer: the sign of a
// headline set in capitals.
func (g *Gazetteer) capsWord(toks []text.Token, k int) bool {
	if k < 0 || k >= len(toks) {
		return false
	}
	t := toks[k].Text
	letters := 0
	for _, r := range t {
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	if letters < 3 {
		return false
	}
	_, known := g.acronyms[t]
	return !known
}

// adjacent is true when the tokens of a multi-token acronym (U.S.) are
// separated by one byte (the period) at most.
func adjacent(toks []text.Token) bool {
	for k := 1; k < len(toks); k++ {
		if toks[k].Start-toks[k-1].End > 1 {
			return false
		}
	}
	return true
}

// filterCase drops capitalised Latin forms matched by a lower-case word
// ("turkey", "chad"), keeping the slice when nothing is dropped.
func filterCase(vals []*Entry, tk text.Token) []*Entry {
	if tk.Arabic {
		return vals
	}
	r, _ := utf8.DecodeRuneInString(tk.Text)
	if !unicode.IsLower(r) {
		return vals
	}
	keep := 0
	for _, e := range vals {
		if !startsUpper(e.Form) {
			keep++
		}
	}
	if keep == len(vals) {
		return vals
	}
	out := make([]*Entry, 0, keep)
	for _, e := range vals {
		if !startsUpper(e.Form) {
			out = append(out, e)
		}
	}
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isElision: toks[i] is a French elided word (l', d', qu', j') written
// directly before toks[i+1] with an apostrophe between them.
func isElision(toks []text.Token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	if !elided(toks[i].Fold) {
		return false
	}
	gap := toks[i+1].Start - toks[i].End
	return gap >= 1 && gap <= 3 // ' (1 byte) or ’ (3 bytes)
}

// elided reports the folds of the French words written elided before a
// vowel (l', d', qu' …).
func elided(fold string) bool {
	switch fold {
	case "l", "d", "qu", "j", "s", "n":
		return true
	}
	return false
}

// Country returns the display names of a country or organisation code.
func (g *Gazetteer) Country(code string) (graph.Country, bool) {
	c, ok := g.names[code]
	if !ok {
		return graph.Country{}, false
	}
	return cloneCountry(c), true
}

// Countries returns every ISO 3166-1 country and every organisation of the
// lexicon (including FORMAT.md's UN, EU, AFRICAN-UNION, ARAB-LEAGUE, GCC, OIC,
// NATO, ASEAN, OPEC, AMU, IMF, WORLD-BANK), sorted by code. The result is a
// fresh copy.
func (g *Gazetteer) Countries() []graph.Country {
	out := make([]graph.Country, 0, len(g.codes))
	for _, c := range g.codes {
		out = append(out, cloneCountry(g.names[c]))
	}
	return out
}

// Entries returns every entry (shared: do not modify), for tests and tools.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

func cloneCountry(c graph.Country) graph.Country {
	names := make(map[string]string, len(c.Names))
	for k, v := range c.Names {
		names[k] = v
	}
	c.Names = names
	return c
}
