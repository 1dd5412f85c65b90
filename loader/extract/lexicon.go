package extract

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

//go:embed lexicon
var lexiconFS embed.FS

// kind is the class of a lexicon entry.
type kind uint8

const (
	kTitle kind = iota + 1
	kPortfolio
	kRank
	kHonor
	kCounter
	kTrigger
	kMonth
	kWeekday
	kRel
	kTopic
	kNeg
	kModal
	kStop
	kLink
	kAdj
	kSeat
)

// Title flags (column 4 of titles.tsv).
const (
	flMin  = 1 << iota // takes a portfolio: "Minister of {p}"
	flAmb              // ambassador-like: the country after to/in is the host
	flPl               // plural or dual: may introduce a list of names
	flOrg              // head of an organisation
	flHead             // bare head word (رئيس): needs a complement to be a title
)

// entry is one lexicon row.
type entry struct {
	kind  kind
	form  string             // the form as written in the file
	fold  string             // text.Fold(form)
	val   string             // title: English; portfolio/topic: id; trigger: event; modal: future|cond; rel: +N/-N/last/next/this
	a, b  string             // title: portfolio, -; trigger: kind, role
	c     string             // trigger: aspect
	state string             // title: the only state whose office is so named ("Secretary of State": US)
	seat  []*gazetteer.Entry // seat of government: the place it stands for, as a city of its country
	n     int                // month or weekday number; rel day offset
	flags int
}

// language holds the parsed lexicons of one language.
type language struct {
	code      string
	trie      text.Trie[*entry]
	particles map[string]bool // folded name particles
	given     map[string]bool // folded given names (Arabic), a feature only
	// starts filters the root keys of trie and of gazetteer.Default()'s
	// trie (New pairs the lexicons with that gazetteer): see segment.
	starts *text.KeyFilter
}

// lexicons holds every language plus the shared portfolio names.
type lexicons struct {
	langs      map[string]*language
	portfolios map[string]string // id → English name
	holders    *holders          // office holders by name (holders.go)
	outlets    map[string]string // folded outlet name → country (outlets.tsv)
}

var fileKinds = map[string]kind{
	"titles": kTitle, "portfolios": kPortfolio, "ranks": kRank, "honorifics": kHonor,
	"counterparts": kCounter, "triggers": kTrigger, "months": kMonth, "weekdays": kWeekday,
	"relative": kRel, "topics": kTopic, "negation": kNeg, "modality": kModal, "stop": kStop, "links": kLink, "adjectives": kAdj,
	"seats": kSeat,
}

