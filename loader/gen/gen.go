package gen

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

//go:embed world.tsv
var worldTSV string

//go:embed names.tsv
var namesTSV string

// Options says what to generate.
type Options struct {
	N    int    // number of articles
	Seed uint64 // same seed, same corpus
	// Langs restricts the languages (default ar, en, fr in equal shares).
	Langs []string
	// Start and Years bound the publication dates (default 2015-01-01, 10 years).
	Start time.Time
	Years int
	// Turnover, when positive, gives ministers terms: each time an event
	// needs the minister of a country and portfolio, a new one takes office
	// with probability 1/Turnover, so that a minister takes part in Turnover
	// events on average (a world of many officials, each named in fewer
	// articles). 0: one minister per country and portfolio for the whole
	// corpus, the corpus of earlier versions.
	Turnover int
}

// Article is one generated article, in the loader's input format.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Lang      string `json:"lang"`
}

type country struct {
	code, en, enDem, ar, arNisba, frName, frDe, frDem, capEn, capAr, capFr string
}

type namePart struct{ ar, latin string }

type world struct {
	countries []country
	given     []namePart
	family    []namePart
}

var (
	worldOnce sync.Once
	theWorld  world
	worldErr  error
)

func loadWorld() (world, error) {
	worldOnce.Do(func() {
		for i, line := range strings.Split(worldTSV, "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 11 {
				worldErr = fmt.Errorf("world.tsv:%d: %d fields, want 11", i+1, len(f))
				return
			}
			theWorld.countries = append(theWorld.countries, country{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]})
		}
		for i, line := range strings.Split(namesTSV, "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				worldErr = fmt.Errorf("names.tsv:%d: %d fields, want 3", i+1, len(f))
				return
			}
			p := namePart{f[1], f[2]}
			switch f[0] {
			case "given":
				theWorld.given = append(theWorld.given, p)
			case "family":
				theWorld.family = append(theWorld.family, p)
			default:
				worldErr = fmt.Errorf("names.tsv:%d: kind %q, want given or family", i+1, f[0])
				return
			}
		}
	})
	return theWorld, worldErr
}

// Generate writes opts.N articles as JSON Lines to w. The corpus is a fictional
// but plausible world: real countries, fictional ministers (one per country and
// portfolio), and a pool of events each reported by one to four articles in
// different languages, with background paragraphs that make articles about
// 3 KB typical with a long tail.
func Generate(w io.Writer, opts Options) error {
	_, err := generate(w, opts)
	return err
}

// generate is Generate, returning the generator for tests to inspect.
func generate(w io.Writer, opts Options) (*generator, error) {
	wd, err := loadWorld()
	if err != nil {
		return nil, err
	}
	if opts.N < 0 {
		return nil, fmt.Errorf("gen: negative article count %d", opts.N)
	}
	if opts.Turnover < 0 {
		return nil, fmt.Errorf("gen: negative turnover %d", opts.Turnover)
	}
	langs := opts.Langs
	if len(langs) == 0 {
		langs = []string{"ar", "en", "fr"}
	}
	for _, l := range langs {
		if _, ok := tmpl[l]; !ok {
			return nil, fmt.Errorf("gen: unknown language %q (want ar, en or fr)", l)
		}
	}
	start := opts.Start
	if start.IsZero() {
		start = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	years := opts.Years
	if years <= 0 {
		years = 10
	}
	g := &generator{w: wd, rng: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), langs: langs,
		start: start, days: years * 365, holders: map[string]official{}, turnover: opts.Turnover}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var ev event
	reports := 0
	for i := range opts.N {
		if reports == 0 {
			ev = g.newEvent()
			reports = 1 + g.rng.IntN(4)
		}
		reports--
		a := g.article(i, ev)
		if err := enc.Encode(a); err != nil {
			return nil, err
		}
	}
	return g, bw.Flush()
}

