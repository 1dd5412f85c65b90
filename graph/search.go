package graph

import (
	"sort"
	"strconv"
	"strings"

	"diplograph/loader/text"
)

// Search limits: limit 0 means DefaultSearchLimit; more than MaxSearchLimit is
// cut to it. maxTokenScan bounds the index entries read per query word, so a
// one-letter query costs no more than a precise one.
const (
	DefaultSearchLimit = 10
	MaxSearchLimit     = 100
	maxTokenScan       = 5000
)

// Match levels of one query word against one indexed word, best first.
const (
	levelFoldExact  = 4 // the folded word itself
	levelKeyExact   = 3 // the same transliteration key token (مازن ~ Mazen)
	levelFoldPrefix = 2
	levelKeyPrefix  = 1
)

type match struct {
	kind    string
	label   string
	country string
	weight  int
	score   int
}

// queryWords splits a query into its folded words, each with the
// transliteration key of the word.
func queryWords(q string) (folds, keys []string) {
	for _, w := range strings.Fields(text.Fold(q)) {
		folds = append(folds, w)
		keys = append(keys, text.NameKey(w))
	}
	return folds, keys
}

// matchTokens finds the records of a kind ("" for any) whose indexed words
// match every word of q, each as a word or a prefix of a word, folded or by
// transliteration key. Scores add up the best level per query word.
func (r *reader) matchTokens(q, kind string) (map[string]*match, int, error) {
	folds, keys := queryWords(q)
	if len(folds) == 0 {
		return nil, 0, nil
	}
	var acc map[string]*match
	for i, fw := range folds {
		cur := map[string]*match{}
		scan := func(tok string, exact, prefix int) error {
			if tok == "" {
				return nil
			}
			n := 0
			return r.tx.Scan(r.ctx, []byte(pSearch+tok), nil, func(k, v []byte) (bool, error) {
				n++
				parts := splitKey(k, pSearch)
				if len(parts) != 3 {
					return true, nil
				}
				if kind != "" && parts[1] != kind {
					return n < maxTokenScan, nil
				}
				lvl := prefix
				if parts[0] == tok {
					lvl = exact
				}
				id := parts[2]
				m := cur[id]
				if m == nil {
					w, rest, _ := strings.Cut(string(v), sep)
					country, label, _ := strings.Cut(rest, sep)
					wn, _ := strconv.Atoi(w)
					m = &match{kind: parts[1], label: label, country: country, weight: wn}
					cur[id] = m
				}
				m.score = max(m.score, lvl)
				return n < maxTokenScan, nil
			})
		}
		if err := scan(fw, levelFoldExact, levelFoldPrefix); err != nil {
			return nil, 0, err
		}
		if err := scan(keys[i], levelKeyExact, levelKeyPrefix); err != nil {
			return nil, 0, err
		}
		if acc == nil {
			acc = cur
			continue
		}
		for id, m := range acc {
			c := cur[id]
			if c == nil {
				delete(acc, id)
				continue
			}
			m.score += c.score
		}
	}
	return acc, len(folds), nil
}

var kindRank = map[string]int{KindCountry: 0, KindOfficial: 1, KindMinistry: 2, KindMeeting: 3}

// Search finds countries, officials, ministries and meetings (by place)
// whose names match every word of text (as a word or the start of one), in
// any script. Hits are ranked by how well they match (exact words before
// prefixes, spelling before transliteration), then by kind in that order,
// then by how many sources back them (rounded: see weight).
func (r *reader) Search(q string, limit int) ([]Hit, error) {
	switch {
	case limit <= 0:
		limit = DefaultSearchLimit
	case limit > MaxSearchLimit:
		limit = MaxSearchLimit
	}
	ms, _, err := r.matchTokens(q, "")
	if err != nil {
		return nil, err
	}
	if ms == nil {
		ms = map[string]*match{}
	}
	for code, score := range r.g.matchCountries(q) {
		c := r.g.byCode[code]
		ms[code] = &match{kind: KindCountry, label: countryLabel(c), score: score, weight: 0}
	}
	type hit struct {
		id string
		*match
	}
	hits := make([]hit, 0, len(ms))
	for id, m := range ms {
		hits = append(hits, hit{id, m})
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.kind != b.kind {
			return kindRank[a.kind] < kindRank[b.kind]
		}
		if a.weight != b.weight {
			return a.weight > b.weight
		}
		if a.label != b.label {
			return a.label < b.label
		}
		return a.id < b.id
	})
	out := make([]Hit, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, Hit{ID: h.id, Kind: h.kind, Name: h.label})
	}
	return out, nil
}

func countryLabel(c *Country) string {
	if n := c.Names[LangEnglish]; n != "" {
		return n
	}
	return c.Code
}

// matchCountries scores the seeded countries against q, word by word, like
// matchTokens (countries have no transliteration keys: their names are given
// in each language).
func (g *Graph) matchCountries(q string) map[string]int {
	folds, _ := queryWords(q)
	var acc map[string]int
	for _, w := range folds {
		cur := map[string]int{}
		i := sort.SearchStrings(g.ctryToks, w)
		for ; i < len(g.ctryToks) && strings.HasPrefix(g.ctryToks[i], w); i++ {
			t := g.ctryToks[i]
			lvl := levelFoldPrefix
			if t == w {
				lvl = levelFoldExact
			}
			for _, code := range g.ctryTok[t] {
				cur[code] = max(cur[code], lvl)
			}
		}
		if acc == nil {
			acc = cur
			continue
		}
		for code := range acc {
			if cur[code] == 0 {
				delete(acc, code)
				continue
			}
			acc[code] += cur[code]
		}
	}
	return acc
}