// loadLexicons parses the embedded lexicon files. An error names file:line.
func loadLexicons() (*lexicons, error) {
	lx := &lexicons{langs: map[string]*language{}, portfolios: map[string]string{}, outlets: map[string]string{}}
	if err := eachRow("lexicon/outlets.tsv", 2, func(cols []string) error {
		if len(cols[1]) != 2 {
			return fmt.Errorf("outlet %q: country %q is no ISO code", cols[0], cols[1])
		}
		lx.outlets[text.Fold(cols[0])] = strings.ToUpper(cols[1])
		return nil
	}); err != nil {
		return nil, err
	}
	particles := map[string]bool{}
	if err := eachRow("lexicon/particles.tsv", 1, func(cols []string) error {
		particles[text.Fold(cols[0])] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachRow("lexicon/portfolios.tsv", 2, func(cols []string) error {
		lx.portfolios[cols[0]] = cols[1]
		return nil
	}); err != nil {
		return nil, err
	}
	titles := map[string]*entry{} // English canonical title → its first singular entry
	for _, code := range []string{"ar", "en", "fr"} {
		l := &language{code: code, particles: particles, given: map[string]bool{}}
		files, err := fs.ReadDir(lexiconFS, "lexicon/"+code)
		if err != nil {
			return nil, fmt.Errorf("lexicon/%s: %w", code, err)
		}
		for _, f := range files {
			name := strings.TrimSuffix(f.Name(), ".tsv")
			if strings.HasPrefix(name, "given") {
				if err := eachRow(path.Join("lexicon", code, f.Name()), 1, func(cols []string) error {
					l.given[text.Fold(cols[0])] = true
					return nil
				}); err != nil {
					return nil, err
				}
				continue
			}
			k, ok := fileKinds[name]
			if !ok {
				return nil, fmt.Errorf("lexicon/%s/%s: unknown lexicon file", code, f.Name())
			}
			p := path.Join("lexicon", code, f.Name())
			if err := eachRow(p, 1, func(cols []string) error {
				e, err := parseEntry(k, cols)
				if err != nil {
					return err
				}
				l.trie.Add(e.form, e)
				if k == kTitle && code == "en" && e.flags&flPl == 0 && titles[e.val] == nil {
					titles[e.val] = e
				}
				return nil
			}); err != nil {
				return nil, err
			}
		}
		lx.langs[code] = l
	}
	hs, err := loadHolders(titles, lx.langs["ar"].given)
	if err != nil {
		return nil, err
	}
	lx.holders = hs
	return lx, nil
}

// outlet returns the country of the outlet an article's source field names
// ("هسبريس (مثال)", "Jordan Times"), or "": a parenthesis is dropped and the
// rest must be a known outlet name whole ("APS Sénégal" is not APS).
// sourceCountry reads the country a source's name gives ("Tunisie
// Numérique", "Jordan Times", "The Star (Kenya)", "Le Quotidien (Tunis)",
// "وكالة الأنباء الليبية") when outlets.tsv does not list it: exactly one
// country, nationality or city of one country in the name. International
// media named after their home ("Agence France-Presse", "France 24", "Radio
// France Internationale") report the world, not their country's side: their
// names say so, and they are skipped.
func (x *Extractor) sourceCountry(source string) string {
	var tokBuf [16]text.Token // a source's name is short: tokenize on the stack
	toks := text.AppendTokens(tokBuf[:0], source)
	code := ""
	for i := 0; i < len(toks); {
		switch toks[i].Fold {
		case "international", "internationale", "world", "monde", "global", "24", "afp", "الدوليه":
			return ""
		case "france":
			if i+1 < len(toks) && toks[i+1].Fold == "presse" {
				return ""
			}
		}
		end, es, ok := x.gz.Longest(toks, i)
		if !ok {
			i++
			continue
		}
		for _, e := range es {
			switch e.Kind {
			case gazetteer.Country, gazetteer.Demonym, gazetteer.City:
				if code != "" && e.Code != code {
					return ""
				}
				code = e.Code
			}
		}
		i = end
	}
	return code
}

func (lx *lexicons) outlet(source string) string {
	if i := strings.IndexAny(source, "(（"); i >= 0 {
		source = source[:i]
	}
	return lx.outlets[text.Fold(source)]
}

// parseEntry builds the entry of one row of a file of kind k.
func parseEntry(k kind, cols []string) (*entry, error) {
	col := func(i int) string {
		if i < len(cols) {
			return cols[i]
		}
		return ""
	}
	e := &entry{kind: k, form: cols[0], fold: text.Fold(cols[0])}
	switch k {
	case kTitle:
		if col(1) == "" {
			return nil, fmt.Errorf("title: missing English form")
		}
		e.val, e.a, e.state = col(1), col(2), strings.ToUpper(col(4))
		for _, f := range strings.Split(col(3), ",") {
			switch strings.TrimSpace(f) {
			case "":
			case "min":
				e.flags |= flMin
			case "amb":
				e.flags |= flAmb
			case "pl":
				e.flags |= flPl
			case "org":
				e.flags |= flOrg
			case "head":
				e.flags |= flHead
			default:
				return nil, fmt.Errorf("title: unknown flag %q", f)
			}
		}
	case kSeat:
		if len(col(1)) != 2 || col(2) == "" {
			return nil, fmt.Errorf("seat: want an ISO code and an English name")
		}
		e.seat = []*gazetteer.Entry{{Kind: gazetteer.City, Code: strings.ToUpper(col(1)), Form: cols[0], Display: col(2)}}
	case kPortfolio, kTopic, kRank, kModal:
		e.val = col(1)
		if e.val == "" {
			return nil, fmt.Errorf("missing value column")
		}
	case kTrigger:
		e.val, e.a, e.b, e.c = col(1), col(2), col(3), col(4)
		switch e.val {
		case "meet", "sign", "agree", "doc":
		default:
			return nil, fmt.Errorf("trigger: unknown event %q", e.val)
		}
		if e.a == "" || e.c == "" {
			return nil, fmt.Errorf("trigger: missing kind or aspect")
		}
	case kMonth, kWeekday:
		n, err := strconv.Atoi(col(1))
		if err != nil {
			return nil, fmt.Errorf("bad number %q", col(1))
		}
		e.n = n
	case kRel:
		e.val = col(1)
		if v := e.val; strings.HasPrefix(v, "+") || strings.HasPrefix(v, "-") {
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("relative: bad offset %q", v)
			}
			e.n = n
		} else if v != "last" && v != "next" && v != "this" {
			return nil, fmt.Errorf("relative: unknown meaning %q", v)
		}
	}
	return e, nil
}

// eachRow calls fn with the tab-separated columns of every non-comment,
// non-empty line of an embedded file, checking the minimum column count.
// Errors are prefixed with file:line.
func eachRow(p string, minCols int, fn func(cols []string) error) error {
	f, err := lexiconFS.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if len(cols) < minCols || cols[0] == "" {
			return fmt.Errorf("%s:%d: want at least %d columns", p, n, minCols)
		}
		if err := fn(cols); err != nil {
			return fmt.Errorf("%s:%d: %w", p, n, err)
		}
	}
	return sc.Err()
}