// official is a fictional minister. The templates are written in the
// masculine (نظيره, his counterpart, son homologue), so the name lists hold
// men's given names only.
type official struct {
	given, family namePart
}

func (o official) ar() string    { return o.given.ar + " " + o.family.ar }
func (o official) latin() string { return o.given.latin + " " + o.family.latin }

type event struct {
	kind      string // visit, meeting, call
	portfolio string
	a, b      country // a travels to / calls b
	oa, ob    official
	date      time.Time
	topic     int
	mou       bool
	seq       int
}

type generator struct {
	w        world
	rng      *rand.Rand
	langs    []string
	start    time.Time
	days     int
	holders  map[string]official
	turnover int // Options.Turnover
	events   int
	uses     int // times an event needed a minister
	terms    int // ministers who took office
}

var portfolios = []string{"foreign", "interior", "defence", "trade", "energy"}

// holder is the fictional minister of a portfolio in a country: stable for the
// whole corpus, so the same person appears in many articles, unless ministers
// have terms (Options.Turnover). The draw is skipped without terms, so that
// a seed gives the corpus it gave before terms existed.
func (g *generator) holder(c country, portfolio string) official {
	key := c.code + "/" + portfolio
	g.uses++
	if o, ok := g.holders[key]; ok && (g.turnover == 0 || g.rng.IntN(g.turnover) != 0) {
		return o
	}
	g.terms++
	o := official{given: g.w.given[g.rng.IntN(len(g.w.given))], family: g.w.family[g.rng.IntN(len(g.w.family))]}
	g.holders[key] = o
	return o
}

func (g *generator) newEvent() event {
	g.events++
	i := g.rng.IntN(len(g.w.countries))
	j := g.rng.IntN(len(g.w.countries) - 1)
	if j >= i {
		j++
	}
	a, b := g.w.countries[i], g.w.countries[j]
	p := portfolios[g.rng.IntN(len(portfolios))]
	kinds := []string{"visit", "visit", "meeting", "call"}
	return event{
		kind: kinds[g.rng.IntN(len(kinds))], portfolio: p, a: a, b: b,
		oa: g.holder(a, p), ob: g.holder(b, p),
		date:  g.start.AddDate(0, 0, g.rng.IntN(g.days)),
		topic: g.rng.IntN(len(topics)), mou: g.rng.IntN(3) == 0, seq: g.events,
	}
}

func (g *generator) article(i int, ev event) Article {
	lang := g.langs[g.rng.IntN(len(g.langs))]
	t := tmpl[lang]
	// Published the day of the event or the day after; the lead says which day.
	lag := g.rng.IntN(2)
	pub := ev.date.AddDate(0, 0, lag)
	var b strings.Builder
	lead, title := t.lead(g, ev, lag)
	b.WriteString(lead)
	if ev.mou {
		b.WriteString(" ")
		b.WriteString(t.mou(ev))
	}
	// Background paragraphs: most articles land around 3 KB, a few run long.
	target := 1500 + g.rng.IntN(3000)
	if g.rng.IntN(20) == 0 {
		target = 8000 + g.rng.IntN(16000)
	}
	// Paragraphs are drawn without repetition until the pool runs out (real
	// articles do not repeat themselves); the long tail cycles through
	// reshuffled pools, whose paragraphs differ by their figures.
	var order []int
	for b.Len() < target {
		if len(order) == 0 {
			order = g.rng.Perm(len(t.filler))
		}
		b.WriteString("\n")
		b.WriteString(t.filler[order[0]](g, ev))
		order = order[1:]
	}
	return Article{
		ID:        fmt.Sprintf("gen-%s-%07d", lang, i),
		URL:       fmt.Sprintf("https://news.example/%s/%d/%07d", lang, pub.Year(), i),
		Title:     title,
		Body:      b.String(),
		Published: pub.Format(time.DateOnly),
		Source:    t.sources[g.rng.IntN(len(t.sources))],
		Lang:      lang,
	}
}
